// The article editor in a real browser against the real API with the demo data: an editor writes an
// article, uploads a photo, previews it, publishes it, moderates a reader's comment and withdraws it,
// and the public API shows each step. The article is the test's own: no demo record changes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { crc32, deflateSync } from "node:zlib";
import { signIn } from "@sodoan/testing";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, fileBrowser, signInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");

const browser = fileBrowser();

/** A PNG of random colours (so that it does not compress to nothing), made here: no file to keep. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  let seed = 1;
  for (let i = 0; i < rows.length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : seed >> 16;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The serious and critical accessibility violations axe-core finds on the page as it stands. */
async function seriousViolations(page: Page) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
  const found = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> };
    };
    return (await axe.run(document)).violations;
  });
  return found.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

type Article = {
  slug: string;
  lead: string;
  status: string;
  body: { type: string; text?: string; src?: string; alt?: string; caption?: string }[];
};

describe("the article editor", () => {
  it("takes an article from draft to published and withdrawn, with an image and a moderated comment", async () => {
    const call = await apiClient(apiUrl, ACCOUNTS.editor);
    const me = await call<{ scope: { organizationId: string } }>("/api/v1/auth/me");
    const title = `Ngày hội việc làm cho thanh niên nông thôn ${Date.now()}`;
    const paragraph =
      "Hơn hai trăm đoàn viên tìm hiểu các ngành nghề và gặp gỡ doanh nghiệp tại nhà văn hóa.";
    // axe-core is evaluated into the page, which the admin's content security policy would refuse.
    const context = await browser().newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      await signInPage(page, adminUrl, ACCOUNTS.editor);
      await page
        .getByRole("navigation", { name: "Chức năng" })
        .getByRole("link", { name: "Viết bài" })
        .click();

      // A draft: the fields of the domain's schema and one paragraph.
      await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
      await page.getByLabel("Chuyên mục").fill("Đoàn thể");
      await page.getByLabel("Đơn vị").selectOption(me.scope.organizationId);
      await page.getByLabel("Sa-pô (tóm tắt)").fill("Tỉnh đoàn tổ chức ngày hội tư vấn nghề cho thanh niên.");
      await page.getByLabel("Tác giả").fill("Ban Tuyên giáo");
      await page.getByLabel("Nội dung đoạn văn").fill(paragraph);
      await page.getByRole("button", { name: "Lưu bản nháp" }).click();
      await page.getByRole("heading", { name: title }).waitFor();
      const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
      expect(await page.getByTestId("article-status").textContent()).toBe("Bản nháp");

      // A photo, uploaded with its progress shown to the end.
      await page.getByRole("button", { name: "Thêm ảnh" }).click();
      const png = makePng(96, 64);
      await page
        .getByLabel(/^Tệp ảnh/)
        .setInputFiles({ name: "ngay-hoi.png", mimeType: "image/png", buffer: png });
      await page.getByText("Đã tải lên.").waitFor();
      const progress = await page
        .getByLabel("Tiến độ tải lên")
        .evaluate((bar: HTMLProgressElement) => ({ value: bar.value, max: bar.max }));
      expect(progress).toEqual({ value: png.length, max: png.length });
      await page
        .getByLabel("Mô tả ảnh cho người không xem được ảnh")
        .fill("Đoàn viên tìm hiểu gian hàng nghề");
      await page.getByLabel("Chú thích").fill("Gian hàng tư vấn nghề");

      // The preview shows the unsaved paragraph and image through the news viewer's renderer.
      const preview = page.getByTestId("article-preview");
      expect(await preview.locator(".article-body p").first().textContent()).toBe(paragraph);
      const image = preview.locator(".article-image img");
      expect(await image.getAttribute("alt")).toBe("Đoàn viên tìm hiểu gian hàng nghề");
      expect(await image.getAttribute("src")).toMatch(/^\/api\/v1\/public\/images\/[^/?]+\?w=96$/);
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 15_000,
        })
        .toBe(96);
      expect(await preview.locator("figcaption").textContent()).toBe("Gian hàng tư vấn nghề");

      // Someone else changes the article meanwhile: the save is refused and what was typed stays.
      const other = await signIn(apiUrl, ACCOUNTS.editor.email, ACCOUNTS.editor.password);
      const current = await fetch(`${apiUrl}/api/v1/articles/${id}`, { headers: { Cookie: other } });
      await call(`/api/v1/articles/${id}`, {
        method: "PATCH",
        json: { lead: "Tóm tắt do người khác sửa." },
        headers: { "If-Match": current.headers.get("ETag") ?? "" },
      });
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      await page.getByTestId("conflict").waitFor();
      expect(await page.getByLabel("Chú thích").inputValue()).toBe("Gian hàng tư vấn nghề");
      await page.getByRole("button", { name: "Tải lại bản mới nhất" }).click();
      await page.getByTestId("conflict").waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      const notice = page.getByRole("form", { name: "Lưu thay đổi" }).locator(".notice");
      await expect.poll(() => notice.allTextContents()).toEqual(["Đã lưu."]);
      // The editor with every kind of field on screen: labelled, named, keyboard-reachable.
      expect(await seriousViolations(page)).toEqual([]);
      const saved = await call<Article>(`/api/v1/articles/${id}`);
      expect(saved.body).toMatchObject([
        { type: "paragraph", text: paragraph },
        { type: "image", alt: "Đoàn viên tìm hiểu gian hàng nghề", caption: "Gian hàng tư vấn nghề" },
      ]);

      // Published: readers get it from the public API.
      await page.getByRole("button", { name: "Đăng ngay" }).click();
      await expect.poll(() => page.getByTestId("article-status").textContent()).toBe("Đã đăng");
      const published = await fetch(`${apiUrl}/api/v1/public/articles/${saved.slug}`);
      expect(published.status).toBe(200);
      expect(await published.json()).toMatchObject({ title, body: [{ text: paragraph }, { type: "image" }] });

      // A reader's comment waits for moderation, is approved in the admin, then readers see it.
      const comment = `Mong tỉnh đoàn tổ chức thêm ở các huyện ${Date.now()}`;
      const posted = await fetch(`${apiUrl}/api/v1/public/articles/${saved.slug}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ authorName: "Bạn đọc Phủ Lý", body: comment }),
      });
      expect(posted.status).toBe(202);
      const comments = page.getByTestId("comments");
      await comments.getByRole("button", { name: "Tải lại bình luận" }).click();
      const item = comments.getByTestId("comment").filter({ hasText: comment });
      await item.getByRole("button", { name: "Duyệt" }).click();
      await item.locator(".badge-approved").waitFor();
      expect(await item.locator(".badge").textContent()).toBe("Đã duyệt");
      const publicComments = await fetch(`${apiUrl}/api/v1/public/articles/${saved.slug}/comments`);
      expect(((await publicComments.json()) as { body: string }[]).map((c) => c.body)).toContain(comment);

      // Withdrawn: gone from the public API.
      await page.getByRole("button", { name: "Gỡ bài" }).click();
      await expect.poll(() => page.getByTestId("article-status").textContent()).toBe("Đã gỡ");
      expect((await fetch(`${apiUrl}/api/v1/public/articles/${saved.slug}`)).status).toBe(404);

      // Every change above is in the article's history, with who made it.
      const history = page.getByTestId("audit");
      await history.getByText("Lịch sử thay đổi").click();
      await expect
        .poll(() => history.locator("tbody tr").count(), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(4);
      expect(await history.textContent()).toContain(ACCOUNTS.editor.email);
    } finally {
      await context.close();
    }
  });
});
