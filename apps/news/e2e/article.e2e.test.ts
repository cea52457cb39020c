import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getFreePort, launchBrowser, type StartedApi, startApi, startProcess } from "@sodoan/testing";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiWriter, type NewsFixtures, writeNewsFixtures } from "../src/server/test-fixtures";

const NEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEWS_ENTRY = path.join(NEWS_DIR, "dist/server/main.js");

let browser: Browser;
let api: StartedApi;
let fixtures: NewsFixtures;
let news: { url: string; stop: () => Promise<void> };
let reader: BrowserContext;

beforeAll(async () => {
  if (!existsSync(NEWS_ENTRY)) {
    throw new Error(
      `The news viewer is not built (${NEWS_ENTRY} is missing): run \`pnpm --filter @sodoan/news build\`.`,
    );
  }
  // An empty API holding only the fixtures, so that searches and lists find just them.
  [browser, api] = await Promise.all([launchBrowser(), startApi({ env: { DEMO_DATA: "off" } })]);
  fixtures = await writeNewsFixtures(api.url);
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    command: process.execPath,
    args: [NEWS_ENTRY],
    cwd: NEWS_DIR,
    env: { ...process.env, NEWS_PORT: String(port), HOST: "127.0.0.1", API_URL: api.url, PUBLIC_URL: url },
    readyUrl: `${url}/`,
    timeoutMs: 30_000,
  });
  news = { url, stop: server.stop };
  // A reader whose browser runs no JavaScript at all.
  reader = await browser.newContext({ javaScriptEnabled: false });
}, 180_000);

afterAll(async () => {
  await reader?.close();
  await news?.stop();
  await api?.stop();
  await browser?.close();
});

describe("a reader without JavaScript", () => {
  it("reads an article with its image and follows the link to where its figure comes from", async () => {
    const page = await reader.newPage();
    await page.goto(`${news.url}/chuyen-muc/doan-the`);
    await page.getByRole("link", { name: fixtures.title }).click();
    expect(new URL(page.url()).pathname).toBe(`/bai-viet/${fixtures.slug}`);
    expect(await page.locator("h1").textContent()).toBe(fixtures.title);
    const image = page.getByRole("img", { name: "Đại biểu dự hội nghị chuyên đề" });
    await image.scrollIntoViewIfNeeded();
    // The image loaded through the news server, in one of the API's widths.
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
      .toBeGreaterThan(0);

    await page.getByRole("link", { name: "Nguồn số liệu" }).click();
    expect(new URL(page.url()).pathname).toBe(`/bai-viet/${fixtures.slug}/so-lieu/1`);
    expect(await page.locator("h1").textContent()).toBe("6 đoàn viên đang sinh hoạt");
    expect(await page.getByText("Tính lại hôm nay vẫn cho đúng số đã công bố.").count()).toBe(1);
    await page.close();
  });

  it("searches without diacritics from the box in the header", async () => {
    const page = await reader.newPage();
    await page.goto(news.url);
    await page.getByLabel("Tìm kiếm tin bài").fill("doan khoi doanh nghiep");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/tim-kiem");
    await page.getByRole("link", { name: fixtures.title }).click();
    expect(new URL(page.url()).pathname).toBe(`/bai-viet/${fixtures.slug}`);
    await page.close();
  });

  it("posts a comment that waits for moderation and appears once approved", async () => {
    const page = await reader.newPage();
    await page.goto(`${news.url}/bai-viet/${fixtures.slug}`);
    await page.getByLabel("Họ và tên").fill("Ngọc Hân");
    await page.getByLabel("Nội dung").fill("Cảm ơn bài viết về chi đoàn.");
    await page.getByRole("button", { name: "Gửi bình luận" }).click();
    expect(await page.getByRole("status").textContent()).toContain("đang chờ duyệt");
    expect(await page.getByText("Cảm ơn bài viết về chi đoàn.").count()).toBe(0);

    const comments = await apiWriter(api.url).get<{ id: string }[]>(
      `/api/v1/articles/${fixtures.articleId}/comments`,
    );
    await apiWriter(api.url).send(
      "POST",
      `/api/v1/comments/${comments[0]?.id}/moderate`,
      { decision: "approved" },
      { "If-Match": '"v1"' },
    );
    await page.goto(`${news.url}/bai-viet/${fixtures.slug}`);
    // The browser may keep the page it saw a minute ago (Cache-Control): a reload asks again.
    await page.reload();
    expect(await page.getByText("Cảm ơn bài viết về chi đoàn.").count()).toBe(1);
    await page.close();
  });
});
