// A compact columnar form of the member records (typed arrays of roll spells), built once, for fast counts.
import { isOnRoll } from "../member/state.js";
import { type CalendarDate, type Instant, yearOf } from "../time/index.js";
import type { ActiveMembersValue } from "./compute.js";
import { yearEndAsOf } from "./compute.js";
import { buildProvenance, METRICS, type MetricResult, type RateValue, toRate } from "./definitions.js";
import {
  type MemberRecordIndex,
  type MemberRecords,
  type MetricQuery,
  resolveIndex,
  resolveScopeIds,
  type StockQuery,
  type YearQuery,
} from "./records.js";

const OPEN_END = 2_147_483_647;

/**
 * Days since 1970-01-01 of a calendar date.
 * @example toDayNumber("1970-01-02") // 1
 */
export function toDayNumber(date: CalendarDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * The member records as columns. A spell is a stretch on one unit's roll: member, first day,
 * day after the last (open spells end at 2^31 − 1), unit index and whether activity was postponed.
 * Residence registrations are grouped by member through `residenceOffset`.
 */
export type MemberColumns = {
  kind: "member-columns";
  knownAt: Instant | undefined;
  memberIds: string[];
  unitIds: string[];
  /** Year of birth, 0 when unknown. */
  birthYear: Int16Array;
  spellCount: number;
  spellMember: Uint32Array;
  spellStart: Int32Array;
  spellEnd: Int32Array;
  spellUnit: Int32Array;
  spellPostponed: Uint8Array;
  residenceOffset: Uint32Array;
  residenceYear: Int16Array;
  residenceDay: Int32Array;
};

/**
 * Builds the columnar form once from the records (as known at `knownAt`). Counts from it equal
 * the object form's.
 * @example const columns = buildMemberColumns(records); countActiveMembersColumnar(columns, query)
 */
export function buildMemberColumns(
  data: MemberRecords | MemberRecordIndex,
  knownAt?: Instant,
): MemberColumns {
  const index = resolveIndex(data, knownAt);
  const memberCount = index.members.length;
  let spellCapacity = 0;
  let residenceCount = 0;
  for (const { timeline } of index.members) {
    spellCapacity += timeline.segments.length;
    residenceCount += timeline.residence.size;
  }
  const unitIndex = new Map<string, number>();
  const unitIds: string[] = [];
  const memberIds: string[] = new Array(memberCount);
  const birthYear = new Int16Array(memberCount);
  const spellMember = new Uint32Array(spellCapacity);
  const spellStart = new Int32Array(spellCapacity);
  const spellEnd = new Int32Array(spellCapacity);
  const spellUnit = new Int32Array(spellCapacity);
  const spellPostponed = new Uint8Array(spellCapacity);
  const residenceOffset = new Uint32Array(memberCount + 1);
  const residenceYear = new Int16Array(residenceCount);
  const residenceDay = new Int32Array(residenceCount);
  let spells = 0;
  let residences = 0;
  index.members.forEach(({ member, timeline }, m) => {
    memberIds[m] = member.id;
    birthYear[m] = member.birthDate === undefined ? 0 : yearOf(member.birthDate);
    for (const segment of timeline.segments) {
      if (!isOnRoll(segment.status) || segment.unitId === null) continue;
      let unit = unitIndex.get(segment.unitId);
      if (unit === undefined) {
        unit = unitIds.length;
        unitIndex.set(segment.unitId, unit);
        unitIds.push(segment.unitId);
      }
      spellMember[spells] = m;
      spellStart[spells] = toDayNumber(segment.from);
      spellEnd[spells] = segment.until === null ? OPEN_END : toDayNumber(segment.until);
      spellUnit[spells] = unit;
      spellPostponed[spells] = segment.status === "postponed" ? 1 : 0;
      spells += 1;
    }
    residenceOffset[m] = residences;
    for (const [year, date] of timeline.residence) {
      residenceYear[residences] = year;
      residenceDay[residences] = toDayNumber(date);
      residences += 1;
    }
  });
  residenceOffset[memberCount] = residences;
  return {
    kind: "member-columns",
    knownAt: index.knownAt,
    memberIds,
    unitIds,
    birthYear,
    spellCount: spells,
    spellMember,
    spellStart,
    spellEnd,
    spellUnit,
    spellPostponed,
    residenceOffset,
    residenceYear,
    residenceDay,
  };
}

function unitMask(columns: MemberColumns, query: MetricQuery): Uint8Array {
  if (columns.knownAt !== query.knownAt) {
    // A programming error, not an expected outcome: columns answer only for the "known at" they were built for.
    throw new Error(
      `Columns built for knownAt=${String(columns.knownAt)} asked for knownAt=${String(query.knownAt)}`,
    );
  }
  const ids = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const mask = new Uint8Array(columns.unitIds.length);
  columns.unitIds.forEach((id, i) => {
    mask[i] = ids.has(id) ? 1 : 0;
  });
  return mask;
}

/** `countActiveMembers` over the columnar form: the same answer, faster. */
export function countActiveMembersColumnar(
  columns: MemberColumns,
  query: StockQuery,
): MetricResult<ActiveMembersValue> {
  const mask = unitMask(columns, query);
  const day = toDayNumber(query.asOf);
  const { spellStart, spellEnd, spellUnit, spellPostponed, spellCount } = columns;
  let count = 0;
  let postponed = 0;
  for (let s = 0; s < spellCount; s++) {
    if (
      (spellStart[s] as number) <= day &&
      day < (spellEnd[s] as number) &&
      mask[spellUnit[s] as number] === 1
    ) {
      count += 1;
      postponed += spellPostponed[s] as number;
    }
  }
  return {
    value: { count, postponed },
    provenance: buildProvenance(METRICS.activeMembers, {
      organizationId: query.organizationId,
      computedAt: query.computedAt,
      knownAt: query.knownAt,
      recordsCounted: count,
      asOf: query.asOf,
    }),
  };
}

/** `computeResidenceRate` over the columnar form: the same answer, faster. */
export function computeResidenceRateColumnar(
  columns: MemberColumns,
  query: YearQuery,
): MetricResult<RateValue> {
  const mask = unitMask(columns, query);
  const at = yearEndAsOf(query.year, query.asOf);
  const day = toDayNumber(at);
  const {
    spellStart,
    spellEnd,
    spellUnit,
    spellMember,
    spellCount,
    residenceOffset,
    residenceYear,
    residenceDay,
  } = columns;
  const year = query.year;
  let denominator = 0;
  let numerator = 0;
  for (let s = 0; s < spellCount; s++) {
    if (
      (spellStart[s] as number) > day ||
      day >= (spellEnd[s] as number) ||
      mask[spellUnit[s] as number] !== 1
    )
      continue;
    denominator += 1;
    const m = spellMember[s] as number;
    const end = residenceOffset[m + 1] as number;
    for (let r = residenceOffset[m] as number; r < end; r++) {
      if (residenceYear[r] === year) {
        if ((residenceDay[r] as number) <= day) numerator += 1;
        break;
      }
    }
  }
  return {
    value: toRate(numerator, denominator),
    provenance: buildProvenance(METRICS.residenceRate, {
      organizationId: query.organizationId,
      computedAt: query.computedAt,
      knownAt: query.knownAt,
      recordsCounted: denominator,
      asOf: at,
    }),
  };
}
