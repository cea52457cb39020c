import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { PublicOrganization } from "./public-organizations.js";

/** Six members in branch 1, admitted in 2012 and 2017, and two in branch 3: a group too small to show. */
const BRANCH_1 = ["Trần Ngọc Nam", "Lê Thị Hoa", "Phạm Văn Bình", "Đỗ Thị Lan", "Vũ Văn Tú", "Ngô Thị Mai"];
const BRANCH_3 = ["Hoàng Văn Sơn", "Đinh Thị Thu"];

describe.each(testDrivers)("GET /api/v1/public/organizations/{id} on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  /** What an anonymous reader gets: no session at all. */
  const anonymous = (path: string) => app.request(path, { headers: { Cookie: "" } });

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2017-09-01T03:00:00Z") });
    await seedUnits(database.db);
    for (const [i, fullName] of BRANCH_1.entries()) {
      const date = i < 4 ? "2012-03-26" : "2017-03-26";
      const admission = { ...memberInput().admission, date };
      const response = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ fullName, admission })),
      );
      expect(response.status).toBe(201);
    }
    for (const fullName of BRANCH_3) {
      const admission = {
        ...memberInput().admission,
        admittingOrganizationId: UNITS.G2,
        homeUnitId: UNITS.B3,
      };
      const response = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ fullName, admission })),
      );
      expect(response.status).toBe(201);
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("gives the name, level, parent and children on the date, and figures with their provenance", async () => {
    const response = await anonymous(`/api/v1/public/organizations/${UNITS.D}?asOf=2017-08-31`);
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toMatch(/^"/);
    const body = (await response.json()) as PublicOrganization;
    expect(body).toMatchObject({
      id: UNITS.D,
      name: "Huyện đoàn D",
      level: "district",
      asOf: "2017-08-31",
      existsAsOf: true,
      parent: { id: UNITS.P, name: "Tỉnh đoàn P", level: "provincial" },
    });
    expect(body.children.map((child) => child.id)).toEqual([UNITS.G, UNITS.G2]);
    const byMetric = Object.fromEntries(body.figures.map((figure) => [figure.metricId, figure]));
    expect(byMetric["members.active"]).toMatchObject({
      value: { count: 8 },
      hidden: [],
      query: { organizationId: UNITS.D, asOf: "2017-08-31" },
      provenance: {
        metricId: "members.active",
        organizationId: UNITS.D,
        asOf: "2017-08-31",
        recordsCounted: 8,
      },
    });
    // Admitted in 2017 up to the date: two, a group too small for the public, so hidden.
    expect(byMetric["members.admissions"]).toMatchObject({
      query: { from: "2017-01-01", to: "2017-08-31" },
      hidden: [{ path: [], reason: "below_threshold" }],
      value: null,
      provenance: { period: { from: "2017-01-01", to: "2017-08-31" } },
    });
    expect(byMetric["members.residence_registration_rate"]?.query.year).toBe(2017);
    expect(byMetric["members.active"]?.counts.vi).toContain("Đoàn viên");
  });

  it("hides a count smaller than the threshold", async () => {
    const body = (await (
      await anonymous(`/api/v1/public/organizations/${UNITS.G2}?asOf=2017-08-31`)
    ).json()) as PublicOrganization;
    const active = body.figures.find((figure) => figure.metricId === "members.active");
    expect(active?.value).toEqual({ count: null, postponed: null });
    expect(active?.hidden.length).toBeGreaterThan(0);
  });

  it("never shows a member's name or personal data", async () => {
    for (const id of Object.values(UNITS)) {
      const text = await (await anonymous(`/api/v1/public/organizations/${id}?asOf=2017-08-31`)).text();
      for (const name of [...BRANCH_1, ...BRANCH_3]) expect(text).not.toContain(name);
      expect(text).not.toContain("Kinh");
      expect(text).not.toContain("1995-04-12");
    }
  });

  it("says 404 for an unknown organisation and 400 for a malformed date, in both languages", async () => {
    const missing = await anonymous("/api/v1/public/organizations/khong-co?asOf=2017-08-31");
    expect(missing.status).toBe(404);
    const error = (await missing.json()) as ErrorBody;
    expect(error.error.message.vi).toContain("Không tìm thấy tổ chức");
    expect(error.error.message.en).toContain("No organisation");
    expect((await anonymous(`/api/v1/public/organizations/${UNITS.D}?asOf=31-08-2017`)).status).toBe(400);
  });

  it("shows no figures for an organisation that did not exist yet on the date", async () => {
    const body = (await (
      await anonymous(`/api/v1/public/organizations/${UNITS.D}?asOf=1999-01-01`)
    ).json()) as PublicOrganization;
    expect(body.existsAsOf).toBe(false);
    expect(body.figures).toEqual([]);
    expect(body.children).toEqual([]);
  });
});
