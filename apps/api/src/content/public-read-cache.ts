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
import { REQUEST_ID_HEADER, requestIdFor } from "../http/request-id.js";
import { type Logger, requestEntry } from "../log.js";
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
  /**
   * Every header of the answer but its request id, security headers included, as a plain object:
   * the Node server writes such headers as they are, where a Headers object is copied header by
   * header. A hit is served before the middleware that would set them again.
   */
  headers: Record<string, string>;
  etag: string | undefined;
  /** The path it answers, for the log line of each hit. */
  path: string;
  storedAt: number;
  /** Served since it was stored or last passed over for eviction: it gets a second chance. */
  used: boolean;
};

/** Paths whose answers are never held: the change feed is a stream, images carry their own caching. */
const UNCACHED = /^\/api\/v1\/public\/(changes|images)([/?]|$)/;
const PUBLIC_PREFIX = "/api/v1/public/";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * Sign-in and sign-out write sessions, which no public answer reads. Readers' own writes do count:
 * a view count batch (every few seconds from each news server) changes the article's answer.
 */
const WRITES_NO_PUBLIC_ANSWER_READS = /^\/api\/v1\/auth\//;

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export type PublicReadCache = ReturnType<typeof createPublicReadCache>;

export function createPublicReadCache(options: PublicReadCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? PUBLIC_MAX_AGE_SECONDS * 1000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Map order is the order of storing. Eviction takes from the front and gives an answer served
  // since its last pass one more turn at the end (the "second chance" approximation of least
  // recently used): a hit only sets a flag, where moving its entry would cost a Map deletion and
  // insertion on every hit.
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
    // An entry moved to the end is visited again, unflagged, so every entry is passed at most twice.
    for (const [oldest, held] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      if (held.used) {
        held.used = false;
        entries.set(oldest, held);
      } else {
        bytes -= held.bytes;
      }
    }
  }

  function fresh(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    // A clock that went back cannot say how old the answer is.
    const age = now() - entry.storedAt;
    if (age < 0 || age >= ttlMs) {
      entries.delete(key);
      bytes -= entry.bytes;
      return undefined;
    }
    entry.used = true;
    return entry;
  }

  /** The key of a request the cache may answer (its path and query), or undefined. */
  function keyOf(method: string, url: string): string | undefined {
    if (method !== "GET") return undefined;
    // Cut rather than parsed: this runs on every request.
    const key = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    return key.startsWith(PUBLIC_PREFIX) && !UNCACHED.test(key) ? key : undefined;
  }

  /**
   * Serves held answers in front of an app, before the app routes the request at all, as a caching
   * proxy would: for an answer already made, routing and middleware cost more than the answer. A
   * hit is answered with the headers it was first given with, security headers included, under a
   * request id of its own, and logged like any request. The rest goes to the app, whose `reads`
   * middleware makes the answers and keeps them.
   */
  function front<App extends { fetch: Fetch }>(app: App, log: Logger): App {
    const route = app.fetch;
    app.fetch = ((request, ...rest) => {
      const key = keyOf(request.method, request.url);
      const held = key === undefined ? undefined : fresh(key);
      if (key === undefined || held === undefined) return route(request, ...rest);
      const started = performance.now();
      const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
      const response = answer(held, request.headers.get("if-none-match"), requestId);
      log(requestEntry({ requestId, method: "GET", path: held.path, status: response.status, started }));
      return response;
    }) as App["fetch"];
    return app;
  }

  /**
   * Makes the answers the front serves and keeps them. Place it after the request id and before
   * the security headers, so that an answer kept has its security headers and not its request id.
   */
  const reads: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = keyOf(c.req.method, c.req.url);
    if (key === undefined) return next();
    const ifNoneMatch = c.req.header("If-None-Match");
    // Looked up without yielding first, so that a burst arriving together finds the first's promise.
    const waiting = pending.get(key);
    const computed = waiting === undefined ? undefined : await waiting;
    if (computed !== undefined) return answer(computed, ifNoneMatch, c.get("requestId"));

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
      // An answer that sets a cookie is someone's, not the public's.
      if (response.headers.has("set-cookie")) return;
      const body = await response.clone().text();
      const headers: Record<string, string> = {};
      for (const [name, value] of response.headers) if (name !== REQUEST_ID_HEADER) headers[name] = value;
      const entry: Entry = {
        body,
        bytes: Buffer.byteLength(body),
        headers,
        etag: response.headers.get("etag") ?? undefined,
        path: c.req.path,
        storedAt: now(),
        used: false,
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

  return { front, reads, writes, follow, drop, size: () => entries.size };
}

/** A held answer, as a response: 304 when the reader holds it already. */
function answer(entry: Entry, ifNoneMatch: string | null | undefined, requestId: string): Response {
  // Made here rather than through a context, whose headers would be a Headers object. Copied with
  // Object.assign: V8 spreads an object of this many headers by its slow path, over ten times longer.
  const headers: Record<string, string> = Object.assign({}, entry.headers);
  headers[REQUEST_ID_HEADER] = requestId;
  if (entry.etag !== undefined && matches(ifNoneMatch, entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body, { status: 200, headers });
}

function matches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  return (
    ifNoneMatch?.split(",").some((value) => value.trim().replace(/^W\//, "") === etag.replace(/^W\//, "")) ??
    false
  );
}
