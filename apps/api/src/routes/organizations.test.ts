import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import type { OrganizationView } from "../db/queries/organizations.js";
import { organization } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";

const NOW = new Date("2026-01-15T03:00:00Z");

type Tree = { asOf: string; items: (OrganizationView & { depth?: number })[] };

describe.each(testDrivers)("organisations on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    // The list and the creation live at the collection's own URL, without a trailing slash.
    const url = `/api/v1/organizations${path.replace(/^\/(?=\?|$)/, "")}`;
    const response = await app.request(url, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: (await response.json()) as never };
  }

  /** Creates an organisation and answers its id. */
  async function create(input: Record<string, unknown>): Promise<string> {
    const { response, body } = await call("POST", "/", input);
    expect(response.status, JSON.stringify(body)).toBe(201);
    return (body as OrganizationView).id;
  }

  async function etag(id: string): Promise<string> {
    const { response } = await call("GET", `/${id}`);
    return response.headers.get("ETag") ?? "";
  }

  async function ids(path: string): Promise<string[]> {
    const { response, body } = await call("GET", path);
    expect(response.status).toBe(200);
    return (body as Tree).items.map((item) => item.id);
  }

  function expectRefusal(result: { response: Response; body: never }, status: number, code: string) {
    expect(result.response.status, JSON.stringify(result.body)).toBe(status);
    const { error } = result.body as ErrorBody;
    expect(error.message.vi).toBeTruthy();
    expect(error.message.en).toBeTruthy();
    if (status === 409 && code !== "CONFLICT") {
      expect(error.code).toBe("CONFLICT");
      expect(result.response.headers.get("X-Refusal-Code")).toBe(code);
    } else {
      expect(error.code).toBe(code);
    }
    return error;
  }

  let central: string;
  let haNam: string;
  let namDinh: string;
  let ninhBinh: string;
  let duyTien: string;
  let khoi: string;
  let yenBac: string;
  let branch: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    central = await create({
      name: "Trung ương Đoàn TNCS Hồ Chí Minh",
      level: "central",
      establishedOn: "1931-03-26",
    });
    haNam = await create({
      name: "Tỉnh đoàn Hà Nam",
      level: "provincial",
      establishedOn: "1997-01-01",
      parentId: central,
    });
    namDinh = await create({
      name: "Tỉnh đoàn Nam Định",
      level: "provincial",
      establishedOn: "1997-01-01",
      parentId: central,
    });
    ninhBinh = await create({
      name: "Tỉnh đoàn Ninh Bình",
      level: "provincial",
      establishedOn: "1992-04-01",
      parentId: central,
    });
    duyTien = await create({
      name: "Huyện đoàn Duy Tiên",
      level: "district",
      sector: "residential",
      area: "rural",
      establishedOn: "1997-01-01",
      parentId: haNam,
    });
    khoi = await create({
      name: "Đoàn Khối các cơ quan tỉnh Hà Nam",
      level: "district",
      sector: "public_agency",
      establishedOn: "2008-05-01",
      parentId: haNam,
    });
    yenBac = await create({
      name: "Đoàn xã Yên Bắc",
      level: "grassroots",
      grassrootsKind: "union",
      sector: "residential",
      area: "rural",
      establishedOn: "1997-01-01",
      parentId: duyTien,
    });
    branch = await create({
      name: "Chi đoàn thôn Yên Lạc",
      level: "branch",
      sector: "residential",
      establishedOn: "1997-01-01",
      parentId: yenBac,
    });
  });
  afterAll(() => database.drop());

  describe("create and read", () => {
    it("creates with a readable id, its parent link, an ETag and a Location", async () => {
      expect(haNam).toBe("tinh-doan-ha-nam");
      const { response, body } = await call("GET", `/${duyTien}?asOf=2017-08-31`);
      expect(response.status).toBe(200);
      expect(response.headers.get("ETag")).toBe('"v1"');
      expect(body).toMatchObject({
        id: duyTien,
        name: "Huyện đoàn Duy Tiên",
        level: "district",
        sector: "residential",
        area: "rural",
        establishedOn: "1997-01-01",
        asOf: "2017-08-31",
        existsAsOf: true,
        parentId: haNam,
        version: 1,
      });
      const again = await call("POST", "/", {
        name: "Tỉnh đoàn Hà Nam",
        level: "provincial",
        establishedOn: "2000-01-01",
        parentId: central,
      });
      expect(again.response.status).toBe(201);
      expect((again.body as OrganizationView).id).toMatch(/^tinh-doan-ha-nam-[0-9a-f]{6}$/);
      expect(again.response.headers.get("Location")).toBe(
        `/api/v1/organizations/${(again.body as OrganizationView).id}`,
      );
    });

    it("reads a date before the organisation existed as not existing, without a parent", async () => {
      const { body } = await call("GET", `/${khoi}?asOf=2000-01-01`);
      expect(body).toMatchObject({ existsAsOf: false, parentId: null });
    });

    it("answers 404 for an unknown organisation, and 400 for a date that is not one", async () => {
      expectRefusal(await call("GET", "/khong-co"), 404, "NOT_FOUND");
      const bad = expectRefusal(await call("GET", `/${haNam}?asOf=2017-02-30`), 400, "VALIDATION_FAILED");
      expect(bad.issues[0]?.path).toEqual(["asOf"]);
    });

    it.each([
      [{ level: "provincial", establishedOn: "1997-01-01" }, ["name"]],
      [{ name: "X", level: "county", establishedOn: "1997-01-01" }, ["level"]],
      [{ name: "X", level: "district", establishedOn: "1997-13-01" }, ["establishedOn"]],
      [
        { name: "X", level: "district", grassrootsKind: "union", establishedOn: "1997-01-01" },
        ["grassrootsKind"],
      ],
    ])("refuses the invalid input %j naming the field", async (input, path) => {
      const error = expectRefusal(await call("POST", "/", input), 400, "VALIDATION_FAILED");
      expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
    });

    it.each([
      [
        "no parent below the centre",
        { name: "Tỉnh đoàn Mới", level: "provincial", establishedOn: "2000-01-01" },
        "PARENT_REQUIRED",
      ],
      [
        "a branch right under a province",
        { name: "Chi đoàn A", level: "branch", establishedOn: "2000-01-01", parentId: "tinh-doan-ha-nam" },
        "PARENT_LEVEL_NOT_ALLOWED",
      ],
      [
        "a parent not on file",
        { name: "Huyện đoàn B", level: "district", establishedOn: "2000-01-01", parentId: "khong-co" },
        "ORGANIZATION_NOT_FOUND",
      ],
      [
        "a parent not yet established",
        {
          name: "Đoàn cơ sở C",
          level: "grassroots",
          establishedOn: "2000-01-01",
          parentId: "doan-khoi-cac-co-quan-tinh-ha-nam",
        },
        "NOT_YET_ESTABLISHED",
      ],
    ])("refuses %s with 409 and the domain's code", async (_, input, code) => {
      const error = expectRefusal(await call("POST", "/", input), 409, code);
      expect(error.issues[0]?.path).toEqual(["parentId"]);
    });
  });

  describe("lists", () => {
    it("lists as of a date, in Vietnamese order of the names of that date", async () => {
      const { body } = await call("GET", `/?parentId=${haNam}&asOf=2017-08-31`);
      const page = body as Page<OrganizationView>;
      // Under the C collation "Huyện" would come before "Đoàn"; in Vietnamese Đ follows D.
      expect(page.items.map((item) => item.name)).toEqual([
        "Đoàn Khối các cơ quan tỉnh Hà Nam",
        "Huyện đoàn Duy Tiên",
      ]);
      expect(page.total).toBe(2);
      expect(await ids(`/?parentId=${haNam}&asOf=2000-01-01`)).toEqual([duyTien]);
    });

    it("filters by level and sector, and sorts by establishment date", async () => {
      expect(await ids("/?level=district&asOf=2017-08-31&sort=establishedOn:desc")).toEqual([khoi, duyTien]);
      expect(await ids("/?sector=public_agency&asOf=2017-08-31")).toEqual([khoi]);
      const { body } = await call("GET", "/?asOf=2017-08-31&sort=level,name&pageSize=2&page=1");
      expect((body as Page<OrganizationView>).items.map((item) => item.level)).toEqual([
        "central",
        "provincial",
      ]);
    });

    it("finds names without diacritics or case", async () => {
      expect(await ids("/?q=tinh%20doan%20nam%20dinh&asOf=2017-08-31")).toEqual([namDinh]);
      expect(await ids("/?q=YEN%20BAC&asOf=2017-08-31")).toEqual([yenBac]);
      expect(await ids("/?q=100%25&asOf=2017-08-31")).toEqual([]);
    });

    it("counts the whole list on a page past its end", async () => {
      const first = (await call("GET", "/?asOf=2017-08-31&pageSize=2")).body as Page<OrganizationView>;
      expect(first.total).toBeGreaterThan(2);
      const { body } = await call("GET", "/?asOf=2017-08-31&pageSize=2&page=50");
      expect(body).toEqual({ items: [], total: first.total, page: 50, pageSize: 2 });
    });

    it("refuses a sort field it does not know", async () => {
      const error = expectRefusal(await call("GET", "/?sort=version"), 400, "VALIDATION_FAILED");
      expect(error.issues[0]?.path).toEqual(["sort"]);
    });
  });

  describe("corrections", () => {
    it("updates with If-Match, moves the ETag on, and searches the new short name", async () => {
      const tag = await etag(khoi);
      const { response, body } = await call(
        "PATCH",
        `/${khoi}`,
        { shortName: "Đoàn Khối CQ" },
        { "If-Match": tag },
      );
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(response.headers.get("ETag")).toBe('"v2"');
      expect(body).toMatchObject({ shortName: "Đoàn Khối CQ", version: 2 });
      expect(await ids("/?q=doan%20khoi%20cq&asOf=2017-08-31")).toEqual([khoi]);
    });

    it("lets only the first of two updates with the same ETag through (412 for the second)", async () => {
      const tag = await etag(duyTien);
      const first = await call("PATCH", `/${duyTien}`, { area: "urban" }, { "If-Match": tag });
      expect(first.response.status).toBe(200);
      expectRefusal(
        await call("PATCH", `/${duyTien}`, { area: "rural" }, { "If-Match": tag }),
        412,
        "PRECONDITION_FAILED",
      );
      expect((await call("GET", `/${duyTien}`)).body).toMatchObject({ area: "urban" });
    });

    it("asks for If-Match (428), knows no such organisation (404), and keeps the kind for the grassroots (400)", async () => {
      expectRefusal(await call("PATCH", `/${khoi}`, { area: "urban" }), 428, "PRECONDITION_REQUIRED");
      expectRefusal(
        await call("PATCH", "/khong-co", { area: "urban" }, { "If-Match": '"v1"' }),
        404,
        "NOT_FOUND",
      );
      const error = expectRefusal(
        await call("PATCH", `/${khoi}`, { grassrootsKind: "branch" }, { "If-Match": await etag(khoi) }),
        400,
        "VALIDATION_FAILED",
      );
      expect(error.issues[0]?.path).toEqual(["grassrootsKind"]);
    });
  });

  describe("lineage", () => {
    it("renames from a date and keeps the old name for earlier dates", async () => {
      const { response, body } = await call(
        "POST",
        `/${yenBac}/rename`,
        { name: "Đoàn thị trấn Yên Bắc", effectiveDate: "2020-01-01" },
        { "If-Match": await etag(yenBac) },
      );
      expect(response.status, JSON.stringify(body)).toBe(201);
      expect(response.headers.get("ETag")).toBe('"v2"');
      expect(body).toMatchObject({
        event: {
          type: "renamed",
          organizationId: yenBac,
          effectiveDate: "2020-01-01",
          recordedAt: NOW.toISOString(),
        },
        versions: { [yenBac]: 2 },
      });
      expect((await call("GET", `/${yenBac}?asOf=2019-12-31`)).body).toMatchObject({
        name: "Đoàn xã Yên Bắc",
      });
      expect((await call("GET", `/${yenBac}?asOf=2020-01-01`)).body).toMatchObject({
        name: "Đoàn thị trấn Yên Bắc",
      });
      expect(await ids("/?q=thi%20tran%20yen%20bac&asOf=2019-01-01")).toEqual([]);
      expect(await ids("/?q=thi%20tran%20yen%20bac&asOf=2021-01-01")).toEqual([yenBac]);
    });

    it("refuses a rename before the organisation existed, and one without If-Match", async () => {
      const refused = await call(
        "POST",
        `/${khoi}/rename`,
        { name: "Đoàn Khối", effectiveDate: "2001-01-01" },
        { "If-Match": await etag(khoi) },
      );
      expectRefusal(refused, 409, "NOT_YET_ESTABLISHED");
      expectRefusal(
        await call("POST", `/${khoi}/rename`, { name: "X", effectiveDate: "2010-01-01" }),
        428,
        "PRECONDITION_REQUIRED",
      );
      expectRefusal(
        await call(
          "POST",
          `/${khoi}/rename`,
          { name: "X", effectiveDate: "2010-01-01" },
          { "If-Match": '"v1"' },
        ),
        412,
        "PRECONDITION_FAILED",
      );
      expectRefusal(
        await call("POST", `/${khoi}/rename`, { effectiveDate: "2010-01-01" }, { "If-Match": '"v1"' }),
        400,
        "VALIDATION_FAILED",
      );
    });

    it("re-parents from a date, leaving earlier dates as they were", async () => {
      const { response } = await call(
        "POST",
        `/${yenBac}/reparent`,
        { fromParentId: duyTien, toParentId: khoi, effectiveDate: "2015-01-01" },
        { "If-Match": await etag(yenBac) },
      );
      expect(response.status).toBe(201);
      expect((await call("GET", `/${yenBac}?asOf=2014-12-31`)).body).toMatchObject({ parentId: duyTien });
      expect((await call("GET", `/${yenBac}?asOf=2015-01-01`)).body).toMatchObject({ parentId: khoi });
      expect(await ids(`/${duyTien}/subtree?asOf=2014-12-31`)).toEqual([duyTien, yenBac, branch]);
      expect(await ids(`/${duyTien}/subtree?asOf=2015-01-01`)).toEqual([duyTien]);
    });

    it("refuses a re-parent that breaks the structure or names the wrong former parent", async () => {
      const tag = await etag(haNam);
      expectRefusal(
        await call(
          "POST",
          `/${haNam}/reparent`,
          { toParentId: duyTien, effectiveDate: "2016-01-01" },
          { "If-Match": tag },
        ),
        409,
        "PARENT_LEVEL_NOT_ALLOWED",
      );
      const error = expectRefusal(
        await call(
          "POST",
          `/${yenBac}/reparent`,
          { fromParentId: duyTien, toParentId: duyTien, effectiveDate: "2016-01-01" },
          { "If-Match": await etag(yenBac) },
        ),
        409,
        "PARENT_MISMATCH",
      );
      expect(error.issues[0]?.path).toEqual(["fromParentId"]);
    });

    it("refuses to dissolve an organisation with children, and dissolves a branch from a date", async () => {
      expectRefusal(
        await call(
          "POST",
          `/${yenBac}/dissolve`,
          { effectiveDate: "2018-01-01" },
          { "If-Match": await etag(yenBac) },
        ),
        409,
        "HAS_CHILDREN",
      );
      const { response } = await call(
        "POST",
        `/${branch}/dissolve`,
        { effectiveDate: "2018-01-01" },
        { "If-Match": await etag(branch) },
      );
      expect(response.status).toBe(201);
      expect(await ids(`/${yenBac}/subtree?asOf=2017-12-31`)).toEqual([yenBac, branch]);
      expect(await ids(`/${yenBac}/subtree?asOf=2018-01-01`)).toEqual([yenBac]);
      // Read on any date, it says when it ended: the dashboard defaults to that day.
      for (const asOf of ["2017-12-31", "2018-01-01", "2026-01-01"]) {
        expect((await call("GET", `/${branch}?asOf=${asOf}`)).body).toMatchObject({
          existsAsOf: asOf === "2017-12-31",
          lastDay: "2017-12-31",
        });
      }
      expect((await call("GET", `/${yenBac}?asOf=2018-01-01`)).body).toMatchObject({
        existsAsOf: true,
        lastDay: null,
      });
    });

    it("merges provinces in 2025 and still answers 2017 as it stood", async () => {
      const before2017 = await ids(`/${haNam}/subtree?asOf=2017-08-31`);
      expect(before2017).toEqual([haNam, khoi, yenBac, branch, duyTien]);
      const body = { sourceIds: [haNam, namDinh], targetId: ninhBinh, effectiveDate: "2025-07-01" };
      // One ETag per organisation: the target first, then the sources.
      const stale = await call("POST", "/merge", body, {
        "If-Match": `${await etag(ninhBinh)}, "v9", ${await etag(namDinh)}`,
      });
      expectRefusal(stale, 412, "PRECONDITION_FAILED");
      expectRefusal(
        await call("POST", "/merge", body, { "If-Match": await etag(ninhBinh) }),
        428,
        "PRECONDITION_REQUIRED",
      );
      const tags = `${await etag(ninhBinh)}, ${await etag(haNam)}, ${await etag(namDinh)}`;
      const merged = await call("POST", "/merge", body, { "If-Match": tags });
      expect(merged.response.status, JSON.stringify(merged.body)).toBe(201);
      expect(merged.body).toMatchObject({
        event: { type: "merged", targetId: ninhBinh },
        versions: { [ninhBinh]: 2 },
      });

      expect(await ids(`/${haNam}/subtree?asOf=2017-08-31`)).toEqual(before2017);
      expect(await ids(`/${haNam}/subtree?asOf=2025-07-01`)).toEqual([]);
      expect((await call("GET", `/${haNam}?asOf=2025-07-01`)).body).toMatchObject({
        existsAsOf: false,
        parentId: null,
      });
      // The children of the merged province follow it into Ninh Bình.
      expect(await ids(`/${ninhBinh}/subtree?asOf=2025-07-01`)).toEqual([ninhBinh, khoi, yenBac, duyTien]);
      expect(await ids(`/${duyTien}/ancestors?asOf=2025-07-01`)).toEqual([duyTien, ninhBinh, central]);
      expect(await ids(`/${duyTien}/ancestors?asOf=2017-08-31`)).toEqual([duyTien, haNam, central]);
      const provinces = await ids("/?level=provincial");
      expect(provinces).toContain(ninhBinh);
      expect(provinces).not.toContain(haNam);
      expect(provinces).not.toContain(namDinh);
    });

    it("refuses a merger of organisations of different levels, or of one already merged away", async () => {
      const body = { sourceIds: [duyTien], targetId: ninhBinh, effectiveDate: "2025-08-01" };
      const tags = `${await etag(ninhBinh)}, ${await etag(duyTien)}`;
      expectRefusal(await call("POST", "/merge", body, { "If-Match": tags }), 409, "LEVEL_MISMATCH");
      const again = { sourceIds: [haNam], targetId: ninhBinh, effectiveDate: "2025-08-01" };
      expectRefusal(
        await call("POST", "/merge", again, { "If-Match": `${await etag(ninhBinh)}, ${await etag(haNam)}` }),
        409,
        "ORGANIZATION_DISSOLVED",
      );
    });

    it("splits an organisation into new ones established that day", async () => {
      const north = await create({
        name: "Đoàn Khối Bắc",
        level: "district",
        establishedOn: "2024-01-01",
        parentId: haNam,
      });
      const south = await create({
        name: "Đoàn Khối Nam",
        level: "district",
        establishedOn: "2024-01-01",
        parentId: haNam,
      });
      const tags = `${await etag(khoi)}, ${await etag(north)}, ${await etag(south)}`;
      const { response, body } = await call(
        "POST",
        `/${khoi}/split`,
        { targetIds: [north, south], effectiveDate: "2024-01-01" },
        { "If-Match": tags },
      );
      expect(response.status, JSON.stringify(body)).toBe(201);
      expect(body).toMatchObject({ versions: { [khoi]: 3, [north]: 2, [south]: 2 } });
      expect(await ids(`/${haNam}/children?asOf=2023-12-31`)).toEqual([khoi, duyTien]);
      expect(await ids(`/${haNam}/children?asOf=2024-01-01`)).toEqual([north, south, duyTien]);
      type History = { items: { event: Record<string, unknown>; names: Record<string, string> }[] };
      const history = (await call("GET", `/${khoi}/lineage`)).body as History;
      const split = history.items.find((item) => item.event.type === "split");
      expect(split?.event).toMatchObject({ sourceId: khoi, targetIds: [north, south] });
      expect(split?.names).toMatchObject({ [north]: "Đoàn Khối Bắc", [south]: "Đoàn Khối Nam" });
      expect(((await call("GET", `/${north}/lineage`)).body as History).items).toHaveLength(1);
      expectRefusal(await call("GET", "/khong-co/lineage"), 404, "NOT_FOUND");
      expectRefusal(
        await call(
          "POST",
          `/${duyTien}/split`,
          { targetIds: [duyTien], effectiveDate: "2024-02-01" },
          { "If-Match": await etag(duyTien) },
        ),
        409,
        "INVALID_LINEAGE",
      );
    });
  });

  describe("merger and split into new organisations, all or nothing", () => {
    type LineageAnswer = { event: Record<string, unknown>; versions: Record<string, number> };
    let kimSon: string;
    let yenMo: string;
    let merged: string;

    async function organizationCount(): Promise<number> {
      return (await database.db.select({ id: organization.id }).from(organization)).length;
    }

    beforeAll(async () => {
      // Their own units, established after 2017 so that the other tests' dates do not see them.
      kimSon = await create({
        name: "Huyện đoàn Kim Sơn",
        level: "district",
        establishedOn: "2020-01-01",
        parentId: ninhBinh,
      });
      yenMo = await create({
        name: "Huyện đoàn Yên Mô",
        level: "district",
        establishedOn: "2020-01-01",
        parentId: ninhBinh,
      });
    });

    it("refuses a merger into a new organisation and leaves no new organisation behind", async () => {
      const before = await organizationCount();
      const tags = `${await etag(kimSon)}, ${await etag(yenMo)}`;
      const newTarget = { name: "Huyện đoàn Kim Mô", level: "district", parentId: ninhBinh };
      // The rule of the merger says no, after the new organisation would have been established.
      const mismatch = await call(
        "POST",
        "/merge",
        { sourceIds: [kimSon, yenBac], newTarget, effectiveDate: "2024-09-01" },
        { "If-Match": `${await etag(kimSon)}, ${await etag(yenBac)}` },
      );
      expectRefusal(mismatch, 409, "LEVEL_MISMATCH");
      // The new organisation's own rules say no: a district cannot sit under a branch.
      const underBranch = await call(
        "POST",
        "/merge",
        {
          sourceIds: [kimSon, yenMo],
          newTarget: { ...newTarget, parentId: branch },
          effectiveDate: "2024-09-01",
        },
        { "If-Match": tags },
      );
      const error = expectRefusal(underBranch, 409, underBranch.response.headers.get("X-Refusal-Code") ?? "");
      expect(error.issues[0]?.path[0]).toBe("newTarget");
      // A new organisation that is not one: a kind only a grassroots unit has.
      const notOne = await call(
        "POST",
        "/merge",
        {
          sourceIds: [kimSon, yenMo],
          newTarget: { ...newTarget, grassrootsKind: "union" },
          effectiveDate: "2024-09-01",
        },
        { "If-Match": tags },
      );
      expect(expectRefusal(notOne, 400, "VALIDATION_FAILED").issues.map((issue) => issue.path)).toEqual([
        ["newTarget", "grassrootsKind"],
      ]);
      const neither = await call(
        "POST",
        "/merge",
        { sourceIds: [kimSon, yenMo], effectiveDate: "2024-09-01" },
        { "If-Match": tags },
      );
      expect(expectRefusal(neither, 400, "VALIDATION_FAILED").issues[0]?.path).toEqual(["targetId"]);
      expect(await organizationCount()).toBe(before);
      expect(await etag(kimSon)).toBe('"v1"');
    });

    it("merges into a new organisation established that day, in one request", async () => {
      const before = await organizationCount();
      const { response, body } = await call(
        "POST",
        "/merge",
        {
          sourceIds: [kimSon, yenMo],
          newTarget: { name: "Huyện đoàn Kim Mô", level: "district", parentId: ninhBinh },
          effectiveDate: "2024-09-01",
        },
        // Only the organisations already on file have an ETag: the sources, in order.
        { "If-Match": `${await etag(kimSon)}, ${await etag(yenMo)}` },
      );
      expect(response.status, JSON.stringify(body)).toBe(201);
      const answer = body as LineageAnswer;
      merged = String(answer.event.targetId);
      expect(answer.event).toMatchObject({ type: "merged", sourceIds: [kimSon, yenMo] });
      expect(answer.versions).toEqual({ [kimSon]: 2, [yenMo]: 2, [merged]: 1 });
      expect(await organizationCount()).toBe(before + 1);
      expect((await call("GET", `/${merged}?asOf=2024-09-01`)).body).toMatchObject({
        name: "Huyện đoàn Kim Mô",
        level: "district",
        parentId: ninhBinh,
        establishedOn: "2024-09-01",
        existsAsOf: true,
      });
      expect((await call("GET", `/${kimSon}?asOf=2024-09-01`)).body).toMatchObject({ existsAsOf: false });
    });

    it("refuses a split into new organisations and leaves none behind", async () => {
      const before = await organizationCount();
      const newTargets = [
        { name: "Huyện đoàn Kim Sơn mới", level: "district", parentId: ninhBinh },
        { name: "Huyện đoàn Yên Mô mới", level: "district", parentId: ninhBinh },
      ];
      // Kim Sơn was merged away on 01/9/2024: nothing can be split from it after.
      const ended = await call(
        "POST",
        `/${kimSon}/split`,
        { newTargets, effectiveDate: "2024-10-01" },
        { "If-Match": await etag(kimSon) },
      );
      expectRefusal(ended, 409, "ORGANIZATION_DISSOLVED");
      // The second new organisation is refused after the first was established.
      const second = await call(
        "POST",
        `/${merged}/split`,
        { newTargets: [newTargets[0], { ...newTargets[1], parentId: branch }], effectiveDate: "2024-10-01" },
        { "If-Match": await etag(merged) },
      );
      expect(second.response.status).toBe(409);
      expect(((second.body as ErrorBody).error.issues[0]?.path ?? []).slice(0, 2)).toEqual(["newTargets", 1]);
      expectRefusal(
        await call(
          "POST",
          `/${merged}/split`,
          { effectiveDate: "2024-10-01" },
          { "If-Match": await etag(merged) },
        ),
        400,
        "VALIDATION_FAILED",
      );
      expect(await organizationCount()).toBe(before);
    });

    it("splits into new organisations established that day, in one request", async () => {
      const before = await organizationCount();
      const { response, body } = await call(
        "POST",
        `/${merged}/split`,
        {
          newTargets: [
            { name: "Huyện đoàn Kim Sơn mới", level: "district", parentId: ninhBinh },
            { name: "Huyện đoàn Yên Mô mới", level: "district", parentId: ninhBinh },
          ],
          effectiveDate: "2024-10-01",
        },
        { "If-Match": await etag(merged) },
      );
      expect(response.status, JSON.stringify(body)).toBe(201);
      const targets = (body as LineageAnswer).event.targetIds as string[];
      expect(targets).toHaveLength(2);
      expect(await organizationCount()).toBe(before + 2);
      expect(await ids(`/${ninhBinh}/children?asOf=2024-10-01`)).toEqual(expect.arrayContaining(targets));
      expect(await ids(`/${ninhBinh}/children?asOf=2024-10-01`)).not.toContain(merged);
    });
  });

  describe("the tree", () => {
    it("gives children, subtree with depths, the path to the root and the tree of a root", async () => {
      const provinces = await ids(`/${central}/children?asOf=2017-08-31`);
      expect(provinces).toHaveLength(4);
      expect(provinces[0]).toBe(haNam);
      expect(provinces.slice(2)).toEqual([namDinh, ninhBinh]);
      const { body } = await call("GET", `/${haNam}/subtree?asOf=2017-08-31`);
      expect((body as Tree).items.map((item) => [item.id, item.depth])).toEqual([
        [haNam, 0],
        [khoi, 1],
        [yenBac, 2],
        [branch, 3],
        [duyTien, 1],
      ]);
      const tree = (await call("GET", `/${haNam}/tree?asOf=2017-08-31`)).body as {
        rootId: string;
        nodes: (OrganizationView & { childrenIds: string[] })[];
      };
      expect(tree.rootId).toBe(haNam);
      expect(tree.nodes.find((node) => node.id === haNam)?.childrenIds).toEqual([khoi, duyTien]);
      expect(tree.nodes.find((node) => node.id === khoi)?.name).toBe("Đoàn Khối các cơ quan tỉnh Hà Nam");
      expect(await ids(`/${central}/ancestors?asOf=2017-08-31`)).toEqual([central]);
    });

    it("answers 404 for an unknown organisation, and nothing for a date it did not exist", async () => {
      for (const path of ["children", "subtree", "ancestors", "tree"]) {
        expectRefusal(await call("GET", `/khong-co/${path}`), 404, "NOT_FOUND");
      }
      expect(await ids(`/${khoi}/subtree?asOf=2000-01-01`)).toEqual([]);
      expect(await ids(`/${khoi}/ancestors?asOf=2000-01-01`)).toEqual([]);
    });
  });
});
