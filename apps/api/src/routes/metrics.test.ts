// The metrics over HTTP, on the records behind the Sóc Trăng Enterprise Bloc's 2017 figures.
import { formatPercent } from "@sodoan/domain";
import { buildSocTrangReference, SOC_TRANG } from "@sodoan/domain/reference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { importRegisterRecords } from "../db/import-records.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";

type Figure<V> = {
  metric: { id: string; question: string };
  result: { value: V; provenance: Record<string, unknown> };
  rollUp?: {
    total: { value: V };
    own: { value: V };
    children: { value: V; provenance: { organizationId: string } }[];
  };
};
type Rate = { numerator: number; denominator: number; rate: number };

const bloc = SOC_TRANG.blocId;

describe.each(testDrivers)("GET /api/v1/metrics on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const get = async <V>(path: string) => {
    const response = await app.request(path);
    return { status: response.status, body: (await response.json()) as Figure<V> & ErrorBody };
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importRegisterRecords(database.db, buildSocTrangReference());
    app = await createSignedInApp({ database, now: () => new Date("2026-11-25T03:00:00Z") });
  });
  afterAll(() => database.drop());

  it("lists every metric with the question it answers", async () => {
    const response = await app.request("/api/v1/metrics");
    const { items } = (await response.json()) as { items: { id: string; question: string }[] };
    expect(items.find((item) => item.id === "members.active")?.question).toBe("stock");
    expect(items.find((item) => item.id === "referrals.cohort_admission_rate")?.question).toBe("cohort");
  });

  it("counts 1.587 active members in the bloc as of 31/08/2017, with provenance", async () => {
    const { status, body } = await get<{ count: number }>(
      `/api/v1/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31`,
    );
    expect(status).toBe(200);
    expect(body.result.value.count).toBe(1587);
    expect(body.result.provenance).toMatchObject({
      metricId: "members.active",
      organizationId: bloc,
      asOf: "2017-08-31",
      recordsCounted: 1587,
      computedAt: "2026-11-25T03:00:00.000Z",
    });
  });

  it.each(SOC_TRANG.residenceYears)("residence registration above 95 per cent in %i", async (year) => {
    const { body } = await get<Rate>(
      `/api/v1/metrics/members.residence_registration_rate?organizationId=${bloc}&asOf=2017-08-31&year=${year}`,
    );
    expect(body.result.value.rate).toBeGreaterThan(0.95);
  });

  it("refers 582 to the Party since 2014, 342 of them admitted by 31/08/2017 (58,8%)", async () => {
    const period = "from=2014-01-01&to=2017-08-31";
    const referred = await get<number>(`/api/v1/metrics/referrals.referred?organizationId=${bloc}&${period}`);
    expect(referred.body.result.value).toBe(582);
    const cohort = await get<Rate>(
      `/api/v1/metrics/referrals.cohort_admission_rate?organizationId=${bloc}&${period}&asOf=2017-08-31`,
    );
    expect(cohort.body.result.value).toMatchObject({ numerator: 342, denominator: 582 });
    expect(formatPercent(cohort.body.result.value.rate, "vi")).toBe("58,8%");
  });

  it("reproduces the published figure from what was known at publication", async () => {
    const knownAt = encodeURIComponent(SOC_TRANG.publishedAt);
    const { body } = await get<{ count: number }>(
      `/api/v1/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31&knownAt=${knownAt}`,
    );
    expect(body.result.value.count).toBe(1587);
    expect(body.result.provenance.knownAt).toBe(SOC_TRANG.publishedAt);
  });

  it("rolls a stock up over the children: the total is the bloc's own part plus theirs", async () => {
    const { body } = await get<{ count: number }>(
      `/api/v1/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31&rollUp=true`,
    );
    const rollUp = body.rollUp;
    expect(rollUp?.total.value.count).toBe(1587);
    const children = rollUp?.children.reduce((sum, child) => sum + child.value.count, 0) ?? 0;
    expect((rollUp?.own.value.count ?? 0) + children).toBe(1587);
    expect(rollUp?.children.length).toBeGreaterThan(1);
  });

  it("shows the public the figure with small groups hidden", async () => {
    const response = await app.request(
      `/api/v1/public/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/public/);
    const body = (await response.json()) as { value: { count: number | null }; threshold: number };
    expect(body.value.count).toBe(1587);
    expect(body.threshold).toBe(5);
  });

  it.each([
    ["members.passwords", `organizationId=${bloc}`, 404, "NOT_FOUND"],
    ["members.active", "organizationId=khong-co&asOf=2017-08-31", 404, "NOT_FOUND"],
    ["members.active", `organizationId=${bloc}&asOf=2017-02-30`, 400, "VALIDATION_FAILED"],
    ["referrals.referred", `organizationId=${bloc}&to=2017-08-31`, 400, "VALIDATION_FAILED"],
    ["referrals.referred", `organizationId=${bloc}&from=2017-08-31&to=2014-01-01`, 400, "VALIDATION_FAILED"],
    ["members.active", "asOf=2017-08-31", 400, "VALIDATION_FAILED"],
  ])("refuses %s with %s: %i %s", async (metricId, query, status, code) => {
    const { status: actual, body } = await get(`/api/v1/metrics/${metricId}?${query}`);
    expect(actual).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.message.vi).toBeTruthy();
    if (status === 400) expect(body.error.issues[0]?.path.length).toBeGreaterThan(0);
  });
});
