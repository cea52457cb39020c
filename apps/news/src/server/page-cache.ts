// The rendered-page cache: each page is rendered and gzipped once, then served from memory with its
// ETag until the API's change feed says that what it shows changed (or its time to live runs out).
// It sits in front of the other middleware: a page it holds is answered (200 or 304) with the headers
// they set when it was rendered, without running them again.
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync, inflateSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";

export type PageCacheOptions = {
  /** How many pages are kept; the least recently read goes first. */
  maxEntries: number;
  /**
   * How long a page is kept at most, even when no change is announced: an article scheduled for
   * later goes public with no write, hence no change event, and a missed event heals by itself.
   */
  ttlMs: number;
  now?: () => number;
};

/** What is kept: HTML pages, Atom feeds, the sitemap and robots.txt. */
const CACHED_TYPES = /^(text\/html|text\/plain|application\/(atom\+)?xml)\b/;

/** Headers of one answer that the cache sets afresh for each. */
const PER_RESPONSE_HEADERS = new Set(["content-length", "content-encoding", "etag", "vary", "x-cache"]);
/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5). */
const KEPT_ON_304 = new Set([
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "vary",
  "x-cache",
]);

/** Whether `If-None-Match` names this tag, compared weakly as a GET must be. */
function etagMatches(tag: string, ifNoneMatch: string | null): boolean {
  if (ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = tag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((held) => held.trim().replace(/^W\//, "") === bare);
}

type Entry = {
  headers: [string, string][];
  body: Uint8Array;
  gzip: Uint8Array;
  etag: string;
  storedAt: number;
};

export type PageCache = {
  /** Serves GET pages from the cache, and keeps every 200 answer marked `public`. */
  middleware: MiddlewareHandler;
  /** Drops every page: something readers may see changed. */
  clear(): void;
  /**
   * Turns the cache on or off; off (the change feed is down, so no change would be heard) it
   * neither serves nor keeps pages. Either way it starts empty.
   */
  setEnabled(enabled: boolean): void;
  readonly size: number;
  readonly enabled: boolean;
};

/** Whether a client takes gzip: named with a weight above zero, or through `*`. */
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name !== "gzip" && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * A cache of whole pages in memory, keyed by path and query.
 *
 * @example
 * const cache = createPageCache({ maxEntries: 1000, ttlMs: 300_000 });
 * app.use(cache.middleware);
 * followChanges(apiUrl, { onChange: () => cache.clear() });
 */
export function createPageCache({ maxEntries, ttlMs, now = Date.now }: PageCacheOptions): PageCache {
  const entries = new Map<string, Entry>();
  // Bumped by every clear: a page rendered from data read before a change must not be kept after it.
  let generation = 0;
  let enabled = maxEntries > 0 && ttlMs > 0;

  const respond = (entry: Entry, request: Request, hit: boolean) => {
    const headers = new Headers(entry.headers);
    headers.set("ETag", entry.etag);
    headers.set("Vary", "Accept-Encoding");
    // For people and benchmarks looking at the answers; nothing reads it.
    headers.set("X-Cache", hit ? "HIT" : "MISS");
    if (etagMatches(entry.etag, request.headers.get("If-None-Match"))) {
      for (const name of [...headers.keys()]) if (!KEPT_ON_304.has(name)) headers.delete(name);
      return new Response(null, { status: 304, headers });
    }
    const gzip = acceptsGzip(request.headers.get("Accept-Encoding") ?? undefined);
    if (gzip) headers.set("Content-Encoding", "gzip");
    const body = gzip ? entry.gzip : entry.body;
    headers.set("Content-Length", String(body.byteLength));
    return new Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (!enabled || (method !== "GET" && method !== "HEAD")) return next();
    const url = new URL(c.req.url);
    const key = `${url.pathname}${url.search}`;
    const found = entries.get(key);
    if (found !== undefined && now() - found.storedAt < ttlMs) {
      // Read again: to the back of the line, last to go.
      entries.delete(key);
      entries.set(key, found);
      return respond(found, c.req.raw, true);
    }
    if (found !== undefined) entries.delete(key);

    const started = generation;
    await next();
    const response = c.res;
    const cacheControl = response.headers.get("Cache-Control") ?? "";
    const type = response.headers.get("Content-Type") ?? "";
    const encoding = response.headers.get("Content-Encoding");
    // Pages and feeds only: images pass through from the API, which readers' browsers keep for good.
    if (
      response.status !== 200 ||
      !/\bpublic\b/.test(cacheControl) ||
      !CACHED_TYPES.test(type) ||
      (encoding !== null && encoding !== "gzip" && encoding !== "deflate")
    )
      return;
    // The compress middleware behind this one may have compressed the page for this reader: kept
    // plain, it is compressed once, harder, for every later reader.
    const sent = new Uint8Array(await response.arrayBuffer());
    const body = encoding === "gzip" ? gunzipSync(sent) : encoding === "deflate" ? inflateSync(sent) : sent;
    const entry: Entry = {
      headers: [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name)),
      body,
      gzip: gzipSync(body, { level: 9 }),
      etag: `W/"${createHash("sha1").update(body).digest("base64url")}"`,
      storedAt: now(),
    };
    if (enabled && generation === started) {
      entries.set(key, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    }
    // Assigned twice so that the new response does not inherit the old one's headers.
    c.res = undefined;
    c.res = respond(entry, c.req.raw, false);
  };

  return {
    middleware,
    clear() {
      generation += 1;
      entries.clear();
    },
    setEnabled(on) {
      generation += 1;
      entries.clear();
      enabled = on && maxEntries > 0 && ttlMs > 0;
    },
    get size() {
      return entries.size;
    },
    get enabled() {
      return enabled;
    },
  };
}
