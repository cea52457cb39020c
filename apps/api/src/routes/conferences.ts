// Conference records: who met, who spoke, what was reviewed, reported and directed.
import { createRoute, z } from "@hono/zod-openapi";
import {
  applyConferenceUpdate,
  CalendarDateSchema,
  type Conference,
  ConferenceCreateSchema,
  ConferenceKindSchema,
  ConferenceSchema,
  ConferenceUpdateSchema,
  conferenceParticipants,
  foldVietnamese,
  type Participant,
  toIssues,
  validateFollowUp,
  validateParticipantPositions,
  vietnameseSortKey,
} from "@sodoan/domain";
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Context } from "hono";
import { assertReferencesExist } from "../content/references.js";
import { scopeCondition } from "../content/scope.js";
import { foldedSearch } from "../content/search.js";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import { toPositionTerm } from "../db/queries/positions.js";
import { conference, positionTerm } from "../db/schema/index.js";
import { ApiError, DEFAULT_MESSAGES } from "../errors.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { refusalError } from "../http/refusal.js";
import { createRouter, errorResponse } from "../openapi.js";

/** A conference in a list. */
export const ConferenceSummarySchema = z
  .object({
    id: z.string(),
    organizerId: z.string(),
    kind: ConferenceKindSchema,
    title: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    version: z.number().int(),
  })
  .openapi("ConferenceSummary");
export type ConferenceSummary = z.infer<typeof ConferenceSummarySchema>;

const ConferenceRecordSchema = ConferenceSchema;
const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const jsonOf = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const tags = ["conferences"];
const e400 = errorResponse("Dữ liệu không hợp lệ / Invalid input");
const e404 = errorResponse("Không tìm thấy hội nghị / No such conference");
const oneConference = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: "string" as const } } },
  ...jsonOf(ConferenceRecordSchema),
});

const ConferenceListQuery = listQuerySchema(["startsOn", "title"], "startsOn:desc").extend({
  organizationId: z.string().trim().min(1).optional(),
  kind: ConferenceKindSchema.optional(),
  from: CalendarDateSchema.optional().openapi({ description: "Bắt đầu từ ngày / Starting on or after" }),
  to: CalendarDateSchema.optional().openapi({ description: "Bắt đầu đến ngày / Starting on or before" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Danh sách hội nghị / List conferences",
  request: { query: ConferenceListQuery },
  responses: {
    200: { description: "Một trang / A page", ...jsonOf(pageSchemaOf(ConferenceSummarySchema)) },
    400: e400,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "Một hội nghị / One conference",
  request: { params: IdParams },
  responses: { 200: oneConference("Hội nghị / The conference"), 404: e404 },
});

const createConferenceRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Ghi hội nghị / Record a conference",
  request: { body: { ...jsonOf(ConferenceCreateSchema), required: true } },
  responses: { 201: oneConference("Đã ghi / Recorded"), 400: e400 },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Sửa hội nghị (danh sách thay cả) / Change a conference (lists are replaced whole)",
  request: { params: IdParams, body: { ...jsonOf(ConferenceUpdateSchema), required: true } },
  responses: {
    200: oneConference("Đã sửa / Changed"),
    400: e400,
    404: e404,
    412: errorResponse("Bản ghi đã đổi / The record changed"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

export const conferenceRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.var.services.database;
    const where = and(
      scopeCondition(c.var.access, conference.organizerId),
      query.organizationId === undefined ? undefined : eq(conference.organizerId, query.organizationId),
      query.kind === undefined ? undefined : eq(conference.kind, query.kind),
      query.from === undefined ? undefined : gte(conference.startsOn, query.from),
      query.to === undefined ? undefined : lte(conference.startsOn, query.to),
      foldedSearch(conference.titleFolded, query.q),
    );
    const order = query.sort.map(({ field, direction }) => {
      const column = field === "title" ? sql`${conference.titleSortKey} collate "C"` : conference.startsOn;
      return direction === "desc" ? desc(column) : asc(column);
    });
    const rows = await db
      .select()
      .from(conference)
      .where(where)
      .orderBy(...order, asc(conference.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ total: count() }).from(conference).where(where);
    const items = rows.map((row) => ({
      id: row.id,
      organizerId: row.organizerId,
      kind: row.data.kind,
      title: row.title,
      startDate: row.startsOn,
      endDate: row.endsOn,
      version: row.version,
    }));
    return c.json({ items, total: total?.total ?? 0, page: query.page, pageSize: query.pageSize }, 200);
  })
  .openapi(getRoute, async (c) => {
    const row = await conferenceById(c, c.req.valid("param").id);
    setEtag(c, row.version);
    return c.json(row.data, 200);
  })
  .openapi(createConferenceRoute, async (c) => {
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    await assertReferencesExist(database.db, { organization: ["organizerId", input.organizerId] });
    const at = now().toISOString();
    const record: Conference = { id: crypto.randomUUID(), ...input, recordedAt: at };
    await assertFollowUps(database.db, record, undefined);
    await assertParticipantPositions(database.db, record, undefined);
    const [row] = await database.db.transaction((tx) =>
      tx
        .insert(conference)
        .values({ id: record.id, ...columnsOf(record), createdAt: at, updatedAt: at })
        .returning(),
    );
    if (row === undefined) throw new Error("insert returned nothing");
    setEtag(c, row.version);
    return c.json(row.data, 201);
  })
  .openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const version = expectedVersion(c);
    const { database, now } = c.var.services;
    const current = await conferenceById(c, id);
    await assertReferencesExist(database.db, { organization: ["organizerId", changes.organizerId] });
    // The whole record is checked again: a new start date may now fall after a kept end date.
    const parsed = ConferenceSchema.safeParse(applyConferenceUpdate(current.data, changes));
    if (!parsed.success)
      throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, {
        issues: toIssues(parsed.error),
      });
    await assertFollowUps(database.db, parsed.data, current.data);
    await assertParticipantPositions(database.db, parsed.data, current.data);
    const rows = await database.db.transaction((tx) =>
      tx
        .update(conference)
        .set({
          ...columnsOf(parsed.data),
          updatedAt: now().toISOString(),
          version: sql`${conference.version} + 1`,
        })
        .where(and(eq(conference.id, id), eq(conference.version, version)))
        .returning(),
    );
    const row = assertUpdated(rows);
    setEtag(c, row.version);
    return c.json(row.data, 200);
  });

/**
 * Refuses a follow-up link to a conference that does not exist or does not come after the one that
 * issued the directive. Links already stored are not checked again, so an old record stays editable.
 */
async function assertFollowUps(db: Db, record: Conference, before: Conference | undefined): Promise<void> {
  for (const [index, directive] of record.directives.entries()) {
    const link = directive.followedUpBy;
    if (link === undefined) continue;
    const stored = before?.directives.find((other) => other.id === directive.id)?.followedUpBy;
    if (stored?.conferenceId === link.conferenceId) continue;
    const path = ["directives", index, "followedUpBy", "conferenceId"];
    const [row] = await db
      .select({ id: conference.id, startsOn: conference.startsOn })
      .from(conference)
      .where(eq(conference.id, link.conferenceId));
    if (row === undefined) {
      const message = { vi: "Không có hội nghị này", en: "No such conference" };
      throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, {
        issues: [{ path, message }],
      });
    }
    const checked = validateFollowUp(record, directive.id, { id: row.id, startDate: row.startsOn });
    if (!checked.ok) {
      throw refusalError({ ...checked, issues: checked.issues.map((issue) => ({ ...issue, path })) });
    }
  }
}

/**
 * Refuses a participant whose title names a position term that is not on file (400), or that is
 * someone else's or was not held on a day of the conference (409), at the participant's field.
 * Terms already stored on the same days are not checked again: a term corrected since must not lock
 * the record.
 */
async function assertParticipantPositions(
  db: Db,
  record: Conference,
  before: Conference | undefined,
): Promise<void> {
  const sameDays = before?.startDate === record.startDate && before.endDate === record.endDate;
  const stored = new Set(
    sameDays
      ? conferenceParticipants(before).flatMap(({ participant }) => participant.positionTermId ?? [])
      : [],
  );
  const unchecked = (participant: Participant): Participant => {
    if (participant.positionTermId === undefined || !stored.has(participant.positionTermId))
      return participant;
    const { positionTermId: _kept, ...rest } = participant;
    return rest;
  };
  const checked = {
    ...record,
    chairs: record.chairs.map(unchecked),
    speakers: record.speakers.map(unchecked),
    attendees: record.attendees.map((group) =>
      group.kind === "people" ? { ...group, people: group.people.map(unchecked) } : group,
    ),
  };
  const ids = [
    ...new Set(
      conferenceParticipants(checked).flatMap(({ participant }) => participant.positionTermId ?? []),
    ),
  ];
  if (ids.length === 0) return;
  const rows = await db.select().from(positionTerm).where(inArray(positionTerm.id, ids));
  const verdict = validateParticipantPositions(checked, rows.map(toPositionTerm));
  if (verdict.ok) return;
  if (verdict.code === "POSITION_TERM_NOT_FOUND")
    throw new ApiError("VALIDATION_FAILED", verdict.message, { issues: verdict.issues });
  throw refusalError(verdict);
}

function columnsOf(record: Conference) {
  return {
    organizerId: record.organizerId,
    kind: record.kind,
    title: record.title,
    titleFolded: foldVietnamese(record.title),
    titleSortKey: vietnameseSortKey(record.title),
    startsOn: record.startDate,
    endsOn: record.endDate,
    data: record,
  };
}

async function conferenceById(c: Context<AppEnv>, id: string) {
  const [row] = await c.var.services.database.db
    .select()
    .from(conference)
    .where(and(eq(conference.id, id), scopeCondition(c.var.access, conference.organizerId)));
  if (row === undefined)
    throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy hội nghị", en: "No such conference" });
  return row;
}
