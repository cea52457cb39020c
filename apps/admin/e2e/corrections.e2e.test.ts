// Correcting a member's event (đính chính) in a real browser against the API with the demo data:
// the event's own fields open prefilled, a history the domain refuses is named on its field, and
// the timeline then shows what the event says now and that it was corrected. The test makes its own
// member, admitted in 2020 so that the bloc's 2017 figures other tests read stay as they were.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, branchOfBloc, fileBrowser, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");
/** A tag that keeps this run's records apart from any other's. */
const RUN = Date.now().toString(36);

type Timeline = {
  events: {
    event: { id: string; type: string; effectiveDate: string; title?: string };
    correctedBy: string[];
  }[];
};

const browser = fileBrowser();
let call: Awaited<ReturnType<typeof apiClient>>;

beforeAll(async () => {
  call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
}, 180_000);

describe("member corrections", () => {
  it("corrects an event's date and content from the timeline, and shows what it says now", async () => {
    const branch = await branchOfBloc(call, "2020-03-26");
    const member = await call<{ id: string }>("/api/v1/members", {
      method: "POST",
      json: {
        fullName: `Đoàn Thị Đính Chính ${RUN}`,
        gender: "female",
        birthDate: "1998-05-05",
        admission: {
          date: "2020-03-26",
          decisionRef: "21-NQ/ĐTN",
          admittingOrganizationId: branch.parentId,
          homeUnitId: branch.id,
        },
      },
    });

    await withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, async (page) => {
      await page.goto(`${adminUrl}/doan-vien/${member.id}`);
      const timeline = page.getByTestId("timeline");
      await timeline.getByText("Kết nạp").waitFor();

      // The event as first recorded: a certificate of merit on 01/03/2021.
      await page.getByLabel("Loại sự kiện").selectOption("rewarded");
      await page.locator("#event-effectiveDate").fill("01/03/2021");
      await page.getByLabel("Hình thức khen thưởng").fill("Giấy khen");
      await page.getByRole("button", { name: "Ghi sự kiện" }).click();
      const reward = timeline.locator('li[data-event-type="rewarded"]');
      await reward.getByText("Giấy khen").waitFor();

      await reward.getByRole("button", { name: "Đính chính" }).click();
      const form = page.getByTestId("correction-form");
      expect(await form.getByLabel("Ngày hiệu lực (dd/mm/yyyy)").inputValue()).toBe("01/03/2021");
      expect(await form.getByLabel("Hình thức khen thưởng").inputValue()).toBe("Giấy khen");

      // A reward before the admission is impossible: the API says so on the date, and nothing changes.
      await form.getByLabel("Ngày hiệu lực (dd/mm/yyyy)").fill("01/01/2019");
      await form.getByLabel("Lý do đính chính").fill("Ghi nhầm ngày và hình thức");
      await form.getByRole("button", { name: "Ghi đính chính" }).click();
      await form.locator("#correction-effectiveDate-error").waitFor();
      expect(await form.getByRole("alert").textContent()).toBeTruthy();

      await form.getByLabel("Ngày hiệu lực (dd/mm/yyyy)").fill("15/02/2021");
      await form.getByLabel("Hình thức khen thưởng").fill("Bằng khen");
      await form.getByRole("button", { name: "Ghi đính chính" }).click();
      await reward.getByText("Bằng khen").waitFor();
      await form.waitFor({ state: "detached" });
      const shown = await reward.textContent();
      expect(shown).toContain("15/02/2021");
      expect(shown).not.toContain("Giấy khen");
      expect(await reward.getByTestId("corrected-note").textContent()).toContain(
        "đã đính chính: Ghi nhầm ngày và hình thức",
      );
    });

    // The API holds one reward, replaced in place, with the correction that replaced it.
    const timeline = await call<Timeline>(`/api/v1/members/${member.id}/timeline`);
    const rewards = timeline.events.filter((entry) => entry.event.type === "rewarded");
    expect(rewards).toHaveLength(1);
    expect(rewards[0]?.event).toMatchObject({ effectiveDate: "2021-02-15", title: "Bằng khen" });
    expect(rewards[0]?.correctedBy).toHaveLength(1);
  });
});
