import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp, testSessionCookie } from "../auth/test-session.js";
import { member, memberEvent } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";

type Report = {
  dryRun: boolean;
  total: number;
  accepted: number;
  refused: { memberId: string; fullName: string; code: string }[];
};

const RESIDENCE_2021 = {
  type: "residence_registered",
  effectiveDate: "2021-03-01",
  year: 2021,
  organizationId: UNITS.G,
};

describe.each(testDrivers)("one event for many members on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const ids: Record<"lan" | "minh" | "hoa" | "other", string> = { lan: "", minh: "", hoa: "", other: "" };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-26T03:00:00Z") });
    await seedUnits(database.db);
    const people = [
      ["lan", "Nguyễn Thị Lan", UNITS.B1],
      ["minh", "Lê Văn Minh", UNITS.B2],
      ["hoa", "Phạm Thị Hoa", UNITS.B1],
      ["other", "Đỗ Văn Tâm", UNITS.B3],
    ] as const;
    for (const [key, fullName, homeUnitId] of people) {
      const response = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ fullName, admission: { ...memberInput().admission, homeUnitId } })),
      );
      ids[key] = ((await response.json()) as MemberDetail).id;
    }
  });
  afterAll(() => database.drop());

  const bulk = (body: unknown, dryRun: boolean, cookie?: string) =>
    app.request(
      `/api/v1/members/bulk-events?dryRun=${dryRun}`,
      json("POST", body, cookie === undefined ? {} : { Cookie: cookie }),
    );
  const grassrootsG = { filter: { organizationId: UNITS.G, asOf: "2021-11-26" }, expectedCount: 3 };
  const eventCount = async () => (await database.db.select().from(memberEvent)).length;
  const versions = async () =>
    Object.fromEntries((await database.db.select().from(member)).map((row) => [row.id, row.version]));

  it("reports on a dry run and writes nothing, then records the event for the whole filtered list", async () => {
    const before = { events: await eventCount(), versions: await versions() };
    const dry = await bulk({ members: grassrootsG, event: RESIDENCE_2021 }, true);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ dryRun: true, total: 3, accepted: 3, refused: [] });
    expect(await eventCount()).toBe(before.events);
    expect(await versions()).toEqual(before.versions);

    const done = await bulk({ members: grassrootsG, event: RESIDENCE_2021 }, false);
    expect(done.status).toBe(201);
    expect(((await done.json()) as Report).accepted).toBe(3);
    expect(await eventCount()).toBe(before.events + 3);
    for (const key of ["lan", "minh", "hoa"] as const) {
      const read = (await (await app.request(`/api/v1/members/${ids[key]}`)).json()) as MemberDetail;
      expect(read.state.residenceYears).toContain(2021);
      expect(read.version).toBe((before.versions[ids[key]] ?? 0) + 1);
    }
    const other = (await (await app.request(`/api/v1/members/${ids.other}`)).json()) as MemberDetail;
    expect(other.state.residenceYears).not.toContain(2021);
  });

  it("records nothing for anyone when one member's history refuses the event, and names them", async () => {
    const expelled = await app.request(
      `/api/v1/members/${ids.hoa}/events`,
      json(
        "POST",
        {
          type: "disciplined",
          effectiveDate: "2021-06-01",
          form: "expulsion",
          organizationId: UNITS.G,
          decisionRef: "7-QĐ/ĐTN",
        },
        { "If-Match": `"v${(await versions())[ids.hoa]}"` },
      ),
    );
    expect(expelled.status).toBe(201);
    const rating = { type: "rated", effectiveDate: "2021-11-20", year: 2021, level: "good_completion" };
    const selection = { ids: [ids.lan, ids.minh, ids.hoa] };

    const dry = await bulk({ members: selection, event: rating }, true);
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as Report;
    expect(report).toMatchObject({ total: 3, accepted: 2 });
    expect(report.refused).toEqual([
      expect.objectContaining({ memberId: ids.hoa, fullName: "Phạm Thị Hoa" }),
    ]);

    const before = { events: await eventCount(), versions: await versions() };
    const refused = await bulk({ members: selection, event: rating }, false);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.issues).toEqual([
      expect.objectContaining({
        path: ["members", ids.hoa],
        message: expect.objectContaining({ vi: expect.stringContaining("Phạm Thị Hoa") }),
      }),
    ]);
    expect(await eventCount()).toBe(before.events);
    expect(await versions()).toEqual(before.versions);
  });

  it("refuses a filtered list that changed since it was counted, with 412", async () => {
    const before = await eventCount();
    const response = await bulk(
      { members: { ...grassrootsG, expectedCount: 7 }, event: RESIDENCE_2021 },
      false,
    );
    expect(response.status).toBe(412);
    // Phạm Thị Hoa, expelled by the test before, has left the list.
    expect(((await response.json()) as ErrorBody).error.message.en).toContain("now holds 2 members, not 7");
    expect(await eventCount()).toBe(before);
  });

  it("answers 404 naming a selected member who is unknown or outside the caller's scope", async () => {
    const unknown = await bulk({ members: { ids: [ids.lan, "khong-co"] }, event: RESIDENCE_2021 }, true);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.issues).toEqual([
      expect.objectContaining({ path: ["members", "ids", 1] }),
    ]);

    // An administrator of grassroots G2 reaches the member of its branch B3, not those of G.
    const cookie = await testSessionCookie(database.db, { role: "org_admin", organizationId: UNITS.G2 });
    const outside = await bulk(
      { members: { ids: [ids.other, ids.lan] }, event: RESIDENCE_2021 },
      true,
      cookie,
    );
    expect(outside.status).toBe(404);
    const inside = await bulk({ members: { ids: [ids.other] }, event: RESIDENCE_2021 }, true, cookie);
    expect(inside.status).toBe(200);
    expect(((await inside.json()) as Report).accepted).toBe(1);
  });

  it("refuses events that name another record of the member, and bad selections, with 400", async () => {
    const before = await eventCount();
    const cases = [
      [{ members: { ids: [ids.lan] }, event: { ...RESIDENCE_2021, type: "corrected" } }, "event"],
      [{ members: { ids: [] }, event: RESIDENCE_2021 }, "members"],
      [{ members: { ids: [ids.lan] }, event: { ...RESIDENCE_2021, year: "năm nay" } }, "event"],
    ] as const;
    for (const [body, field] of cases) {
      const response = await bulk(body, false);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as ErrorBody;
      expect(error.error.issues.some((issue) => issue.path[0] === field)).toBe(true);
    }
    expect(await eventCount()).toBe(before);
  });
});
