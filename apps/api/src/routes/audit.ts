// GET /api/v1/audit?entity=&id=: a record's history, for those who may see the record.
import { createRoute, z } from "@hono/zod-openapi";
import { SENSITIVE_MEMBER_FIELDS } from "@sodoan/domain";
import { and, count, desc, eq } from "drizzle-orm";
import { userCan } from "../auth/guard.js";
import type { Permission } from "../auth/roles.js";
import { auditEvent } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { PageQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

/** The records with a history, and what a user must be allowed to see each. */
const ENTITIES = {
  organization: undefined,
  member: "members.read",
  referral: "referrals.read",
  article: undefined,
  conference: undefined,
  comment: "comments.moderate",
  user: "users.manage",
} as const satisfies Record<string, Permission | undefined>;

const AuditQuerySchema = PageQuerySchema.extend({
  entity: z.enum(Object.keys(ENTITIES) as [keyof typeof ENTITIES, ...(keyof typeof ENTITIES)[]]),
  id: z.string().min(1).max(200),
});

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
    requestId: z.string().nullable(),
    /** `read`: sensitive fields were shown; `export`: an access request's copy; `erase`: an erasure. */
    action: z.enum(["insert", "update", "delete", "read", "export", "erase"]),
    table: z.string(),
    rowId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("AuditEvent");
type AuditEventView = z.infer<typeof AuditEventSchema>;

/** What stands in for a sensitive value the reader may not see. */
export const MASK = "•••";

/** Column names as the API writes field names: `full_name` → `fullName`. */
function camelKeys(row: unknown): Record<string, unknown> | null {
  if (row === null || typeof row !== "object") return null;
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
}

/** A member row's values with the sensitive fields of its `data` masked. */
function maskSensitive(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (values === null) return null;
  const data = values.data;
  if (data === null || typeof data !== "object") return values;
  const masked: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of SENSITIVE_MEMBER_FIELDS) if (field in masked) masked[field] = MASK;
  return { ...values, data: masked };
}

/** An audit row as the API shows it, with a member's sensitive values masked unless `seesSensitive`. */
export function auditEventView(row: typeof auditEvent.$inferSelect, seesSensitive: boolean): AuditEventView {
  const mask = (values: unknown) => {
    const camel = camelKeys(values);
    return row.tableName === "member" && !seesSensitive ? maskSensitive(camel) : camel;
  };
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actorId === null ? null : { id: row.actorId, email: row.actorEmail },
    requestId: row.requestId,
    action: row.action as AuditEventView["action"],
    table: row.tableName,
    rowId: row.rowId,
    before: mask(row.before),
    after: mask(row.after),
  };
}

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["audit"],
    summary: "Lịch sử thay đổi của một bản ghi / A record's history of changes",
    description:
      "Mới nhất trước. Ai, khi nào, làm gì, giá trị trước và sau. / " +
      "Newest first. Who, when, what, the values before and after.",
    request: { query: AuditQuerySchema },
    responses: {
      200: jsonResponse(pageSchemaOf(AuditEventSchema), "Lịch sử / The history"),
      403: errorResponse("Không được xem loại bản ghi này / May not see this kind of record"),
      404: errorResponse("Không tìm thấy / Not found"),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const needed = ENTITIES[query.entity];
    if (needed !== undefined && !userCan(c, needed)) {
      throw new ApiError("FORBIDDEN", {
        vi: "Bạn không được xem lịch sử này",
        en: "You may not see this history",
      });
    }
    const db = c.var.services.database.db;
    const where = and(eq(auditEvent.subjectType, query.entity), eq(auditEvent.subjectId, query.id));
    const [total] = await db.select({ value: count() }).from(auditEvent).where(where);
    const rows = await db
      .select()
      .from(auditEvent)
      .where(where)
      .orderBy(desc(auditEvent.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const seesSensitive = userCan(c, "members.sensitive");
    const items = rows.map((row) => auditEventView(row, seesSensitive));
    return c.json({ items, total: total?.value ?? 0, page: query.page, pageSize: query.pageSize }, 200);
  },
);
