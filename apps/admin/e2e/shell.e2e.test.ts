import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getFreePort } from "@sodoan/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAdmin } from "./global-setup";
import { fileBrowser } from "./helpers";

const browser = fileBrowser();

describe("the admin shell with the API behind it", () => {
  // The API with the demo data and the admin in front of it, started once for every browser test.
  const admin = { url: inject("adminUrl") };

  it("shows the header, the footer and the database status that came through the proxy", async () => {
    const page = await browser().newPage();
    try {
      await page.goto(admin.url);
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      await expect.poll(() => page.title()).toBe("Sổ Đoàn — Quản trị");
      const heading = page.getByRole("heading", { level: 1 });
      expect(await heading.textContent()).toContain("Sổ Đoàn — Quản trị");
      expect(await heading.textContent()).toContain("Administration");

      const database = page.getByTestId("status-database");
      await database.waitFor();
      expect(await database.textContent()).toContain("Cơ sở dữ liệu: PGlite — kết nối tốt");
      expect(await database.textContent()).toContain("Database: PGlite — connected");
      expect(await page.getByTestId("status-api").textContent()).toContain("API: đang hoạt động");
      expect(await page.locator("footer").textContent()).toContain("Đoàn Thanh niên Cộng sản Hồ Chí Minh");

      const screenshot = path.join(tmpdir(), "sodoan-admin-shell.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(existsSync(screenshot)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("opens a deep link through the SPA fallback", async () => {
    const page = await browser().newPage();
    try {
      const response = await page.goto(`${admin.url}/to-chuc/khong-co`);
      expect(response?.status()).toBe(200);
      await page.getByTestId("status-database").waitFor();
    } finally {
      await page.close();
    }
  });
});

describe("the admin shell with the API down", () => {
  let admin: Awaited<ReturnType<typeof startAdmin>>;

  beforeAll(async () => {
    admin = await startAdmin(`http://127.0.0.1:${await getFreePort()}`);
  });

  afterAll(async () => {
    await admin?.stop();
  });

  it("says in both languages that the API cannot be reached, and offers to try again", async () => {
    const page = await browser().newPage();
    try {
      await page.goto(admin.url);
      const error = page.getByTestId("status-error");
      await error.waitFor();
      expect(await error.textContent()).toContain("Không kết nối được máy chủ API");
      expect(await error.textContent()).toContain("The API server cannot be reached");
      expect(await error.getByRole("button").textContent()).toContain("Thử lại");
      await page.screenshot({ path: path.join(tmpdir(), "sodoan-admin-api-down.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
