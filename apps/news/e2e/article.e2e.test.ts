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
/** The secret the API and the news server share for view counts. */
const VIEW_COUNT_TOKEN = "bi-mat-luot-xem-cua-trang-tin";

beforeAll(async () => {
  if (!existsSync(NEWS_ENTRY)) {
    throw new Error(
      `The news viewer is not built (${NEWS_ENTRY} is missing): run \`pnpm --filter @sodoan/news build\`.`,
    );
  }
  // An empty API holding only the fixtures, so that searches and lists find just them.
  [browser, api] = await Promise.all([
    launchBrowser(),
    startApi({ env: { DEMO_DATA: "off", VIEW_COUNT_TOKEN } }),
  ]);
  fixtures = await writeNewsFixtures(api.url);
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    command: process.execPath,
    args: [NEWS_ENTRY],
    cwd: NEWS_DIR,
    env: {
      ...process.env,
      NEWS_PORT: String(port),
      HOST: "127.0.0.1",
      API_URL: api.url,
      PUBLIC_URL: url,
      // As deployed: the page cache on, views sent every second with the API's token.
      VIEW_COUNT_TOKEN,
      NEWS_VIEW_FLUSH_SECONDS: "1",
    },
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
    // The approval reaches the news server through the API's change feed a moment later.
    await expect
      .poll(
        async () => {
          await page.goto(`${news.url}/bai-viet/${fixtures.slug}`);
          return page.getByText("Cảm ơn bài viết về chi đoàn.").count();
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);
    await page.close();
  });

  it("sees an article appear once published and vanish once withdrawn, without a restart", async () => {
    const page = await reader.newPage();
    const title = "Tỉnh đoàn Hà Nam họp Ban Thường vụ mở rộng";
    await page.goto(news.url);
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);

    const writer = apiWriter(api.url);
    const article = await writer.publish({
      title,
      category: "Hội nghị",
      organizationId: fixtures.provinceId,
      lead: "Bí thư Tỉnh đoàn Trần Ngọc Nam chủ trì hội nghị bàn công tác cán bộ Đoàn.",
      body: [{ type: "paragraph", text: "Hội nghị rà soát việc quy hoạch cán bộ Đoàn cấp cơ sở." }],
    });
    await expect
      .poll(
        async () => {
          await page.goto(news.url);
          return page.getByRole("link", { name: title }).count();
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);

    // Found without its diacritics, from the search box in the header.
    await page.getByLabel("Tìm kiếm tin bài").fill("tran ngoc nam");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await page.getByRole("link", { name: title }).click();
    expect(new URL(page.url()).pathname).toBe(`/bai-viet/${article.slug}`);
    expect(await page.getByText("Trần Ngọc Nam chủ trì").count()).toBe(1);

    await writer.send("POST", `/api/v1/articles/${article.id}/withdraw`, undefined, { "If-Match": '"v2"' });
    await expect
      .poll(async () => (await page.goto(`${news.url}/bai-viet/${article.slug}`))?.status(), {
        timeout: 15_000,
        interval: 200,
      })
      .toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
    await page.goto(news.url);
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    await page.close();
  });

  it("opens the organisation behind an article, with its public figures and their source", async () => {
    const page = await reader.newPage();
    await page.goto(`${news.url}/bai-viet/${fixtures.slug}`);
    await page.getByRole("link", { name: "Tỉnh đoàn Sóc Trăng" }).click();
    expect(new URL(page.url()).pathname).toBe(`/to-chuc/${fixtures.provinceId}`);
    expect(await page.locator("h1").textContent()).toBe("Tỉnh đoàn Sóc Trăng");
    expect(await page.getByRole("heading", { name: "Số liệu công khai" }).count()).toBe(1);
    // The source opens without a script: a details element.
    await page.getByText("Nguồn số liệu").first().click();
    expect(await page.getByText("members.active").isVisible()).toBe(true);
    await page.close();
  });

  it("counts the views of an article in the API, through the news server's batches and token", async () => {
    const views = async () =>
      (
        (await (await fetch(`${api.url}/api/v1/public/articles/${fixtures.categorySlugs[1]}`)).json()) as {
          views: number;
        }
      ).views;
    const before = await views();
    const page = await reader.newPage();
    for (let i = 0; i < 3; i++) await page.goto(`${news.url}/bai-viet/${fixtures.categorySlugs[1]}`);
    await page.close();
    await expect.poll(views, { timeout: 15_000, interval: 200 }).toBe(before + 3);
  });
});
