// The news viewer as a Hono app: server-rendered pages from the API's public endpoints, and their stylesheet.

import { readFile } from "node:fs/promises";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import type { ReactNode } from "react";
import { NotFoundPage, UnavailablePage } from "../pages/error-pages";
import { HomePage } from "../pages/home-page";
import { Layout } from "../pages/layout";
import { ApiUnavailableError, createNewsApi } from "./api-client";
import { type Assets, DEV_STYLESHEET_PATH } from "./assets";
import { renderDocument } from "./render";

export type NewsServerOptions = {
  /** The API's origin, called server to server. */
  apiUrl: string;
  /** Where readers reach this site; canonical links are built from it. */
  publicUrl: string;
  assets: Assets;
  /** How long a page waits for the API before it shows the 503 page. */
  apiTimeoutMs?: number;
};

/** How many articles the home page lists. */
const HOME_PAGE_SIZE = 20;
/** Content-hashed file names never change content. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Pages change when an article is published; a minute of staleness spares the API. */
const PAGE_CACHE = "public, max-age=60";
/** Seconds a reader's browser or a crawler should wait after a 503. */
const RETRY_AFTER_SECONDS = "30";

/**
 * Builds the news server, apart from the entry that listens, so tests call it with `app.request()`.
 *
 * @example
 * const app = createNewsServer({ apiUrl, publicUrl: "https://tin.example.vn", assets: resolveAssets(distDir) });
 */
export function createNewsServer({ apiUrl, publicUrl, assets, apiTimeoutMs = 5_000 }: NewsServerOptions) {
  const api = createNewsApi(apiUrl, { timeoutMs: apiTimeoutMs });
  const canonical = (pathname: string) => new URL(pathname, publicUrl).href;

  const page = (
    c: Context,
    status: 200 | 404 | 500 | 503,
    content: ReactNode,
    extra: { title?: string; path?: string } = {},
  ) => {
    const html = renderDocument(
      <Layout
        stylesheets={assets.stylesheets}
        {...(extra.title ? { title: extra.title } : {})}
        {...(extra.path ? { canonicalUrl: canonical(extra.path) } : {})}
      >
        {content}
      </Layout>,
    );
    return c.html(html, status);
  };

  const app = new Hono();
  app.use(compress());
  // Weak, because the tag is computed before compression changes the bytes.
  app.use(etag({ weak: true }));
  app.use(
    secureHeaders({
      // The pages run no script and load nothing from elsewhere.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  if (assets.mode === "built") {
    // Set after the file is found: a header set inside serveStatic can miss the response it built.
    app.use("/assets/*", async (c, next) => {
      await next();
      if (c.res.ok) c.header("Cache-Control", IMMUTABLE);
    });
    app.use("/assets/*", serveStatic({ root: assets.distDir }));
  } else {
    const { stylesheetFile } = assets;
    app.get(DEV_STYLESHEET_PATH, async (c) => {
      c.header("Cache-Control", "no-cache");
      return c.body(await readFile(stylesheetFile, "utf8"), 200, {
        "Content-Type": "text/css; charset=utf-8",
      });
    });
  }

  app.get("/", async (c) => {
    const { items } = await api.latestArticles({ page: 1, pageSize: HOME_PAGE_SIZE });
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <HomePage articles={items} />, { path: "/" });
  });

  app.notFound((c) => page(c, 404, <NotFoundPage />, { title: "Không tìm thấy trang" }));

  app.onError((error, c) => {
    c.header("Cache-Control", "no-store");
    if (error instanceof ApiUnavailableError) {
      console.warn(`${c.req.method} ${c.req.path}: ${error.message}`);
      c.header("Retry-After", RETRY_AFTER_SECONDS);
      return page(c, 503, <UnavailablePage />, { title: "Tạm thời gián đoạn" });
    }
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return page(c, 500, <UnavailablePage />, { title: "Tạm thời gián đoạn" });
  });

  return app;
}
