import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getFreePort, launchBrowser, type StartedApi, startApi, startProcess } from "@sodoan/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEWS_ENTRY = path.join(NEWS_DIR, "dist/server/main.js");

/** Starts the built news server in front of `apiUrl` on a free port. */
async function startNews(apiUrl: string) {
  if (!existsSync(NEWS_ENTRY)) {
    throw new Error(
      `The news viewer is not built (${NEWS_ENTRY} is missing): run \`pnpm --filter @sodoan/news build\`.`,
    );
  }
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    command: process.execPath,
    args: [NEWS_ENTRY],
    cwd: NEWS_DIR,
    env: { ...process.env, NEWS_PORT: String(port), HOST: "127.0.0.1", API_URL: apiUrl, PUBLIC_URL: url },
    // Callers start the API first, so the home page answers 200 once the server listens.
    readyUrl: `${url}/`,
    timeoutMs: 30_000,
  });
  return { url, stop: server.stop };
}

/** The demo data's report on the Sóc Trăng conference of 31 August 2017. */
const SOC_TRANG_TITLE = "Đoàn Khối doanh nghiệp Sóc Trăng bàn cách nâng chất lượng cơ sở Đoàn";

let browser: Browser;
let api: StartedApi;
let news: Awaited<ReturnType<typeof startNews>>;

/** A fresh API loads the demo data before it answers: allow for that on a busy machine. */
const SEEDED_START_MS = 240_000;

beforeAll(async () => {
  [browser, api] = await Promise.all([launchBrowser(), startApi({ timeoutMs: SEEDED_START_MS })]);
  news = await startNews(api.url);
}, SEEDED_START_MS + 30_000);

afterAll(async () => {
  await news?.stop();
  await api?.stop();
  await browser?.close();
});

describe("the news home page in a browser", () => {
  it("is a Vietnamese page without any script, listing the demo data's articles newest first", async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(news.url);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe("Tin tức Đoàn — Đoàn Thanh niên Cộng sản Hồ Chí Minh");
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("h1").textContent()).toBe("Tin mới nhất");
      // The API started on an empty embedded database, so it loaded the demo data.
      const titles = await page.locator(".article-list .article-title").allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(5);
      expect(titles).toContain(SOC_TRANG_TITLE);
      const dates = await page
        .locator(".article-list time")
        .evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""));
      expect(dates).toEqual([...dates].sort().reverse());
      expect(await page.locator(".article-list").textContent()).toContain("01/09/2017");
      // The hashed stylesheet loaded: the header took the site's blue.
      const headerColor = await page
        .locator(".site-header")
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(headerColor).toBe("rgb(11, 78, 162)");
      await page.screenshot({ path: path.join(tmpdir(), "sodoan-news-home.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("works the same with JavaScript disabled", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const response = await page.goto(news.url);
      expect(response?.status()).toBe(200);
      expect(await page.locator(".site-title").textContent()).toBe("Tin tức Đoàn");
      expect(await page.locator(".article-list .article-title").allTextContents()).toContain(SOC_TRANG_TITLE);
    } finally {
      await context.close();
    }
  });

  it("shows the Vietnamese 404 page for an unknown address", async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${news.url}/khong-co-trang-nay`);
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
    } finally {
      await page.close();
    }
  });
});
