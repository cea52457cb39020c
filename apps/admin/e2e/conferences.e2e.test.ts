// Conference records and member transfers in a real browser against the real API with the demo
// data: a conference with figures pulled for its date, a directive followed up by a later one; a
// member transferred out and received. Every record changed here is created here, dated after the
// figures other tests read.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, fileBrowser, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");
const BLOC = "doan-khoi-doanh-nghiep-soc-trang";

const browser = fileBrowser();

/** A fresh browser context signed in as the bloc administrator, closed after `use`. */
const asBlocAdmin = (use: (page: Page) => Promise<void>) =>
  withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, use);

describe("a conference record", () => {
  it("reports the figures of its date, keeps its directive, and a later conference follows it up", async () => {
    const call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
    const title = `Hội nghị chuyên đề thử ${Date.now()}`;
    const expected = await call<{ result: { value: { count: number } } }>(
      `/api/v1/metrics/members.active?organizationId=${BLOC}&asOf=2017-08-31`,
    );
    let conferenceId = "";

    await asBlocAdmin(async (page) => {
      await page
        .getByRole("navigation", { name: "Chức năng" })
        .getByRole("link", { name: "Hội nghị" })
        .click();
      await page.getByRole("link", { name: "Ghi hội nghị mới" }).click();
      await page.getByLabel("Loại hội nghị").selectOption("thematic");
      await page.getByLabel("Tên hội nghị").fill(title);
      await page.getByLabel("Ngày bắt đầu (dd/mm/yyyy)").fill("31/08/2017");
      await page.getByLabel("Tổ chức chủ trì").selectOption(BLOC);
      await page.getByLabel("Buổi").selectOption("afternoon");
      await page.getByRole("button", { name: "Thêm người (Chủ trì)" }).click();
      await page.locator("#chairs-0-fullName").fill("Đàm Mỹ Anh");
      await page.locator("#chairs-0-title").fill("Phó Bí thư Đoàn Khối");

      // The figure is pulled for the organiser on the conference's date, never typed.
      await page.getByLabel("Chỉ số").selectOption("members.active");
      await page.getByRole("button", { name: "Lấy số liệu" }).click();
      const figure = page.getByTestId("reported-members.active");
      await figure.waitFor({ timeout: 30_000 });
      const shown = (await figure.locator(".figure-value").textContent()) ?? "";
      expect(shown.replace(/\./g, "")).toBe(String(expected.result.value.count));

      // A due date before the conference is refused on its own field.
      await page.getByRole("button", { name: "Thêm chỉ đạo" }).click();
      await page.locator("#directives-0-text").fill("Kiện toàn các chi đoàn yếu trong quý IV");
      await page.locator("#directives-0-ownerId").selectOption(BLOC);
      await page.locator("#directives-0-dueDate").fill("01/01/2017");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.getByTestId("directives-0-dueDate-error").waitFor();

      await page.locator("#directives-0-dueDate").fill("31/12/2017");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.waitForURL(/\/hoi-nghi\/[^/]+$/);
      await page.getByRole("heading", { name: title }).waitFor();
      conferenceId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
      expect(conferenceId).not.toBe("moi");

      // Reopened, the record shows what was saved.
      await page.reload();
      await page.getByRole("heading", { name: title }).waitFor();
      expect(await page.locator("#directives-0-text").inputValue()).toBe(
        "Kiện toàn các chi đoàn yếu trong quý IV",
      );
      expect(await page.locator("#directives-0-dueDate").inputValue()).toBe("31/12/2017");
      expect(await page.getByTestId("reported-members.active").locator(".figure-value").textContent()).toBe(
        shown,
      );

      // Someone else changes the record meanwhile: the save says so, keeps what was typed, and
      // goes through once the latest version is loaded.
      await call(`/api/v1/conferences/${encodeURIComponent(conferenceId)}`, {
        method: "PATCH",
        json: { place: "Hội trường Tỉnh đoàn" },
        headers: { "If-Match": '"v1"' },
      });
      await page.getByLabel("Địa điểm").fill("Hội trường Đoàn Khối");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.getByTestId("conflict").waitFor();
      expect(await page.getByTestId("conflict-fields").textContent()).toBe("Đã bị đổi: Địa điểm");
      await page.getByRole("button", { name: "Tải lại bản mới nhất" }).click();
      await page.getByTestId("conflict").waitFor({ state: "detached" });
      expect(await page.getByLabel("Địa điểm").inputValue()).toBe("Hội trường Đoàn Khối");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.getByText("Đã lưu.").waitFor();
      const place = async () =>
        (await call<{ place?: string }>(`/api/v1/conferences/${encodeURIComponent(conferenceId)}`)).place;
      expect(await place()).toBe("Hội trường Đoàn Khối");

      // Emptied and saved, the place is cleared on the record, not kept.
      await page.getByLabel("Địa điểm").fill("");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await expect.poll(place, { timeout: 20_000 }).toBeUndefined();

      // The list finds it by its title, with the organiser by name.
      await page.goto(`${adminUrl}/hoi-nghi?q=${encodeURIComponent(title)}`);
      const listed = page.getByTestId("conference-table").locator("tbody tr", { hasText: title });
      await listed.waitFor();
      await expect.poll(() => listed.textContent()).not.toContain(BLOC);
    });

    const saved = await call<{
      place?: string;
      directives: { id: string }[];
      figures: { figure: { value: number; asOf?: string } }[];
    }>(`/api/v1/conferences/${encodeURIComponent(conferenceId)}`);
    expect(saved).not.toHaveProperty("place");
    expect(saved.figures[0]?.figure).toMatchObject({
      value: expected.result.value.count,
      asOf: "2017-08-31",
    });
    const directiveId = saved.directives[0]?.id ?? "";

    const later = await call<{ id: string }>("/api/v1/conferences", {
      method: "POST",
      json: {
        organizerId: BLOC,
        kind: "interim_review",
        title: `Hội nghị sơ kết thử ${Date.now()}`,
        startDate: "2018-01-15",
        endDate: "2018-01-15",
      },
    });
    await asBlocAdmin(async (page) => {
      await page.goto(`${adminUrl}/hoi-nghi/${encodeURIComponent(later.id)}`);
      const row = page.getByTestId("follow-up").getByTestId(`directive-${directiveId}`);
      await row.waitFor({ timeout: 30_000 });
      expect(await row.textContent()).toContain("Kiện toàn các chi đoàn yếu trong quý IV");
      expect(await row.getByTestId("directive-status").textContent()).toBe("Quá hạn");
      await row.getByLabel("Ghi chú theo dõi").fill("Đã kiện toàn 3 chi đoàn");
      await row.getByRole("button", { name: "Ghi nhận đã theo dõi" }).click();
      await expect.poll(() => row.getByTestId("directive-status").textContent()).toBe("Đã theo dõi");
    });
    const followed = await call<{ directives: { followedUpBy?: { conferenceId: string; note?: string } }[] }>(
      `/api/v1/conferences/${encodeURIComponent(conferenceId)}`,
    );
    expect(followed.directives[0]?.followedUpBy).toEqual({
      conferenceId: later.id,
      note: "Đã kiện toàn 3 chi đoàn",
    });
  });
});

describe("a member's transfer", () => {
  it("is recorded by the sending unit and received by the addressed one, and the timeline shows both", async () => {
    const call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
    const branches = await call<{ items: { id: string; parentId: string | null }[] }>(
      `/api/v1/organizations?level=branch&asOf=${new Date().toISOString().slice(0, 10)}&pageSize=50`,
    );
    const [from, to] = branches.items.filter((branch) => branch.parentId !== null);
    if (from === undefined || to === undefined) throw new Error("The bloc has fewer than two branches");
    // Admitted long after the dates other tests count, so that no figure they read changes.
    const created = await call<{ id: string }>("/api/v1/members", {
      method: "POST",
      json: {
        fullName: "Lý Chuyển Sinh Hoạt",
        gender: "male",
        birthDate: "2001-05-05",
        admission: {
          date: "2025-08-01",
          decisionRef: "25-NQ/ĐTN",
          admittingOrganizationId: from.parentId,
          homeUnitId: from.id,
        },
      },
    });

    await asBlocAdmin(async (page) => {
      await page.goto(`${adminUrl}/doan-vien/${created.id}`);
      const timeline = page.getByTestId("timeline");
      await timeline.getByText("Kết nạp").waitFor();
      await page.getByLabel("Loại sự kiện").selectOption("transfer_out");
      await page.getByLabel("Ngày hiệu lực (dd/mm/yyyy)").fill("01/09/2025");
      await page.getByLabel("Chuyển đến đơn vị").selectOption(to.id);
      await page.getByRole("button", { name: "Ghi sự kiện" }).click();
      await timeline.getByText("Chuyển sinh hoạt đi").waitFor();

      const pending = page.getByTestId("pending-transfer");
      await pending.waitFor();
      await pending.getByLabel("Ngày tiếp nhận (dd/mm/yyyy)").fill("05/09/2025");
      await pending.getByRole("button", { name: "Tiếp nhận đoàn viên" }).click();
      await timeline.getByText("Tiếp nhận").waitFor();
      await pending.waitFor({ state: "detached" });
      const text = (await timeline.textContent()) ?? "";
      expect(text).toContain("01/09/2025");
      expect(text).toContain("05/09/2025");
      expect(await page.getByTestId("member-summary").textContent()).toContain("Đang sinh hoạt");
    });
    const member = await call<{ homeUnitId: string | null }>(`/api/v1/members/${created.id}`);
    expect(member.homeUnitId).toBe(to.id);
  });
});
