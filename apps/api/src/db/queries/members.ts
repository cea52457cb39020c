// Reading members with their events: the filtered, sorted list and a member's state as of a date.
import {
  ageOn,
  type CalendarDate,
  canHoldMembers,
  deriveMemberState,
  foldVietnamese,
  type Gender,
  type GrassrootsKind,
  type Member,
  type MemberEvent,
  type MemberEventContext,
  type MemberEventInput,
  type MemberState,
  type MemberStatusOrNone,
  type OrganizationLevel,
  omitSensitiveMemberFields,
  type PartialDate,
  personNameSortKey,
} from "@sodoan/domain";
import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Access } from "../../access.js";
import { foldedSearch } from "../../content/search.js";
import type { Db } from "../client.js";
import { member, memberEvent, organization, positionTerm } from "../schema/index.js";

/** A transaction handle, usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type MemberRow = typeof member.$inferSelect;

/** The fields a member list can be sorted by. */
export const MEMBER_SORT_FIELDS = ["name", "birthDate", "cardNumber"] as const;
export type MemberSortField = (typeof MEMBER_SORT_FIELDS)[number];

/** What a member list or export is filtered by; `asOf` is the date status and age are read on. */
export type MemberFilters = {
  asOf: CalendarDate;
  /** The ids of an organisation's subtree as of `asOf`: members whose home unit is among them. */
  unitIds?: readonly string[] | undefined;
  status?: MemberStatusOrNone | undefined;
  gender?: Gender | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  q?: string | undefined;
};

/** Events of many members, each member's in recording order, read in chunks. */
export async function loadMemberEvents(
  db: Db | Tx,
  memberIds: readonly string[],
): Promise<Map<string, MemberEvent[]>> {
  const byMember = new Map<string, MemberEvent[]>();
  for (const id of memberIds) byMember.set(id, []);
  for (let start = 0; start < memberIds.length; start += 1000) {
    const chunk = memberIds.slice(start, start + 1000);
    const rows = await db
      .select({ memberId: memberEvent.memberId, data: memberEvent.data })
      .from(memberEvent)
      .where(inArray(memberEvent.memberId, chunk))
      .orderBy(asc(memberEvent.recordedAt), asc(memberEvent.id));
    for (const row of rows) byMember.get(row.memberId)?.push(row.data);
  }
  return byMember;
}

/**
 * Events that name one of the units as the member's home, or as the unit a transfer is addressed
 * to: that unit receives the member and must find them while the transfer waits.
 */
export function inUnitsOrAddressed(unitIds: string[]): SQL {
  return or(
    inArray(memberEvent.unitId, unitIds),
    and(eq(memberEvent.type, "transfer_out"), inArray(memberEvent.otherUnitId, unitIds)),
  ) as SQL;
}

/** The filters that plain SQL answers: gender, search, and the subtree as a superset prefilter. */
function sqlConditions(filters: MemberFilters, access: Access): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.gender !== undefined) conditions.push(eq(member.gender, filters.gender));
  const search = foldedSearch(member.nameFolded, filters.q);
  if (search !== undefined) conditions.push(search);
  for (const unitIds of [filters.unitIds, access.kind === "subtree" ? access.organizationIds : undefined]) {
    if (unitIds === undefined) continue;
    // Anyone whose home unit is in the subtree on some date has an event naming that unit (their
    // admission, a transfer in, or a correction putting one there); the exact date is checked
    // with the domain afterwards.
    conditions.push(
      unitIds.length === 0
        ? sql`false`
        : inArray(
            member.id,
            sql`(select ${memberEvent.memberId} from ${memberEvent} where ${inUnitsOrAddressed([...unitIds])})`,
          ),
    );
  }
  return conditions.length === 0 ? undefined : and(...conditions);
}

function orderOf(sort: readonly { field: MemberSortField; direction: "asc" | "desc" }[]): SQL[] {
  const columns = { name: member.nameSortKey, birthDate: member.birthDate, cardNumber: member.cardNumber };
  return [
    ...sort.map(({ field, direction }) =>
      direction === "desc" ? desc(columns[field]) : asc(columns[field]),
    ),
    asc(member.id),
  ];
}

/** Whether the filters need the domain's derivation (status, home unit, age) beyond SQL. */
function needsDerivation(filters: MemberFilters, access: Access): boolean {
  return (
    filters.status !== undefined ||
    filters.unitIds !== undefined ||
    filters.ageMin !== undefined ||
    filters.ageMax !== undefined ||
    access.kind === "subtree"
  );
}

/** Whether a member with these events passes the derived filters. */
function passesDerived(
  birthDate: string | null,
  state: MemberState,
  filters: MemberFilters,
  access: Access,
): boolean {
  if (filters.status !== undefined && state.status !== filters.status) return false;
  // Asked for the transfers waiting, a member with no home unit meanwhile is listed under the unit
  // the transfer is addressed to, which acts next; every other list keeps them off until received.
  const unitId =
    state.homeUnitId ??
    (filters.status === "pending_transfer" ? state.pendingTransfer?.toUnitId : undefined) ??
    "";
  if (filters.unitIds !== undefined && !filters.unitIds.includes(unitId)) return false;
  if (access.kind === "subtree" && !access.organizationIds.includes(unitId)) return false;
  if (filters.ageMin !== undefined || filters.ageMax !== undefined) {
    // A partial birth date counts only when the age is certain to be within the bounds.
    if (birthDate === null) return false;
    const age = ageOn(birthDate, filters.asOf);
    if (filters.ageMin !== undefined && age.min < filters.ageMin) return false;
    if (filters.ageMax !== undefined && age.max > filters.ageMax) return false;
  }
  return true;
}

/**
 * The ids of the members that match, in sort order. Status, home unit and age as of a date are
 * derived with the domain (`deriveMemberState`) from each candidate's events rather than computed
 * in SQL: correctness first, since corrections and postponements that run out are the domain's to
 * read. SQL narrows the candidates first (gender, search, members ever in the subtree).
 */
export async function findMemberIds(
  db: Db,
  access: Access,
  filters: MemberFilters,
  sort: readonly { field: MemberSortField; direction: "asc" | "desc" }[],
): Promise<string[]> {
  const candidates = await db
    .select({ id: member.id, birthDate: member.birthDate })
    .from(member)
    .where(sqlConditions(filters, access))
    .orderBy(...orderOf(sort));
  if (!needsDerivation(filters, access)) return candidates.map((row) => row.id);
  const matching: string[] = [];
  for (let start = 0; start < candidates.length; start += 1000) {
    const chunk = candidates.slice(start, start + 1000);
    const events = await loadMemberEvents(
      db,
      chunk.map((row) => row.id),
    );
    for (const row of chunk) {
      const state = deriveMemberState(events.get(row.id) ?? [], { asOf: filters.asOf });
      if (passesDerived(row.birthDate, state, filters, access)) matching.push(row.id);
    }
  }
  return matching;
}

/** One page of matching members: SQL pages directly when no derived filter is asked for. */
export async function findMemberPage(
  db: Db,
  access: Access,
  filters: MemberFilters,
  sort: readonly { field: MemberSortField; direction: "asc" | "desc" }[],
  page: { page: number; pageSize: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const offset = (page.page - 1) * page.pageSize;
  if (!needsDerivation(filters, access)) {
    const where = sqlConditions(filters, access);
    const rows = await db
      .select()
      .from(member)
      .where(where)
      .orderBy(...orderOf(sort))
      .limit(page.pageSize)
      .offset(offset);
    const [totals] = await db.select({ total: count() }).from(member).where(where);
    return { rows, total: totals?.total ?? 0 };
  }
  const ids = await findMemberIds(db, access, filters, sort);
  const rows = await loadMembersInOrder(db, ids.slice(offset, offset + page.pageSize));
  return { rows, total: ids.length };
}

/** Member rows by id, in the order of the ids given. */
export async function loadMembersInOrder(db: Db, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(member)
    .where(inArray(member.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A member as the API answers with it: the personal record and the state derived as of a date. */
export type MemberView = Omit<Member, "ethnicity" | "religion"> &
  Partial<Pick<Member, "ethnicity" | "religion">> & {
    version: number;
    asOf: CalendarDate;
    status: MemberStatusOrNone;
    homeUnitId: string | null;
    admittedOn: CalendarDate | null;
  };

/** The view of a member; sensitive fields only when asked for (the single-member read). */
export function toMemberView(
  row: MemberRow,
  events: readonly MemberEvent[],
  asOf: CalendarDate,
  withSensitive: boolean,
): MemberView & { state?: MemberState } {
  const state = deriveMemberState(events, { asOf });
  const personal = withSensitive ? row.data : omitSensitiveMemberFields(row.data);
  return {
    ...personal,
    version: row.version,
    asOf,
    status: state.status,
    homeUnitId: state.homeUnitId,
    admittedOn: state.admittedOn,
  };
}

/** The relational columns of an event row, copied from the domain event. */
export function eventColumns(event: MemberEvent): typeof memberEvent.$inferInsert {
  const body = event.type === "corrected" ? event.replacement : event;
  let unitId: string | null = null;
  let otherUnitId: string | null = null;
  let year: number | null = null;
  switch (body?.type) {
    case "admitted":
      unitId = body.homeUnitId;
      otherUnitId = body.organizationId;
      break;
    case "transfer_out":
      unitId = body.fromUnitId;
      otherUnitId = body.toUnitId;
      break;
    case "transfer_in":
      unitId = body.unitId;
      break;
    case "residence_registered":
      otherUnitId = body.organizationId;
      year = body.year;
      break;
    case "rated":
      year = body.year;
      break;
    case "disciplined":
      otherUnitId = body.organizationId;
      break;
    case "rewarded":
      otherUnitId = body.organizationId ?? null;
      break;
    default:
      break;
  }
  return {
    id: event.id,
    memberId: event.memberId,
    type: event.type,
    effectiveDate: event.effectiveDate,
    recordedAt: event.recordedAt,
    unitId,
    otherUnitId,
    year,
    targetEventId: event.type === "corrected" ? event.targetEventId : null,
    data: event,
  };
}

/** The columns of a member row, from the domain record. */
export function memberColumns(record: Member) {
  return {
    fullName: record.fullName,
    nameFolded: foldVietnamese(record.fullName),
    nameSortKey: personNameSortKey(record.fullName),
    gender: record.gender ?? null,
    birthDate: record.birthDate ?? null,
    cardNumber: record.cardNumber ?? null,
    data: record,
  };
}

/** Whether each of these organisations can hold members (a branch or a Chi đoàn cơ sở); unknown ones cannot. */
export async function loadMemberUnits(db: Db | Tx, unitIds: Iterable<string>): Promise<Map<string, boolean>> {
  const ids = [...new Set(unitIds)];
  const units = new Map<string, boolean>();
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await db
      .select({ id: organization.id, level: organization.level, grassrootsKind: organization.grassrootsKind })
      .from(organization)
      .where(inArray(organization.id, ids.slice(start, start + 1000)));
    for (const row of rows) {
      units.set(
        row.id,
        canHoldMembers({
          level: row.level as OrganizationLevel,
          grassrootsKind: (row.grassrootsKind ?? undefined) as GrassrootsKind | undefined,
        }),
      );
    }
  }
  return units;
}

/** The units an event (or a correction's replacement) names as a home unit. */
export function homeUnitIdsOf(event: MemberEvent | MemberEventInput): string[] {
  const body = event.type === "corrected" ? event.replacement : event;
  if (body === null) return [];
  if (body.type === "admitted") return [body.homeUnitId];
  if (body.type === "transfer_in") return [body.unitId];
  if (body.type === "transfer_out") return [body.toUnitId];
  return [];
}

/**
 * What the member rules need beyond the events: the birth date, whether the member holds a
 * position on a date (their terms in \`position_term\`), and whether the units the event names can
 * hold members (the organisations' levels).
 */
export async function memberEventContext(
  db: Db | Tx,
  memberId: string | null,
  birthDate: PartialDate | undefined,
  unitIds: readonly string[],
): Promise<MemberEventContext> {
  const units = await loadMemberUnits(db, unitIds);
  const terms =
    memberId === null
      ? []
      : await db
          .select({ from: positionTerm.validFrom, to: positionTerm.validTo })
          .from(positionTerm)
          .where(sql`${positionTerm.person}->>'memberId' = ${memberId}`);
  return {
    birthDate,
    holdsPosition: (date) => terms.some((term) => term.from <= date && (term.to === null || date <= term.to)),
    isMemberUnit: (unitId) => units.get(unitId) ?? false,
  };
}
