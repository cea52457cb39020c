// The people of a conference record in a real browser against the real API with the demo data: a
// chair picked from the holders of positions on the conference's day, and a group of named attendees
// added, renamed and kept. The conference is created here; the demo term it links to (Đàm Mỹ Anh,
// Deputy Secretary of the Sóc Trăng Enterprise Bloc) is only read.
import { describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, fileBrowser, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");
const BLOC = "doan-khoi-doanh-nghiep-soc-trang";

const browser = fileBrowser();

type SavedConference = {
  chairs: {
    person: { fullName: string };
    title?: string;
    organizationName?: string;
    positionTermId?: string;
  }[];
  attendees: { kind: string; label?: string; people?: { person: { fullName: string } }[] }[];
};

describe("the people of a conference", () => {
  it("takes the chair's title from the positions of the day, and keeps a renamed group of named attendees", async () => {
    const call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
    const title = `Hội nghị thử người dự ${Date.now()}`;
    const [term] = (
      await call<{ items: { id: string; person: { fullName: string } }[] }>(
        `/api/v1/positions?organizationId=${BLOC}&asOf=2017-08-31&title=deputy_secretary`,
      )
    ).items.filter((item) => item.person.fullName === "Đàm Mỹ Anh");
    expect(term).toBeDefined();
    let conferenceId = "";

    await withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, async (page) => {
      await page.goto(`${adminUrl}/hoi-nghi/moi`);
      await page.getByLabel("Tên hội nghị").fill(title);
      await page.getByLabel("Ngày bắt đầu (dd/mm/yyyy)").fill("31/08/2017");
      await page.getByLabel("Tổ chức chủ trì").selectOption(BLOC);

      // The chair is picked among the holders of the day: name, title and organisation are filled.
      await page.getByRole("button", { name: "Thêm người (Chủ trì)" }).click();
      const picker = page.locator("#chairs-0-position");
      await picker
        .locator("option", { hasText: "Đàm Mỹ Anh" })
        .waitFor({ state: "attached", timeout: 30_000 });
      await picker.selectOption({ label: "Phó Bí thư — Đàm Mỹ Anh" });
      expect(await page.locator("#chairs-0-fullName").inputValue()).toBe("Đàm Mỹ Anh");
      expect(await page.locator("#chairs-0-title").inputValue()).toBe("Phó Bí thư");
      expect(await page.locator("#chairs-0-organizationName").inputValue()).not.toBe("");

      // A group of two named attendees; the keyboard lands on each new row's first field.
      await page.getByRole("button", { name: "Thêm nhóm đại biểu có tên" }).click();
      await page.locator("#namedGroups-0-label").fill("Khách mời");
      await page.locator("#namedGroups-0-people-0-fullName").fill("Nguyễn Văn Khách");
      await page.getByRole("button", { name: "Thêm đại biểu" }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe("namedGroups-0-people-1-fullName");
      await page.keyboard.type("Trần Thị Mời");

      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.waitForURL(/\/hoi-nghi\/[^/]+$/);
      await page.getByRole("heading", { name: title }).waitFor();
      conferenceId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
      expect(conferenceId).not.toBe("moi");

      // Renamed after a reload, and still so after another.
      await page.reload();
      await page.getByRole("heading", { name: title }).waitFor();
      expect(await page.locator("#namedGroups-0-label").inputValue()).toBe("Khách mời");
      expect(await page.locator("#chairs-0-position").inputValue()).toBe(term?.id);
      await page.locator("#namedGroups-0-label").fill("Khách mời của Đoàn Khối");
      await page.getByRole("button", { name: "Lưu hội nghị" }).click();
      await page.getByText("Đã lưu.").waitFor();
      await page.reload();
      await page.getByRole("heading", { name: title }).waitFor();
      expect(await page.locator("#namedGroups-0-label").inputValue()).toBe("Khách mời của Đoàn Khối");
      expect(await page.locator("#namedGroups-0-people-0-fullName").inputValue()).toBe("Nguyễn Văn Khách");
      expect(await page.locator("#namedGroups-0-people-1-fullName").inputValue()).toBe("Trần Thị Mời");
      expect(await page.locator("#chairs-0-title").inputValue()).toBe("Phó Bí thư");
    });

    const saved = await call<SavedConference>(`/api/v1/conferences/${encodeURIComponent(conferenceId)}`);
    expect(saved.chairs[0]).toMatchObject({
      person: { fullName: "Đàm Mỹ Anh" },
      title: "Phó Bí thư",
      positionTermId: term?.id,
    });
    expect(saved.attendees).toEqual([
      {
        kind: "people",
        label: "Khách mời của Đoàn Khối",
        people: [{ person: { fullName: "Nguyễn Văn Khách" } }, { person: { fullName: "Trần Thị Mời" } }],
      },
    ]);
  });
});
