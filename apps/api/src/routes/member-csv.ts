// Members as CSV: the whole filtered list streamed out, and an import checked row by row with a dry
// run, then written all or nothing.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  createMemberRecords,
  type DomainIssue,
  deriveMemberState,
  foldVietnamese,
  type LocalizedText,
  MEMBER_STATUS_LABELS,
  type Member,
  MemberCreateSchema,
  type MemberEventOf,
  validate,
  validateMemberEvent,
} from "@sodoan/domain";
import { inArray } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { stream } from "hono/streaming";
import type { Access } from "../access.js";
import type { Db } from "../db/client.js";
import { refreshMemberTimelines } from "../db/queries/member-timelines.js";
import {
  eventColumns,
  findMemberIds,
  loadMemberEvents,
  loadMembersInOrder,
  loadMemberUnits,
  memberColumns,
} from "../db/queries/members.js";
import { member, memberEvent } from "../db/schema/index.js";
import { ApiError, errorBody } from "../errors.js";
import { CsvSyntaxError, csvRecord, parseCsv } from "../http/csv.js";
import { createRouter, errorResponse } from "../openapi.js";
import { MemberFilterQuerySchema, memberFiltersOf } from "./members.js";

/** Members read from the database per round trip while exporting. */
const EXPORT_CHUNK = 500;

/** The columns of an import, by their Vietnamese header, and where each goes in `MemberCreate`. */
const IMPORT_COLUMNS = [
  { label: "Họ và tên", path: ["fullName"] },
  { label: "Giới tính", path: ["gender"] },
  { label: "Ngày sinh", path: ["birthDate"] },
  { label: "Số thẻ đoàn", path: ["cardNumber"] },
  { label: "Dân tộc", path: ["ethnicity"] },
  { label: "Tôn giáo", path: ["religion"] },
  { label: "Trình độ học vấn", path: ["education"] },
  { label: "Nghề nghiệp", path: ["occupation"] },
  { label: "Điện thoại", path: ["contact", "phone"] },
  { label: "Thư điện tử", path: ["contact", "email"] },
  { label: "Nơi cư trú", path: ["placeOfResidence"] },
  { label: "Ngày kết nạp", path: ["admission", "date"] },
  { label: "Số nghị quyết kết nạp", path: ["admission", "decisionRef"] },
  { label: "Mã tổ chức kết nạp", path: ["admission", "admittingOrganizationId"] },
  { label: "Mã chi đoàn", path: ["admission", "homeUnitId"] },
] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The header of an export; ethnicity and religion are sensitive and stay out of it. */
export const EXPORT_HEADER = [
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
] as const;

/** The import columns by header, as written or without diacritics and case. */
const COLUMN_BY_HEADER = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.map((column) => [foldVietnamese(column.label), column]),
);

const GENDER_BY_LABEL = new Map<string, string>([
  ["nam", "male"],
  ["nu", "female"],
  ["male", "male"],
  ["female", "female"],
]);
const GENDER_LABELS = { male: "Nam", female: "Nữ" } as const;

/** One bad cell (or row, when `column` is null) of an import. */
export type ImportError = { row: number; column: string | null; message: LocalizedText };

/** What an import reports: records read (the header not counted), how many are valid, every error. */
export type ImportReport = { rows: number; valid: number; errors: ImportError[]; created?: number };

const ImportReportSchema = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      message: z.object({ vi: z.string(), en: z.string() }),
    }),
  ),
  created: z.number().int().optional(),
});

const exportRoute = createRoute({
  method: "get",
  path: "/export.csv",
  tags: ["members"],
  summary: "Xuất toàn bộ danh sách đã lọc ra CSV / Export the whole filtered list as CSV",
  request: { query: MemberFilterQuerySchema.omit({ page: true, pageSize: true }) },
  responses: {
    200: {
      description: "CSV UTF-8 có BOM, tiêu đề tiếng Việt / UTF-8 CSV with a BOM and a Vietnamese header",
      content: { "text/csv": { schema: z.string() } },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
  },
});

/** The largest CSV file an import reads: some 200,000 members. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

const importRoute = createRoute({
  method: "post",
  path: "/import",
  tags: ["members"],
  summary:
    "Nhập đoàn viên từ CSV: chạy thử báo mọi lỗi, ghi thật thì tất cả hoặc không gì / " +
    "Import members from CSV: a dry run reports every error; the commit writes all or nothing",
  description:
    "Tiêu đề cột: / Column headers: " +
    IMPORT_COLUMNS.map((column) => column.label).join(", ") +
    ". Dòng 1 là tiêu đề; `row` đếm từ 1 như bảng tính. / Row 1 is the header; `row` counts from 1 as " +
    `a spreadsheet does. Body at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. / Tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  // The JSON limit of the app is skipped for this path: a province's file is larger.
  middleware: [
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", {
          vi: `Tệp quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB): hãy chia thành nhiều tệp`,
          en: `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB): split it into several`,
        });
      },
    }),
  ],
  request: {
    query: z.object({ dryRun: z.enum(["true", "false"]).default("true") }),
    body: { required: true, content: { "text/csv": { schema: z.string() } } },
  },
  responses: {
    200: {
      description: "Kết quả chạy thử / The dry run's report",
      content: { "application/json": { schema: ImportReportSchema } },
    },
    201: {
      description: "Đã ghi mọi dòng / Every row is recorded",
      content: { "application/json": { schema: ImportReportSchema } },
    },
    400: errorResponse("Có dòng lỗi: không ghi gì / Some rows are invalid: nothing is written"),
    409: errorResponse("Trùng số thẻ / A card number is taken"),
    413: errorResponse("Tệp quá lớn / The file is too large"),
  },
});

/** A checked import row, ready to write. */
type ReadyRow = { member: Member; admission: MemberEventOf<"admitted"> };

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ""] = value;
}

function columnOfPath(path: DomainIssue["path"]): string | null {
  const key = path.join(".");
  const column = IMPORT_COLUMNS.find(
    (candidate) => candidate.path.join(".") === key || key.startsWith(`${candidate.path.join(".")}.`),
  );
  return column?.label ?? null;
}

/** The admission event's fields, named as the import's columns. */
const ADMISSION_EVENT_COLUMNS: Record<string, string> = {
  effectiveDate: "Ngày kết nạp",
  homeUnitId: "Mã chi đoàn",
  organizationId: "Mã tổ chức kết nạp",
  decisionRef: "Số nghị quyết kết nạp",
};

const MESSAGES = {
  unreadable: { vi: "Không đọc được tệp CSV", en: "The CSV file cannot be read" },
  empty: { vi: "Tệp CSV không có dòng tiêu đề", en: "The CSV file has no header row" },
  unknownColumn: { vi: "Cột không có trong mẫu nhập", en: "A column the import does not know" },
  duplicateColumn: { vi: "Cột bị lặp", en: "A column appears twice" },
  missingColumn: { vi: "Thiếu cột bắt buộc", en: "A required column is missing" },
  cellCount: {
    vi: "Số ô của dòng khác số cột tiêu đề",
    en: "The row has a different number of cells than the header",
  },
  cardTaken: { vi: "Số thẻ đoàn đã có trong danh sách", en: "The card number is already recorded" },
  rejected: {
    vi: "Có dòng không hợp lệ: chưa ghi dòng nào",
    en: "Some rows are invalid: nothing was written",
  },
  unknownOrganization: { vi: "Không tìm thấy tổ chức", en: "No such organisation" },
  notCsv: { vi: "Hãy gửi tệp CSV (text/csv)", en: "Send a CSV file (text/csv)" },
};

const REQUIRED_COLUMNS: readonly string[] = [
  "Họ và tên",
  "Ngày sinh",
  "Ngày kết nạp",
  "Số nghị quyết kết nạp",
  "Mã tổ chức kết nạp",
  "Mã chi đoàn",
];

/** Reads and checks every row; the rows that passed, and the report of all that did not. */
async function checkImport(
  db: Db,
  access: Access,
  text: string,
  recordedAt: string,
): Promise<{ ready: ReadyRow[]; report: ImportReport }> {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      ready: [],
      report: {
        rows: 0,
        valid: 0,
        errors: [{ row: error.record, column: null, message: MESSAGES.unreadable }],
      },
    };
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    return {
      ready: [],
      report: { rows: 0, valid: 0, errors: [{ row: 1, column: null, message: MESSAGES.empty }] },
    };
  }
  const errors: ImportError[] = [];
  const columns: (ImportColumn | undefined)[] = [];
  for (const label of header) {
    const column = COLUMN_BY_HEADER.get(foldVietnamese(label));
    if (column === undefined) errors.push({ row: 1, column: label, message: MESSAGES.unknownColumn });
    else if (columns.includes(column))
      errors.push({ row: 1, column: label, message: MESSAGES.duplicateColumn });
    columns.push(column);
  }
  for (const label of REQUIRED_COLUMNS) {
    if (!columns.some((column) => column?.label === label)) {
      errors.push({ row: 1, column: label, message: MESSAGES.missingColumn });
    }
  }
  if (errors.length > 0) return { ready: [], report: { rows: rows.length, valid: 0, errors } };

  const parsedRows: (ReadyRow & { row: number })[] = [];
  const ready: ReadyRow[] = [];
  const firstRowOfCard = new Map<string, number>();
  const rowOfReady = new Map<ReadyRow, number>();
  for (const [index, cells] of rows.entries()) {
    const row = index + 2;
    if (cells.length !== header.length) {
      errors.push({ row, column: null, message: MESSAGES.cellCount });
      continue;
    }
    const input: Record<string, unknown> = {};
    for (const [i, cell] of cells.entries()) {
      const column = columns[i];
      const value = cell.trim();
      if (column === undefined || value === "") continue;
      const gender = column.label === "Giới tính" ? GENDER_BY_LABEL.get(foldVietnamese(value)) : undefined;
      setPath(input, column.path, gender ?? value);
    }
    const parsed = validate(MemberCreateSchema, input);
    if (!parsed.ok) {
      for (const issue of parsed.issues)
        errors.push({ row, column: columnOfPath(issue.path), message: issue.message });
      continue;
    }
    const records = createMemberRecords(parsed.value, {
      memberId: randomUUID(),
      eventId: randomUUID(),
      recordedAt,
    });
    const card = records.member.cardNumber;
    if (card !== undefined) {
      const first = firstRowOfCard.get(card);
      if (first !== undefined) {
        errors.push({
          row,
          column: "Số thẻ đoàn",
          message: {
            vi: `Số thẻ đoàn trùng với dòng ${first}`,
            en: `The card number repeats row ${first}`,
          },
        });
        continue;
      }
      firstRowOfCard.set(card, row);
    }
    parsedRows.push({ ...records, row });
  }
  // The organisations the rows name, read once for the whole file.
  const units = await loadMemberUnits(
    db,
    parsedRows.flatMap((candidate) => [candidate.admission.homeUnitId, candidate.admission.organizationId]),
  );
  // Organisations outside the importer's scope are, to them, organisations that do not exist.
  if (access.kind === "subtree") {
    const reach = new Set(access.organizationIds);
    for (const id of [...units.keys()]) if (!reach.has(id)) units.delete(id);
  }
  for (const candidate of parsedRows) {
    const { row, ...records } = candidate;
    if (!units.has(records.admission.organizationId)) {
      errors.push({ row, column: "Mã tổ chức kết nạp", message: MESSAGES.unknownOrganization });
      continue;
    }
    const checked = validateMemberEvent([], records.admission, {
      birthDate: records.member.birthDate,
      holdsPosition: () => false,
      isMemberUnit: (unitId) => units.get(unitId) ?? false,
    });
    if (!checked.ok) {
      for (const issue of checked.issues) {
        errors.push({
          row,
          column: ADMISSION_EVENT_COLUMNS[String(issue.path[0])] ?? "Ngày kết nạp",
          message: issue.message,
        });
      }
      continue;
    }
    ready.push(records);
    rowOfReady.set(records, row);
  }
  // Card numbers already recorded: asked of the database in chunks.
  const cards = [...firstRowOfCard.keys()];
  const taken = new Set<string>();
  for (let start = 0; start < cards.length; start += 1000) {
    const found = await db
      .select({ cardNumber: member.cardNumber })
      .from(member)
      .where(inArray(member.cardNumber, cards.slice(start, start + 1000)));
    for (const { cardNumber } of found) if (cardNumber !== null) taken.add(cardNumber);
  }
  const accepted = ready.filter((candidate) => {
    const card = candidate.member.cardNumber;
    if (card === undefined || !taken.has(card)) return true;
    errors.push({ row: rowOfReady.get(candidate) ?? 0, column: "Số thẻ đoàn", message: MESSAGES.cardTaken });
    return false;
  });
  errors.sort((a, b) => a.row - b.row);
  return { ready: accepted, report: { rows: rows.length, valid: accepted.length, errors } };
}

export const memberCsvRoutes = createRouter()
  .openapi(exportRoute, async (c) => {
    const query = c.req.valid("query");
    const filters = await memberFiltersOf(c, query);
    const { db } = c.var.services.database;
    const ids = await findMemberIds(db, c.var.access, filters, query.sort);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="doan-vien-${filters.asOf}.csv"`);
    return stream(c, async (out) => {
      await out.write(`\uFEFF${csvRecord(EXPORT_HEADER)}`);
      for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
        const chunk = ids.slice(start, start + EXPORT_CHUNK);
        const rows = await loadMembersInOrder(db, chunk);
        const events = await loadMemberEvents(db, chunk);
        let text = "";
        for (const row of rows) {
          const state = deriveMemberState(events.get(row.id) ?? [], { asOf: filters.asOf });
          const data = row.data;
          text += csvRecord([
            row.id,
            data.fullName,
            data.gender === undefined ? "" : GENDER_LABELS[data.gender],
            data.birthDate,
            data.cardNumber,
            data.education,
            data.occupation,
            data.contact?.phone,
            data.contact?.email,
            data.placeOfResidence,
            state.admittedOn,
            MEMBER_STATUS_LABELS[state.status].vi,
            state.homeUnitId,
          ]);
        }
        await out.write(text);
      }
    });
  })
  .openapi(importRoute, async (c) => {
    const dryRun = c.req.valid("query").dryRun === "true";
    const type = c.req.header("Content-Type") ?? "";
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      throw new ApiError("VALIDATION_FAILED", MESSAGES.notCsv, {
        issues: [{ path: ["body"], message: MESSAGES.notCsv }],
      });
    }
    const { database, now } = c.var.services;
    const recordedAt = now().toISOString();
    const { ready, report } = await checkImport(database.db, c.var.access, await c.req.text(), recordedAt);
    if (dryRun) return c.json(report, 200);
    if (report.errors.length > 0) {
      const issues = report.errors.map((error) => ({
        path: [error.row, error.column ?? ""],
        message: error.message,
      }));
      return c.json(
        { ...errorBody("VALIDATION_FAILED", c.var.requestId, MESSAGES.rejected, issues), report },
        400,
      );
    }
    // One transaction for the whole file, in multi-row inserts: any failure leaves nothing behind.
    await database.db.transaction(async (tx) => {
      for (let start = 0; start < ready.length; start += EXPORT_CHUNK) {
        const chunk = ready.slice(start, start + EXPORT_CHUNK);
        await tx.insert(member).values(
          chunk.map((row) => ({
            id: row.member.id,
            ...memberColumns(row.member),
            createdAt: recordedAt,
            updatedAt: recordedAt,
          })),
        );
        await tx.insert(memberEvent).values(chunk.map((row) => eventColumns(row.admission)));
        await refreshMemberTimelines(
          tx,
          chunk.map((row) => row.member.id),
        );
      }
    });
    return c.json({ ...report, created: ready.length }, 201);
  });
