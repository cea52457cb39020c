// The one search over members, organisations, conferences and articles: which records match, in
// what order (rank, then the Vietnamese sort key, then id), and how each is shown. The admins'
// search and the public one run the same query; the public one sees fewer kinds and fewer records.
import {
  ARTICLE_STATUS_LABELS,
  type ArticleStatus,
  type CalendarDate,
  CONFERENCE_KIND_LABELS,
  type ConferenceKind,
  deriveMemberState,
  formatDate,
  type LocalizedText,
  MEMBER_STATUS_LABELS,
  ORGANIZATION_LEVEL_LABELS,
  type OrganizationLevel,
  toVietnamDate,
} from "@sodoan/domain";
import { and, type SQL, sql } from "drizzle-orm";
import type { Access } from "../../access.js";
import { publiclyVisible } from "../../content/articles.js";
import { type FoldedQuery, searchMatchSql, searchRankSql } from "../../content/search.js";
import type { Db } from "../client.js";
import { article, conference, member, memberEvent } from "../schema/index.js";
import { loadMemberEvents } from "./members.js";
import { loadNamesAsOf, nameAsOfSql } from "./organizations.js";
import { placeAsOfSql, rowsOf } from "./tree.js";

/** The kinds of record the search finds. */
export const SEARCH_KINDS = ["member", "organization", "conference", "article"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The kinds the public may find: published content, never people's records or the tree itself. */
export const PUBLIC_SEARCH_KINDS = ["conference", "article"] as const satisfies readonly SearchKind[];

/**
 * Who searches, and so what they may find:
 * - admins, within their access, and within the subtree of an organisation on `asOf` when
 *   `unitIds` (that subtree) is given; members by their home unit on `asOf`;
 * - the public: articles readers see at `now`, and conference records such an article reports on.
 */
export type SearchAudience =
  | { kind: "admin"; access: Access; asOf: CalendarDate; unitIds?: readonly string[] | undefined }
  | { kind: "public"; now: Date };

/** A found record as a list shows it. `slug` only for articles, for the public link. */
export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: LocalizedText;
  rank: number;
  slug?: string;
};

type HitKey = { kind: SearchKind; id: string; rank: number };

/** The date names, units and existence are read on: the admin's, or today in Vietnam for the public. */
function asOfOf(audience: SearchAudience): CalendarDate {
  return audience.kind === "admin" ? audience.asOf : toVietnamDate(audience.now);
}

/** Ids as one parameter, whatever their number (a province's subtree has thousands). */
function idsSql(ids: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

/** The sets of organisations an admin's filter and access narrow to, each to be met; none for all. */
function reachableUnits(audience: Extract<SearchAudience, { kind: "admin" }>): (readonly string[])[] {
  const sets: (readonly string[])[] = [];
  if (audience.unitIds !== undefined) sets.push(audience.unitIds);
  if (audience.access.kind === "subtree") sets.push(audience.access.organizationIds);
  return sets;
}

/** That an organisation column lies in every set of reachable organisations. */
function withinUnits(column: SQL, sets: readonly (readonly string[])[]): SQL | undefined {
  return and(...sets.map((ids) => sql`${column} in ${idsSql(ids)}`));
}

/** Each kind's matches as (kind, id, sort_key, rank) rows, for the union. */
function hitsSql(kind: SearchKind, query: FoldedQuery, audience: SearchAudience, asOf: CalendarDate): SQL {
  const units = audience.kind === "admin" ? reachableUnits(audience) : [];
  switch (kind) {
    case "member": {
      // Anyone whose home unit lies in the organisations on some date has an event naming one of
      // them; the home unit on the date itself is read with the domain afterwards.
      const everIn = units.map(
        (ids) =>
          sql`${member.id} in (select ${memberEvent.memberId} from ${memberEvent} where ${memberEvent.unitId} in ${idsSql(ids)})`,
      );
      return sql`select 'member' as kind, ${member.id} as id, ${member.nameSortKey} as sort_key,
        ${searchRankSql(member.nameFolded, member.nameFolded, query)} as rank
        from ${member}
        where ${and(searchMatchSql(member.nameFolded, query), ...everIn)}`;
    }
    case "organization": {
      // Found by any name it bore by the date, ranked by the best of them, shown by the one of the date.
      return sql`select 'organization' as kind, o.id, coalesce(n.sort_key, o.name) as sort_key, found.rank
        from (
          select m.organization_id as id, max(${searchRankSql(sql`m.name_folded`, sql`m.folded`, query)}) as rank
          from organization_name m
          where (m.event_id is null or m.valid_from <= ${asOf}::date)
            and ${searchMatchSql(sql`m.folded`, query)}
          group by m.organization_id
        ) found
        join organization o on o.id = found.id
        ${nameAsOfSql(asOf)}
        ${units.length === 0 ? sql`` : sql`where ${withinUnits(sql`o.id`, units)}`}`;
    }
    case "conference": {
      const reported =
        audience.kind === "public"
          ? sql`exists (select 1 from ${article} where ${article.conferenceId} = ${conference.id} and ${publiclyVisible(audience.now)})`
          : undefined;
      return sql`select 'conference' as kind, ${conference.id} as id, ${conference.titleSortKey} as sort_key,
        ${searchRankSql(conference.titleFolded, conference.titleFolded, query)} as rank
        from ${conference}
        where ${and(searchMatchSql(conference.titleFolded, query), withinUnits(sql`${conference.organizerId}`, units), reported)}`;
    }
    case "article":
      return sql`select 'article' as kind, ${article.id} as id, ${article.titleSortKey} as sort_key,
        ${searchRankSql(article.titleFolded, article.searchText, query)} as rank
        from ${article}
        where ${and(
          searchMatchSql(article.searchText, query),
          withinUnits(sql`${article.organizationId}`, units),
          audience.kind === "public" ? publiclyVisible(audience.now) : undefined,
        )}`;
  }
}

/** The matches of every kind asked, best first, a page of them or all; with how many there are. */
async function findKeys(
  db: Db,
  query: FoldedQuery,
  kinds: readonly SearchKind[],
  audience: SearchAudience,
  page?: { limit: number; offset: number },
): Promise<{ keys: HitKey[]; total: number }> {
  const union = sql.join(
    kinds.map((kind) => hitsSql(kind, query, audience, asOfOf(audience))),
    sql` union all `,
  );
  const result = await db.execute(sql`with hits as (${union})
    select kind, id, rank, (count(*) over ())::int as total from hits
    order by rank desc, sort_key collate "C", id collate "C", kind
    ${page === undefined ? sql`` : sql`limit ${page.limit} offset ${page.offset}`}`);
  const rows = rowsOf<HitKey & { total: number }>(result);
  if (rows.length === 0 && page !== undefined && page.offset > 0) {
    // A page past the end has no row to carry the total: count on its own.
    const { total } = await findKeys(db, query, kinds, audience, { limit: 1, offset: 0 });
    return { keys: [], total };
  }
  return {
    keys: rows.map((row) => ({ kind: row.kind, id: row.id, rank: Number(row.rank) })),
    total: rows[0]?.total ?? 0,
  };
}

/** The members whose home unit on the date lies in every set of organisations, read in chunks. */
async function membersHomeWithin(
  db: Db,
  memberIds: readonly string[],
  units: readonly (readonly string[])[],
  asOf: CalendarDate,
): Promise<Set<string>> {
  const sets = units.map((ids) => new Set(ids));
  const within = new Set<string>();
  for (let start = 0; start < memberIds.length; start += 1000) {
    const events = await loadMemberEvents(db, memberIds.slice(start, start + 1000));
    for (const [id, memberEvents] of events) {
      const home = deriveMemberState(memberEvents, { asOf }).homeUnitId;
      if (home !== null && sets.every((set) => set.has(home))) within.add(id);
    }
  }
  return within;
}

/**
 * One page of the records that match a search, best first: the query's exact folded match, then
 * those it begins, then word matches, then near spellings; equal ranks in the Vietnamese order of
 * their names and titles (a person by given name first), then by id. The page is chosen in SQL,
 * unless members must be placed by their home unit on a date, which the domain derives from their
 * events: then every match is ordered in SQL and the members outside are dropped before paging.
 */
export async function searchRecords(
  db: Db,
  query: FoldedQuery,
  kinds: readonly SearchKind[],
  audience: SearchAudience,
  page: { page: number; pageSize: number },
): Promise<{ items: SearchHit[]; total: number }> {
  const offset = (page.page - 1) * page.pageSize;
  const units = audience.kind === "admin" ? reachableUnits(audience) : [];
  if (units.some((ids) => ids.length === 0)) return { items: [], total: 0 };
  const asOf = asOfOf(audience);
  let keys: HitKey[];
  let total: number;
  if (units.length === 0 || !kinds.includes("member")) {
    ({ keys, total } = await findKeys(db, query, kinds, audience, { limit: page.pageSize, offset }));
  } else {
    const all = (await findKeys(db, query, kinds, audience)).keys;
    const memberIds = all.filter((key) => key.kind === "member").map((key) => key.id);
    const within = await membersHomeWithin(db, memberIds, units, asOf);
    const matching = all.filter((key) => key.kind !== "member" || within.has(key.id));
    keys = matching.slice(offset, offset + page.pageSize);
    total = matching.length;
  }
  return { items: await describeHits(db, keys, asOf), total };
}

/** `a · b · c`, without the parts that are absent. */
function joined(parts: (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part !== "").join(" · ");
}

function localized(parts: (locale: "vi" | "en") => (string | undefined | false)[]): LocalizedText {
  return { vi: joined(parts("vi")), en: joined(parts("en")) };
}

/** The title and subtitle of each hit, read for the page's records only. */
async function describeHits(db: Db, keys: readonly HitKey[], asOf: CalendarDate): Promise<SearchHit[]> {
  const idsOf = (kind: SearchKind) => keys.filter((key) => key.kind === kind).map((key) => key.id);
  const shown = new Map<string, Omit<SearchHit, "kind" | "id" | "rank">>();
  const put = (kind: SearchKind, id: string, hit: Omit<SearchHit, "kind" | "id" | "rank">) =>
    shown.set(`${kind}:${id}`, hit);

  const memberIds = idsOf("member");
  if (memberIds.length > 0) {
    const rows = rowsOf<{ id: string; full_name: string; birth_date: string | null }>(
      await db.execute(sql`select id, full_name, birth_date from member where id in ${idsSql(memberIds)}`),
    );
    const events = await loadMemberEvents(db, memberIds);
    const states = new Map(
      rows.map((row) => [row.id, deriveMemberState(events.get(row.id) ?? [], { asOf })]),
    );
    const unitNames = await loadNamesAsOf(
      db,
      [...states.values()].flatMap((state) => state.homeUnitId ?? state.lastUnitId ?? []),
      asOf,
    );
    for (const row of rows) {
      const state = states.get(row.id);
      if (state === undefined) continue;
      const unitId = state.homeUnitId ?? state.lastUnitId;
      const year = row.birth_date?.slice(0, 4);
      put("member", row.id, {
        title: row.full_name,
        subtitle: localized((locale) => [
          unitId === null ? undefined : unitNames.get(unitId),
          state.status !== "active" && MEMBER_STATUS_LABELS[state.status][locale],
          year !== undefined && (locale === "vi" ? `sinh ${year}` : `born ${year}`),
        ]),
      });
    }
  }

  const organizationIds = idsOf("organization");
  if (organizationIds.length > 0) {
    const rows = rowsOf<{
      id: string;
      name: string;
      level: OrganizationLevel;
      established_on: CalendarDate;
      exists_as_of: boolean;
    }>(
      await db.execute(sql`select o.id, coalesce(n.name, o.name) as name, o.level, o.established_on::text,
        al.exists_as_of
        from organization o ${nameAsOfSql(asOf)} ${placeAsOfSql(asOf)}
        where o.id in ${idsSql(organizationIds)}`),
    );
    for (const row of rows) {
      const established = row.established_on;
      put("organization", row.id, {
        title: row.name,
        subtitle: localized((locale) => [
          ORGANIZATION_LEVEL_LABELS[row.level]?.[locale],
          !row.exists_as_of &&
            (established > asOf
              ? locale === "vi"
                ? `thành lập ${formatDate(established, locale)}`
                : `established ${formatDate(established, locale)}`
              : locale === "vi"
                ? `không còn vào ${formatDate(asOf, locale)}`
                : `no longer exists on ${formatDate(asOf, locale)}`),
        ]),
      });
    }
  }

  const conferenceIds = idsOf("conference");
  if (conferenceIds.length > 0) {
    const rows = rowsOf<{
      id: string;
      title: string;
      kind: ConferenceKind;
      starts_on: CalendarDate;
      ends_on: CalendarDate;
    }>(
      await db.execute(
        sql`select id, title, kind, starts_on::text, ends_on::text from conference where id in ${idsSql(conferenceIds)}`,
      ),
    );
    for (const row of rows) {
      const [start, end] = [row.starts_on, row.ends_on];
      put("conference", row.id, {
        title: row.title,
        subtitle: localized((locale) => [
          CONFERENCE_KIND_LABELS[row.kind]?.[locale],
          start === end
            ? formatDate(start, locale)
            : `${formatDate(start, locale)}–${formatDate(end, locale)}`,
        ]),
      });
    }
  }

  const articleIds = idsOf("article");
  if (articleIds.length > 0) {
    const rows = rowsOf<{
      id: string;
      title: string;
      slug: string;
      category: string;
      status: ArticleStatus;
      published_at: string | Date | null;
    }>(
      await db.execute(
        sql`select id, title, slug, category, status, published_at from article where id in ${idsSql(articleIds)}`,
      ),
    );
    for (const row of rows) {
      put("article", row.id, {
        title: row.title,
        slug: row.slug,
        subtitle: localized((locale) => [
          row.category,
          row.status !== "published" && ARTICLE_STATUS_LABELS[row.status]?.[locale],
          row.published_at !== null && formatDate(toVietnamDate(new Date(row.published_at)), locale),
        ]),
      });
    }
  }

  return keys.flatMap((key) => {
    const hit = shown.get(`${key.kind}:${key.id}`);
    return hit === undefined ? [] : [{ kind: key.kind, id: key.id, rank: key.rank, ...hit }];
  });
}
