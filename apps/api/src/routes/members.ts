// Members: the filtered list, one member with their state as of a date, creation with the admission,
// changes to personal fields, and the timeline of events.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  applyMemberCorrections,
  applyMemberUpdate,
  CalendarDateSchema,
  createMemberRecords,
  deriveMemberState,
  GenderSchema,
  MEMBER_STATUSES,
  type Member,
  MemberCorrectionEventSchema,
  MemberCreateSchema,
  MemberEventSchema,
  MemberSchema,
  MemberUpdateSchema,
  SENSITIVE_MEMBER_FIELDS,
  toVietnamDate,
  validateMemberEvent,
} from "@sodoan/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { type Access, accessKey } from "../access.js";
import { recordSensitiveRead } from "../audit/reads.js";
import { userCan } from "../auth/guard.js";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import { refreshMemberTimelines } from "../db/queries/member-timelines.js";
import {
  eventColumns,
  findMemberPage,
  inUnitsOrAddressed,
  loadMemberEvents,
  MEMBER_SORT_FIELDS,
  type MemberFilters,
  memberColumns,
  memberEventContext,
  toMemberView,
} from "../db/queries/members.js";
import { subtreeIdsAsOf } from "../db/queries/tree.js";
import { member, memberEvent } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { refusalError } from "../http/refusal.js";
import { subtreeQueryFields } from "../http/subtree-query.js";
import { createRouter, errorResponse } from "../openapi.js";
import { MASK } from "./audit.js";

/** The statuses a list can filter by: the domain's, and "not admitted" for a date before admission. */
export const MemberStatusFilterSchema = z.enum([...MEMBER_STATUSES, "not_admitted"]);

/** The filters shared by the member list and its CSV export. */
export const MemberFilterQuerySchema = listQuerySchema(MEMBER_SORT_FIELDS).extend({
  ...subtreeQueryFields,
  status: MemberStatusFilterSchema.optional(),
  gender: GenderSchema.optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
});
export type MemberFilterQuery = z.infer<typeof MemberFilterQuerySchema>;

/**
 * The filters of a list query, with `asOf` defaulting to today in Vietnam and the organisation
 * turned into its subtree as of that date.
 */
export async function memberFiltersOf(
  c: Context<AppEnv>,
  query: Omit<MemberFilterQuery, "page" | "pageSize" | "sort">,
): Promise<MemberFilters> {
  const asOf = query.asOf ?? toVietnamDate(c.var.services.now());
  return {
    asOf,
    unitIds:
      query.organizationId === undefined
        ? undefined
        : await subtreeIdsAsOf(c.var.services.database.db, query.organizationId, asOf),
    status: query.status,
    gender: query.gender,
    ageMin: query.ageMin,
    ageMax: query.ageMax,
    q: query.q,
  };
}

const stateShape = {
  version: z.number().int(),
  asOf: z.string(),
  status: MemberStatusFilterSchema,
  homeUnitId: z.string().nullable(),
  admittedOn: z.string().nullable(),
};

/** A member in a list: no sensitive fields. */
export const MemberSummarySchema = MemberSchema.omit({ ethnicity: true, religion: true })
  .extend(stateShape)
  .openapi("MemberSummary");

/** One member, with sensitive fields and the full derived state. */
export const MemberDetailSchema = MemberSchema.extend({
  ...stateShape,
  state: z.object({
    pendingTransfer: z
      .object({ eventId: z.string(), fromUnitId: z.string(), toUnitId: z.string(), since: z.string() })
      .nullable(),
    postponedUntil: z.string().nullable(),
    lastUnitId: z.string().nullable(),
    residenceYears: z.array(z.number()),
    ratings: z.array(z.object({ year: z.number(), level: z.string() })),
  }),
}).openapi("Member");
export type MemberDetail = z.infer<typeof MemberDetailSchema>;
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const AsOfQuerySchema = z.object({ asOf: CalendarDateSchema.optional() });

const notFound = errorResponse("Không tìm thấy đoàn viên / No such member");

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["members"],
  summary: "Danh sách đoàn viên / List members",
  request: { query: MemberFilterQuerySchema },
  responses: {
    200: {
      description: "Một trang đoàn viên / A page of members",
      content: { "application/json": { schema: pageSchemaOf(MemberSummarySchema) } },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["members"],
  summary: "Một đoàn viên và trạng thái vào một ngày / One member and their state as of a date",
  request: { params: IdParamsSchema, query: AsOfQuerySchema },
  responses: {
    200: {
      description: "Đoàn viên / The member",
      content: { "application/json": { schema: MemberDetailSchema } },
    },
    404: notFound,
  },
});

const createMemberRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["members"],
  summary: "Ghi đoàn viên mới cùng quyết định kết nạp / Record a new member with the admission",
  request: { body: { required: true, content: { "application/json": { schema: MemberCreateSchema } } } },
  responses: {
    201: {
      description: "Đã ghi / Recorded",
      content: { "application/json": { schema: MemberDetailSchema } },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    409: errorResponse("Trái quy định hoặc trùng số thẻ / A rule says no, or the card number is taken"),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["members"],
  summary: "Sửa thông tin cá nhân (If-Match) / Change personal fields (If-Match)",
  request: {
    params: IdParamsSchema,
    body: { required: true, content: { "application/json": { schema: MemberUpdateSchema } } },
  },
  responses: {
    200: { description: "Đã sửa / Changed", content: { "application/json": { schema: MemberDetailSchema } } },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    404: notFound,
    409: errorResponse("Trùng số thẻ / The card number is taken"),
    412: errorResponse("Bản ghi đã đổi / Stale If-Match"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

const timelineRoute = createRoute({
  method: "get",
  path: "/{id}/timeline",
  tags: ["members"],
  summary: "Quá trình sinh hoạt, đã áp dụng đính chính / Timeline, with corrections applied",
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: "Các sự kiện theo thứ tự hiệu lực / Events in the order they take effect",
      content: {
        "application/json": {
          schema: z.object({
            memberId: z.string(),
            events: z.array(z.object({ event: MemberEventSchema, correctedBy: z.array(z.string()) })),
            voided: z.array(z.object({ event: MemberEventSchema, voidedBy: z.string() })),
            corrections: z.array(MemberCorrectionEventSchema),
          }),
        },
      },
    },
    404: notFound,
  },
});

/**
 * The member's row, or a 404: also for a member the caller's scope does not reach (whose events
 * never name a unit in it), so that the record's existence is not revealed.
 */
export async function findMemberRow(db: Db, access: Access, id: string) {
  const [row] = await db.select().from(member).where(eq(member.id, id));
  const reachable =
    row !== undefined &&
    (access.kind === "unrestricted" ||
      (access.organizationIds.length > 0 &&
        (
          await db
            .select({ id: memberEvent.id })
            .from(memberEvent)
            .where(and(eq(memberEvent.memberId, id), inUnitsOrAddressed([...access.organizationIds])))
            .limit(1)
        ).length > 0));
  if (row === undefined || !reachable) {
    throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy đoàn viên", en: "No such member" });
  }
  return row;
}

/** The detail view of a member row with its events. */
export function toMemberDetail(
  row: typeof member.$inferSelect,
  events: Parameters<typeof deriveMemberState>[0],
  asOf: string,
): MemberDetail {
  const state = deriveMemberState(events, { asOf });
  return {
    ...toMemberView(row, events, asOf, true),
    state: {
      pendingTransfer: state.pendingTransfer,
      postponedUntil: state.postponedUntil,
      lastUnitId: state.lastUnitId,
      residenceYears: state.residenceYears,
      ratings: state.ratings,
    },
  } as MemberDetail;
}

/**
 * A member's detail as the caller may see it, wherever it is answered (a read, or a change's answer,
 * which carries stored fields the caller did not send): sensitive fields are masked for a role
 * without `members.sensitive`, and their reading is recorded for one with it.
 */
async function shownTo(c: Context<AppEnv>, detail: MemberDetail): Promise<MemberDetail> {
  const present = SENSITIVE_MEMBER_FIELDS.filter((field) => detail[field] !== undefined);
  if (present.length === 0) return detail;
  if (userCan(c, "members.sensitive")) {
    await recordSensitiveRead(c, detail.id, present);
    return detail;
  }
  const masked = { ...detail };
  for (const field of present) masked[field] = MASK;
  return masked;
}

export const memberRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.var.services.database;
    const asOf = query.asOf ?? toVietnamDate(c.var.services.now());
    // A page costs a scan of the organisation's roll and a sort, and cadres page back and forth
    // through the same list: pages are held while the records stay as they were.
    const key = `members.page ${JSON.stringify([accessKey(c.var.access), { ...query, asOf }])}`;
    const { items, total } = await c.var.snapshotCache.get(db, key, async () => {
      const filters = await memberFiltersOf(c, { ...query, asOf });
      const { rows, total } = await findMemberPage(db, c.var.access, filters, query.sort, query);
      const events = await loadMemberEvents(
        db,
        rows.map((row) => row.id),
      );
      const items = rows.map(
        (row) => toMemberView(row, events.get(row.id) ?? [], asOf, false) as MemberSummary,
      );
      return { items, total };
    });
    return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { asOf = toVietnamDate(c.var.services.now()) } = c.req.valid("query");
    const { db } = c.var.services.database;
    const row = await findMemberRow(db, c.var.access, id);
    const events = (await loadMemberEvents(db, [id])).get(id) ?? [];
    const detail = await shownTo(c, toMemberDetail(row, events, asOf));
    setEtag(c, row.version);
    return c.json(detail, 200);
  })
  .openapi(createMemberRoute, async (c) => {
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    const recordedAt = now().toISOString();
    const { member: record, admission } = createMemberRecords(input, {
      memberId: randomUUID(),
      eventId: randomUUID(),
      recordedAt,
    });
    const context = await memberEventContext(database.db, null, record.birthDate, [admission.homeUnitId]);
    const checked = validateMemberEvent([], admission, context);
    if (!checked.ok) throw refusalError(checked);
    const row = await database.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(member)
        .values({ id: record.id, ...memberColumns(record), createdAt: recordedAt, updatedAt: recordedAt })
        .returning();
      await tx.insert(memberEvent).values(eventColumns(admission));
      await refreshMemberTimelines(tx, [record.id]);
      return inserted;
    });
    if (row === undefined) throw new Error("insert returned no row");
    setEtag(c, row.version);
    c.header("Location", `/api/v1/members/${row.id}`);
    // Only what the caller sent: nothing stored is read back.
    return c.json(toMemberDetail(row, [admission], toVietnamDate(now())), 201);
  })
  .openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    const current = await findMemberRow(database.db, c.var.access, id);
    const expected = expectedVersion(c);
    const record: Member = MemberSchema.parse(applyMemberUpdate(current.data, input));
    const updatedAt = now().toISOString();
    const row = await database.db.transaction(async (tx) => {
      const updated = assertUpdated(
        await tx
          .update(member)
          .set({ ...memberColumns(record), updatedAt, version: sql`${member.version} + 1` })
          .where(and(eq(member.id, id), eq(member.version, expected)))
          .returning(),
      );
      // The birth date and gender the metrics read may have changed.
      await refreshMemberTimelines(tx, [id]);
      return updated;
    });
    const events = (await loadMemberEvents(database.db, [id])).get(id) ?? [];
    setEtag(c, row.version);
    return c.json(await shownTo(c, toMemberDetail(row, events, toVietnamDate(now()))), 200);
  })
  .openapi(timelineRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { db } = c.var.services.database;
    await findMemberRow(db, c.var.access, id);
    const recorded = (await loadMemberEvents(db, [id])).get(id) ?? [];
    const corrections = recorded.filter((event) => event.type === "corrected");
    const effective = applyMemberCorrections(recorded);
    const effectiveIds = new Set(effective.map((event) => event.id));
    const events = effective.map((event) => ({
      event,
      correctedBy: corrections.filter((fix) => fix.targetEventId === event.id).map((fix) => fix.id),
    }));
    const voided = recorded
      .filter((event) => event.type !== "corrected" && !effectiveIds.has(event.id))
      .map((event) => ({
        event,
        voidedBy: corrections.findLast((fix) => fix.targetEventId === event.id)?.id ?? "",
      }));
    return c.json({ memberId: id, events, voided, corrections }, 200);
  });
