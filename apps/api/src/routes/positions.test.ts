import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";

const NOW = new Date("2026-01-15T03:00:00Z");

type Term = {
  id: string;
  title: string;
  person: { fullName: string };
  from: string;
  to?: string;
  version: number;
};
type Positions = {
  asOf: string;
  positions: {
    title: string;
    holders: { termId: string; person: { fullName: string }; label: { vi: string; en: string } }[];
  }[];
};

describe.each(testDrivers)("position terms on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(url, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: (await response.json()) as never };
  }

  function expectError(result: { response: Response; body: never }, status: number, code: string) {
    expect(result.response.status, JSON.stringify(result.body)).toBe(status);
    const { error } = result.body as ErrorBody;
    expect(result.response.headers.get("X-Refusal-Code") ?? error.code).toBe(code);
    expect(error.message.vi).toBeTruthy();
    expect(error.message.en).toBeTruthy();
    return error;
  }

  const province = "tinh-doan-ha-nam";
  const secretary = { fullName: "Trần Ngọc Nam", personId: "p-tran-ngoc-nam" };
  const deputy = { fullName: "Nguyễn Thị Phương Quỳnh", personId: "p-nguyen-thi-phuong-quynh" };
  let secretaryTerm: Term;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    const central = await call("POST", "/api/v1/organizations", {
      name: "Trung ương Đoàn",
      level: "central",
      establishedOn: "1931-03-26",
    });
    const created = await call("POST", "/api/v1/organizations", {
      name: "Tỉnh đoàn Hà Nam",
      englishName: "Hà Nam Provincial Youth Union",
      level: "provincial",
      establishedOn: "1997-01-01",
      parentId: (central.body as { id: string }).id,
    });
    expect((created.body as { id: string }).id).toBe(province);
  });
  afterAll(() => database.drop());

  it("records terms with an ETag and a Location", async () => {
    const { response, body } = await call("POST", "/api/v1/positions", {
      organizationId: province,
      title: "secretary",
      person: secretary,
      from: "2020-10-01",
    });
    expect(response.status, JSON.stringify(body)).toBe(201);
    secretaryTerm = body as Term;
    expect(response.headers.get("ETag")).toBe('"v1"');
    expect(response.headers.get("Location")).toBe(`/api/v1/positions/${secretaryTerm.id}`);
    expect(secretaryTerm).toMatchObject({
      title: "secretary",
      person: secretary,
      from: "2020-10-01",
      version: 1,
    });
    const standing = await call("POST", "/api/v1/positions", {
      organizationId: province,
      title: "standing_deputy_secretary",
      person: deputy,
      from: "2020-10-01",
    });
    expect(standing.response.status).toBe(201);
  });

  it("gives the holders of each position on a date, titled with the organisation's name of that date", async () => {
    const { response, body } = await call(
      "GET",
      `/api/v1/organizations/${province}/positions?asOf=2021-11-25`,
    );
    expect(response.status).toBe(200);
    const positions = (body as Positions).positions;
    expect(positions.map((position) => position.title)).toEqual([
      "secretary",
      "standing_deputy_secretary",
      "deputy_secretary",
      "standing_committee_member",
      "executive_committee_member",
    ]);
    expect(positions[0]?.holders).toEqual([
      {
        termId: secretaryTerm.id,
        person: secretary,
        from: "2020-10-01",
        label: { vi: "Bí thư Tỉnh đoàn Hà Nam", en: "Secretary, Hà Nam Provincial Youth Union" },
      },
    ]);
    expect(positions[1]?.holders[0]?.label.vi).toBe("Phó Bí thư Thường trực Tỉnh đoàn Hà Nam");
    const before = (await call("GET", `/api/v1/organizations/${province}/positions?asOf=2019-01-01`))
      .body as Positions;
    expect(before.positions.every((position) => position.holders.length === 0)).toBe(true);
    expectError(await call("GET", "/api/v1/organizations/khong-co/positions"), 404, "NOT_FOUND");
  });

  it("refuses a second secretary at once, and the same person twice", async () => {
    const other = { organizationId: province, title: "secretary", from: "2021-01-01" };
    const occupied = expectError(
      await call("POST", "/api/v1/positions", { ...other, person: { fullName: "Lê Văn Hải" } }),
      409,
      "POSITION_OCCUPIED",
    );
    expect(occupied.message.vi).toContain("Trần Ngọc Nam");
    expectError(
      await call("POST", "/api/v1/positions", {
        ...other,
        title: "standing_deputy_secretary",
        person: { fullName: "nguyen thi phuong quynh", personId: deputy.personId },
      }),
      409,
      "OVERLAPPING_TERM",
    );
  });

  it.each([
    [
      {
        organizationId: province,
        title: "secretary",
        person: secretary,
        from: "2020-01-01",
        to: "2019-01-01",
      },
      ["to"],
    ],
    [{ organizationId: province, title: "chairman", person: secretary, from: "2020-01-01" }, ["title"]],
    [
      { organizationId: province, title: "secretary", person: { fullName: "" }, from: "2020-01-01" },
      ["person", "fullName"],
    ],
  ])("refuses the invalid term %j naming the field", async (input, path) => {
    const error = expectError(await call("POST", "/api/v1/positions", input), 400, "VALIDATION_FAILED");
    expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it("refuses a term in an organisation not on file", async () => {
    const error = expectError(
      await call("POST", "/api/v1/positions", {
        organizationId: "khong-co",
        title: "deputy_secretary",
        person: deputy,
        from: "2020-01-01",
      }),
      409,
      "CONFLICT",
    );
    expect(error.issues[0]?.path).toEqual(["organizationId"]);
  });

  it("ends a term with If-Match, so that a successor can start; the second of two edits with one ETag gets 412", async () => {
    const read = await call("GET", `/api/v1/positions/${secretaryTerm.id}`);
    const tag = read.response.headers.get("ETag") ?? "";
    expect(tag).toBe('"v1"');
    const ended = await call(
      "PATCH",
      `/api/v1/positions/${secretaryTerm.id}`,
      { to: "2022-12-31" },
      { "If-Match": tag },
    );
    expect(ended.response.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ to: "2022-12-31", version: 2 });
    expect(ended.response.headers.get("ETag")).toBe('"v2"');
    expectError(
      await call("PATCH", `/api/v1/positions/${secretaryTerm.id}`, { to: "2023-06-30" }, { "If-Match": tag }),
      412,
      "PRECONDITION_FAILED",
    );
    const successor = await call("POST", "/api/v1/positions", {
      organizationId: province,
      title: "secretary",
      person: { fullName: "Lê Văn Hải" },
      from: "2023-01-01",
    });
    expect(successor.response.status).toBe(201);
    // Stretching the first term over the successor's is refused by the rule.
    expectError(
      await call(
        "PATCH",
        `/api/v1/positions/${secretaryTerm.id}`,
        { to: "2023-06-30" },
        { "If-Match": '"v2"' },
      ),
      409,
      "POSITION_OCCUPIED",
    );
    const holders = (await call("GET", `/api/v1/organizations/${province}/positions?asOf=2024-01-01`))
      .body as Positions;
    expect(holders.positions[0]?.holders.map((holder) => holder.person.fullName)).toEqual(["Lê Văn Hải"]);
  });

  it("answers 428 without If-Match, 404 for an unknown term and 400 for an end before the start", async () => {
    expectError(
      await call("PATCH", `/api/v1/positions/${secretaryTerm.id}`, { to: "2022-12-30" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    expectError(
      await call("PATCH", "/api/v1/positions/khong-co", { to: "2022-12-30" }, { "If-Match": '"v1"' }),
      404,
      "NOT_FOUND",
    );
    expectError(await call("GET", "/api/v1/positions/khong-co"), 404, "NOT_FOUND");
    const error = expectError(
      await call(
        "PATCH",
        `/api/v1/positions/${secretaryTerm.id}`,
        { to: "2019-01-01" },
        { "If-Match": '"v2"' },
      ),
      400,
      "VALIDATION_FAILED",
    );
    expect(error.issues[0]?.path).toEqual(["to"]);
  });

  it("lists terms by organisation, date and a name typed without accents", async () => {
    const page = (await call("GET", `/api/v1/positions?organizationId=${province}&q=tran%20ngoc%20nam`))
      .body as Page<Term>;
    expect(page.items.map((term) => term.id)).toEqual([secretaryTerm.id]);
    const onDate = (
      await call("GET", `/api/v1/positions?organizationId=${province}&asOf=2024-01-01&sort=title`)
    ).body as Page<Term>;
    expect(onDate.items.map((term) => term.person.fullName)).toEqual([
      "Lê Văn Hải",
      "Nguyễn Thị Phương Quỳnh",
    ]);
    expect(onDate.total).toBe(2);
  });
});
