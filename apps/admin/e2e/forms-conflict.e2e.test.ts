// The article editor's stale save and cleared fields in a real browser against the real API: another
// save meanwhile is named field by field and nothing typed is lost; an emptied optional field and an
// unlinked conference are cleared for good. The article and conference are the test's own.
import { signIn } from "@sodoan/testing";
import { describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, fileBrowser, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");

const browser = fileBrowser();

type Article = {
  id: string;
  title: string;
  lead: string;
  author?: string;
  source?: { name: string };
  conferenceId?: string;
};

describe("the article editor's conflicts and cleared fields", () => {
  it("names the field changed meanwhile, keeps what was typed, reloads, and clears optional fields", async () => {
    const call = await apiClient(apiUrl, ACCOUNTS.editor);
    const me = await call<{ scope: { organizationId: string } }>("/api/v1/auth/me");
    const stamp = Date.now();
    const meeting = await call<{ id: string; title: string }>("/api/v1/conferences", {
      method: "POST",
      json: {
        organizerId: me.scope.organizationId,
        kind: "thematic",
        title: `Hội nghị chuyên đề thử ${stamp}`,
        startDate: "2021-11-25",
        endDate: "2021-11-25",
      },
    });
    const created = await call<Article>("/api/v1/articles", {
      method: "POST",
      json: {
        title: `Thanh niên tình nguyện mùa đông ${stamp}`,
        category: "Đoàn thể",
        organizationId: me.scope.organizationId,
        lead: "Đoàn viên mang áo ấm lên vùng cao.",
        author: "Ban Tuyên giáo",
        source: { name: "Báo Hà Nam" },
        conferenceId: meeting.id,
        body: [{ type: "paragraph", text: "Chuyến đi kéo dài ba ngày." }],
      },
    });
    const path = `/api/v1/articles/${encodeURIComponent(created.id)}`;

    await withSignedInPage(browser(), adminUrl, ACCOUNTS.editor, async (page) => {
      await page.goto(`${adminUrl}/bai-viet/${encodeURIComponent(created.id)}`);
      await page.getByRole("heading", { name: created.title }).waitFor();
      const picker = page.getByLabel("Hội nghị được đưa tin");
      await expect.poll(() => picker.inputValue()).toBe(meeting.id);
      expect(await picker.locator("option:checked").textContent()).toContain(meeting.title);

      // The editor types a new title while someone else changes the lead and saves first.
      const typedTitle = `${created.title} (bản sửa)`;
      await page.getByLabel("Tiêu đề", { exact: true }).fill(typedTitle);
      const other = await signIn(apiUrl, ACCOUNTS.editor.email, ACCOUNTS.editor.password);
      const read = await fetch(`${apiUrl}${path}`, { headers: { Cookie: other } });
      await call(path, {
        method: "PATCH",
        json: { lead: "Sa-pô do người khác sửa." },
        headers: { "If-Match": read.headers.get("ETag") ?? "" },
      });
      const save = page.getByRole("button", { name: "Lưu thay đổi" });
      await save.click();
      const conflict = page.getByTestId("conflict");
      await conflict.waitFor();
      expect(await conflict.getByTestId("conflict-fields").textContent()).toBe("Đã bị đổi: Sa-pô (tóm tắt)");
      expect(await page.getByLabel("Tiêu đề", { exact: true }).inputValue()).toBe(typedTitle);
      expect((await call<Article>(path)).title).toBe(created.title);

      // Reloaded: the notice goes, the typed title stays, the untouched lead takes the other's
      // version, and the save goes through without undoing it.
      await conflict.getByRole("button", { name: "Tải lại bản mới nhất" }).click();
      await conflict.waitFor({ state: "detached" });
      expect(await page.getByLabel("Tiêu đề", { exact: true }).inputValue()).toBe(typedTitle);
      expect(await page.getByLabel("Sa-pô (tóm tắt)").inputValue()).toBe("Sa-pô do người khác sửa.");
      await save.click();
      const notice = page.getByRole("form", { name: "Lưu thay đổi" }).locator(".notice");
      await expect.poll(() => notice.allTextContents()).toEqual(["Đã lưu."]);
      expect(await call<Article>(path)).toMatchObject({
        title: typedTitle,
        lead: "Sa-pô do người khác sửa.",
      });

      // Emptied optional fields and an unlinked conference are cleared, not kept by the merge.
      await page.getByLabel("Tác giả").fill("");
      await page.getByLabel("Tên nguồn").fill("");
      await picker.selectOption("");
      await save.click();
      await expect.poll(() => notice.allTextContents()).toEqual(["Đã lưu."]);
      await page.reload();
      await page.getByRole("heading", { name: typedTitle }).waitFor();
      expect(await page.getByLabel("Tác giả").inputValue()).toBe("");
      expect(await page.getByLabel("Tên nguồn").inputValue()).toBe("");
      expect(await page.getByLabel("Hội nghị được đưa tin").inputValue()).toBe("");
      const stored = await call<Article>(path);
      expect(stored).not.toHaveProperty("author");
      expect(stored).not.toHaveProperty("source");
      expect(stored).not.toHaveProperty("conferenceId");
      expect(stored.title).toBe(typedTitle);
    });
  });
});
