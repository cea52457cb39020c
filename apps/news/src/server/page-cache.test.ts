import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { describe, expect, it } from "vitest";
import { createPageCache } from "./page-cache";

/** A site whose pages say how many times they were rendered, behind the cache as the news server has it. */
function site(options: { maxEntries?: number; ttlMs?: number } = {}) {
  let clock = 0;
  const cache = createPageCache({ maxEntries: 100, ttlMs: 60_000, ...options, now: () => clock });
  const renders = new Map<string, number>();
  let hold: Promise<void> | undefined;
  const app = new Hono();
  app.use(cache.middleware);
  app.use(compress());
  app.use(etag({ weak: true }));
  const rendered = (key: string) => {
    const n = (renders.get(key) ?? 0) + 1;
    renders.set(key, n);
    return n;
  };
  app.get("/trang/:name", async (c) => {
    const n = rendered(c.req.path);
    await hold;
    c.header("Cache-Control", "public, max-age=0, must-revalidate");
    return c.html(`<!doctype html><p>${c.req.param("name")} lần ${n}</p>${"<i>Đoàn</i>".repeat(200)}`);
  });
  app.get("/rieng", (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(`<p>lần ${rendered("/rieng")}</p>`);
  });
  app.get("/anh", (c) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(new Uint8Array([rendered("/anh")]), 200, { "Content-Type": "image/png" });
  });
  app.notFound((c) => c.html(`<p>không có, lần ${rendered("404")}</p>`, 404));
  return {
    app,
    cache,
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    advance: (ms: number) => {
      clock += ms;
    },
    holdRenders: (until: Promise<void>) => {
      hold = until;
    },
  };
}

describe("the page cache", () => {
  it("renders a page once and serves it again from memory, gzipped once, with a weak ETag", async () => {
    const { get, cache } = site();
    cache.setEnabled(true);
    const first = await get("/trang/a", { "Accept-Encoding": "gzip, deflate" });
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(first.headers.get("content-encoding")).toBe("gzip");
    expect(first.headers.get("vary")).toBe("Accept-Encoding");
    const tag = first.headers.get("etag") ?? "";
    expect(tag).toMatch(/^W\/"[\w-]+"$/);
    const zipped = new Uint8Array(await first.arrayBuffer());
    expect(gunzipSync(zipped).toString("utf8")).toContain("<p>a lần 1</p>");

    const second = await get("/trang/a", { "Accept-Encoding": "gzip" });
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.headers.get("etag")).toBe(tag);
    expect(second.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(zipped);

    // A client that takes no gzip gets the same page as it is.
    const plain = await get("/trang/a");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toContain("<p>a lần 1</p>");
    expect(cache.size).toBe(1);
  });

  it("answers 304 to a reader who holds the page's ETag", async () => {
    const { get, cache } = site();
    cache.setEnabled(true);
    const tag = (await get("/trang/a")).headers.get("etag") ?? "";
    const again = await get("/trang/a", { "If-None-Match": tag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(tag);
    expect(again.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(again.headers.get("content-type")).toBeNull();
    // Any of several tags, weak or not, will do.
    expect((await get("/trang/a", { "If-None-Match": `"khac", ${tag.slice(2)}` })).status).toBe(304);
    expect((await get("/trang/a", { "If-None-Match": '"khac"' })).status).toBe(200);
  });

  it("renders again after a clear, and keeps pages apart by path and query", async () => {
    const { get, cache } = site();
    cache.setEnabled(true);
    await get("/trang/a");
    expect(await (await get("/trang/a?trang=2")).text()).toContain("a lần 2");
    expect(await (await get("/trang/a")).text()).toContain("a lần 1");
    cache.clear();
    expect(cache.size).toBe(0);
    expect(await (await get("/trang/a")).text()).toContain("a lần 3");
  });

  it("does not keep a page rendered from data read before a clear", async () => {
    const { get, cache, holdRenders } = site();
    cache.setEnabled(true);
    let release: () => void = () => {};
    holdRenders(
      new Promise((resolve) => {
        release = resolve;
      }),
    );
    const pending = get("/trang/a");
    // The change arrives while the page is being rendered from what the API said before it.
    await new Promise((resolve) => setImmediate(resolve));
    cache.clear();
    release();
    expect(await (await pending).text()).toContain("a lần 1");
    expect(cache.size).toBe(0);
    expect(await (await get("/trang/a")).text()).toContain("a lần 2");
  });

  it("lets a page live no longer than its time to live", async () => {
    const { get, cache, advance } = site({ ttlMs: 1000 });
    cache.setEnabled(true);
    await get("/trang/a");
    advance(999);
    expect(await (await get("/trang/a")).text()).toContain("a lần 1");
    advance(1);
    expect(await (await get("/trang/a")).text()).toContain("a lần 2");
  });

  it("drops the page read least recently when full", async () => {
    const { get, cache } = site({ maxEntries: 2 });
    cache.setEnabled(true);
    await get("/trang/a");
    await get("/trang/b");
    await get("/trang/a");
    await get("/trang/c");
    expect(await (await get("/trang/a")).text()).toContain("a lần 1");
    expect(await (await get("/trang/b")).text()).toContain("b lần 2");
  });

  it("keeps no error page, no private answer, no image and nothing while it is off", async () => {
    const { get, cache } = site();
    cache.setEnabled(true);
    await get("/khong-co");
    expect(await (await get("/khong-co")).text()).toContain("lần 2");
    await get("/rieng");
    expect(await (await get("/rieng")).text()).toContain("lần 2");
    await get("/anh");
    expect(new Uint8Array(await (await get("/anh")).arrayBuffer())).toEqual(new Uint8Array([2]));
    expect(cache.size).toBe(0);

    cache.setEnabled(false);
    await get("/trang/z");
    expect(await (await get("/trang/z")).text()).toContain("z lần 2");
    expect(cache.size).toBe(0);
  });
});
