import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";

const NOW = new Date("2022-03-01T03:00:00Z");

type Rating = {
  id: string;
  year: number;
  levelId: string;
  label: { vi: string; en: string };
  inForce: boolean;
};

describe.each(testDrivers)("organisation ratings and discipline on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let branch: string;

  async function call(method: string, url: string, body?: unknown) {
    const response = await app.request(`/api/v1/organizations${url}`, {
      method,
      headers: { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: (await response.json()) as never };
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    const ids: string[] = [];
    for (const input of [
      { name: "Trung ương Đoàn", level: "central", establishedOn: "1931-03-26" },
      { name: "Tỉnh đoàn Hà Nam", level: "provincial", establishedOn: "1997-01-01" },
      { name: "Đoàn xã Yên Bắc", level: "grassroots", grassrootsKind: "union", establishedOn: "1997-01-01" },
      { name: "Chi đoàn thôn 1", level: "branch", establishedOn: "1997-01-01" },
    ]) {
      const parentId = ids.at(-1);
      const { body } = await call("POST", "", parentId === undefined ? input : { ...input, parentId });
      ids.push((body as { id: string }).id);
    }
    branch = ids[3] as string;
  });
  afterAll(() => database.drop());

  it("records a year's rating on the scale of that year, and a later correction takes over from its date", async () => {
    const first = await call("POST", `/${branch}/ratings`, {
      year: 2017,
      levelId: "strong",
      effectiveDate: "2017-12-20",
    });
    expect(first.response.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      year: 2017,
      levelId: "strong",
      label: { vi: "Vững mạnh" },
      inForce: true,
    });
    const correction = await call("POST", `/${branch}/ratings`, {
      year: 2017,
      levelId: "good",
      effectiveDate: "2018-02-01",
      note: "Sửa sau phúc tra",
    });
    expect(correction.response.status).toBe(201);
    const now = (await call("GET", `/${branch}/ratings?year=2017`)).body as { items: Rating[] };
    expect(now.items.map((rating) => [rating.levelId, rating.inForce])).toEqual([
      ["good", true],
      ["strong", false],
    ]);
    const then = (await call("GET", `/${branch}/ratings?year=2017&asOf=2018-01-01`)).body as {
      items: Rating[];
    };
    expect(then.items.map((rating) => [rating.levelId, rating.inForce])).toEqual([
      ["good", false],
      ["strong", true],
    ]);
    const recent = await call("POST", `/${branch}/ratings`, {
      year: 2021,
      levelId: "excellent_completion",
      effectiveDate: "2021-12-15",
    });
    expect(recent.body).toMatchObject({ label: { vi: "Hoàn thành xuất sắc nhiệm vụ" }, inForce: true });
    const all = (await call("GET", `/${branch}/ratings`)).body as { items: Rating[] };
    expect(all.items.map((rating) => rating.year)).toEqual([2021, 2017, 2017]);
  });

  it("refuses a level not on the year's scale (400 naming it), and an organisation not on file (404)", async () => {
    const refused = await call("POST", `/${branch}/ratings`, {
      year: 2021,
      levelId: "strong",
      effectiveDate: "2021-12-15",
    });
    expect(refused.response.status).toBe(400);
    const { error } = refused.body as ErrorBody;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues[0]?.path).toEqual(["levelId"]);
    expect(error.issues[0]?.message.vi).toBeTruthy();
    const missing = await call("POST", "/khong-co/ratings", {
      year: 2021,
      levelId: "completion",
      effectiveDate: "2021-12-15",
    });
    expect(missing.response.status).toBe(404);
    expect((await call("GET", "/khong-co/ratings")).response.status).toBe(404);
  });

  it("records disciplinary decisions and lists them latest first", async () => {
    const reprimand = await call("POST", `/${branch}/disciplines`, {
      form: "reprimand",
      reason: "Không sinh hoạt ba tháng liền",
      effectiveDate: "2019-05-01",
    });
    expect(reprimand.response.status, JSON.stringify(reprimand.body)).toBe(201);
    expect(reprimand.body).toMatchObject({
      form: "reprimand",
      organizationId: branch,
      recordedAt: NOW.toISOString(),
    });
    await call("POST", `/${branch}/disciplines`, {
      form: "warning",
      reason: "Tái phạm",
      effectiveDate: "2020-05-01",
      decidedBy: { symbol: "12-QĐ/TĐTN" },
    });
    const list = (await call("GET", `/${branch}/disciplines`)).body as { items: { form: string }[] };
    expect(list.items.map((item) => item.form)).toEqual(["warning", "reprimand"]);
    const invalid = await call("POST", `/${branch}/disciplines`, {
      form: "expulsion",
      reason: "X",
      effectiveDate: "2020-05-01",
    });
    expect(invalid.response.status).toBe(400);
    expect((invalid.body as ErrorBody).error.issues[0]?.path).toEqual(["form"]);
    expect((await call("GET", "/khong-co/disciplines")).response.status).toBe(404);
  });
});
