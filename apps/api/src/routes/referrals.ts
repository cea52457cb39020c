// Referrals of outstanding members to the Party: list, one referral, a new referral, and its steps.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  advanceReferral,
  CalendarDateSchema,
  currentReferralStage,
  type Referral,
  ReferralCreateSchema,
  ReferralStageSchema,
  ReferralStepInputSchema,
  toVietnamDate,
  validateReferralCreate,
} from "@sodoan/domain";
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Access } from "../access.js";
import { loadMemberEvents } from "../db/queries/members.js";
import { subtreeIdsAsOf } from "../db/queries/tree.js";
import { member, referral } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { refusalError } from "../http/refusal.js";
import { createRouter, errorResponse } from "../openapi.js";

/** A referral as the API answers with it: the domain record, its current stage and version. */
export const ReferralViewSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    organizationId: z.string(),
    resolutionRef: z.string(),
    referredOn: z.string(),
    recordedAt: z.string(),
    steps: z.array(
      z.object({
        stage: z.string(),
        date: z.string(),
        recordedAt: z.string(),
        decisionRef: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    stage: ReferralStageSchema,
    version: z.number().int(),
  })
  .openapi("Referral");
export type ReferralView = z.infer<typeof ReferralViewSchema>;

const ListQuerySchema = listQuerySchema(["referredOn"], "referredOn:desc").extend({
  organizationId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "Tổ chức giới thiệu và cấp dưới / The referring organisation and its subtree" }),
  stage: ReferralStageSchema.optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const NOT_FOUND = { vi: "Không tìm thấy lượt giới thiệu", en: "No such referral" };
const notFound = errorResponse("Không tìm thấy / Not found");

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["referrals"],
  summary: "Danh sách giới thiệu đoàn viên ưu tú cho Đảng / List referrals to the Party",
  request: { query: ListQuerySchema },
  responses: {
    200: {
      description: "Một trang / A page",
      content: { "application/json": { schema: pageSchemaOf(ReferralViewSchema) } },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["referrals"],
  summary: "Một lượt giới thiệu / One referral",
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: "Lượt giới thiệu / The referral",
      content: { "application/json": { schema: ReferralViewSchema } },
    },
    404: notFound,
  },
});

const createReferralRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["referrals"],
  summary: "Giới thiệu đoàn viên ưu tú cho Đảng / Refer a member to the Party",
  request: { body: { required: true, content: { "application/json": { schema: ReferralCreateSchema } } } },
  responses: {
    201: {
      description: "Đã ghi / Recorded",
      content: { "application/json": { schema: ReferralViewSchema } },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    409: errorResponse("Quy định không cho phép / A rule of the domain says no"),
  },
});

const stepRoute = createRoute({
  method: "post",
  path: "/{id}/steps",
  tags: ["referrals"],
  summary: "Ghi bước tiếp theo (If-Match) / Record the next stage (If-Match)",
  request: {
    params: IdParamsSchema,
    body: { required: true, content: { "application/json": { schema: ReferralStepInputSchema } } },
  },
  responses: {
    200: {
      description: "Đã ghi / Recorded",
      content: { "application/json": { schema: ReferralViewSchema } },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    404: notFound,
    409: errorResponse("Chỉ đi tiếp, không lùi / Stages only move forward"),
    412: errorResponse("Bản ghi đã đổi / Stale If-Match"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

type ReferralRow = typeof referral.$inferSelect;

/** Whether the caller's scope reaches a referral: through its referring organisation. */
function isReachable(access: Access, row: ReferralRow): boolean {
  return access.kind === "unrestricted" || access.organizationIds.includes(row.organizationId);
}

function toView(row: ReferralRow): ReferralView {
  return { ...row.data, stage: currentReferralStage(row.data), version: row.version };
}

export const referralRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.var.services.database;
    const access = c.var.access;
    const conditions: SQL[] = [];
    if (query.organizationId !== undefined) {
      const asOf = query.to ?? toVietnamDate(c.var.services.now());
      const ids = await subtreeIdsAsOf(db, query.organizationId, asOf);
      conditions.push(ids.length === 0 ? sql`false` : inArray(referral.organizationId, ids));
    }
    if (access.kind === "subtree") {
      conditions.push(
        access.organizationIds.length === 0
          ? sql`false`
          : inArray(referral.organizationId, [...access.organizationIds]),
      );
    }
    if (query.stage !== undefined) conditions.push(eq(referral.stage, query.stage));
    if (query.from !== undefined) conditions.push(gte(referral.referredOn, query.from));
    if (query.to !== undefined) conditions.push(lte(referral.referredOn, query.to));
    const where = conditions.length === 0 ? undefined : and(...conditions);
    const order = query.sort.map(({ direction }) =>
      direction === "desc" ? desc(referral.referredOn) : asc(referral.referredOn),
    );
    const rows = await db
      .select()
      .from(referral)
      .where(where)
      .orderBy(...order, asc(referral.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [totals] = await db.select({ total: count() }).from(referral).where(where);
    return c.json(
      { items: rows.map(toView), total: totals?.total ?? 0, page: query.page, pageSize: query.pageSize },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const [row] = await c.var.services.database.db.select().from(referral).where(eq(referral.id, id));
    if (row === undefined || !isReachable(c.var.access, row)) throw new ApiError("NOT_FOUND", NOT_FOUND);
    setEtag(c, row.version);
    return c.json(toView(row), 200);
  })
  .openapi(createReferralRoute, async (c) => {
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    const recordedAt = now().toISOString();
    const row = await database.db.transaction(async (tx) => {
      // Locking the member serialises referrals of one member, so "one open referral" holds.
      const [person] = await tx
        .select({ id: member.id, birthDate: member.birthDate })
        .from(member)
        .where(eq(member.id, input.memberId))
        .for("update");
      if (person === undefined) {
        const message = { vi: "Không tìm thấy đoàn viên", en: "No such member" };
        throw new ApiError("VALIDATION_FAILED", message, { issues: [{ path: ["memberId"], message }] });
      }
      const memberEvents = (await loadMemberEvents(tx, [person.id])).get(person.id) ?? [];
      const others = await tx
        .select({ data: referral.data })
        .from(referral)
        .where(eq(referral.memberId, person.id));
      const checked = validateReferralCreate(input, {
        memberEvents,
        birthDate: person.birthDate ?? undefined,
        otherReferrals: others.map((other) => other.data),
      });
      if (!checked.ok) throw refusalError(checked);
      const record: Referral = { id: randomUUID(), ...input, recordedAt, steps: [] };
      const [inserted] = await tx
        .insert(referral)
        .values({
          id: record.id,
          memberId: record.memberId,
          organizationId: record.organizationId,
          referredOn: record.referredOn,
          stage: currentReferralStage(record),
          data: record,
          recordedAt,
        })
        .returning();
      return inserted;
    });
    if (row === undefined) throw new Error("insert returned no row");
    setEtag(c, row.version);
    c.header("Location", `/api/v1/referrals/${row.id}`);
    return c.json(toView(row), 201);
  })
  .openapi(stepRoute, async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    const [current] = await database.db.select().from(referral).where(eq(referral.id, id));
    if (current === undefined || !isReachable(c.var.access, current))
      throw new ApiError("NOT_FOUND", NOT_FOUND);
    const expected = expectedVersion(c);
    const advanced = advanceReferral(current.data, { ...input, recordedAt: now().toISOString() });
    if (!advanced.ok) throw refusalError(advanced);
    const row = await database.db.transaction(async (tx) =>
      assertUpdated(
        await tx
          .update(referral)
          .set({
            data: advanced.value,
            stage: currentReferralStage(advanced.value),
            version: sql`${referral.version} + 1`,
          })
          .where(and(eq(referral.id, id), eq(referral.version, expected)))
          .returning(),
      ),
    );
    setEtag(c, row.version);
    return c.json(toView(row), 200);
  });
