import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { referral } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";
import type { ReferralView } from "./referrals.js";

describe.each(testDrivers)("referrals on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let adult: MemberDetail;
  let young: MemberDetail;
  let expelled: MemberDetail;
  let referred: ReferralView;

  const refer = (memberId: string, referredOn: string, organizationId: string = UNITS.G) =>
    app.request(
      "/api/v1/referrals",
      json("POST", { memberId, organizationId, resolutionRef: "12-NQ/ĐTN", referredOn }),
    );
  const step = (id: string, body: unknown, version?: number) =>
    app.request(
      `/api/v1/referrals/${id}/steps`,
      json("POST", body, version === undefined ? {} : { "If-Match": `"v${version}"` }),
    );
  const referralCount = async () => (await database.db.select().from(referral)).length;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-26T03:00:00Z") });
    await seedUnits(database.db);
    const create = async (input: ReturnType<typeof memberInput>) =>
      (await (await app.request("/api/v1/members", json("POST", input))).json()) as MemberDetail;
    adult = await create(memberInput({ fullName: "Trần Ngọc Nam", birthDate: "1990-01-01" }));
    young = await create(
      memberInput({
        fullName: "Lý Gia Hân",
        birthDate: "2004-06-01",
        admission: { ...memberInput().admission, date: "2020-07-01" },
      }),
    );
    expelled = await create(memberInput({ fullName: "Bùi Quang Huy", birthDate: "1992-02-02" }));
    const discipline = await app.request(
      `/api/v1/members/${expelled.id}/events`,
      json(
        "POST",
        {
          type: "disciplined",
          effectiveDate: "2019-01-10",
          form: "expulsion",
          organizationId: UNITS.G,
          decisionRef: "3-QĐ/ĐTN",
        },
        { "If-Match": '"v1"' },
      ),
    );
    expect(discipline.status).toBe(201);
  });
  afterAll(() => database.drop());

  it("refers an active adult member (201, ETag) and reads it back", async () => {
    const response = await refer(adult.id, "2021-03-01");
    expect(response.status).toBe(201);
    expect(response.headers.get("ETag")).toBe('"v1"');
    referred = (await response.json()) as ReferralView;
    expect(referred).toMatchObject({ memberId: adult.id, stage: "referred", steps: [], version: 1 });
    const read = await app.request(`/api/v1/referrals/${referred.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("ETag")).toBe('"v1"');
    expect(await read.json()).toEqual(referred);
  });

  it("refuses a 17-year-old, a member no longer on the roll, and a second open referral (409), writing nothing", async () => {
    const before = await referralCount();
    const tooYoung = await refer(young.id, "2021-11-01");
    expect(tooYoung.status).toBe(409);
    expect(tooYoung.headers.get("X-Refusal-Code")).toBe("MEMBER_UNDER_AGE");
    expect(((await tooYoung.json()) as ErrorBody).error.message.vi).toMatch(/18 tuổi/);

    const gone = await refer(expelled.id, "2021-03-01");
    expect(gone.status).toBe(409);
    expect(gone.headers.get("X-Refusal-Code")).toBe("MEMBER_NOT_ACTIVE");

    const again = await refer(adult.id, "2021-04-01");
    expect(again.status).toBe(409);
    expect(again.headers.get("X-Refusal-Code")).toBe("REFERRAL_ALREADY_OPEN");
    expect(await referralCount()).toBe(before);
  });

  it("refuses invalid input with 400 naming the field, and an unknown member", async () => {
    const missing = await app.request(
      "/api/v1/referrals",
      json("POST", { memberId: adult.id, organizationId: UNITS.G, referredOn: "2021-02-30" }),
    );
    expect(missing.status).toBe(400);
    const paths = ((await missing.json()) as ErrorBody).error.issues.map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual(["referredOn", "resolutionRef"]);
    const unknown = await refer("nobody", "2021-03-01");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error.issues[0]?.path).toEqual(["memberId"]);
  });

  it("moves forward with If-Match, and refuses a step back, an early recognition, 428, 412, 404", async () => {
    expect((await step(referred.id, { stage: "admitted_probationary", date: "2021-06-01" })).status).toBe(
      428,
    );
    const admitted = await step(
      referred.id,
      { stage: "admitted_probationary", date: "2021-06-01", decisionRef: "45-QĐ/ĐU" },
      1,
    );
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get("ETag")).toBe('"v2"');
    expect(await admitted.json()).toMatchObject({ stage: "admitted_probationary", version: 2 });

    const stale = await step(referred.id, { stage: "recognized_full", date: "2022-06-01" }, 1);
    expect(stale.status).toBe(412);

    const backward = await step(referred.id, { stage: "not_admitted", date: "2021-07-01" }, 2);
    expect(backward.status).toBe(409);
    expect(backward.headers.get("X-Refusal-Code")).toBe("STAGE_NOT_ALLOWED");

    const early = await step(referred.id, { stage: "recognized_full", date: "2021-12-01" }, 2);
    expect(early.status).toBe(409);
    expect(early.headers.get("X-Refusal-Code")).toBe("PROBATION_NOT_OVER");
    expect(((await early.json()) as ErrorBody).error.issues[0]?.path).toEqual(["date"]);

    const toReferred = await step(referred.id, { stage: "referred", date: "2021-07-01" }, 2);
    expect(toReferred.status).toBe(400);
    expect(((await toReferred.json()) as ErrorBody).error.issues[0]?.path).toEqual(["stage"]);

    expect((await step("nobody", { stage: "withdrawn", date: "2021-07-01" }, 1)).status).toBe(404);
    expect((await app.request("/api/v1/referrals/nobody")).status).toBe(404);
    const unchanged = (await (await app.request(`/api/v1/referrals/${referred.id}`)).json()) as ReferralView;
    expect(unchanged).toMatchObject({ stage: "admitted_probationary", version: 2 });
    expect(unchanged.steps).toHaveLength(1);
  });

  it("lists with the subtree, stage and period filters", async () => {
    const list = async (query: string) =>
      (await (await app.request(`/api/v1/referrals?${query}`)).json()) as Page<ReferralView>;
    expect((await list("")).total).toBe(1);
    expect((await list(`organizationId=${UNITS.P}`)).items.map((item) => item.id)).toEqual([referred.id]);
    expect((await list(`organizationId=${UNITS.G2}`)).total).toBe(0);
    expect((await list("stage=admitted_probationary")).total).toBe(1);
    expect((await list("stage=referred")).total).toBe(0);
    expect((await list("from=2021-01-01&to=2021-12-31")).total).toBe(1);
    expect((await list("from=2021-03-02")).total).toBe(0);
    const invalid = await app.request("/api/v1/referrals?stage=approved");
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.issues[0]?.path).toEqual(["stage"]);
  });
});
