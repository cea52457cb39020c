// Position terms: who held which post in which organisation, from when to when. Who holds a post on
// a date is read at /api/v1/organizations/{id}/positions.
import { createRoute, z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  DocumentReferenceSchema,
  foldVietnamese,
  PersonRefSchema,
  PositionTermCreateSchema,
  PositionTermUpdateSchema,
  PositionTitleSchema,
  validate,
  validatePositionTerm,
} from "@sodoan/domain";
import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import { scopeCondition } from "../content/scope.js";
import type { AppEnv } from "../context.js";
import { escapeLike } from "../db/queries/organizations.js";
import {
  loadPositionTerms,
  lockPositions,
  positionTermColumns,
  toPositionTerm,
} from "../db/queries/positions.js";
import { organization, positionTerm } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, assertVersion, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { refusalError } from "../http/refusal.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

/** A stored term. */
export const PositionTermViewSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    title: PositionTitleSchema,
    person: PersonRefSchema,
    from: z.string(),
    to: z.string().optional(),
    decidedBy: DocumentReferenceSchema.optional(),
    recordedAt: z.string(),
    version: z.number().int(),
  })
  .openapi("PositionTerm");

const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const SORTS = {
  from: sql`${positionTerm.validFrom}`,
  title: sql`array_position(array['secretary','standing_deputy_secretary','deputy_secretary','standing_committee_member','executive_committee_member'], ${positionTerm.title})`,
} as const;

const ListQuerySchema = listQuerySchema(["from", "title"], "from:desc").extend({
  organizationId: z.string().min(1).max(200).optional(),
  title: PositionTitleSchema.optional(),
  asOf: CalendarDateSchema.optional().openapi({
    description: "Nhiệm kỳ còn hiệu lực vào ngày / Terms held on the date",
  }),
});

const tags = ["positions"];
const NOT_FOUND = errorResponse("Không tìm thấy / Not found");
const INVALID = errorResponse("Dữ liệu không hợp lệ / Invalid input");
const REFUSED = errorResponse(
  "Quy tắc không cho phép; mã quy tắc trong tiêu đề X-Refusal-Code / A rule says no; its code is in X-Refusal-Code",
);

function notFound(id: string): ApiError {
  return new ApiError("NOT_FOUND", { vi: `Không tìm thấy nhiệm kỳ ${id}`, en: `No term ${id}` });
}

/** Refuses a record (a term, an account) in an organisation that is not on file, naming the field. */
export async function assertOrganization(
  c: Context<AppEnv>,
  organizationId: string,
  db = c.var.services.database.db,
) {
  const [row] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, organizationId));
  if (row !== undefined) return;
  const message = { vi: `Không tìm thấy tổ chức ${organizationId}`, en: `No organisation ${organizationId}` };
  throw new ApiError("CONFLICT", message, { issues: [{ path: ["organizationId"], message }] });
}

export const positionRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Danh sách nhiệm kỳ / Position terms",
      request: { query: ListQuerySchema },
      responses: {
        200: jsonResponse(pageSchemaOf(PositionTermViewSchema), "Một trang / A page"),
        400: INVALID,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const conditions: SQL[] = [];
      const inScope = scopeCondition(c.var.access, positionTerm.organizationId);
      if (inScope !== undefined) conditions.push(inScope);
      if (query.organizationId !== undefined)
        conditions.push(eq(positionTerm.organizationId, query.organizationId));
      if (query.title !== undefined) conditions.push(eq(positionTerm.title, query.title));
      if (query.asOf !== undefined) {
        conditions.push(sql`${positionTerm.validFrom} <= ${query.asOf}`);
        conditions.push(
          or(isNull(positionTerm.validTo), sql`${positionTerm.validTo} >= ${query.asOf}`) as SQL,
        );
      }
      for (const word of foldVietnamese(query.q ?? "")
        .split(" ")
        .filter((part) => part.length > 0)) {
        conditions.push(sql`${positionTerm.personFolded} like ${`%${escapeLike(word)}%`}`);
      }
      const where = conditions.length === 0 ? undefined : and(...conditions);
      const order = query.sort.map(({ field, direction }) => sql`${SORTS[field]} ${sql.raw(direction)}`);
      const { db } = c.var.services.database;
      // One after the other: inside a transaction (the demo data runs routes in one), a client takes one query at a time.
      const rows = await db
        .select()
        .from(positionTerm)
        .where(where)
        .orderBy(...order, sql`${positionTerm.id} collate "C"`)
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const totals = await db.select({ total: sql<number>`count(*)::int` }).from(positionTerm).where(where);
      return c.json(
        {
          items: rows.map(toPositionTerm),
          total: totals[0]?.total ?? 0,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Ghi một nhiệm kỳ / Record a term",
      request: {
        body: { content: { "application/json": { schema: PositionTermCreateSchema } }, required: true },
      },
      responses: {
        201: jsonResponse(PositionTermViewSchema, "Đã ghi / Recorded"),
        400: INVALID,
        409: REFUSED,
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { database, now } = c.var.services;
      const row = await database.db.transaction(async (tx) => {
        await assertOrganization(c, input.organizationId, tx);
        await lockPositions(tx, input.organizationId);
        const others = await loadPositionTerms(tx, {
          organizationId: input.organizationId,
          title: input.title,
        });
        const verdict = validatePositionTerm(input, others);
        if (!verdict.ok) throw refusalError(verdict);
        const [inserted] = await tx
          .insert(positionTerm)
          .values({ ...positionTermColumns(input), recordedAt: now().toISOString() })
          .returning();
        return inserted as typeof positionTerm.$inferSelect;
      });
      setEtag(c, row.version);
      c.header("Location", `/api/v1/positions/${encodeURIComponent(row.id)}`);
      return c.json(toPositionTerm(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "Một nhiệm kỳ / One term",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(PositionTermViewSchema, "Nhiệm kỳ / The term"), 404: NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const [row] = await c.var.services.database.db
        .select()
        .from(positionTerm)
        .where(eq(positionTerm.id, id));
      if (row === undefined) throw notFound(id);
      setEtag(c, row.version);
      return c.json(toPositionTerm(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: "Sửa một nhiệm kỳ, thường là ngày kết thúc / Change a term, most often its end",
      request: {
        params: IdParamsSchema,
        headers: z.object({ "if-match": z.string().optional() }),
        body: { content: { "application/json": { schema: PositionTermUpdateSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(PositionTermViewSchema, "Đã sửa / Updated"),
        400: INVALID,
        404: NOT_FOUND,
        409: REFUSED,
        412: errorResponse("If-Match đã cũ / If-Match is stale"),
        428: errorResponse("Thiếu If-Match / If-Match is missing"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const changes = c.req.valid("json");
      const expected = expectedVersion(c);
      const row = await c.var.services.database.db.transaction(async (tx) => {
        const [current] = await tx.select().from(positionTerm).where(eq(positionTerm.id, id));
        if (current === undefined) throw notFound(id);
        assertVersion(current.version, expected);
        const { id: _id, recordedAt: _recordedAt, version: _version, ...stored } = toPositionTerm(current);
        const checked = validate(PositionTermCreateSchema, { ...stored, ...changes });
        if (!checked.ok) throw new ApiError("VALIDATION_FAILED", checked.message, { issues: checked.issues });
        const term = checked.value;
        if (term.organizationId !== current.organizationId)
          await assertOrganization(c, term.organizationId, tx);
        await lockPositions(tx, term.organizationId);
        const others = (
          await loadPositionTerms(tx, { organizationId: term.organizationId, title: term.title })
        ).filter((other) => other.id !== id);
        const verdict = validatePositionTerm(term, others);
        if (!verdict.ok) throw refusalError(verdict);
        return assertUpdated(
          await tx
            .update(positionTerm)
            .set({ ...positionTermColumns(term), version: sql`${positionTerm.version} + 1` })
            .where(and(eq(positionTerm.id, id), eq(positionTerm.version, expected)))
            .returning(),
        );
      });
      setEtag(c, row.version);
      return c.json(toPositionTerm(row), 200);
    },
  );
