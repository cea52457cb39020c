// Organisations: the list and one organisation as of a date, creation under a parent, corrections,
// the tree (children, subtree, path to the root), the lineage events that reorganise it, and the
// holders of its positions.
import { randomBytes, randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  AreaSchema,
  bilingual,
  CalendarDateSchema,
  DissolvedEventSchema,
  DocumentReferenceSchema,
  type DomainIssue,
  GrassrootsKindSchema,
  holdersOn,
  IdSchema,
  type LineageEvent,
  LineageEventSchema,
  MergedEventSchema,
  ORGANIZATION_LEVELS,
  type OrganizationCreate,
  OrganizationCreateSchema,
  OrganizationLevelSchema,
  type OrganizationRecords,
  OrganizationSchema,
  OrganizationUpdateSchema,
  PersonRefSchema,
  POSITION_TITLE_LABELS,
  POSITION_TITLES,
  PositionTitleSchema,
  RenamedEventSchema,
  ReparentedEventSchema,
  SectorSchema,
  SplitEventSchema,
  slugify,
  titleOn,
  toVietnamDate,
  validate,
  validateLineageEvent,
  validateNewOrganization,
} from "@sodoan/domain";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import {
  BY_NAME,
  findOrganizationViews,
  insertLineageEvents,
  insertOrganizations,
  insertParentLinks,
  nameMatchesSql,
  type OrganizationView,
  updateEstablishedNames,
} from "../db/queries/organizations.js";
import { loadPositionTerms } from "../db/queries/positions.js";
import {
  childIdsAsOf,
  loadOrganizationRecords,
  lockTree,
  pathToRootAsOf,
  subtreeIdsAsOf,
} from "../db/queries/tree.js";
import { organization } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import {
  assertUpdated,
  assertVersion,
  etagOf,
  expectedVersion,
  expectedVersions,
  setEtag,
} from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { refusalError } from "../http/refusal.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

/** An organisation as it stood on a date. */
export const OrganizationViewSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: "Tên vào ngày asOf / The name on asOf" }),
    shortName: z.string().optional(),
    englishName: z.string().optional(),
    level: OrganizationLevelSchema,
    grassrootsKind: GrassrootsKindSchema.optional(),
    sector: SectorSchema.optional(),
    area: AreaSchema.optional(),
    establishedOn: z.string(),
    establishedBy: DocumentReferenceSchema.optional(),
    asOf: z.string(),
    existsAsOf: z.boolean().openapi({
      description: "Đã thành lập và chưa chấm dứt vào ngày asOf / Established and not ended on asOf",
    }),
    lastDay: z.string().nullable().openapi({
      description:
        "Ngày cuối cùng tổ chức còn tồn tại, nếu đã chấm dứt / The last day it existed, once it has ended",
    }),
    parentId: z.string().nullable(),
    recordedAt: z.string(),
    version: z.number().int(),
  })
  .openapi("Organization");

const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "tinh-doan-soc-trang" }),
});

const AsOfQuerySchema = z.object({
  asOf: CalendarDateSchema.optional().openapi({
    description: "Ngày xem, mặc định hôm nay (giờ Việt Nam) / The date, today in Vietnam by default",
    example: "2017-08-31",
  }),
});

/** The order the list knows, and what each means in SQL. */
const SORTS = {
  name: BY_NAME,
  level: sql`array_position(${sql.raw(`array[${ORGANIZATION_LEVELS.map((level) => `'${level}'`).join(",")}]`)}, o.level)`,
  establishedOn: sql`o.established_on`,
} as const;

const ListQuerySchema = listQuerySchema(["name", "level", "establishedOn"]).extend({
  ...AsOfQuerySchema.shape,
  level: OrganizationLevelSchema.optional(),
  sector: SectorSchema.optional(),
  parentId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Tổ chức trực thuộc vào ngày asOf / Children on asOf" }),
  includeEnded: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .openapi({
      description: "Cả tổ chức chưa thành lập hoặc đã chấm dứt vào asOf / Also those not existing on asOf",
    }),
});

const TreeItemSchema = OrganizationViewSchema.extend({ depth: z.number().int() }).openapi(
  "OrganizationTreeItem",
);
const TreeNodeSchema = OrganizationViewSchema.extend({ childrenIds: z.array(z.string()) }).openapi(
  "OrganizationTreeNode",
);

const LineageResultSchema = z
  .object({
    event: LineageEventSchema,
    versions: z.record(z.string(), z.number().int()).openapi({
      description: "Phiên bản mới của các tổ chức đã thay đổi / New versions of the organisations changed",
    }),
  })
  .openapi("LineageResult");

const LineageHistorySchema = z
  .object({
    organizationId: z.string(),
    items: z.array(
      z.object({
        event: LineageEventSchema,
        names: z.record(z.string(), z.string()).openapi({
          description:
            "Tên các tổ chức của sự kiện vào ngày hiệu lực / The names of the organisations involved on the effective date",
        }),
      }),
    ),
  })
  .openapi("LineageHistory");

const HolderSchema = z.object({
  termId: z.string(),
  person: PersonRefSchema,
  from: z.string(),
  to: z.string().optional(),
  label: z.object({ vi: z.string(), en: z.string() }),
});
const PositionsOnDateSchema = z
  .object({
    organizationId: z.string(),
    asOf: z.string(),
    positions: z.array(
      z.object({
        title: PositionTitleSchema,
        label: z.object({ vi: z.string(), en: z.string() }),
        holders: z.array(HolderSchema),
      }),
    ),
  })
  .openapi("PositionsOnDate");

const tags = ["organizations"];
const NOT_FOUND = errorResponse("Không tìm thấy / Not found");
const INVALID = errorResponse("Dữ liệu không hợp lệ / Invalid input");
const REFUSED = errorResponse(
  "Quy tắc không cho phép; mã quy tắc trong tiêu đề X-Refusal-Code / A rule says no; its code is in X-Refusal-Code",
);
const STALE = errorResponse("If-Match đã cũ / If-Match is stale");
const MISSING_IF_MATCH = errorResponse("Thiếu If-Match / If-Match is missing");
const LINEAGE_RESPONSES = {
  201: jsonResponse(LineageResultSchema, "Đã ghi sự kiện / Event recorded"),
  400: INVALID,
  404: NOT_FOUND,
  409: REFUSED,
  412: STALE,
  428: MISSING_IF_MATCH,
};
const IF_MATCH = z.object({
  "if-match": z.string().optional().openapi({ description: 'ETag đã đọc / The ETag you read, e.g. "v3"' }),
});

function todayOf(c: Context<AppEnv>): string {
  return toVietnamDate(c.var.services.now());
}

function notFound(id: string): ApiError {
  return new ApiError("NOT_FOUND", {
    vi: `Không tìm thấy tổ chức ${id}`,
    en: `No organisation ${id}`,
  });
}

/** One organisation as of a date, or 404. */
async function findView(c: Context<AppEnv>, id: string, asOf: string): Promise<OrganizationView> {
  const { items } = await findOrganizationViews(c.var.services.database.db, asOf, {
    where: sql`o.id = ${id}`,
  });
  const view = items[0];
  if (view === undefined) throw notFound(id);
  return view;
}

/** Organisations by id as of a date, in the order of `ids`. */
async function viewsInOrder(c: Context<AppEnv>, ids: string[], asOf: string): Promise<OrganizationView[]> {
  if (ids.length === 0) return [];
  const { items } = await findOrganizationViews(c.var.services.database.db, asOf, {
    where: sql`o.id in ${ids}`,
  });
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** 404 unless the organisation is on file, for the tree reads whose answer is empty otherwise. */
async function assertExists(c: Context<AppEnv>, id: string): Promise<void> {
  const [row] = await c.var.services.database.db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, id));
  if (row === undefined) throw notFound(id);
}

/** The versions the client read of the organisations an action changes, one ETag each in If-Match. */
function expectedVersionsOf(c: Context<AppEnv>, ids: readonly string[]): Map<string, number> {
  const versions = expectedVersions(c, ids.length);
  return new Map(ids.map((id, i) => [id, versions[i] ?? 0]));
}

/**
 * Checks that the organisations an action changes are still at the versions the client read: 404
 * for the organisation of the path, 412 for a stale one. Organisations named only in the body that
 * are not on file are left to the domain's rules, which name the field.
 */
async function checkVersions(
  tx: Db,
  pathId: string | undefined,
  expected: Map<string, number>,
): Promise<void> {
  const rows = await tx
    .select({ id: organization.id, version: organization.version })
    .from(organization)
    .where(inArray(organization.id, [...expected.keys()]));
  const current = new Map(rows.map((row) => [row.id, row.version]));
  if (pathId !== undefined && !current.has(pathId)) throw notFound(pathId);
  for (const [id, version] of expected) {
    const found = current.get(id);
    if (found !== undefined) assertVersion(found, version);
  }
}

/** The records a lineage event is checked against: those it names, and what the rule reads beyond. */
async function recordsFor(tx: Db, event: LineageEvent): Promise<OrganizationRecords> {
  switch (event.type) {
    case "renamed":
      return loadOrganizationRecords(tx, [event.organizationId]);
    case "dissolved":
      return loadOrganizationRecords(tx, [
        event.organizationId,
        ...(await childIdsAsOf(tx, event.organizationId, event.effectiveDate)),
      ]);
    case "merged":
      return loadOrganizationRecords(tx, [...event.sourceIds, event.targetId]);
    case "split":
      return loadOrganizationRecords(tx, [event.sourceId, ...event.targetIds]);
    case "reparented":
      // A cycle may run through any organisation on any later date: the rule reads the whole tree.
      return loadOrganizationRecords(tx);
  }
}

/** Every organisation an event names, parents included, for showing it. */
function namedBy(event: LineageEvent): string[] {
  switch (event.type) {
    case "reparented":
      return [
        ...new Set([
          event.organizationId,
          ...(event.fromParentId === undefined ? [] : [event.fromParentId]),
          event.toParentId,
        ]),
      ];
    default:
      return changedBy(event);
  }
}

/** The organisations an event changes, whose versions it checks and moves on. */
function changedBy(event: LineageEvent): string[] {
  switch (event.type) {
    case "renamed":
    case "reparented":
    case "dissolved":
      return [event.organizationId];
    case "merged":
      return [...new Set([event.targetId, ...event.sourceIds])];
    case "split":
      return [...new Set([event.sourceId, ...event.targetIds])];
  }
}

/**
 * A new organisation a merger or split establishes (its fields with the event's date as
 * `establishedOn`), and where those fields sit in the request, for the issues that name them.
 */
type NewUnit = { input: NewOrganization & { establishedOn: string }; path: DomainIssue["path"] };

/**
 * Records a lineage event in one transaction: the versions the client read, the new organisations
 * it creates (established on its date), the domain's rules (409 with the rule's code and reason),
 * then the event and the versions of what it changed. A refusal at any step leaves nothing behind.
 */
async function recordLineageEvent(
  c: Context<AppEnv>,
  expected: Map<string, number>,
  pathId: string | undefined,
  eventOf: (newIds: readonly string[]) => LineageEvent,
  newUnits: readonly NewUnit[] = [],
) {
  const { database } = c.var.services;
  return database.db.transaction(async (tx) => {
    await lockTree(tx);
    await checkVersions(tx, pathId, expected);
    const event = eventOf(await establishNewUnits(tx, newUnits, c.var.services.now().toISOString()));
    const verdict = validateLineageEvent(event, await recordsFor(tx, event));
    if (!verdict.ok) throw refusalError(verdict);
    await insertLineageEvents(tx, [event]);
    const versions: Record<string, number> = {};
    for (const [id, version] of expected) {
      const row = assertUpdated(
        await tx
          .update(organization)
          .set({ version: sql`${organization.version} + 1` })
          .where(and(eq(organization.id, id), eq(organization.version, version)))
          .returning({ version: organization.version }),
      );
      versions[id] = row.version;
    }
    // A new organisation is at its first version: the event created it rather than changed it.
    const created = newUnits.length === 0 ? [] : changedBy(event).filter((id) => !expected.has(id));
    if (created.length > 0) {
      const rows = await tx
        .select({ id: organization.id, version: organization.version })
        .from(organization)
        .where(inArray(organization.id, created));
      for (const row of rows) versions[row.id] = row.version;
    }
    return { event, versions };
  });
}

function newEventFields(c: Context<AppEnv>) {
  return { id: randomUUID(), recordedAt: c.var.services.now().toISOString() };
}

type OneOrganizationEvent = Extract<LineageEvent, { type: "renamed" | "reparented" | "dissolved" }>;

/** Records an event about one organisation (rename, re-parent, dissolve) under its If-Match. */
async function recordOneOrganizationEvent(
  c: Context<AppEnv>,
  id: string,
  event: Omit<OneOrganizationEvent, "id" | "recordedAt" | "organizationId">,
) {
  const expected = new Map([[id, expectedVersion(c)]]);
  const full = { ...event, organizationId: id, ...newEventFields(c) } as OneOrganizationEvent;
  const result = await recordLineageEvent(c, expected, id, () => full);
  c.header("ETag", etagOf(result.versions[id] ?? 0));
  return result;
}

const eventInput = { type: true, id: true, recordedAt: true } as const;
const RenameBodySchema = RenamedEventSchema.omit({ ...eventInput, organizationId: true }).openapi(
  "RenameBody",
);
const ReparentBodySchema = ReparentedEventSchema.omit({ ...eventInput, organizationId: true }).openapi(
  "ReparentBody",
);
const DissolveBodySchema = DissolvedEventSchema.omit({ ...eventInput, organizationId: true }).openapi(
  "DissolveBody",
);
/**
 * A new organisation a merger or split establishes: what `POST /organizations` takes, without the
 * establishment date, which is the event's.
 */
const NewOrganizationSchema = z
  .object(OrganizationCreateSchema.shape)
  .omit({ establishedOn: true })
  .openapi("NewOrganization");
type NewOrganization = z.infer<typeof NewOrganizationSchema>;

const MergeBodySchema = MergedEventSchema.omit({ ...eventInput, targetId: true })
  .extend({
    targetId: IdSchema.optional().openapi({
      description:
        "Tổ chức đã có tiếp nhận các tổ chức nguồn / An existing organisation that takes in the sources",
    }),
    newTarget: NewOrganizationSchema.optional().openapi({
      description:
        "Hoặc một tổ chức mới, thành lập vào ngày hiệu lực / Or a new organisation, established on the effective date",
    }),
  })
  .refine(
    (body) => (body.targetId === undefined) !== (body.newTarget === undefined),
    bilingual(
      "Chọn tổ chức sau hợp nhất: một tổ chức đã có hoặc một tổ chức mới",
      "Name the organisation after the merger: an existing one or a new one",
      ["targetId"],
    ),
  )
  .openapi("MergeBody");
const SplitBodySchema = SplitEventSchema.omit({ ...eventInput, sourceId: true, targetIds: true })
  .extend({
    targetIds: z.array(IdSchema).default([]).openapi({
      description: "Các tổ chức đã có nhận phần được chia / Existing organisations that take a part",
    }),
    newTargets: z.array(NewOrganizationSchema).default([]).openapi({
      description:
        "Các tổ chức mới, thành lập vào ngày hiệu lực, sau các tổ chức đã có / New organisations, established on the effective date, after the existing ones",
    }),
  })
  .refine(
    (body) => body.targetIds.length + body.newTargets.length > 0,
    bilingual("Cần ít nhất một tổ chức sau chia tách", "A split needs at least one resulting organisation", [
      "targetIds",
    ]),
  )
  .openapi("SplitBody");

function lineageRoute<P extends string, T extends z.ZodType>(
  path: P,
  summary: string,
  body: T,
  ifMatch: string,
) {
  return createRoute({
    method: "post",
    path,
    tags,
    summary,
    request: {
      params: IdParamsSchema,
      headers: z.object({ "if-match": z.string().optional().openapi({ description: ifMatch }) }),
      body: { content: { "application/json": { schema: body } }, required: true },
    },
    responses: LINEAGE_RESPONSES,
  });
}

const ONE_ETAG = "ETag của tổ chức / The organisation's ETag";

/** A free id for a new organisation: its name as a slug, made unique when taken. */
async function newOrganizationId(tx: Db, name: string): Promise<string> {
  const slug = slugify(name).slice(0, 80) || "to-chuc";
  const [taken] = await tx
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, slug));
  return taken === undefined ? slug : `${slug}-${randomBytes(3).toString("hex")}`;
}

/** Issues moved under `path`: a new organisation's fields sit inside a merger's or split's request. */
function under<T extends { issues: DomainIssue[] }>(result: T, path: DomainIssue["path"]): T {
  return { ...result, issues: result.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })) };
}

/**
 * Establishes an organisation under its parent inside the caller's transaction, which holds the
 * tree's lock: the domain's rules (a refusal names its fields under `path`), a free id, the
 * organisation and its first parent link. Answers the new id.
 */
async function establishOrganization(
  tx: Db,
  input: OrganizationCreate,
  recordedAt: string,
  path: DomainIssue["path"] = [],
): Promise<string> {
  const records = await loadOrganizationRecords(tx, input.parentId === undefined ? [] : [input.parentId]);
  const verdict = validateNewOrganization(input, records);
  if (!verdict.ok) throw refusalError(under(verdict, path));
  const { parentId, parentDecidedBy, ...fields } = input;
  const org = { ...fields, id: await newOrganizationId(tx, input.name), recordedAt };
  await insertOrganizations(tx, [org]);
  if (parentId !== undefined) {
    await insertParentLinks(tx, [
      {
        id: randomUUID(),
        childId: org.id,
        parentId,
        from: input.establishedOn,
        recordedAt,
        ...(parentDecidedBy === undefined ? {} : { decidedBy: parentDecidedBy }),
      },
    ]);
  }
  return org.id;
}

/**
 * Establishes a merger's or split's new organisations, in order, and answers their ids. Each is
 * checked whole by the domain's schema first: the request's schema cannot carry its refinements.
 */
async function establishNewUnits(tx: Db, units: readonly NewUnit[], recordedAt: string): Promise<string[]> {
  const ids: string[] = [];
  for (const unit of units) {
    const checked = validate(OrganizationCreateSchema, unit.input);
    if (!checked.ok) {
      const { message, issues } = under(checked, unit.path);
      throw new ApiError("VALIDATION_FAILED", message, { issues });
    }
    ids.push(await establishOrganization(tx, checked.value, recordedAt, unit.path));
  }
  return ids;
}

export const organizationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Danh sách tổ chức vào một ngày / Organisations as of a date",
      request: { query: ListQuerySchema },
      responses: {
        200: jsonResponse(pageSchemaOf(OrganizationViewSchema), "Một trang / A page"),
        400: INVALID,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const asOf = query.asOf ?? todayOf(c);
      const conditions: SQL[] = [];
      const access = c.var.access;
      if (access.kind === "subtree") {
        conditions.push(
          access.organizationIds.length === 0
            ? sql`false`
            : sql`o.id in (${sql.join(
                access.organizationIds.map((id) => sql`${id}`),
                sql`, `,
              )})`,
        );
      }
      if (!query.includeEnded) conditions.push(sql`al.exists_as_of`);
      if (query.level !== undefined) conditions.push(sql`o.level = ${query.level}`);
      if (query.sector !== undefined) conditions.push(sql`o.sector = ${query.sector}`);
      const search = query.q === undefined ? undefined : nameMatchesSql(query.q, asOf);
      if (search !== undefined) conditions.push(search);
      const order = query.sort.map(
        ({ field, direction }) => sql`${SORTS[field]} ${sql.raw(direction === "desc" ? "desc" : "asc")}`,
      );
      const { items, total } = await findOrganizationViews(c.var.services.database.db, asOf, {
        where: conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `),
        ...(query.parentId === undefined ? {} : { parentId: query.parentId }),
        orderBy: sql.join([...order, sql`o.id collate "C"`], sql`, `),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "Một tổ chức vào một ngày / One organisation as of a date",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(OrganizationViewSchema, "Tổ chức / The organisation"),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const view = await findView(c, id, c.req.valid("query").asOf ?? todayOf(c));
      setEtag(c, view.version);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Thành lập tổ chức dưới tổ chức cấp trên / Establish an organisation under its parent",
      request: {
        body: { content: { "application/json": { schema: OrganizationCreateSchema } }, required: true },
      },
      responses: {
        201: jsonResponse(OrganizationViewSchema, "Đã tạo / Created"),
        400: INVALID,
        409: REFUSED,
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { database, now } = c.var.services;
      const recordedAt = now().toISOString();
      const id = await database.db.transaction(async (tx) => {
        await lockTree(tx);
        return establishOrganization(tx, input, recordedAt);
      });
      const view = await findView(c, id, input.establishedOn);
      setEtag(c, view.version);
      c.header("Location", `/api/v1/organizations/${encodeURIComponent(id)}`);
      return c.json(view, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary:
        "Sửa thông tin cố định (tên, cấp trên đổi bằng sự kiện) / Correct fixed facts (names and parents change by events)",
      request: {
        params: IdParamsSchema,
        headers: IF_MATCH,
        body: { content: { "application/json": { schema: OrganizationUpdateSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(OrganizationViewSchema, "Đã sửa / Updated"),
        400: INVALID,
        404: NOT_FOUND,
        412: STALE,
        428: MISSING_IF_MATCH,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const changes = c.req.valid("json");
      const expected = expectedVersion(c);
      const { database } = c.var.services;
      await database.db.transaction(async (tx) => {
        const [row] = await tx.select().from(organization).where(eq(organization.id, id));
        if (row === undefined) throw notFound(id);
        assertVersion(row.version, expected);
        const data = { ...row.data };
        if (changes.shortName !== undefined) data.shortName = changes.shortName;
        if (changes.englishName !== undefined) data.englishName = changes.englishName;
        const next = {
          grassrootsKind: changes.grassrootsKind ?? row.grassrootsKind,
          sector: changes.sector ?? row.sector,
          area: changes.area ?? row.area,
        };
        const checked = validate(OrganizationSchema, {
          id,
          name: row.name,
          level: row.level,
          establishedOn: row.establishedOn,
          recordedAt: new Date(row.recordedAt).toISOString(),
          ...data,
          ...Object.fromEntries(Object.entries(next).filter(([, value]) => value !== null)),
        });
        if (!checked.ok) {
          throw new ApiError("VALIDATION_FAILED", checked.message, { issues: checked.issues });
        }
        assertUpdated(
          await tx
            .update(organization)
            .set({ ...next, data, version: sql`${organization.version} + 1` })
            .where(and(eq(organization.id, id), eq(organization.version, expected)))
            .returning({ id: organization.id }),
        );
        if (changes.shortName !== undefined || changes.englishName !== undefined) {
          await updateEstablishedNames(tx, id, { name: row.name, ...data });
        }
      });
      const view = await findView(c, id, todayOf(c));
      setEtag(c, view.version);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/children",
      tags,
      summary: "Tổ chức trực thuộc vào một ngày / Children as of a date",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), items: z.array(OrganizationViewSchema) }),
          "Trực thuộc / Children",
        ),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").asOf ?? todayOf(c);
      await assertExists(c, id);
      const { items } = await findOrganizationViews(c.var.services.database.db, asOf, {
        parentId: id,
        orderBy: sql`${BY_NAME}, o.id collate "C"`,
      });
      return c.json({ asOf, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/subtree",
      tags,
      summary: "Tổ chức và mọi cấp dưới vào một ngày / The organisation and everything below it as of a date",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), items: z.array(TreeItemSchema) }),
          "Theo thứ tự cây, tổ chức đầu tiên / In tree order, the organisation first",
        ),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").asOf ?? todayOf(c);
      await assertExists(c, id);
      const { database } = c.var.services;
      const views = await viewsInOrder(c, await subtreeIdsAsOf(database.db, id, asOf), asOf);
      const depth = new Map<string, number>();
      const items = views.map((view) => {
        const level = view.id === id ? 0 : (depth.get(view.parentId ?? "") ?? -1) + 1;
        depth.set(view.id, level);
        return { ...view, depth: level };
      });
      return c.json({ asOf, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ancestors",
      tags,
      summary:
        "Đường lên gốc vào một ngày, tổ chức đầu tiên / The path to the root as of a date, the organisation first",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), items: z.array(OrganizationViewSchema) }),
          "Đường lên gốc / Path",
        ),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").asOf ?? todayOf(c);
      await assertExists(c, id);
      const items = await viewsInOrder(c, await pathToRootAsOf(c.var.services.database.db, id, asOf), asOf);
      return c.json({ asOf, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/tree",
      tags,
      summary: "Cây dưới một tổ chức vào một ngày / The tree under an organisation as of a date",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), rootId: z.string(), nodes: z.array(TreeNodeSchema) }),
          "Các nút, gốc đầu tiên / The nodes, the root first",
        ),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").asOf ?? todayOf(c);
      await assertExists(c, id);
      const views = await viewsInOrder(c, await subtreeIdsAsOf(c.var.services.database.db, id, asOf), asOf);
      const children = new Map<string, string[]>();
      for (const view of views) {
        if (view.id === id || view.parentId === null) continue;
        children.set(view.parentId, [...(children.get(view.parentId) ?? []), view.id]);
      }
      const nodes = views.map((view) => ({ ...view, childrenIds: children.get(view.id) ?? [] }));
      return c.json({ asOf, rootId: id, nodes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/lineage",
      tags,
      summary:
        "Lịch sử đổi tên, chuyển cấp trên, hợp nhất, chia tách, giải thể / Renames, moves, mergers, splits and dissolution",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(LineageHistorySchema, "Theo ngày hiệu lực / By effective date"),
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertExists(c, id);
      const { lineageEvents } = await loadOrganizationRecords(c.var.services.database.db, [id]);
      const items = [];
      // Names are read as of each event's own date: a merger names the units as they were called then.
      for (const event of lineageEvents) {
        const views = await viewsInOrder(c, namedBy(event), event.effectiveDate);
        items.push({ event, names: Object.fromEntries(views.map((view) => [view.id, view.name])) });
      }
      return c.json({ organizationId: id, items }, 200);
    },
  )
  .openapi(
    lineageRoute("/{id}/rename", "Đổi tên từ một ngày / Rename from a date", RenameBodySchema, ONE_ETAG),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await recordOneOrganizationEvent(c, id, { ...c.req.valid("json"), type: "renamed" });
      return c.json(result, 201);
    },
  )
  .openapi(
    lineageRoute(
      "/{id}/reparent",
      "Chuyển sang tổ chức cấp trên khác từ một ngày / Move under another parent from a date",
      ReparentBodySchema,
      ONE_ETAG,
    ),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await recordOneOrganizationEvent(c, id, { ...c.req.valid("json"), type: "reparented" });
      return c.json(result, 201);
    },
  )
  .openapi(
    lineageRoute(
      "/{id}/dissolve",
      "Giải thể từ một ngày / Dissolve from a date",
      DissolveBodySchema,
      ONE_ETAG,
    ),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await recordOneOrganizationEvent(c, id, { ...c.req.valid("json"), type: "dissolved" });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/merge",
      tags,
      summary: "Hợp nhất các tổ chức vào một tổ chức từ một ngày / Merge organisations into one from a date",
      description: [
        "Tổ chức sau hợp nhất là một tổ chức đã có (`targetId`) hoặc một tổ chức mới (`newTarget`, như `POST /organizations` nhận, thành lập vào ngày hiệu lực). Tổ chức mới và sự kiện hợp nhất được ghi trong cùng một giao dịch: nếu bị từ chối thì không có gì được ghi.",
        "The organisation after the merger is an existing one (`targetId`) or a new one (`newTarget`, as `POST /organizations` takes it, established on the effective date). The new organisation and the merger are written in one transaction: a refusal leaves nothing behind.",
      ].join("\n\n"),
      request: {
        headers: z.object({
          "if-match": z.string().optional().openapi({
            description:
              'Một ETag cho mỗi tổ chức đã có: tổ chức đích trước (nếu đã có), rồi các tổ chức nguồn theo thứ tự / One ETag per existing organisation: the target first (when it exists), then the sources in order, e.g. "v2", "v5", "v1"',
          }),
        }),
        body: { content: { "application/json": { schema: MergeBodySchema } }, required: true },
      },
      responses: LINEAGE_RESPONSES,
    }),
    async (c) => {
      const { newTarget, targetId, ...body } = c.req.valid("json");
      const fields = { ...body, type: "merged" as const, ...newEventFields(c) };
      const existing = [...new Set([...(targetId === undefined ? [] : [targetId]), ...body.sourceIds])];
      const newUnits: NewUnit[] =
        newTarget === undefined
          ? []
          : [{ input: { ...newTarget, establishedOn: body.effectiveDate }, path: ["newTarget"] }];
      const result = await recordLineageEvent(
        c,
        expectedVersionsOf(c, existing),
        undefined,
        (newIds) => ({ ...fields, targetId: targetId ?? newIds[0] ?? "" }),
        newUnits,
      );
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/split",
      tags,
      summary: "Chia tách một tổ chức từ một ngày / Split an organisation from a date",
      description: [
        "Các tổ chức sau chia tách là các tổ chức đã có (`targetIds`) và các tổ chức mới (`newTargets`, như `POST /organizations` nhận, thành lập vào ngày hiệu lực), theo thứ tự đó. Các tổ chức mới và sự kiện chia tách được ghi trong cùng một giao dịch: nếu bị từ chối thì không có gì được ghi.",
        "The organisations after the split are existing ones (`targetIds`) and new ones (`newTargets`, as `POST /organizations` takes them, established on the effective date), in that order. The new organisations and the split are written in one transaction: a refusal leaves nothing behind.",
      ].join("\n\n"),
      request: {
        params: IdParamsSchema,
        headers: z.object({
          "if-match": z.string().optional().openapi({
            description:
              'Một ETag cho mỗi tổ chức đã có: tổ chức bị chia trước, rồi các tổ chức trong targetIds theo thứ tự / One ETag per existing organisation: the one split first, then those of targetIds in order, e.g. "v4", "v1"',
          }),
        }),
        body: { content: { "application/json": { schema: SplitBodySchema } }, required: true },
      },
      responses: LINEAGE_RESPONSES,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { newTargets, targetIds, ...body } = c.req.valid("json");
      const fields = { ...body, type: "split" as const, sourceId: id, ...newEventFields(c) };
      const newUnits = newTargets.map(
        (unit, index): NewUnit => ({
          input: { ...unit, establishedOn: body.effectiveDate },
          path: ["newTargets", index],
        }),
      );
      const result = await recordLineageEvent(
        c,
        expectedVersionsOf(c, [...new Set([id, ...targetIds])]),
        id,
        (newIds) => ({ ...fields, targetIds: [...targetIds, ...newIds] }),
        newUnits,
      );
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/positions",
      tags,
      summary: "Người giữ các chức vụ vào một ngày / Who holds each position on a date",
      request: { params: IdParamsSchema, query: AsOfQuerySchema },
      responses: {
        200: jsonResponse(PositionsOnDateSchema, "Chức vụ / Positions"),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").asOf ?? todayOf(c);
      const { db } = c.var.services.database;
      await assertExists(c, id);
      const terms = await loadPositionTerms(db, { organizationId: id });
      const records = await loadOrganizationRecords(db, [id]);
      const sources = { terms, organizations: records.organizations, lineageEvents: records.lineageEvents };
      const positions = POSITION_TITLES.map((title) => {
        const holders = holdersOn(id, title, asOf, terms).flatMap((person) =>
          titleOn(person, asOf, sources)
            .filter((held) => held.organizationId === id && held.title === title)
            .map((held) => ({
              termId: held.term.id,
              person: held.term.person,
              from: held.term.from,
              ...(held.term.to === undefined ? {} : { to: held.term.to }),
              label: held.label,
            })),
        );
        return { title, label: POSITION_TITLE_LABELS[title], holders };
      });
      return c.json({ organizationId: id, asOf, positions }, 200);
    },
  );
