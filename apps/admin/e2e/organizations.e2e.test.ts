// Reorganising, moving referrals on, and managing accounts in a real browser against the API with
// the demo data. Each test makes the records it changes, dated after the figures other tests read
// (the bloc's 2017 figures), so the shared demo data they assert stays as it was.
import { toVietnamDate } from "@sodoan/domain";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ACCOUNTS, apiClient, fileBrowser, signInPage, withSignedInPage } from "./helpers";

const adminUrl = inject("adminUrl");
const apiUrl = inject("apiUrl");
/** A tag that keeps this run's records apart from any other's. */
const RUN = Date.now().toString(36);

type Org = { id: string; name: string; parentId: string | null; existsAsOf: boolean; level: string };

const browser = fileBrowser();
let call: Awaited<ReturnType<typeof apiClient>>;

beforeAll(async () => {
  call = await apiClient(apiUrl, ACCOUNTS.blocAdmin);
}, 180_000);

/** A fresh browser context signed in as the bloc administrator, closed after `use`. */
const asBlocAdmin = (use: (page: Page) => Promise<void>) =>
  withSignedInPage(browser(), adminUrl, ACCOUNTS.blocAdmin, use);

/** Two grassroots unions of the bloc in 2024, before the district level was abolished. */
async function grassrootsOfBloc(): Promise<[Org, Org]> {
  const { items } = await call<{ items: (Org & { grassrootsKind?: string })[] }>(
    "/api/v1/organizations?level=grassroots&asOf=2024-03-01&pageSize=50&sort=name:asc",
  );
  // A Chi đoàn cơ sở is itself a branch, with nothing below it.
  const [first, second] = items.filter((item) => item.grassrootsKind !== "branch");
  if (!first || !second) throw new Error("The bloc has fewer than two grassroots organisations in 2024");
  return [first, second];
}

async function organizationOn(id: string, asOf: string): Promise<Org> {
  return call<Org>(`/api/v1/organizations/${id}?asOf=${asOf}`);
}

/** Opens one action of the organisation page, fills it, sends it and waits for `done`. */
async function act(
  page: Page,
  action: string,
  fill: (form: ReturnType<Page["locator"]>) => Promise<void>,
  done: string,
) {
  const box = page.getByTestId(`action-${action}`);
  if (!(await box.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await box.locator("summary").click();
  }
  const form = box.locator("form");
  await fill(form);
  await form.locator('button[type="submit"]').click();
  await form.locator(".notice-good", { hasText: done }).waitFor({ timeout: 20_000 });
}

describe("reorganising", () => {
  it("establishes organisations under a demo unit, merges, moves, splits and dissolves them, with lineage and positions", async () => {
    const [home, other] = await grassrootsOfBloc();
    const names = ["A", "B", "C"].map((letter) => `Chi đoàn thử ${letter} ${RUN}`);
    const [nameA, nameB, nameC] = names as [string, string, string];

    await asBlocAdmin(async (page) => {
      await page.goto(`${adminUrl}/to-chuc?asOf=2024-03-01`);
      await page.getByRole("link", { name: `Hồ sơ ${home.name}`, exact: true }).click();
      await page.getByRole("heading", { name: home.name, level: 2 }).waitFor();
      for (const name of names) {
        await act(
          page,
          "create",
          async (form) => {
            await form.getByLabel("Tên tổ chức").fill(name);
            await form.getByLabel("Cấp").selectOption("branch");
            await form.getByLabel("Ngày thành lập").fill("01/03/2024");
            await form.getByLabel("Số quyết định thành lập").fill(`01-qđ/đtn`);
          },
          `Đã thành lập ${name}.`,
        );
      }
      const children = page.getByTestId("organization-children");
      for (const name of names) await children.getByRole("link", { name }).waitFor();

      // A takes B in on 1 April.
      await children.getByRole("link", { name: nameA }).click();
      await page.getByRole("heading", { name: nameA, level: 2 }).waitFor();
      await act(
        page,
        "merge",
        async (form) => {
          await form.getByLabel(nameB).check();
          await form.getByLabel(`${nameA} (tiếp nhận các tổ chức kia)`).check();
          await form.getByLabel("Ngày hiệu lực").fill("01/04/2024");
          await form.getByLabel("Số quyết định").fill("02-QĐ/ĐTN");
        },
        "Đã ghi việc hợp nhất.",
      );
      const lineage = page.getByTestId("lineage");
      await lineage.getByRole("link", { name: nameB }).waitFor();
      expect(await lineage.textContent()).toContain("01/04/2024 Hợp nhất");

      // A moves under the other grassroots organisation on 1 May.
      await act(
        page,
        "reparent",
        async (form) => {
          await form.getByLabel("Cấp trên mới").selectOption(other.id);
          await form.getByLabel("Ngày hiệu lực").fill("01/05/2024");
        },
        "Đã chuyển tổ chức.",
      );
      await lineage.getByRole("link", { name: other.name }).waitFor();

      // A's secretary from 1 March to 30 June, when A ends.
      const appoint = page.getByRole("form", { name: "Bổ nhiệm người đảm nhiệm" });
      await appoint.getByLabel("Chức vụ").selectOption("secretary");
      await appoint.getByLabel("Họ và tên người đảm nhiệm").fill("Lâm Thị Bí Thư");
      await appoint.getByLabel("Từ ngày").fill("01/03/2024");
      await appoint.getByRole("button", { name: "Bổ nhiệm" }).click();
      const terms = page.getByTestId("position-terms");
      await terms.getByText("Lâm Thị Bí Thư").waitFor();
      const end = terms.getByRole("form", { name: "Kết thúc nhiệm kỳ của Lâm Thị Bí Thư" });
      await end.getByLabel("Ngày kết thúc").fill("30/06/2024");
      await end.getByRole("button", { name: "Kết thúc" }).click();
      await terms.getByText("30/06/2024").waitFor();

      // A is split in two on 1 July; the new units sit under A's parent of that day.
      await act(
        page,
        "split",
        async (form) => {
          await form.getByLabel("Tên tổ chức mới 1").fill(`${nameA}1`);
          await form.getByLabel("Tên tổ chức mới 2").fill(`${nameA}2`);
          await form.getByLabel("Ngày hiệu lực").fill("01/07/2024");
        },
        "Đã ghi việc chia tách.",
      );
      await lineage.getByRole("link", { name: `${nameA}2` }).waitFor();

      // C is dissolved on 1 June.
      await page.goto(
        `${adminUrl}/to-chuc/${encodeURIComponent(await idOf(home.id, nameC))}?asOf=2024-03-01`,
      );
      await act(
        page,
        "dissolve",
        async (form) => {
          await form.getByLabel("Ngày hiệu lực").fill("01/06/2024");
          await form.getByLabel("Số quyết định").fill("không phải số hiệu");
          await form.locator('button[type="submit"]').click();
          // A symbol the domain cannot read is refused on its field before anything is sent.
          await form.locator("#dissolve-decision-error").waitFor();
          await form.getByLabel("Số quyết định").fill("03-QĐ/ĐTN");
        },
        "Đã ghi việc giải thể.",
      );
      await page.getByTestId("lineage").getByText("Giải thể").waitFor();
    });

    // What the API now holds, date by date.
    const a = (
      await call<{ items: Org[] }>(`/api/v1/organizations/${other.id}/children?asOf=2024-05-01`)
    ).items.find((item) => item.name === nameA);
    expect(a).toBeDefined();
    const aId = a?.id ?? "";
    expect((await organizationOn(aId, "2024-04-30")).parentId).toBe(home.id);
    expect((await organizationOn(aId, "2024-05-01")).parentId).toBe(other.id);
    const bId = await idOf(home.id, nameB);
    expect((await organizationOn(bId, "2024-03-31")).existsAsOf).toBe(true);
    expect((await organizationOn(bId, "2024-04-01")).existsAsOf).toBe(false);
    const cId = await idOf(home.id, nameC);
    expect((await organizationOn(cId, "2024-05-31")).existsAsOf).toBe(true);
    expect((await organizationOn(cId, "2024-06-01")).existsAsOf).toBe(false);
    const history = await call<{ items: { event: Record<string, unknown> }[] }>(
      `/api/v1/organizations/${aId}/lineage`,
    );
    expect(history.items.map((item) => item.event)).toMatchObject([
      {
        type: "merged",
        sourceIds: [bId],
        targetId: aId,
        effectiveDate: "2024-04-01",
        decidedBy: { symbol: "02-QĐ/ĐTN" },
      },
      { type: "reparented", organizationId: aId, toParentId: other.id, effectiveDate: "2024-05-01" },
      { type: "split", sourceId: aId, sourceContinues: false, effectiveDate: "2024-07-01" },
    ]);
    expect((await organizationOn(aId, "2024-07-01")).existsAsOf).toBe(false);
    const positions = await call<{ items: { person: { fullName: string }; from: string; to?: string }[] }>(
      `/api/v1/positions?organizationId=${aId}`,
    );
    expect(positions.items).toMatchObject([
      { person: { fullName: "Lâm Thị Bí Thư" }, title: "secretary", from: "2024-03-01", to: "2024-06-30" },
    ]);
    const after = await call<{ items: Org[] }>(`/api/v1/organizations/${other.id}/children?asOf=2024-07-01`);
    expect(after.items.map((item) => item.name)).toEqual(expect.arrayContaining([`${nameA}1`, `${nameA}2`]));
    expect(after.items.map((item) => item.name)).not.toContain(nameA);
  });
});

/** The id of an organisation established under `parentId` on 1 March 2024, by name. */
async function idOf(parentId: string, name: string): Promise<string> {
  const { items } = await call<{ items: Org[] }>(
    `/api/v1/organizations/${parentId}/children?asOf=2024-03-01`,
  );
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`${name} is not under ${parentId}`);
  return found.id;
}

describe("the referral board", () => {
  it("moves a referral one stage forward, and the API refuses to move it back", async () => {
    const [home] = await grassrootsOfBloc();
    const branch = await call<Org>("/api/v1/organizations", {
      method: "POST",
      json: {
        name: `Chi đoàn giới thiệu ${RUN}`,
        level: "branch",
        establishedOn: "2018-01-01",
        parentId: home.id,
      },
    });
    const member = await call<{ id: string }>("/api/v1/members", {
      method: "POST",
      json: {
        fullName: "Trương Thị Ưu Tú",
        gender: "female",
        birthDate: "1998-05-19",
        admission: {
          date: "2018-03-26",
          decisionRef: "18-NQ/ĐTN",
          admittingOrganizationId: home.id,
          homeUnitId: branch.id,
        },
      },
    });
    const today = toVietnamDate(new Date());
    const resolutionRef = `${RUN}-NQ/ĐTN`;
    const referral = await call<{ id: string }>("/api/v1/referrals", {
      method: "POST",
      json: { memberId: member.id, organizationId: home.id, resolutionRef, referredOn: today },
    });
    const admittedBefore = (
      await call<{ total: number }>("/api/v1/referrals?stage=admitted_probationary&pageSize=1")
    ).total;

    await asBlocAdmin(async (page) => {
      await page.goto(`${adminUrl}/gioi-thieu-dang`);
      const card = page.getByTestId("stage-referred").getByTestId(`referral-${referral.id}`);
      await card.getByText("Ghi bước tiếp theo").click();
      const form = card.getByRole("form", { name: `Bước tiếp theo của ${resolutionRef}` });
      const stages = await form
        .getByLabel("Bước")
        .locator("option")
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(stages).toEqual(["admitted_probationary", "not_admitted", "withdrawn"]);
      await form.getByLabel("Bước").selectOption("admitted_probationary");
      await form.getByLabel("Ngày").fill(today.split("-").reverse().join("/"));
      await form.getByLabel("Số quyết định").fill("125-QĐ/ĐU");
      await form.getByRole("button", { name: "Ghi bước" }).click();

      const moved = page.getByTestId("stage-admitted_probationary").getByTestId(`referral-${referral.id}`);
      await moved.waitFor({ timeout: 20_000 });
      expect(await page.getByTestId("stage-referred").getByTestId(`referral-${referral.id}`).count()).toBe(0);
      const count = page.getByTestId("stage-admitted_probationary").locator(".count");
      await expect
        .poll(async () => Number((await count.textContent())?.replace(/\D/g, "")))
        .toBe(admittedBefore + 1);
      // From here the card offers only what may follow: recognition, or not.
      await moved.getByText("Ghi bước tiếp theo").click();
      const next = await moved
        .getByLabel("Bước")
        .locator("option")
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(next).toEqual(["recognized_full", "not_recognized"]);

      // The card keeps the referral's history: its creation and the step just recorded.
      const history = moved.getByTestId("audit");
      await history.getByText("Lịch sử thay đổi").click();
      await expect
        .poll(() => history.locator("tbody tr").count(), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(2);
    });

    const stored = await call<{ stage: string; version: number }>(`/api/v1/referrals/${referral.id}`);
    expect(stored.stage).toBe("admitted_probationary");
    await expect(
      call(`/api/v1/referrals/${referral.id}/steps`, {
        method: "POST",
        json: { stage: "not_admitted", date: today },
        headers: { "If-Match": `"v${stored.version}"` },
      }),
    ).rejects.toThrow(/answered 409/);
  });
});

describe("accounts", () => {
  it("creates an account whose temporary password, shown once, signs in and must be changed", async () => {
    const email = `moi-${RUN}@sodoan.test`;
    let temporaryPassword = "";
    await asBlocAdmin(async (page) => {
      await page.goto(`${adminUrl}/tai-khoan`);
      const box = page.getByTestId("create-user");
      await box.locator("summary").click();
      const form = box.getByRole("form", { name: "Tạo tài khoản" });
      await form.getByLabel("Thư điện tử").fill("khong-phai-email");
      await form.getByLabel("Họ và tên").fill("Phan Văn Mới");
      await form.getByRole("button", { name: "Tạo tài khoản" }).click();
      await form.locator("#user-email-error").waitFor();

      await form.getByLabel("Thư điện tử").fill(email);
      await form.getByLabel("Vai trò").selectOption("viewer");
      await form.getByRole("button", { name: "Tạo tài khoản" }).click();
      const shown = form.getByTestId("temporary-password");
      await shown.waitFor({ timeout: 20_000 });
      temporaryPassword = (await shown.locator("code").textContent()) ?? "";
      await page.getByTestId("user-table").getByText(email).waitFor();
    });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{16}$/);
    const { items } = await call<{
      items: { email: string; role: string; organizationId: string; mustChangePassword: boolean }[];
    }>("/api/v1/users?pageSize=500");
    expect(items.find((user) => user.email === email)).toMatchObject({
      role: "viewer",
      organizationId: "doan-khoi-doanh-nghiep-soc-trang",
      mustChangePassword: true,
    });

    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      await signInPage(page, adminUrl, { email, password: temporaryPassword });
      await page.getByRole("heading", { name: "Đổi mật khẩu" }).waitFor();
    } finally {
      await context.close();
    }
  });
});
