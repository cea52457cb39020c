// One lifecycle event for many members at once — the year's residence registrations, the year's
// ratings, a reward, maturation at thirty — on a selection or on the whole filtered list. Each
// member is checked by the domain against their own history; a dry run reports who would be
// refused, and the commit records the event for all of them or for none.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  type LocalizedText,
  type MemberEvent,
  MemberEventInputSchema,
  validateMemberEvent,
} from "@sodoan/domain";
import { and, inArray, sql } from "drizzle-orm";
import type { Access } from "../access.js";
import type { Db } from "../db/client.js";
import { refreshMemberTimelines } from "../db/queries/member-timelines.js";
import {
  eventColumns,
  findMemberIds,
  homeUnitIdsOf,
  inUnitsOrAddressed,
  loadMemberEvents,
  loadMembersInOrder,
  type MemberRow,
  memberEventContexts,
  type Tx,
} from "../db/queries/members.js";
import { member, memberEvent } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { createRouter, errorResponse } from "../openapi.js";
import { MemberFilterQuerySchema, memberFiltersOf } from "./members.js";

/** The most members one bulk action takes: a province's rolls, in one transaction. */
export const MAX_BULK_MEMBERS = 10_000;

/** Rows per statement. */
const CHUNK = 1000;

/**
 * Events that name another record of the member (the transfer received, the event corrected) or
 * that create the member are recorded one member at a time.
 */
const ONE_AT_A_TIME = ["admission", "transfer_in", "corrected"] as const;

const BulkEventSchema = MemberEventInputSchema.refine(
  (event) => !(ONE_AT_A_TIME as readonly string[]).includes(event.type),
  {
    path: ["type"],
    message: "Sự kiện này ghi cho từng đoàn viên / This event is recorded one member at a time",
  },
);

const SelectionSchema = z.union([
  z
    .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_BULK_MEMBERS) })
    .strict()
    .openapi({ description: "Những đoàn viên đã chọn / The members selected" }),
  z
    .object({
      filter: MemberFilterQuerySchema.omit({ page: true, pageSize: true, sort: true }),
      expectedCount: z.number().int().min(1).max(MAX_BULK_MEMBERS),
    })
    .strict()
    .openapi({
      description:
        "Cả danh sách đã lọc, với số người người dùng đã thấy / The whole filtered list, with the count the user saw",
    }),
]);

const BulkRequestSchema = z
  .object({ members: SelectionSchema, event: BulkEventSchema })
  .openapi("MemberBulkEventRequest");

const RefusalSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  code: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
});

const BulkReportSchema = z
  .object({
    dryRun: z.boolean(),
    total: z.number().int(),
    accepted: z.number().int(),
    refused: z.array(RefusalSchema),
  })
  .openapi("MemberBulkEventReport");
type BulkReport = z.infer<typeof BulkReportSchema>;

const bulkRoute = createRoute({
  method: "post",
  path: "/bulk-events",
  tags: ["members"],
  summary:
    "Ghi một sự kiện cho nhiều đoàn viên, tất cả hoặc không ai / Record one event for many members, all or none",
  request: {
    query: z.object({ dryRun: z.enum(["true", "false"]).default("true") }),
    body: { required: true, content: { "application/json": { schema: BulkRequestSchema } } },
  },
  responses: {
    200: {
      description: "Kết quả chạy thử / The dry run's report",
      content: { "application/json": { schema: BulkReportSchema } },
    },
    201: {
      description: "Đã ghi cho tất cả / Recorded for every member",
      content: { "application/json": { schema: BulkReportSchema } },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    404: errorResponse("Có đoàn viên không tìm thấy / Some members were not found"),
    409: errorResponse(
      "Có đoàn viên không nhận sự kiện này; không ghi gì / Some members refuse it; nothing recorded",
    ),
    412: errorResponse("Danh sách đã lọc đã đổi / The filtered list changed"),
  },
});

/** The members selected, each within the caller's scope; any other id is a 404 naming it. */
async function selectedMembers(db: Db, access: Access, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set<string>();
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK);
    // Within a scope, a member is reachable as for one member's page: one of their events names a
    // unit of it as their home, or as where a transfer sends them.
    const rows =
      access.kind === "unrestricted"
        ? await db.select({ id: member.id }).from(member).where(inArray(member.id, chunk))
        : access.organizationIds.length === 0
          ? []
          : await db
              .selectDistinct({ id: memberEvent.memberId })
              .from(memberEvent)
              .where(
                and(inArray(memberEvent.memberId, chunk), inUnitsOrAddressed([...access.organizationIds])),
              );
    for (const row of rows) found.add(row.id);
  }
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ApiError(
      "NOT_FOUND",
      { vi: "Có đoàn viên không tìm thấy", en: "Some members were not found" },
      {
        issues: missing.slice(0, 100).map((id) => ({
          path: ["members", "ids", unique.indexOf(id)],
          message: { vi: `Không tìm thấy đoàn viên ${id}`, en: `No member ${id}` },
        })),
      },
    );
  }
  return unique;
}

/** Checks the event for every member against their history; the refusals, in the members' order. */
async function check(
  tx: Db | Tx,
  rows: readonly MemberRow[],
  input: z.infer<typeof BulkEventSchema>,
  recordedAt: string,
): Promise<{ events: MemberEvent[]; refused: BulkReport["refused"] }> {
  const histories = await loadMemberEvents(
    tx,
    rows.map((row) => row.id),
  );
  const events = rows.map(
    (row) => ({ ...input, id: randomUUID(), memberId: row.id, recordedAt }) as MemberEvent,
  );
  const contexts = await memberEventContexts(
    tx,
    rows.map((row) => ({ id: row.id, birthDate: row.data.birthDate })),
    [...histories.values()].flat().flatMap(homeUnitIdsOf).concat(events.flatMap(homeUnitIdsOf)),
  );
  const refused: BulkReport["refused"] = [];
  rows.forEach((row, i) => {
    const [event, context] = [events[i], contexts[i]];
    if (event === undefined || context === undefined) return;
    const checked = validateMemberEvent(histories.get(row.id) ?? [], event, context);
    if (!checked.ok) {
      refused.push({
        memberId: row.id,
        fullName: row.fullName,
        code: checked.code,
        message: checked.message,
      });
    }
  });
  return { events, refused };
}

const REFUSED: LocalizedText = {
  vi: "Có đoàn viên không nhận sự kiện này; chưa ghi cho ai",
  en: "Some members cannot take this event; it is recorded for no one",
};

export const memberBulkRoutes = createRouter().openapi(bulkRoute, async (c) => {
  const { members: selection, event: input } = c.req.valid("json");
  const dryRun = c.req.valid("query").dryRun === "true";
  const { database, now } = c.var.services;
  const { db } = database;

  let ids: string[];
  if ("ids" in selection) {
    ids = await selectedMembers(db, c.var.access, selection.ids);
  } else {
    const filters = await memberFiltersOf(c, selection.filter);
    ids = await findMemberIds(db, c.var.access, filters, [{ field: "name", direction: "asc" }]);
    // The list may have changed since the user read its count: acting on other people than the
    // ones they saw would be a surprise.
    if (ids.length !== selection.expectedCount) {
      throw new ApiError("PRECONDITION_FAILED", {
        vi: `Danh sách đã lọc nay có ${ids.length} người, không phải ${selection.expectedCount}: hãy tải lại`,
        en: `The filtered list now holds ${ids.length} members, not ${selection.expectedCount}: reload it`,
      });
    }
  }
  const recordedAt = now().toISOString();

  if (dryRun) {
    const { refused } = await check(db, await loadMembersInOrder(db, ids), input, recordedAt);
    return c.json({ dryRun, total: ids.length, accepted: ids.length - refused.length, refused }, 200);
  }
  await db.transaction(async (tx) => {
    // Bumping every version first locks the rows: an event recorded meanwhile for one of them waits,
    // and is then checked against a history holding this one.
    const rows: MemberRow[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      rows.push(
        ...(await tx
          .update(member)
          .set({ version: sql`${member.version} + 1`, updatedAt: recordedAt })
          .where(inArray(member.id, ids.slice(start, start + CHUNK)))
          .returning()),
      );
    }
    const { events, refused } = await check(tx, rows, input, recordedAt);
    if (refused.length > 0) {
      throw new ApiError("CONFLICT", REFUSED, {
        issues: refused.slice(0, 100).map((refusal) => ({
          path: ["members", refusal.memberId],
          message: {
            vi: `${refusal.fullName}: ${refusal.message.vi}`,
            en: `${refusal.fullName}: ${refusal.message.en}`,
          },
        })),
      });
    }
    for (let start = 0; start < events.length; start += CHUNK) {
      await tx.insert(memberEvent).values(events.slice(start, start + CHUNK).map(eventColumns));
    }
    await refreshMemberTimelines(tx, ids);
  });
  return c.json({ dryRun, total: ids.length, accepted: ids.length, refused: [] }, 201);
});
