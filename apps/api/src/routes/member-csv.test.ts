import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type createApp, MAX_BODY_BYTES } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { member, memberEvent } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { parseCsv } from "../http/csv.js";
import { type ImportReport, MAX_IMPORT_BYTES } from "./member-csv.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";

const HEADER =
  "Họ và tên,Giới tính,Ngày sinh,Số thẻ đoàn,Dân tộc,Ngày kết nạp,Số nghị quyết kết nạp,Mã tổ chức kết nạp,Mã chi đoàn";

function row(
  name: string,
  card: string,
  overrides: { gender?: string; birth?: string; admitted?: string; unit?: string } = {},
) {
  return [
    `"${name}"`,
    overrides.gender ?? "Nam",
    overrides.birth ?? "1995",
    card,
    "Kinh",
    overrides.admitted ?? "2012-03-26",
    '"15-NQ/ĐTN, Đoàn cơ sở"',
    UNITS.G,
    overrides.unit ?? UNITS.B1,
  ].join(",");
}

describe.each(testDrivers)("members as CSV on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-26T03:00:00Z") });
    await seedUnits(database.db);
  });
  afterAll(() => database.drop());

  const importCsv = (text: string, dryRun: boolean) =>
    app.request(`/api/v1/members/import?dryRun=${dryRun}`, {
      method: "POST",
      body: text,
      headers: { "Content-Type": "text/csv; charset=utf-8" },
    });

  const counts = async () => ({
    members: (await database.db.select().from(member)).length,
    events: (await database.db.select().from(memberEvent)).length,
  });

  const BAD_FILE = [
    HEADER,
    row("Trần Ngọc Nam", "ST-0000001"),
    row("Lê Thị Hoa", "ST-0000002", { gender: "Khác", birth: "1995-13" }),
    row("Phạm Văn Đức", "ST-0000001"),
    row("Võ Minh Tâm", "ST-0000004", { unit: UNITS.G }),
    row("Đặng Thu Trang", "ST-0000005", { birth: "2000-05-01" }),
    "Bùi Quang Huy,Nam",
  ].join("\r\n");

  it("reports every bad row and column on a dry run, and writes nothing", async () => {
    const before = await counts();
    const response = await importCsv(BAD_FILE, true);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.rows).toBe(6);
    expect(report.valid).toBe(1);
    expect(report.errors.map(({ row, column }) => [row, column])).toEqual([
      [3, "Giới tính"],
      [3, "Ngày sinh"],
      [4, "Số thẻ đoàn"],
      [5, "Mã chi đoàn"],
      [6, "Ngày kết nạp"],
      [7, null],
    ]);
    expect(report.errors[2]?.message).toEqual({
      vi: "Số thẻ đoàn trùng với dòng 2",
      en: "The card number repeats row 2",
    });
    for (const error of report.errors) expect(error.message.vi && error.message.en).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it("refuses the whole commit when one row is bad (400 with the same report), writing nothing", async () => {
    const before = await counts();
    const response = await importCsv(BAD_FILE, false);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody & { report: ImportReport };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.report.errors).toHaveLength(6);
    expect(body.error.issues[0]?.path).toEqual([3, "Giới tính"]);
    expect(await counts()).toEqual(before);
  });

  it("reports unknown and missing columns on the header row", async () => {
    const response = await importCsv("Họ và tên,Biệt danh\nAn,Bé", true);
    const report = (await response.json()) as ImportReport;
    expect(report.errors).toContainEqual(expect.objectContaining({ row: 1, column: "Biệt danh" }));
    expect(report.errors).toContainEqual(expect.objectContaining({ row: 1, column: "Ngày sinh" }));
  });

  it("reads a file larger than the JSON limit, and refuses one larger than its own", async () => {
    const rows: string[] = [];
    for (let bytes = 0; bytes <= MAX_BODY_BYTES; ) {
      rows.push(row(`Đoàn viên ${rows.length}`, ""));
      bytes += Buffer.byteLength(rows.at(-1) as string) + 1;
    }
    const large = await importCsv([HEADER, ...rows].join("\n"), true);
    expect(large.status).toBe(200);
    expect(((await large.json()) as ImportReport).valid).toBe(rows.length);

    const before = await counts();
    const tooLarge = await importCsv(`${HEADER}\n${"x".repeat(MAX_IMPORT_BYTES)}`, false);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await counts()).toEqual(before);
  });

  it("refuses a body that is not CSV", async () => {
    const response = await app.request("/api/v1/members/import?dryRun=true", json("POST", { rows: [] }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.issues[0]?.path).toEqual(["body"]);
  });

  it("commits a valid file in one go, then refuses card numbers already recorded", async () => {
    // More rows than the export reads per round trip, to see every chunk arrive.
    const rows = Array.from({ length: 620 }, (_, i) =>
      row(`Nguyễn Văn Số ${i}`, `IM-${String(i).padStart(6, "0")}`, {
        unit: i % 2 === 0 ? UNITS.B1 : UNITS.B3,
      }),
    );
    rows.push(row("Hoàng Thị Ngọc Ánh", "IM-999999", { gender: "Nữ", unit: UNITS.B3 }));
    const response = await importCsv([HEADER, ...rows].join("\n"), false);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ rows: 621, valid: 621, errors: [], created: 621 });
    expect(await counts()).toEqual({ members: 621, events: 621 });

    const again = (await (await importCsv([HEADER, rows[0]].join("\n"), true)).json()) as ImportReport;
    expect(again.errors).toEqual([
      {
        row: 2,
        column: "Số thẻ đoàn",
        message: expect.objectContaining({ en: "The card number is already recorded" }),
      },
    ]);
  });

  it("exports the whole filtered list: BOM, Vietnamese header, every row, no sensitive fields", async () => {
    await app.request(
      "/api/v1/members",
      json("POST", memberInput({ fullName: "Trần Ngọc Nam", ethnicity: "Khmer" })),
    );
    const response = await app.request("/api/v1/members/export.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([
      "Mã đoàn viên",
      "Họ và tên",
      "Giới tính",
      "Ngày sinh",
      "Số thẻ đoàn",
      "Trình độ học vấn",
      "Nghề nghiệp",
      "Điện thoại",
      "Thư điện tử",
      "Nơi cư trú",
      "Ngày kết nạp",
      "Trạng thái",
      "Chi đoàn sinh hoạt",
    ]);
    expect(records).toHaveLength(622);
    expect(text).not.toContain("Khmer");
    const anh = records.find((record) => record[1] === "Hoàng Thị Ngọc Ánh");
    expect(anh?.slice(2, 5)).toEqual(["Nữ", "1995", "IM-999999"]);
    expect(anh?.slice(10)).toEqual(["2012-03-26", "đang sinh hoạt", UNITS.B3]);
  });

  it("applies the list's filters to the export", async () => {
    const women = parseCsv(await (await app.request("/api/v1/members/export.csv?gender=female")).text());
    expect(women.slice(1).map((record) => record[1])).toEqual(["Hoàng Thị Ngọc Ánh"]);
    const searched = parseCsv(await (await app.request("/api/v1/members/export.csv?q=tran%20nam")).text());
    expect(searched.slice(1).map((record) => record[1])).toEqual(["Trần Ngọc Nam"]);
    const inG2 = parseCsv(
      await (await app.request(`/api/v1/members/export.csv?organizationId=${UNITS.G2}`)).text(),
    );
    expect(inG2).toHaveLength(1 + 311);
    const beforeAdmission = parseCsv(
      await (await app.request("/api/v1/members/export.csv?status=active&asOf=2012-01-01")).text(),
    );
    expect(beforeAdmission).toHaveLength(1);
    const invalid = await app.request("/api/v1/members/export.csv?sort=religion");
    expect(invalid.status).toBe(400);
  });
});
