import { describe, expect, it } from "vitest";
import { parseNewsEnv } from "./env";

describe("parseNewsEnv", () => {
  it("falls back to the documented defaults", () => {
    expect(parseNewsEnv({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      apiUrl: "http://127.0.0.1:8787",
      publicUrl: "http://localhost:3000",
      cache: { maxEntries: 1000, ttlMs: 300_000 },
      views: { flushMs: 10_000 },
    });
  });

  it("reads the cache and view counter settings; 0 seconds turns the cache off", () => {
    const env = parseNewsEnv({
      NEWS_CACHE_SECONDS: "60",
      NEWS_CACHE_PAGES: "50",
      NEWS_VIEW_FLUSH_SECONDS: "2",
      VIEW_COUNT_TOKEN: "bi-mat-cua-trang-tin",
    });
    expect(env.cache).toEqual({ maxEntries: 50, ttlMs: 60_000 });
    expect(env.views).toEqual({ flushMs: 2000, token: "bi-mat-cua-trang-tin" });
    expect(parseNewsEnv({ NEWS_CACHE_SECONDS: "0" }).cache).toBe(false);
    expect(() => parseNewsEnv({ VIEW_COUNT_TOKEN: "ngan" })).toThrow(/VIEW_COUNT_TOKEN/);
  });

  it("treats empty variables as unset", () => {
    expect(parseNewsEnv({ NEWS_PORT: "", PUBLIC_URL: "" }).port).toBe(3000);
  });

  it("reads the variables", () => {
    const env = parseNewsEnv({
      NEWS_PORT: "4000",
      API_URL: "http://api:8787",
      PUBLIC_URL: "https://tin.example.vn",
    });
    expect(env).toMatchObject({ port: 4000, apiUrl: "http://api:8787", publicUrl: "https://tin.example.vn" });
  });

  it("names every bad variable", () => {
    expect(() => parseNewsEnv({ NEWS_PORT: "cổng", API_URL: "ftp://x" })).toThrow(/NEWS_PORT[\s\S]*API_URL/);
  });
});
