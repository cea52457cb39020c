// Writing the organisation records: each domain record with the rows that index it (names for
// search and order, event participants, a re-parent's link, the dated paths of what it moves), so
// that readers never see one without the other. Callers run these inside their transaction.
import {
  type Area,
  type DocumentReference,
  foldVietnamese,
  type GrassrootsKind,
  type LineageEvent,
  type Organization,
  type OrganizationLevel,
  type ParentLink,
  type Sector,
  vietnameseSortKey,
} from "@sodoan/domain";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { insertInChunks } from "../chunks.js";
import type { Db } from "../client.js";
import {
  lineageEvent,
  lineageParticipant,
  type OrganizationData,
  organization,
  organizationName,
  parentLink,
} from "../schema/index.js";
import { pathHoldsOnSql, placeAsOfSql, refreshOrganizationPaths, rowsOf } from "./tree.js";

type Names = { name: string; shortName?: string | undefined; englishName?: string | undefined };

/** Every form of a name, folded for search. */
function foldedNames(names: Names): string {
  return foldVietnamese(
    [names.name, names.shortName, names.englishName].filter((form) => form !== undefined).join(" "),
  );
}

/** The row of a name an organisation bore from a date, with its search and sort columns. */
function nameRow(
  organizationId: string,
  validFrom: string,
  recordedAt: string,
  names: Names,
  eventId: string | null,
) {
  return {
    organizationId,
    validFrom,
    recordedAt,
    eventId,
    name: names.name,
    shortName: names.shortName ?? null,
    englishName: names.englishName ?? null,
    nameFolded: foldVietnamese(names.name),
    folded: foldedNames(names),
    sortKey: vietnameseSortKey(names.name),
  };
}

/** Stores organisations as the domain gives them, with the name each was established with, and their paths. */
export async function insertOrganizations(db: Db, organizations: readonly Organization[]): Promise<void> {
  await storeOrganizations(db, organizations);
  await refreshOrganizationPaths(
    db,
    organizations.map((org) => org.id),
  );
}

async function storeOrganizations(db: Db, organizations: readonly Organization[]): Promise<void> {
  await insertInChunks(organizations, async (chunk) => {
    await db.insert(organization).values(
      chunk.map((org) => ({
        id: org.id,
        name: org.name,
        level: org.level,
        grassrootsKind: org.grassrootsKind ?? null,
        sector: org.sector ?? null,
        area: org.area ?? null,
        establishedOn: org.establishedOn,
        recordedAt: org.recordedAt,
        data: {
          ...(org.shortName === undefined ? {} : { shortName: org.shortName }),
          ...(org.englishName === undefined ? {} : { englishName: org.englishName }),
          ...(org.establishedBy === undefined ? {} : { establishedBy: org.establishedBy }),
        },
      })),
    );
    await db
      .insert(organizationName)
      .values(chunk.map((org) => nameRow(org.id, org.establishedOn, org.recordedAt, org, null)));
  });
}

/** Corrects the short and English names an organisation was established with (not those of later renames). */
export async function updateEstablishedNames(db: Db, organizationId: string, names: Names): Promise<void> {
  await db
    .update(organizationName)
    .set({
      shortName: names.shortName ?? null,
      englishName: names.englishName ?? null,
      folded: foldedNames(names),
    })
    .where(and(eq(organizationName.organizationId, organizationId), isNull(organizationName.eventId)));
}

/** Stores parent links as the domain gives them, and rebuilds the paths of what they move. */
export async function insertParentLinks(db: Db, links: readonly ParentLink[]): Promise<void> {
  await storeParentLinks(db, links);
  await refreshOrganizationPaths(
    db,
    links.map((link) => link.childId),
  );
}

/** Stores parent links; `lineageEventId` marks a re-parent's own link. */
async function storeParentLinks(
  db: Db,
  links: readonly ParentLink[],
  lineageEventId: string | null = null,
): Promise<void> {
  await insertInChunks(links, (chunk) =>
    db.insert(parentLink).values(
      chunk.map((link) => ({
        id: link.id,
        childId: link.childId,
        parentId: link.parentId,
        validFrom: link.from,
        validTo: link.to ?? null,
        decidedBy: link.decidedBy ?? null,
        recordedAt: link.recordedAt,
        lineageEventId,
      })),
    ),
  );
}

type Participant = typeof lineageParticipant.$inferInsert;

/** The organisations an event is about, each with its role and whether the event ends it. */
export function participantsOf(event: LineageEvent): Participant[] {
  const base = { eventId: event.id, effectiveDate: event.effectiveDate, mergedIntoId: null };
  switch (event.type) {
    case "renamed":
    case "reparented":
      return [{ ...base, organizationId: event.organizationId, role: "subject", isEnding: false }];
    case "dissolved":
      return [{ ...base, organizationId: event.organizationId, role: "subject", isEnding: true }];
    case "merged": {
      const sources = [...new Set(event.sourceIds)]
        .filter((id) => id !== event.targetId)
        .map((id) => ({
          ...base,
          organizationId: id,
          role: "source",
          isEnding: true,
          mergedIntoId: event.targetId,
        }));
      return [...sources, { ...base, organizationId: event.targetId, role: "target", isEnding: false }];
    }
    case "split": {
      const targets = [...new Set(event.targetIds)]
        .filter((id) => id !== event.sourceId)
        .map((id) => ({ ...base, organizationId: id, role: "target", isEnding: false }));
      return [
        { ...base, organizationId: event.sourceId, role: "source", isEnding: !event.sourceContinues },
        ...targets,
      ];
    }
  }
}

/**
 * Stores lineage events as the domain gives them, with their participants; a rename adds the
 * name it gives, and a re-parent the parent link it acts as. The paths of what the events move
 * are rebuilt (a rename moves nothing).
 */
export async function insertLineageEvents(db: Db, events: readonly LineageEvent[]): Promise<void> {
  await storeLineageEvents(db, events);
  await refreshOrganizationPaths(db, movedBy(events));
}

/** The organisations whose place in the tree events may change: all they name but in a rename. */
function movedBy(events: readonly LineageEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === "renamed" ? [] : participantsOf(event).map((participant) => participant.organizationId),
  );
}

async function storeLineageEvents(db: Db, events: readonly LineageEvent[]): Promise<void> {
  await insertInChunks(events, async (chunk) => {
    await db.insert(lineageEvent).values(
      chunk.map((event) => ({
        id: event.id,
        type: event.type,
        effectiveDate: event.effectiveDate,
        recordedAt: event.recordedAt,
        body: event,
      })),
    );
    await db.insert(lineageParticipant).values(chunk.flatMap(participantsOf));
    const renames = chunk.filter((event) => event.type === "renamed");
    if (renames.length > 0) {
      await db
        .insert(organizationName)
        .values(
          renames.map((event) =>
            nameRow(event.organizationId, event.effectiveDate, event.recordedAt, event, event.id),
          ),
        );
    }
    for (const event of chunk) {
      if (event.type !== "reparented") continue;
      await storeParentLinks(
        db,
        [
          {
            id: `link-${event.id}`,
            childId: event.organizationId,
            parentId: event.toParentId,
            from: event.effectiveDate,
            recordedAt: event.recordedAt,
            ...(event.decidedBy === undefined ? {} : { decidedBy: event.decidedBy }),
          },
        ],
        event.id,
      );
    }
  });
}

/** Stores a dataset of organisation records in one go (the demo data, an import, a test). */
export async function insertOrganizationRecords(
  db: Db,
  records: {
    organizations: readonly Organization[];
    parentLinks: readonly ParentLink[];
    lineageEvents: readonly LineageEvent[];
  },
): Promise<void> {
  await storeOrganizations(db, records.organizations);
  await storeParentLinks(db, records.parentLinks);
  await storeLineageEvents(db, records.lineageEvents);
  await refreshOrganizationPaths(db, [
    ...records.organizations.map((org) => org.id),
    ...records.parentLinks.map((link) => link.childId),
    ...movedBy(records.lineageEvents),
  ]);
}

/** An organisation as it stood on a date: its fixed facts, its name and parent of that date. */
export type OrganizationView = {
  id: string;
  name: string;
  shortName?: string;
  englishName?: string;
  level: OrganizationLevel;
  grassrootsKind?: GrassrootsKind;
  sector?: Sector;
  area?: Area;
  establishedOn: string;
  establishedBy?: DocumentReference;
  /** The date the name, parent and existence are read on. */
  asOf: string;
  /** Whether it was established and not yet ended on `asOf`. */
  existsAsOf: boolean;
  /** The last day it existed, once it has ended (dissolved, merged away, split up); else null. */
  lastDay: string | null;
  parentId: string | null;
  recordedAt: string;
  version: number;
};

type ViewRow = {
  id: string;
  level: string;
  grassroots_kind: string | null;
  sector: string | null;
  area: string | null;
  established_on: string | Date;
  recorded_at: string | Date;
  version: number;
  data: OrganizationData;
  name: string;
  short_name: string | null;
  english_name: string | null;
  parent_id: string | null;
  exists_as_of: boolean;
  last_day: string | Date | null;
  total: number;
};

/** A calendar date from either driver: a `YYYY-MM-DD` string, or a Date at midnight UTC. */
function calendarDateOf(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function toView(row: ViewRow, asOf: string): OrganizationView {
  const view: OrganizationView = {
    id: row.id,
    name: row.name,
    level: row.level as OrganizationLevel,
    establishedOn: calendarDateOf(row.established_on),
    asOf,
    existsAsOf: row.exists_as_of,
    lastDay: row.last_day === null ? null : calendarDateOf(row.last_day),
    parentId: row.parent_id,
    recordedAt: new Date(row.recorded_at).toISOString(),
    version: row.version,
  };
  if (row.short_name !== null) view.shortName = row.short_name;
  if (row.english_name !== null) view.englishName = row.english_name;
  if (row.grassroots_kind !== null) view.grassrootsKind = row.grassroots_kind as GrassrootsKind;
  if (row.sector !== null) view.sector = row.sector as Sector;
  if (row.area !== null) view.area = row.area as Area;
  if (row.data.establishedBy !== undefined) view.establishedBy = row.data.establishedBy;
  return view;
}

/**
 * Which organisations to read as of a date, in what order. SQL may name `o` (the organisation),
 * `n` (its name of the date: `n.sort_key`, `n.folded`…) and `al` (`al.exists_as_of`, `al.parent_id`).
 */
export type ViewQuery = {
  where?: SQL;
  /** Only the children on the date of this organisation. */
  parentId?: string;
  orderBy?: SQL;
  limit?: number;
  offset?: number;
};

/**
 * The name an organisation bore on a date: the latest rename effective by then, else its first.
 * A lateral join naming `o` (the organisation) and giving `n`.
 */
export function nameAsOfSql(asOf: string): SQL {
  return sql`left join lateral (
    select n.name, n.short_name, n.english_name, n.sort_key from organization_name n
    where n.organization_id = o.id and (n.event_id is null or n.valid_from <= ${asOf}::date)
    order by (n.event_id is not null) desc, n.valid_from desc, n.recorded_at desc
    limit 1
  ) n on true`;
}

/**
 * Organisations with their name and parent as of a date, and how many match in all. Existence and
 * parents come from the path index, a lookup for each organisation (or, for the children of one
 * organisation, the index of parents), so a page costs the same in a tree of any size.
 */
export async function findOrganizationViews(
  db: Db,
  asOf: string,
  query: ViewQuery = {},
): Promise<{ items: OrganizationView[]; total: number }> {
  const conditions = [query.where ?? sql`true`];
  if (query.parentId !== undefined) {
    conditions.push(sql`o.id in (
      select p.organization_id from organization_path p
      where p.parent_id = ${query.parentId} and ${pathHoldsOnSql(sql`p`, asOf)}
    )`);
  }
  const result = await db.execute(sql`with page as (
    select o.id, (count(*) over ())::int as total,
      row_number() over (order by ${query.orderBy ?? sql`o.id collate "C"`}) as position
    from organization o
    ${nameAsOfSql(asOf)}
    ${placeAsOfSql(asOf)}
    where ${sql.join(conditions, sql` and `)}
    order by position
    ${query.limit === undefined ? sql`` : sql`limit ${query.limit}`}
    ${query.offset === undefined ? sql`` : sql`offset ${query.offset}`}
  )
  select o.id, o.level, o.grassroots_kind, o.sector, o.area, o.established_on, o.recorded_at, o.version,
    o.data, coalesce(n.name, o.name) as name, n.short_name, n.english_name,
    al.parent_id, al.exists_as_of, al.last_day, page.total
  from page
  join organization o on o.id = page.id
  ${nameAsOfSql(asOf)}
  ${placeAsOfSql(asOf)}
  order by page.position`);
  const rows = rowsOf<ViewRow>(result);
  if (rows.length === 0 && (query.offset ?? 0) > 0) {
    // A page past the end has no row to carry the total: count on its own.
    const { total } = await findOrganizationViews(db, asOf, { ...query, limit: 1, offset: 0 });
    return { items: [], total };
  }
  return { items: rows.map((row) => toView(row, asOf)), total: rows[0]?.total ?? 0 };
}

/** The names organisations bore on a date, by id; ids of no organisation are left out. */
export async function loadNamesAsOf(
  db: Db,
  ids: readonly string[],
  asOf: string,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute(sql`select o.id, coalesce(n.name, o.name) as name
    from organization o ${nameAsOfSql(asOf)}
    where o.id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))`);
  return new Map(rowsOf<{ id: string; name: string }>(result).map((row) => [row.id, row.name]));
}

/** The order of organisations by their name of the date, the Vietnamese way, under any collation. */
export const BY_NAME = sql`coalesce(n.sort_key, o.name) collate "C"`;

/**
 * The condition that an organisation bore, by the date, a name containing every word of a search,
 * ignoring diacritics and case ("tinh doan soc trang" finds "Tỉnh đoàn Sóc Trăng").
 */
export function nameMatchesSql(search: string, asOf: string): SQL | undefined {
  const words = foldVietnamese(search)
    .split(" ")
    .filter((word) => word.length > 0);
  if (words.length === 0) return undefined;
  const conditions = words.map((word) => sql`m.folded like ${`%${escapeLike(word)}%`}`);
  return sql`exists (
    select 1 from organization_name m
    where m.organization_id = o.id and (m.event_id is null or m.valid_from <= ${asOf}::date)
      and ${sql.join(conditions, sql` and `)}
  )`;
}

/** A LIKE pattern's wildcards taken literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
