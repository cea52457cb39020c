// A member's access request and erasure: the copy holds everything kept on them, the erasure leaves
// no personal value anywhere (the audit trail included), and every figure answers as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { auditEvent } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { ERASED_TEXT } from "../privacy/erasure.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";

const PERSONAL = ["Lý Thị Hoa", "ST-7654321", "0912 345 678", "hoa@example.vn", "Khmer", "Phật giáo"];
const NOTES = ["Đi làm ăn xa ở Bình Dương", "Ốm dài ngày", "Gia đình khó khăn"];

type PersonalData = {
  member: MemberDetail;
  events: { type: string }[];
  referrals: { memberId: string; steps: { note?: string }[] }[];
  history: { action: string; table: string }[];
};

describe.each(testDrivers)("a member's access request and erasure, on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let clock = new Date("2021-11-26T03:00:00Z");
  let hoa: MemberDetail;

  const figures = async () => {
    const paths = [
      `members.active?organizationId=${UNITS.D}&asOf=2021-11-26`,
      `members.active?organizationId=${UNITS.B3}&asOf=2019-01-01`,
      `members.age_structure?organizationId=${UNITS.D}&asOf=2021-11-26`,
      `members.gender_structure?organizationId=${UNITS.D}&asOf=2021-11-26`,
      `referrals.referred?organizationId=${UNITS.D}&from=2021-01-01&to=2021-12-31`,
      `referrals.party_admissions?organizationId=${UNITS.D}&from=2021-01-01&to=2021-12-31`,
    ];
    const values = [];
    for (const path of paths) {
      const response = await app.request(`/api/v1/metrics/${path}`);
      expect(response.status, path).toBe(200);
      const { result } = (await response.json()) as { result: { value: unknown } };
      values.push(result.value);
    }
    return values;
  };

  const auditText = async () => JSON.stringify(await database.db.select().from(auditEvent));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => clock });
    await seedUnits(database.db);
    const created = await app.request(
      "/api/v1/members",
      json(
        "POST",
        memberInput({
          fullName: "Lý Thị Hoa",
          gender: "female",
          birthDate: "1996-02-03",
          cardNumber: "ST-7654321",
          ethnicity: "Khmer",
          religion: "Phật giáo",
          contact: { phone: "0912 345 678", email: "hoa@example.vn" },
        }),
      ),
    );
    expect(created.status).toBe(201);
    hoa = (await created.json()) as MemberDetail;
    // A correction of her name leaves the old one in the trail's "before".
    const renamed = await app.request(
      `/api/v1/members/${hoa.id}`,
      json("PATCH", { fullName: "Lý Thị Hoa Hồng" }, { "If-Match": '"v1"' }),
    );
    expect(renamed.status).toBe(200);
    let version = 2;
    const record = async (event: Record<string, unknown>) => {
      const response = await app.request(
        `/api/v1/members/${hoa.id}/events`,
        json("POST", event, { "If-Match": `"v${version}"` }),
      );
      expect(response.status, await response.clone().text()).toBe(201);
      version += 1;
      return ((await response.json()) as { event: { id: string } }).event.id;
    };
    const out = await record({
      type: "transfer_out",
      effectiveDate: "2018-03-01",
      fromUnitId: UNITS.B1,
      toUnitId: UNITS.B3,
      note: NOTES[0],
    });
    await record({
      type: "transfer_in",
      effectiveDate: "2018-03-15",
      transferOutEventId: out,
      unitId: UNITS.B3,
    });
    await record({
      type: "activity_postponed",
      effectiveDate: "2019-05-01",
      until: "2019-12-31",
      reason: NOTES[1],
    });
    const referral = await app.request(
      "/api/v1/referrals",
      json("POST", {
        memberId: hoa.id,
        organizationId: UNITS.G2,
        resolutionRef: "12-NQ/ĐTN",
        referredOn: "2021-03-01",
      }),
    );
    expect(referral.status, await referral.clone().text()).toBe(201);
    const { id: referralId } = (await referral.json()) as { id: string };
    clock = new Date("2021-11-27T03:00:00Z");
    const step = await app.request(
      `/api/v1/referrals/${referralId}/steps`,
      json(
        "POST",
        { stage: "admitted_probationary", date: "2021-09-02", decisionRef: "45-QĐ/HU", note: NOTES[2] },
        { "If-Match": '"v1"' },
      ),
    );
    expect(step.status, await step.clone().text()).toBe(200);
    // A second member, so that the figures are not of one person alone.
    await app.request("/api/v1/members", json("POST", memberInput({ fullName: "Trần Ngọc Nam" })));
  });
  afterAll(() => database.drop());

  it("hands out a copy of everything kept on the member, and records that it did", async () => {
    const response = await app.request(`/api/v1/members/${hoa.id}/personal-data`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const copy = (await response.json()) as PersonalData;
    expect(copy.member).toMatchObject({
      fullName: "Lý Thị Hoa Hồng",
      ethnicity: "Khmer",
      religion: "Phật giáo",
      contact: { phone: "0912 345 678" },
    });
    expect(copy.events.map((event) => event.type)).toEqual([
      "admitted",
      "transfer_out",
      "transfer_in",
      "activity_postponed",
    ]);
    expect(copy.referrals[0]?.steps[0]?.note).toBe(NOTES[2]);
    expect(copy.history.some((event) => event.action === "update" && event.table === "member")).toBe(true);

    const trail = await app.request(`/api/v1/audit?entity=member&id=${hoa.id}`);
    const { items } = (await trail.json()) as { items: { action: string; after: { fields: string[] } }[] };
    expect(items[0]).toMatchObject({ action: "export" });
  });

  it("refuses an erasure without If-Match, and changes nothing", async () => {
    const before = await auditText();
    const response = await app.request(`/api/v1/members/${hoa.id}/erasure`, { method: "POST" });
    expect(response.status).toBe(428);
    expect(await auditText()).toBe(before);
  });

  it("erases every personal value, in the records and the trail, and leaves every figure as it was", async () => {
    const figuresBefore = await figures();
    expect(await auditText()).toContain("Khmer");
    const current = await app.request(`/api/v1/members/${hoa.id}`);
    const etag = current.headers.get("ETag") ?? "";

    const response = await app.request(`/api/v1/members/${hoa.id}/erasure`, {
      method: "POST",
      headers: { "If-Match": etag },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const erased = (await response.json()) as MemberDetail;
    expect(erased.fullName).not.toContain("Hoa");
    expect(erased).toMatchObject({ gender: "female", birthDate: "1996-02-03", homeUnitId: UNITS.B3 });
    for (const field of ["cardNumber", "ethnicity", "religion", "contact"] as const) {
      expect(erased[field]).toBeUndefined();
    }

    expect(await figures()).toEqual(figuresBefore);

    const copy = JSON.stringify(await (await app.request(`/api/v1/members/${hoa.id}/personal-data`)).json());
    const trail = await auditText();
    for (const value of [...PERSONAL, ...NOTES, "Lý Thị Hoa Hồng", "ly thi hoa"]) {
      expect(copy, value).not.toContain(value);
      expect(trail, value).not.toContain(value);
    }
    expect(copy).toContain(ERASED_TEXT);

    const history = await app.request(`/api/v1/audit?entity=member&id=${hoa.id}`);
    const { items } = (await history.json()) as { items: { action: string }[] };
    expect(items.map((item) => item.action)).toContain("erase");

    const found = await app.request(`/api/v1/members?organizationId=${UNITS.D}&q=hoa`);
    expect(((await found.json()) as { total: number }).total).toBe(0);
  });
});
