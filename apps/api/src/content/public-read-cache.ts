// The public reads' answer cache. A public answer (an article, a figure, a list) is the same for
// every reader, so each instance keeps the answers it gave and serves them again without asking
// the database, until anything it could depend on changes: then the whole cache is dropped. Writes
// are rare beside reads, so dropping everything is cheaper than knowing what each answer read.
//
// Drops come from three places: a write through this instance (at once, before its answer
// leaves), the change bus (writes through other instances, articles falling due), and a time limit
// that bounds what no bus can tell (a write made outside the API, a date rolling over, view counts).
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import type { ChangeBus } from "./change-bus.js";
import { PUBLIC_MAX_AGE_SECONDS } from "./http-cache.js";

export type PublicReadCacheOptions = {
  /** How long an answer is served without being computed again, at most. */
  ttlMs?: number;
  /** How many bytes of answers are held; the least recently served go first. */
  maxBytes?: number;
  /** The app's clock (its `now` service), in milliseconds. */
  now?: () => number;
};

type Entry = {
  /**
   * The JSON text: the Node server writes a string body in one call, where an ArrayBuffer would be
   * streamed to the socket a chunk at a time.
   */
  body: string;
  bytes: number;
  headers: [string, string][];
  etag: string | undefined;
  storedAt: number;
};

/** Paths whose answers are never held: the change feed is a stream, images carry their own caching. */
const UNCACHED = /^\/api\/v1\/public\/(changes|images)(\/|$)/;
const PUBLIC_PREFIX = "/api/v1/public/";
/** Headers an answer keeps when served again; the rest (request id, security headers) are per request. */
const KEPT_HEADERS = ["content-type", "cache-control", "etag"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * Sign-in and sign-out write sessions, which no public answer reads. Readers' own writes do count:
 * a view count batch (every few seconds from each news server) changes the article's answer.
 */
const WRITES_NO_PUBLIC_ANSWER_READS = /^\/api\/v1\/auth\//;

export type PublicReadCache = ReturnType<typeof createPublicReadCache>;

export function createPublicReadCache(options: PublicReadCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? PUBLIC_MAX_AGE_SECONDS * 1000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Map order is recency order: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, Entry>();
  // Answers being computed, so that a burst of readers after a drop computes each answer once.
  const pending = new Map<string, Promise<Entry | undefined>>();
  let bytes = 0;
  // Bumped by every drop: an answer computed across a drop may predate the write and is not kept.
  let generation = 0;

  function drop() {
    generation++;
    entries.clear();
    pending.clear();
    bytes = 0;
  }

  function store(key: string, entry: Entry) {
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldest, held] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= held.bytes;
    }
  }

  function fresh(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entries.delete(key);
    // A clock that went back cannot say how old the answer is.
    const age = now() - entry.storedAt;
    if (age < 0 || age >= ttlMs) {
      bytes -= entry.bytes;
      return undefined;
    }
    entries.set(key, entry);
    return entry;
  }

  /** Serves public reads from the cache; place it before anything that reads the session. */
  const reads: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== "GET" || !c.req.path.startsWith(PUBLIC_PREFIX) || UNCACHED.test(c.req.path)) {
      return next();
    }
    // The path and query of the absolute URL, cut rather than parsed: this runs on every read.
    const key = c.req.url.slice(c.req.url.indexOf("/", c.req.url.indexOf("//") + 2));
    const ifNoneMatch = c.req.header("If-None-Match");
    const serve = (entry: Entry) => {
      const headers = Object.fromEntries(entry.headers);
      if (entry.etag !== undefined && matches(ifNoneMatch, entry.etag)) return c.body(null, 304, headers);
      return c.body(entry.body, 200, headers);
    };
    const held = fresh(key);
    if (held !== undefined) return serve(held);
    // Looked up without yielding first, so that a burst arriving together finds the first's promise.
    const waiting = pending.get(key);
    const computed = waiting === undefined ? undefined : await waiting;
    if (computed !== undefined) return serve(computed);

    const started = generation;
    // A revalidation may be answered without a body, so only a plain read is worth waiting for.
    const computing = ifNoneMatch === undefined && !pending.has(key);
    let settle: (entry: Entry | undefined) => void = () => {};
    if (computing) {
      pending.set(
        key,
        new Promise((resolve) => {
          settle = resolve;
        }),
      );
    }
    try {
      await next();
      const response = c.res;
      if (!computing || response.status !== 200 || generation !== started) return;
      const body = await response.clone().text();
      const entry: Entry = {
        body,
        bytes: Buffer.byteLength(body),
        headers: KEPT_HEADERS.flatMap((name) => {
          const value = response.headers.get(name);
          return value === null ? [] : [[name, value] as [string, string]];
        }),
        etag: response.headers.get("etag") ?? undefined,
        storedAt: now(),
      };
      if (generation !== started) return;
      store(key, entry);
      settle(entry);
    } finally {
      // Waiters of an answer that was not kept compute their own (a promise settles only once).
      settle(undefined);
      // After a drop the waiting list was emptied, and the entry under this key is someone else's.
      if (computing && generation === started) pending.delete(key);
    }
  };

  /**
   * Drops the cache after every write through this instance that succeeded, and tells the other
   * instances through the bus. The handlers commit before they answer, so the drop comes after the
   * write is visible.
   */
  function writes(bus: ChangeBus): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      await next();
      if (SAFE_METHODS.has(c.req.method) || c.res.status >= 400) return;
      if (WRITES_NO_PUBLIC_ANSWER_READS.test(c.req.path)) return;
      drop();
      // The write is committed: a bus that cannot be reached must not turn its answer into an
      // error. The other instances then serve their answers until the time limit.
      await bus.publish({ kind: "records" }).catch(() => {});
    };
  }

  /** Drops the cache on every change any instance announces; returns the unsubscription. */
  function follow(bus: ChangeBus): () => void {
    return bus.subscribe(() => drop());
  }

  return { reads, writes, follow, drop, size: () => entries.size };
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return (
    ifNoneMatch?.split(",").some((value) => value.trim().replace(/^W\//, "") === etag.replace(/^W\//, "")) ??
    false
  );
}
