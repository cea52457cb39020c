// The admin's production server: the built SPA from dist/, and /api proxied to the API on the same origin.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { ErrorCode } from "@sodoan/api";
import type { LocalizedText } from "@sodoan/domain";
import { type Context, Hono } from "hono";
import { proxy } from "hono/proxy";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";

export type AdminServerOptions = {
  /** The API's origin, such as `http://127.0.0.1:8787`; `/api/…` paths are appended as they came. */
  apiUrl: string;
  /** The SPA's build output, holding index.html and assets/. */
  distDir: string;
};

/** Vite names built assets by content hash, so a given URL never changes and may be cached for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html names the current hashes: browsers must ask again each time. */
const NO_CACHE = "no-cache";
const SHORT = "public, max-age=3600";

const API_UNAVAILABLE: LocalizedText = {
  vi: "Không kết nối được máy chủ API. Vui lòng thử lại sau ít phút.",
  en: "The API server cannot be reached. Please try again in a few minutes.",
};

const NOT_FOUND: LocalizedText = {
  vi: "Không tìm thấy tệp này.",
  en: "This file does not exist.",
};

/**
 * Builds the admin server as a Hono app, apart from the entry that listens, so tests can call it with
 * `app.request()`.
 *
 * @example
 * const app = createAdminServer({ apiUrl: "http://127.0.0.1:8787", distDir: "dist" });
 * const response = await app.request("/");
 */
export function createAdminServer({ apiUrl, distDir }: AdminServerOptions) {
  const apiOrigin = new URL(apiUrl);
  const root = path.resolve(distDir);
  const indexFile = path.join(root, "index.html");

  const app = new Hono();
  app.use(requestId());

  app.all("/api", (c) => forwardToApi(c, apiOrigin));
  app.all("/api/*", (c) => forwardToApi(c, apiOrigin));

  app.use(
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      // The SPA's own scripts and styles, its API on the same origin, images it uploads or previews
      // (blob:, data:), and nothing from anywhere else; no inline script, no framing.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // Cache headers are set once the file is found: a header set inside serveStatic can miss the
  // response it built.
  app.use(async (c, next) => {
    await next();
    if (!c.res.ok || c.res.headers.has("Cache-Control")) return;
    if (c.req.path.startsWith("/assets/")) c.header("Cache-Control", IMMUTABLE);
    else
      c.header(
        "Cache-Control",
        c.res.headers.get("Content-Type")?.startsWith("text/html") ? NO_CACHE : SHORT,
      );
  });
  app.use("/assets/*", serveStatic({ root }));
  // A missing hashed asset must be a 404: answering with index.html would feed HTML to a <script>.
  app.all("/assets/*", (c) => c.json(errorBody("NOT_FOUND", NOT_FOUND, c.get("requestId")), 404));
  app.use("*", serveStatic({ root }));

  // Every other page path belongs to the SPA's router.
  app.on(["GET", "HEAD"], "*", async (c) => {
    if (hasFileExtension(c.req.path)) {
      return c.json(errorBody("NOT_FOUND", NOT_FOUND, c.get("requestId")), 404);
    }
    const html = await readFile(indexFile, "utf8");
    c.header("Cache-Control", NO_CACHE);
    return c.html(html);
  });

  return app;
}

/** Per-connection headers (RFC 9110 §7.6.1) that must not travel past this hop. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

async function forwardToApi(c: Context, apiOrigin: URL): Promise<Response> {
  const incoming = new URL(c.req.url);
  const target = new URL(`${incoming.pathname}${incoming.search}`, apiOrigin);
  // Cookies, authorization and content headers pass as they came; fetch sets Host for the API.
  const headers = new Headers(c.req.raw.headers);
  for (const name of [...HOP_BY_HOP, "host"]) headers.delete(name);
  headers.set("x-forwarded-host", incoming.host);
  // Behind a TLS-terminating proxy the browser's scheme is the proxy's word, not ours; trusting it
  // only decides whether the session cookie is marked Secure.
  headers.set("x-forwarded-proto", c.req.header("x-forwarded-proto") ?? incoming.protocol.replace(":", ""));
  const remoteAddress = remoteAddressOf(c);
  if (remoteAddress) {
    const earlier = headers.get("x-forwarded-for");
    headers.set("x-forwarded-for", earlier ? `${earlier}, ${remoteAddress}` : remoteAddress);
  }
  if (!headers.has("x-request-id")) headers.set("x-request-id", c.get("requestId"));
  try {
    // Redirects belong to the browser: pass them back untouched.
    return await proxy(target, { raw: c.req.raw, headers, redirect: "manual" });
  } catch {
    return c.json(errorBody("API_UNAVAILABLE", API_UNAVAILABLE, c.get("requestId")), 502, {
      "Cache-Control": "no-store",
      "Retry-After": "5",
    });
  }
}

/** The one error body of the whole system (DESIGN §6). */
function errorBody(code: ErrorCode, message: LocalizedText, requestId: string) {
  return { error: { code, message, issues: [], requestId } };
}

function remoteAddressOf(c: Context): string | undefined {
  const env: unknown = c.env;
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  return incoming?.socket?.remoteAddress;
}

function hasFileExtension(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  return last.includes(".");
}
