// Recording a member's lifecycle events (admission, transfers, postponement, … and corrections),
// each checked by the domain against the member's whole history.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  type MemberEvent,
  MemberEventInputSchema,
  MemberEventSchema,
  toVietnamDate,
  validateMemberEvent,
} from "@sodoan/domain";
import { and, eq, sql } from "drizzle-orm";
import { refreshMemberTimelines } from "../db/queries/member-timelines.js";
import { eventColumns, homeUnitIdsOf, loadMemberEvents, memberEventContext } from "../db/queries/members.js";
import { member, memberEvent } from "../db/schema/index.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { refusalError } from "../http/refusal.js";
import { createRouter, errorResponse } from "../openapi.js";
import { findMemberRow, MemberDetailSchema, toMemberDetail } from "./members.js";

const recordEventRoute = createRoute({
  method: "post",
  path: "/{id}/events",
  tags: ["members"],
  summary: "Ghi một sự kiện sinh hoạt Đoàn (If-Match) / Record a lifecycle event (If-Match)",
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    body: { required: true, content: { "application/json": { schema: MemberEventInputSchema } } },
  },
  responses: {
    201: {
      description: "Đã ghi sự kiện / The event is recorded",
      content: {
        "application/json": {
          schema: z.object({ event: MemberEventSchema, member: MemberDetailSchema }),
        },
      },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    404: errorResponse("Không tìm thấy đoàn viên / No such member"),
    409: errorResponse("Quy định không cho phép / A rule of the domain says no"),
    412: errorResponse("Bản ghi đã đổi / Stale If-Match"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

export const memberEventRoutes = createRouter().openapi(recordEventRoute, async (c) => {
  const { id } = c.req.valid("param");
  const input = c.req.valid("json");
  const { database, now } = c.var.services;
  await findMemberRow(database.db, c.var.access, id);
  const expected = expectedVersion(c);
  const recordedAt = now().toISOString();
  const event = { ...input, id: randomUUID(), memberId: id, recordedAt } as MemberEvent;
  const { row, history } = await database.db.transaction(async (tx) => {
    // Bumping the version first locks the member's row, so two events for one member are checked
    // one after the other, each against the history including the other.
    const updated = assertUpdated(
      await tx
        .update(member)
        .set({ version: sql`${member.version} + 1`, updatedAt: recordedAt })
        .where(and(eq(member.id, id), eq(member.version, expected)))
        .returning(),
    );
    const recorded = (await loadMemberEvents(tx, [id])).get(id) ?? [];
    const context = await memberEventContext(tx, id, updated.data.birthDate, [
      ...recorded.flatMap(homeUnitIdsOf),
      ...homeUnitIdsOf(event),
    ]);
    const checked = validateMemberEvent(recorded, event, context);
    if (!checked.ok) throw refusalError(checked);
    await tx.insert(memberEvent).values(eventColumns(event));
    await refreshMemberTimelines(tx, [id]);
    return { row: updated, history: [...recorded, event] };
  });
  setEtag(c, row.version);
  return c.json({ event, member: toMemberDetail(row, history, toVietnamDate(now())) }, 201);
});
