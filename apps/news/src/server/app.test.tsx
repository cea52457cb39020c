import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getFreePort, type StartedApi, startApi } from "@sodoan/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsServer } from "./app";
import { resolveAssets, sourceAssets } from "./assets";

const PUBLIC_URL = "https://tintuc.doan.example";

let api: StartedApi;

// An empty API: these tests are about the pages themselves, the e2e suite reads the demo data.
beforeAll(async () => {
  api = await startApi({ env: { DEMO_DATA: "off" } });
});

afterAll(async () => {
  await api?.stop();
});

function newsServer(apiUrl = api.url) {
  // Uncached: these tests are about each answer as rendered; page-cache.test.ts and pages.test.tsx cover the cache.
  return createNewsServer({
    apiUrl,
    publicUrl: PUBLIC_URL,
    assets: sourceAssets(),
    cache: false,
    views: false,
  });
}

describe("the home page", () => {
  it("renders a Vietnamese page with no script, its canonical link and stylesheet", async () => {
    const response = await newsServer().request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<title>Tin tức Đoàn — Đoàn Thanh niên Cộng sản Hồ Chí Minh</title>");
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/"/>`);
    expect(html).toContain('<link rel="stylesheet" href="/styles/site.css"/>');
    expect(html).not.toContain("<script");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("says so when nothing is published yet", async () => {
    const html = await (await newsServer().request("/")).text();
    expect(html).toContain("Tin mới nhất");
    expect(html).toContain("Chưa có bài viết nào.");
  });

  it("answers a repeated request with 304 when the page has not changed", async () => {
    const app = newsServer();
    const first = await app.request("/");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const second = await app.request("/", { headers: { "if-none-match": tag ?? "" } });
    expect(second.status).toBe(304);
  });

  it("compresses the page for readers who accept it", async () => {
    const response = await newsServer().request("/", { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("shows a friendly 503 page in Vietnamese when the API is unreachable", async () => {
    const closed = `http://127.0.0.1:${await getFreePort()}`;
    const response = await newsServer(closed).request("/");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Trang tin tạm thời gián đoạn");
    expect(html).not.toContain("<script");
  });
});

describe("other addresses", () => {
  it("answers an unknown path with a Vietnamese 404 page", async () => {
    const response = await newsServer().request("/khong-co-trang-nay");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Không tìm thấy trang");
  });

  it("serves the source stylesheet uncached in development", async () => {
    const response = await newsServer().request("/styles/site.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/css");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain(".article-list");
  });
});

describe("built assets", () => {
  let distDir: string;

  beforeAll(() => {
    distDir = mkdtempSync(path.join(tmpdir(), "sodoan-news-dist-"));
    mkdirSync(path.join(distDir, ".vite"));
    mkdirSync(path.join(distDir, "assets"));
    writeFileSync(
      path.join(distDir, ".vite", "manifest.json"),
      JSON.stringify({
        "src/styles/site.css": {
          file: "assets/site-Xy12Ab34.css",
          src: "src/styles/site.css",
          isEntry: true,
        },
      }),
    );
    writeFileSync(path.join(distDir, "assets", "site-Xy12Ab34.css"), "body{margin:0}");
  });

  afterAll(() => rmSync(distDir, { recursive: true, force: true }));

  it("links the hashed stylesheet named in Vite's manifest and caches it for good", async () => {
    const app = createNewsServer({
      apiUrl: api.url,
      publicUrl: PUBLIC_URL,
      assets: resolveAssets(distDir),
      cache: false,
      views: false,
    });
    const html = await (await app.request("/")).text();
    expect(html).toContain('<link rel="stylesheet" href="/assets/site-Xy12Ab34.css"/>');

    const css = await app.request("/assets/site-Xy12Ab34.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await css.text()).toBe("body{margin:0}");

    expect((await app.request("/assets/site-old.css")).status).toBe(404);
    expect((await app.request("/styles/site.css")).status).toBe(404);
  });
});
