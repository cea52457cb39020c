// Keeps the member timelines that metrics read in SQL (schema/metrics.ts) equal to what the domain
// derives from the events. Every member write calls `refreshMemberTimelines` in its transaction;
// the member rules stay in the domain and are never written again in SQL.
import {
  applyMemberCorrections,
  foldMemberEvents,
  instantToMillis,
  isOnRoll,
  type MemberEvent,
  type MemberTimeline,
  type PartialDate,
  partialDateBounds,
  yearOf,
} from "@sodoan/domain";
import { inArray } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  member,
  memberMetricProfile,
  memberRollSpell,
  memberTransition,
  memberYearFact,
} from "../schema/index.js";
import { loadMemberEvents, type Tx } from "./members.js";
import { refreshRollSummaries } from "./roll-summaries.js";

/** Members refreshed per round trip, and rows per INSERT (well within the parameter limit). */
const CHUNK = 500;

type SpellRow = typeof memberRollSpell.$inferInsert;
type TransitionRow = typeof memberTransition.$inferInsert;
type YearRow = typeof memberYearFact.$inferInsert;
type Versioned = { recordedFrom: string; recordedTo: string | null };

/** The rows of one timeline, without their recording interval. */
function rowsOf(memberId: string, timeline: MemberTimeline) {
  const spells: Omit<SpellRow, keyof Versioned>[] = [];
  for (const segment of timeline.segments) {
    if (!isOnRoll(segment.status) || segment.unitId === null) continue;
    spells.push({
      memberId,
      unitId: segment.unitId,
      isPostponed: segment.status === "postponed",
      validFrom: segment.from,
      validUntil: segment.until,
    });
  }
  const transitions: Omit<TransitionRow, keyof Versioned>[] = timeline.transitions.map((transition) => ({
    memberId,
    kind: transition.kind,
    effectiveDate: transition.date,
    fromUnitId: transition.fromUnitId,
    toUnitId: transition.toUnitId,
  }));
  const years: Omit<YearRow, keyof Versioned>[] = [];
  for (const [year, date] of timeline.residence) {
    years.push({ memberId, kind: "residence", year, level: null, effectiveDate: date });
  }
  for (const [year, rating] of timeline.ratings) {
    years.push({ memberId, kind: "rating", year, level: rating.level, effectiveDate: rating.date });
  }
  return { spells, transitions, years };
}

/**
 * Rows with their recording intervals: each row holds from the first recording instant whose
 * timeline has it to the first one whose timeline no longer does. Rows are compared by content;
 * identical rows in one timeline are told apart by their rank.
 */
class VersionedRows<R extends object> {
  readonly rows: (R & Versioned)[] = [];
  #open = new Map<string, { row: R; from: string }>();

  next(rows: readonly R[], at: string): void {
    const seen = new Map<string, R>();
    for (const row of rows) {
      const content = JSON.stringify(row);
      let rank = 0;
      while (seen.has(`${content}#${rank}`)) rank += 1;
      seen.set(`${content}#${rank}`, row);
    }
    for (const [key, open] of this.#open) {
      if (seen.has(key)) continue;
      this.rows.push({ ...open.row, recordedFrom: open.from, recordedTo: at });
      this.#open.delete(key);
    }
    for (const [key, row] of seen) if (!this.#open.has(key)) this.#open.set(key, { row, from: at });
  }

  close(): (R & Versioned)[] {
    for (const open of this.#open.values())
      this.rows.push({ ...open.row, recordedFrom: open.from, recordedTo: null });
    this.#open.clear();
    return this.rows;
  }
}

/**
 * A member's timeline as known after each recording instant of their events, as rows: what
 * `indexMemberRecords(records, knownAt)` folds for every `knownAt`, the last version being the
 * timeline as known now.
 */
export function timelineRows(memberId: string, events: readonly MemberEvent[]) {
  const instants = [...new Set(events.map((event) => instantToMillis(event.recordedAt)))].sort(
    (a, b) => a - b,
  );
  const spells = new VersionedRows<Omit<SpellRow, keyof Versioned>>();
  const transitions = new VersionedRows<Omit<TransitionRow, keyof Versioned>>();
  const years = new VersionedRows<Omit<YearRow, keyof Versioned>>();
  for (const millis of instants) {
    const at = new Date(millis).toISOString();
    const rows = rowsOf(memberId, foldMemberEvents(applyMemberCorrections(events, at)));
    spells.next(rows.spells, at);
    transitions.next(rows.transitions, at);
    years.next(rows.years, at);
  }
  return { spells: spells.close(), transitions: transitions.close(), years: years.close() };
}

/**
 * The first day a member is certainly past Union age, as the domain's `isPastUnionAge` reads it:
 * over 30 completed years from the latest possible birth date. A 29 February falls on 1 March in
 * a year without one, since dates compare as text.
 */
export function pastUnionAgeOn(birthDate: PartialDate): string {
  const { latest } = partialDateBounds(birthDate);
  const year = yearOf(latest) + 31;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = latest.slice(5) === "02-29" && !isLeap ? "03-01" : latest.slice(5);
  return `${String(year).padStart(4, "0")}-${monthDay}`;
}

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

/**
 * Rebuilds the timeline rows and profile of the given members from their stored record and
 * events, and the year-end counts of the units their rolls touch. Call it in the transaction that
 * wrote them, after the write.
 */
export async function refreshMemberTimelines(db: Db | Tx, memberIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(memberIds)];
  // The units whose rolls change: where the members were, and where they are now.
  const units = new Set<string>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const before = await db
      .delete(memberRollSpell)
      .where(inArray(memberRollSpell.memberId, chunk))
      .returning({ unitId: memberRollSpell.unitId });
    for (const { unitId } of before) units.add(unitId);
    await db.delete(memberTransition).where(inArray(memberTransition.memberId, chunk));
    await db.delete(memberYearFact).where(inArray(memberYearFact.memberId, chunk));
    await db.delete(memberMetricProfile).where(inArray(memberMetricProfile.memberId, chunk));
    const records = await db
      .select({ id: member.id, birthDate: member.birthDate, gender: member.gender })
      .from(member)
      .where(inArray(member.id, chunk));
    const eventsByMember = await loadMemberEvents(db, chunk);
    const spells: SpellRow[] = [];
    const transitions: TransitionRow[] = [];
    const years: YearRow[] = [];
    for (const [memberId, events] of eventsByMember) {
      const rows = timelineRows(memberId, events);
      spells.push(...rows.spells);
      transitions.push(...rows.transitions);
      years.push(...rows.years);
    }
    await insertChunked(
      records.map((record) => ({
        memberId: record.id,
        birthYear: record.birthDate === null ? null : yearOf(record.birthDate),
        pastUnionAgeOn: record.birthDate === null ? null : pastUnionAgeOn(record.birthDate),
        gender: record.gender === "male" || record.gender === "female" ? record.gender : null,
      })),
      (rows) => db.insert(memberMetricProfile).values(rows),
    );
    await insertChunked(spells, (rows) => db.insert(memberRollSpell).values(rows));
    await insertChunked(transitions, (rows) => db.insert(memberTransition).values(rows));
    await insertChunked(years, (rows) => db.insert(memberYearFact).values(rows));
    for (const spell of spells) units.add(spell.unitId);
  }
  await refreshRollSummaries(db, units);
}
