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
import { inScopeSql } from "./id-arrays.js";
import { rowsOf } from "./tree.js";

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

/**
 * How the list reads status and home unit as of the date. A home unit is a unit whose roll the
 * member is on (active or postponed), so an organisation or a scope, and the two on-roll statuses,
 * are answered by the roll spells that every member write keeps equal to the domain's timeline
 * (member-timelines.ts). The other statuses (matured, removed, waiting for a transfer...) belong to
 * no unit: with an organisation or a scope nobody matches; without, the domain derives them.
 */
type RollFilter =
  | { kind: "none" }
  | { kind: "roll"; unitIds: readonly string[] | undefined; postponed: boolean | undefined }
  | { kind: "nobody" }
  | { kind: "derive" }
  // A transfer waiting is listed under the unit it is addressed to, which acts next.
  | { kind: "addressed"; unitIds: readonly string[] };

function rollFilterOf(filters: MemberFilters, access: Access): RollFilter {
  const scopes = [filters.unitIds, access.kind === "subtree" ? access.organizationIds : undefined].filter(
    (ids) => ids !== undefined,
  );
  const onRoll = filters.status === "active" || filters.status === "postponed";
  if (filters.status === "pending_transfer" && scopes.length > 0) {
    const [first = [], ...others] = scopes;
    return { kind: "addressed", unitIds: first.filter((id) => others.every((ids) => ids.includes(id))) };
  }
  if (filters.status !== undefined && !onRoll)
    return scopes.length > 0 ? { kind: "nobody" } : { kind: "derive" };
  if (scopes.length === 0 && !onRoll) return { kind: "none" };
  const [first, ...others] = scopes;
  const unitIds = first?.filter((id) => others.every((ids) => ids.includes(id)));
  return { kind: "roll", unitIds, postponed: onRoll ? filters.status === "postponed" : undefined };
}

/** Roll spells that hold on the date, as known now: at most one spell of a member holds on a date. */
function rollSpellsSql(
  asOf: CalendarDate,
  unitIds: readonly string[] | undefined,
  postponed: boolean | undefined,
): SQL {
  const conditions = [
    sql`s.recorded_to is null`,
    sql`s.valid_from <= ${asOf}::date`,
    sql`(s.valid_until is null or s.valid_until > ${asOf}::date)`,
  ];
  if (unitIds !== undefined) conditions.push(inScopeSql(sql`s.unit_id`, unitIds));
  if (postponed !== undefined) conditions.push(sql`s.is_postponed = ${postponed}`);
  return sql`member_roll_spell s where ${sql.join(conditions, sql` and `)}`;
}

/** Members on a roll on the date. */
function onRollSql(roll: RollFilter & { kind: "roll" }, asOf: CalendarDate): SQL {
  return sql`${member.id} in (select s.member_id from ${rollSpellsSql(asOf, roll.unitIds, roll.postponed)})`;
}

/** The filters on the member's own record: gender and the name search. */
function recordConditions(filters: MemberFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.gender !== undefined) conditions.push(eq(member.gender, filters.gender));
  const search = foldedSearch(member.nameFolded, filters.q);
  if (search !== undefined) conditions.push(search);
  return conditions;
}

/** The filters that SQL answers: the record's own, and status and home unit through the roll. */
function sqlConditions(filters: MemberFilters, roll: RollFilter): SQL | undefined {
  const conditions = recordConditions(filters);
  if (roll.kind === "nobody") conditions.push(sql`false`);
  if (roll.kind === "addressed") {
    conditions.push(
      roll.unitIds.length === 0
        ? sql`false`
        : sql`${member.id} in (select ${memberEvent.memberId} from ${memberEvent} where ${memberEvent.type} = 'transfer_out' and ${inScopeSql(sql`${memberEvent.otherUnitId}`, roll.unitIds)})`,
    );
  }
  if (roll.kind === "roll") {
    if (roll.unitIds?.length === 0) conditions.push(sql`false`);
    else conditions.push(onRollSql(roll, filters.asOf));
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

/** Whether the age bounds hold; a partial birth date counts only when the age is certain to. */
function passesAge(birthDate: PartialDate | null, filters: MemberFilters): boolean {
  if (filters.ageMin === undefined && filters.ageMax === undefined) return true;
  if (birthDate === null) return false;
  const age = ageOn(birthDate, filters.asOf);
  if (filters.ageMin !== undefined && age.min < filters.ageMin) return false;
  if (filters.ageMax !== undefined && age.max > filters.ageMax) return false;
  return true;
}

/**
 * The ids of the members that match, in sort order. SQL answers everything but age (read with the
 * domain's `ageOn` on partial birth dates) and the statuses that belong to no unit, which the
 * domain derives from each candidate's events (corrections and postponements that run out are its
 * to read).
 */
export async function findMemberIds(
  db: Db,
  access: Access,
  filters: MemberFilters,
  sort: readonly { field: MemberSortField; direction: "asc" | "desc" }[],
): Promise<string[]> {
  const roll = rollFilterOf(filters, access);
  const candidates = await db
    .select({ id: member.id, birthDate: member.birthDate })
    .from(member)
    .where(sqlConditions(filters, roll))
    .orderBy(...orderOf(sort));
  const byAge = candidates.filter((row) => passesAge(row.birthDate, filters));
  if (roll.kind !== "derive" && roll.kind !== "addressed") return byAge.map((row) => row.id);
  const matching: string[] = [];
  for (let start = 0; start < byAge.length; start += 1000) {
    const chunk = byAge.slice(start, start + 1000);
    const events = await loadMemberEvents(
      db,
      chunk.map((row) => row.id),
    );
    for (const row of chunk) {
      const state = deriveMemberState(events.get(row.id) ?? [], { asOf: filters.asOf });
      if (state.status !== filters.status) continue;
      if (roll.kind === "addressed" && !roll.unitIds.includes(state.pendingTransfer?.toUnitId ?? ""))
        continue;
      matching.push(row.id);
    }
  }
  return matching;
}

/** One page of matching members: SQL pages directly unless age or an off-roll status is asked for. */
export async function findMemberPage(
  db: Db,
  access: Access,
  filters: MemberFilters,
  sort: readonly { field: MemberSortField; direction: "asc" | "desc" }[],
  page: { page: number; pageSize: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const offset = (page.page - 1) * page.pageSize;
  const roll = rollFilterOf(filters, access);
  const derives = roll.kind === "derive" || roll.kind === "addressed";
  if (!derives && filters.ageMin === undefined && filters.ageMax === undefined) {
    const where = sqlConditions(filters, roll);
    const rows = await db
      .select()
      .from(member)
      .where(where)
      .orderBy(...orderOf(sort))
      .limit(page.pageSize)
      .offset(offset);
    return { rows, total: await countMembers(db, filters, roll, where) };
  }
  const ids = await findMemberIds(db, access, filters, sort);
  const rows = await loadMembersInOrder(db, ids.slice(offset, offset + page.pageSize));
  return { rows, total: ids.length };
}

/**
 * How many members match. A roll alone (an organisation's list, the commonest) is counted on the
 * spells without reading the members, one spell a member: a third of the time of the join.
 */
async function countMembers(db: Db, filters: MemberFilters, roll: RollFilter, where: SQL | undefined) {
  if (roll.kind === "roll" && roll.unitIds?.length !== 0 && recordConditions(filters).length === 0) {
    const result = await db.execute(
      sql`select count(*)::int as total from ${rollSpellsSql(filters.asOf, roll.unitIds, roll.postponed)}`,
    );
    return rowsOf<{ total: number }>(result)[0]?.total ?? 0;
  }
  const [totals] = await db.select({ total: count() }).from(member).where(where);
  return totals?.total ?? 0;
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
 * position on a date (their terms in `position_term`), and whether the units the event names can
 * hold members (the organisations' levels). `memberId` null: a member being created.
 */
export async function memberEventContext(
  db: Db | Tx,
  memberId: string | null,
  birthDate: PartialDate | undefined,
  unitIds: readonly string[],
): Promise<MemberEventContext> {
  const [context] = await memberEventContexts(db, [{ id: memberId, birthDate }], unitIds);
  if (context === undefined) throw new Error("memberEventContexts answers one context per member");
  return context;
}

/** The contexts of many members at once, in their order, in a few queries whatever their number. */
export async function memberEventContexts(
  db: Db | Tx,
  members: readonly { id: string | null; birthDate: PartialDate | undefined }[],
  unitIds: readonly string[],
): Promise<MemberEventContext[]> {
  const units = await loadMemberUnits(db, unitIds);
  const ids = members.flatMap((m) => (m.id === null ? [] : [m.id]));
  const terms = new Map<string, { from: string; to: string | null }[]>();
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await db
      .select({
        memberId: sql<string>`${positionTerm.person}->>'memberId'`,
        from: positionTerm.validFrom,
        to: positionTerm.validTo,
      })
      .from(positionTerm)
      .where(inArray(sql`${positionTerm.person}->>'memberId'`, ids.slice(start, start + 1000)));
    for (const row of rows) terms.set(row.memberId, [...(terms.get(row.memberId) ?? []), row]);
  }
  const isMemberUnit = (unitId: string) => units.get(unitId) ?? false;
  return members.map(({ id, birthDate }) => {
    const held = id === null ? [] : (terms.get(id) ?? []);
    return {
      birthDate,
      holdsPosition: (date: CalendarDate) =>
        held.some((term) => term.from <= date && (term.to === null || date <= term.to)),
      isMemberUnit,
    };
  });
}
