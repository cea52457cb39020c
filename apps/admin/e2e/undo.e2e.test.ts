// Undo (Hoàn tác) right after a change on a member's page, in a real browser against the API with
// the demo data: an event is voided by a recorded correction, never deleted, and a save of personal
// fields is put back by another save. The test makes its own member, admitted in 2020 so that the
// bloc's 2017 figures other tests read stay as they were.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, branchOfBloc, fileBrowser, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");
/** A tag that keeps this run's records apart from any other's. */
const RUN = Date.now().toString(36);

type TimelineEvent = { id: string; type: string; effectiveDate: string };
type Timeline = {
  events: { event: TimelineEvent; correctedBy: string[] }[];
  voided: { event: TimelineEvent; voidedBy: string }[];
  corrections: (TimelineEvent & { targetEventId: string; replacement: unknown; reason: string })[];
};
type Member = { status: string; version: number; occupation?: string; placeOfResidence?: string };

const browser = fileBrowser();
let call: Awaited<ReturnType<typeof apiClient>>;

beforeAll(async () => {
  call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
}, 180_000);

/** A member of this run's own, admitted in 2020 with an occupation and a place of residence. */
async function createMember(fullName: string): Promise<string> {
  const branch = await branchOfBloc(call, "2020-03-26");
  const member = await call<{ id: string }>("/api/v1/members", {
    method: "POST",
    json: {
      fullName: `${fullName} ${RUN}`,
      gender: "male",
      birthDate: "1999-09-09",
      occupation: "Công nhân",
      placeOfResidence: "Phường 1",
      admission: {
        date: "2020-03-26",
        decisionRef: "22-NQ/ĐTN",
        admittingOrganizationId: branch.parentId,
        homeUnitId: branch.id,
      },
    },
  });
  return member.id;
}

/** Someone else's change to the member, behind the page's back: its ETag moves on. */
async function changeElsewhere(url: string, placeOfResidence: string) {
  const { version } = await call<Member>(url);
  await call(url, { method: "PATCH", json: { placeOfResidence }, headers: { "If-Match": `"v${version}"` } });
}

describe("undo on a member's page", () => {
  it("voids an event just recorded with a correction, and puts back a field just saved", async () => {
    const member = { id: await createMember("Lê Văn Hoàn Tác") };
    const url = `/api/v1/members/${member.id}`;

    await withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, async (page) => {
      await page.goto(`${adminUrl}/doan-vien/${member.id}`);
      const timeline = page.getByTestId("timeline");
      await timeline.getByText("Kết nạp").waitFor();
      const eventForm = page.getByRole("form", { name: "Ghi sự kiện" });

      // An event that changes what the member is: removed from the roll.
      await page.getByLabel("Loại sự kiện").selectOption("removed_from_roll");
      await page.locator("#event-effectiveDate").fill("01/03/2021");
      await page.locator("#event-reason").fill("Không sinh hoạt");
      await page.getByRole("button", { name: "Ghi sự kiện" }).click();
      await timeline.locator('li[data-event-type="removed_from_roll"]').waitFor();
      await page.getByTestId("member-summary").getByText("Đã xóa tên").waitFor();
      expect((await call<Member>(url)).status).toBe("removed");

      const undo = eventForm.getByRole("button", { name: "Hoàn tác" });
      await undo.click();
      await eventForm.getByText("Đã hoàn tác").waitFor();
      await timeline.locator('li[data-event-type="removed_from_roll"]').waitFor({ state: "detached" });
      await page.getByTestId("member-summary").getByText("Đang sinh hoạt").waitFor();
      // Voided, not deleted: the page keeps it, struck through, with the reason.
      const voided = page.getByTestId("voided-events").locator('li[data-event-type="removed_from_roll"]');
      expect(await voided.getByTestId("voided-note").textContent()).toContain(
        "đã hủy bỏ: Hoàn tác ngay sau khi ghi / Undone right after it was recorded",
      );
      expect(await undo.count()).toBe(0);

      // A personal field: saved, then put back, the other fields left as they were.
      await page.locator("#edit-occupation").fill("Kỹ sư");
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      const editForm = page.getByRole("form", { name: "Sửa thông tin cá nhân" });
      await editForm.getByText("Đã lưu.").waitFor();
      expect((await call<Member>(url)).occupation).toBe("Kỹ sư");
      await editForm.getByRole("button", { name: "Hoàn tác" }).click();
      await editForm.getByText("Đã hoàn tác.").waitFor();
      expect(await page.locator("#edit-occupation").inputValue()).toBe("Công nhân");

      // Emptied, a field is cleared on the record; undone, it comes back.
      await page.locator("#edit-placeOfResidence").fill("");
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      await editForm.getByText("Đã lưu.").waitFor();
      expect(await call<Member>(url)).not.toHaveProperty("placeOfResidence");
      await editForm.getByRole("button", { name: "Hoàn tác" }).click();
      await editForm.getByText("Đã hoàn tác.").waitFor();
      expect(await page.locator("#edit-placeOfResidence").inputValue()).toBe("Phường 1");
    });

    // The API holds the event, voided by one correction that says why; the state is as before.
    const after = await call<Member>(url);
    expect(after).toMatchObject({ status: "active", occupation: "Công nhân", placeOfResidence: "Phường 1" });
    const timeline = await call<Timeline>(`${url}/timeline`);
    expect(timeline.events.map((entry) => entry.event.type)).toEqual(["admitted"]);
    expect(timeline.voided).toHaveLength(1);
    const [removal] = timeline.voided;
    expect(removal?.event).toMatchObject({ type: "removed_from_roll", effectiveDate: "2021-03-01" });
    expect(timeline.corrections).toEqual([
      expect.objectContaining({
        id: removal?.voidedBy,
        targetEventId: removal?.event.id,
        effectiveDate: "2021-03-01",
        replacement: null,
        reason: "Hoàn tác ngay sau khi ghi / Undone right after it was recorded",
      }),
    ]);
  });
});

describe("a refused undo", () => {
  it("shows the API's message or the conflict, and changes nothing", async () => {
    const id = await createMember("Lê Văn Không Hoàn");
    const url = `/api/v1/members/${id}`;

    await withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, async (page) => {
      await page.goto(`${adminUrl}/doan-vien/${id}`);
      const timeline = page.getByTestId("timeline");
      await timeline.getByText("Kết nạp").waitFor();
      const eventForm = page.getByRole("form", { name: "Ghi sự kiện" });
      await page.getByLabel("Loại sự kiện").selectOption("rewarded");
      await page.locator("#event-effectiveDate").fill("01/03/2021");
      await page.getByLabel("Hình thức khen thưởng").fill("Giấy khen");
      await page.getByRole("button", { name: "Ghi sự kiện" }).click();
      await eventForm.getByText("Đã ghi sự kiện.").waitFor();

      await changeElsewhere(url, "Phường 2");
      await eventForm.getByRole("button", { name: "Hoàn tác" }).click();
      expect(await eventForm.getByRole("alert").textContent()).toBe(
        "Bản ghi đã được người khác thay đổi, hãy tải lại",
      );
      expect(await timeline.locator('li[data-event-type="rewarded"]').count()).toBe(1);

      await page.reload();
      await page.locator("#edit-occupation").fill("Kỹ sư");
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      const editForm = page.getByRole("form", { name: "Sửa thông tin cá nhân" });
      await editForm.getByText("Đã lưu.").waitFor();
      await changeElsewhere(url, "Phường 3");
      await editForm.getByRole("button", { name: "Hoàn tác" }).click();
      const conflict = editForm.getByTestId("conflict");
      await conflict.waitFor();
      expect(await conflict.getByTestId("conflict-fields").textContent()).toBe("Đã bị đổi: Nơi cư trú");
    });

    const after = await call<Member>(url);
    expect(after).toMatchObject({ occupation: "Kỹ sư", placeOfResidence: "Phường 3" });
    const timeline = await call<Timeline>(`${url}/timeline`);
    expect(timeline.events.map((entry) => entry.event.type)).toEqual(["admitted", "rewarded"]);
    expect(timeline.corrections).toEqual([]);
  });
});
