// How a member's status and home unit follow from the events: corrections applied, then a causal fold.
import type { LocalizedText } from "../i18n/message.js";
import {
  addDays,
  ageOn,
  type CalendarDate,
  type Instant,
  instantToMillis,
  type PartialDate,
  type TimeView,
} from "../time/index.js";
import type { MemberCorrectionEvent, MemberEvent, MemberEventBody } from "./events.js";

/**
 * Where a member stands. `pending_transfer`: the sending unit has let the member go and nobody has
 * received them yet; the member is on no unit's roll until then (see `isOnRoll`).
 */
export const MEMBER_STATUSES = [
  "active",
  "postponed",
  "pending_transfer",
  "matured",
  "removed",
  "expelled",
  "deceased",
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A status, or `not_admitted` before the admission takes effect. */
export type MemberStatusOrNone = MemberStatus | "not_admitted";

/** The name of each status in both languages. */
export const MEMBER_STATUS_LABELS: Record<MemberStatusOrNone, LocalizedText> = {
  not_admitted: { vi: "chưa được kết nạp", en: "not admitted" },
  active: { vi: "đang sinh hoạt", en: "active" },
  postponed: { vi: "tạm hoãn sinh hoạt", en: "activity postponed" },
  pending_transfer: { vi: "đang chờ tiếp nhận chuyển sinh hoạt", en: "transfer pending" },
  matured: { vi: "đã trưởng thành Đoàn", en: "matured out" },
  removed: { vi: "đã bị xóa tên", en: "removed from the roll" },
  expelled: { vi: "đã bị khai trừ", en: "expelled" },
  deceased: { vi: "đã từ trần", en: "deceased" },
};

/**
 * Whether a status puts the member on a unit's roll and in every active count. Postponed members
 * count; a member in transit counts nowhere: the Union's registers take the member off the sending
 * unit's list when the transfer letter is issued and add them when the receiving unit takes them in.
 */
export function isOnRoll(status: MemberStatusOrNone): status is "active" | "postponed" {
  return status === "active" || status === "postponed";
}

/** Statuses after which nothing but a correction may be recorded. */
export function isRecordClosed(status: MemberStatusOrNone): status is "removed" | "expelled" | "deceased" {
  return status === "removed" || status === "expelled" || status === "deceased";
}

/** A non-correction event as it stands after corrections. */
export type EffectiveMemberEvent = Exclude<MemberEvent, MemberCorrectionEvent>;

// Same-day events keep their recording order; a historical import that records them in one
// instant falls back to the order of the lifecycle.
const SAME_DAY_RANK: Record<MemberEventBody["type"], number> = {
  admitted: 0,
  transfer_out: 1,
  transfer_in: 2,
  activity_resumed: 3,
  activity_postponed: 4,
  residence_registered: 5,
  rated: 5,
  rewarded: 5,
  disciplined: 6,
  matured: 7,
  removed_from_roll: 7,
  deceased: 8,
};

type Keyed = { event: EffectiveMemberEvent; recorded: number };

// Recording times are parsed only when two events share an effective date.
function recordedOf(keyed: Keyed): number {
  if (Number.isNaN(keyed.recorded)) keyed.recorded = instantToMillis(keyed.event.recordedAt);
  return keyed.recorded;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.event.effectiveDate !== b.event.effectiveDate)
    return a.event.effectiveDate < b.event.effectiveDate ? -1 : 1;
  const recorded = recordedOf(a) - recordedOf(b);
  if (recorded !== 0) return recorded;
  const rank = SAME_DAY_RANK[a.event.type] - SAME_DAY_RANK[b.event.type];
  if (rank !== 0) return rank;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/** The order in which events take effect: by effective date, then recording time, then lifecycle order, then id. */
export function compareMemberEvents(a: EffectiveMemberEvent, b: EffectiveMemberEvent): number {
  return compareKeyed({ event: a, recorded: Number.NaN }, { event: b, recorded: Number.NaN });
}

/** Events sorted in the order they take effect (`compareMemberEvents`), parsing recording times only for ties. */
export function sortMemberEvents(events: Iterable<EffectiveMemberEvent>): EffectiveMemberEvent[] {
  const keyed: Keyed[] = [];
  for (const event of events) keyed.push({ event, recorded: Number.NaN });
  keyed.sort(compareKeyed);
  return keyed.map(({ event }) => event);
}

/**
 * The events as they stand: what was recorded by `knownAt` (all when absent), with each correction
 * voiding or replacing its target in recording order, sorted in the order they take effect.
 */
export function applyMemberCorrections(
  events: readonly MemberEvent[],
  knownAt?: Instant,
): EffectiveMemberEvent[] {
  const limit = knownAt === undefined ? Number.POSITIVE_INFINITY : instantToMillis(knownAt);
  const byId = new Map<string, EffectiveMemberEvent>();
  const corrections: MemberCorrectionEvent[] = [];
  for (const event of events) {
    if (knownAt !== undefined && instantToMillis(event.recordedAt) > limit) continue;
    if (event.type === "corrected") corrections.push(event);
    else byId.set(event.id, event);
  }
  if (corrections.length > 0) {
    corrections.sort(
      (a, b) => instantToMillis(a.recordedAt) - instantToMillis(b.recordedAt) || (a.id < b.id ? -1 : 1),
    );
    for (const correction of corrections) {
      const target = byId.get(correction.targetEventId);
      if (target === undefined) continue;
      if (correction.replacement === null) byId.delete(target.id);
      else {
        byId.set(target.id, {
          ...correction.replacement,
          id: target.id,
          memberId: target.memberId,
          recordedAt: target.recordedAt,
        } as EffectiveMemberEvent);
      }
    }
  }
  return sortMemberEvents(byId.values());
}

/** A stretch of time in one status at one unit: from `from` (inclusive) to `until` (exclusive; null = open). */
export type MemberSegment = {
  from: CalendarDate;
  until: CalendarDate | null;
  status: MemberStatus;
  /** The home unit while on the roll; null in transit and after leaving. */
  unitId: string | null;
};

/** A change of roll that flow metrics count. `fromUnitId`/`toUnitId` are the units on either side. */
export type MemberTransition = {
  date: CalendarDate;
  kind: "admission" | "transfer_out" | "transfer_in" | "maturation" | "removal" | "expulsion" | "death";
  eventId: string;
  /** The unit the member leaves: for `transfer_in`, the sending unit of the transfer. */
  fromUnitId: string | null;
  /** The unit the member joins: for `transfer_out`, the unit the transfer is addressed to. */
  toUnitId: string | null;
};

/** The state the fold carries from one event to the next. */
export type MemberFoldState = {
  status: MemberStatusOrNone;
  unitId: string | null;
  /** The last unit whose roll the member was on, kept after leaving it. */
  lastUnitId: string | null;
  admittedOn: CalendarDate | null;
  pendingTransfer: { eventId: string; fromUnitId: string; toUnitId: string; since: CalendarDate } | null;
  postponedUntil: CalendarDate | null;
};

/** Why an event cannot follow the state before it. */
export type TransitionRefusal = { code: MemberEventRefusalCode; message: LocalizedText };

/** The stable codes with which a member event is refused. */
export type MemberEventRefusalCode =
  | "MEMBER_MISMATCH"
  | "DUPLICATE_EVENT_ID"
  | "EVENT_BEFORE_ADMISSION"
  | "ALREADY_ADMITTED"
  | "ADMISSION_AGE_OUTSIDE_RANGE"
  | "RECORD_CLOSED"
  | "NOT_ALLOWED_IN_STATUS"
  | "TRANSFER_FROM_OTHER_UNIT"
  | "TRANSFER_TO_SAME_UNIT"
  | "TRANSFER_NOT_PENDING"
  | "TRANSFER_UNIT_MISMATCH"
  | "UNIT_CANNOT_HOLD_MEMBERS"
  | "POSTPONEMENT_TOO_LONG"
  | "POSTPONEMENT_ENDS_BEFORE_START"
  | "DISMISSAL_WITHOUT_POSITION"
  | "RESIDENCE_YEAR_MISMATCH"
  | "DUPLICATE_RESIDENCE_REGISTRATION"
  | "RATING_YEAR_MISMATCH"
  | "DUPLICATE_RATING"
  | "UNKNOWN_RATING_LEVEL"
  | "CORRECTION_TARGET_MISSING"
  | "CORRECTION_OF_CORRECTION"
  | "CORRECTION_NOT_RECORDED_LATER"
  | "CORRECTION_DATE_AFTER_TARGET";

const ALLOWED: Record<MemberEventBody["type"], readonly MemberStatusOrNone[]> = {
  admitted: ["not_admitted"],
  transfer_out: ["active"],
  transfer_in: ["pending_transfer"],
  residence_registered: ["active", "postponed", "pending_transfer"],
  activity_postponed: ["active"],
  activity_resumed: ["postponed"],
  matured: ["active", "postponed"],
  removed_from_roll: ["active", "postponed", "pending_transfer"],
  disciplined: ["active", "postponed", "pending_transfer"],
  deceased: ["active", "postponed", "pending_transfer"],
  rated: ["active", "postponed", "pending_transfer", "matured"],
  rewarded: ["active", "postponed", "pending_transfer", "matured"],
};

/** The state before anything took effect. */
export function initialMemberFoldState(): MemberFoldState {
  return {
    status: "not_admitted",
    unitId: null,
    lastUnitId: null,
    admittedOn: null,
    pendingTransfer: null,
    postponedUntil: null,
  };
}

/** Whether a postponement has run out by a date: it covers its `until` day and ends the day after. */
function hasPostponementEnded(state: MemberFoldState, date: CalendarDate): boolean {
  return state.status === "postponed" && state.postponedUntil !== null && state.postponedUntil < date;
}

/** Why an event may not follow a state, or null when it may. Context rules (age, position) are elsewhere. */
export function checkMemberTransition(
  state: MemberFoldState,
  event: EffectiveMemberEvent,
): TransitionRefusal | null {
  const status = hasPostponementEnded(state, event.effectiveDate) ? "active" : state.status;
  if (status === "not_admitted" && event.type !== "admitted") {
    return {
      code: "EVENT_BEFORE_ADMISSION",
      message: {
        vi: "Sự kiện xảy ra trước khi kết nạp vào Đoàn",
        en: "The event takes effect before the admission",
      },
    };
  }
  if (event.type === "admitted" && status !== "not_admitted") {
    return {
      code: "ALREADY_ADMITTED",
      message: { vi: "Đoàn viên đã được kết nạp", en: "The member was already admitted" },
    };
  }
  if (isRecordClosed(status)) {
    return {
      code: "RECORD_CLOSED",
      message: {
        vi: `Đoàn viên ${MEMBER_STATUS_LABELS[status].vi}: chỉ được ghi đính chính`,
        en: `The member is ${MEMBER_STATUS_LABELS[status].en}: only a correction may be recorded`,
      },
    };
  }
  if (event.type === "transfer_in") {
    if (state.pendingTransfer === null || state.pendingTransfer.eventId !== event.transferOutEventId) {
      return {
        code: "TRANSFER_NOT_PENDING",
        message: {
          vi: "Không có lượt chuyển sinh hoạt đang chờ tiếp nhận này",
          en: "There is no such transfer waiting to be received",
        },
      };
    }
    if (state.pendingTransfer.toUnitId !== event.unitId) {
      return {
        code: "TRANSFER_UNIT_MISMATCH",
        message: {
          vi: "Đơn vị tiếp nhận khác đơn vị được giới thiệu chuyển đến",
          en: "The receiving unit is not the one the transfer was addressed to",
        },
      };
    }
  }
  if (!ALLOWED[event.type].includes(status)) {
    return {
      code: "NOT_ALLOWED_IN_STATUS",
      message: {
        vi: `Không thể ghi sự kiện này khi đoàn viên ${MEMBER_STATUS_LABELS[status].vi}`,
        en: `This event cannot be recorded while the member is ${MEMBER_STATUS_LABELS[status].en}`,
      },
    };
  }
  if (event.type === "transfer_out") {
    if (event.fromUnitId !== state.unitId) {
      return {
        code: "TRANSFER_FROM_OTHER_UNIT",
        message: {
          vi: "Đơn vị chuyển đi không phải đơn vị đoàn viên đang sinh hoạt",
          en: "The sending unit is not the member's home unit",
        },
      };
    }
    if (event.toUnitId === event.fromUnitId) {
      return {
        code: "TRANSFER_TO_SAME_UNIT",
        message: {
          vi: "Không thể chuyển sinh hoạt về chính đơn vị cũ",
          en: "A transfer must go to another unit",
        },
      };
    }
  }
  return null;
}

/** The state after an event, assuming `checkMemberTransition` let it through. */
export function stepMemberFold(state: MemberFoldState, event: EffectiveMemberEvent): MemberFoldState {
  const next: MemberFoldState = hasPostponementEnded(state, event.effectiveDate)
    ? { ...state, status: "active", postponedUntil: null }
    : { ...state };
  switch (event.type) {
    case "admitted":
      return {
        ...next,
        status: "active",
        unitId: event.homeUnitId,
        lastUnitId: event.homeUnitId,
        admittedOn: event.effectiveDate,
      };
    case "transfer_out":
      return {
        ...next,
        status: "pending_transfer",
        unitId: null,
        postponedUntil: null,
        pendingTransfer: {
          eventId: event.id,
          fromUnitId: next.unitId ?? event.fromUnitId,
          toUnitId: event.toUnitId,
          since: event.effectiveDate,
        },
      };
    case "transfer_in":
      return {
        ...next,
        status: "active",
        unitId: event.unitId,
        lastUnitId: event.unitId,
        pendingTransfer: null,
      };
    case "activity_postponed":
      return { ...next, status: "postponed", postponedUntil: event.until };
    case "activity_resumed":
      return { ...next, status: "active", postponedUntil: null };
    case "matured":
      return { ...next, status: "matured", unitId: null, postponedUntil: null };
    case "removed_from_roll":
      return { ...next, status: "removed", unitId: null, postponedUntil: null, pendingTransfer: null };
    case "disciplined":
      return event.form === "expulsion"
        ? { ...next, status: "expelled", unitId: null, postponedUntil: null, pendingTransfer: null }
        : next;
    case "deceased":
      return { ...next, status: "deceased", unitId: null, postponedUntil: null, pendingTransfer: null };
    default:
      return next;
  }
}

/** The whole derived history of one member. */
export type MemberTimeline = {
  segments: MemberSegment[];
  transitions: MemberTransition[];
  /** Residence registrations: year → the date the first one for that year took effect. */
  residence: Map<number, CalendarDate>;
  /** Ratings: year → level and the date it took effect. */
  ratings: Map<number, { level: string; date: CalendarDate }>;
  /** The state after the last event (before any later expiry of a postponement). */
  final: MemberFoldState;
};

function transitionOf(before: MemberFoldState, event: EffectiveMemberEvent): MemberTransition | null {
  const base = { date: event.effectiveDate, eventId: event.id };
  switch (event.type) {
    case "admitted":
      return { ...base, kind: "admission", fromUnitId: null, toUnitId: event.homeUnitId };
    case "transfer_out":
      return { ...base, kind: "transfer_out", fromUnitId: before.unitId, toUnitId: event.toUnitId };
    case "transfer_in":
      return {
        ...base,
        kind: "transfer_in",
        fromUnitId: before.pendingTransfer?.fromUnitId ?? null,
        toUnitId: event.unitId,
      };
    case "matured":
      return { ...base, kind: "maturation", fromUnitId: before.unitId, toUnitId: null };
    case "removed_from_roll":
      return { ...base, kind: "removal", fromUnitId: before.unitId, toUnitId: null };
    case "disciplined":
      return event.form === "expulsion"
        ? { ...base, kind: "expulsion", fromUnitId: before.unitId, toUnitId: null }
        : null;
    case "deceased":
      return { ...base, kind: "death", fromUnitId: before.unitId, toUnitId: null };
    default:
      return null;
  }
}

/**
 * Folds effective events (from `applyMemberCorrections`) into segments and transitions. Lenient:
 * an event that cannot follow the state before it is skipped, so what was stored before a rule
 * existed still reads; `validateMemberEvent` keeps new ones out. The fold is causal: the state on a
 * date depends only on events effective by then.
 */
export function foldMemberEvents(events: readonly EffectiveMemberEvent[]): MemberTimeline {
  let state = initialMemberFoldState();
  const segments: MemberSegment[] = [];
  const transitions: MemberTransition[] = [];
  const residence = new Map<number, CalendarDate>();
  const ratings = new Map<number, { level: string; date: CalendarDate }>();

  const open = (from: CalendarDate, status: MemberStatus, unitId: string | null) => {
    const last = segments[segments.length - 1];
    if (last !== undefined) {
      if (last.status === status && last.unitId === unitId) return;
      if (last.from === from) segments.pop();
      else last.until = from;
    }
    segments.push({ from, until: null, status, unitId });
  };

  for (const event of events) {
    if (checkMemberTransition(state, event) !== null) continue;
    if (hasPostponementEnded(state, event.effectiveDate) && state.postponedUntil !== null) {
      open(addDays(state.postponedUntil, 1), "active", state.unitId);
    }
    const transition = transitionOf(state, event);
    if (transition !== null) transitions.push(transition);
    if (event.type === "residence_registered" && !residence.has(event.year))
      residence.set(event.year, event.effectiveDate);
    if (event.type === "rated" && !ratings.has(event.year))
      ratings.set(event.year, { level: event.level, date: event.effectiveDate });
    state = stepMemberFold(state, event);
    if (state.status !== "not_admitted") open(event.effectiveDate, state.status, state.unitId);
  }
  if (state.status === "postponed" && state.postponedUntil !== null) {
    open(addDays(state.postponedUntil, 1), "active", state.unitId);
  }
  return { segments, transitions, residence, ratings, final: state };
}

/** The segment a date falls in, if the member was admitted by then. */
export function findSegment(
  segments: readonly MemberSegment[],
  date: CalendarDate,
): MemberSegment | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment !== undefined && segment.from <= date)
      return segment.until === null || date < segment.until ? segment : undefined;
  }
  return undefined;
}

/** A member's standing as of a view. */
export type MemberState = {
  status: MemberStatusOrNone;
  /** The unit whose roll the member is on; null in transit, before admission and after leaving. */
  homeUnitId: string | null;
  /** The last unit whose roll the member was on. */
  lastUnitId: string | null;
  admittedOn: CalendarDate | null;
  pendingTransfer: MemberFoldState["pendingTransfer"];
  postponedUntil: CalendarDate | null;
  /** Years for which the member is registered for activity at the place of residence. */
  residenceYears: number[];
  /** Ratings by year rated. */
  ratings: { year: number; level: string }[];
};

/**
 * A member's status and home unit as of a view, derived from the events (never stored).
 * @example deriveMemberState(events, { asOf: "2017-08-31" }).status // "active"
 */
export function deriveMemberState(events: readonly MemberEvent[], view: TimeView): MemberState {
  const visible = applyMemberCorrections(events, view.knownAt).filter(
    (event) => event.effectiveDate <= view.asOf,
  );
  const timeline = foldMemberEvents(visible);
  const segment = findSegment(timeline.segments, view.asOf);
  const status = segment?.status ?? "not_admitted";
  const { final } = timeline;
  return {
    status,
    homeUnitId: segment !== undefined && isOnRoll(segment.status) ? segment.unitId : null,
    lastUnitId: final.lastUnitId,
    admittedOn: final.admittedOn,
    pendingTransfer: status === "pending_transfer" ? final.pendingTransfer : null,
    postponedUntil: status === "postponed" ? final.postponedUntil : null,
    residenceYears: [...timeline.residence.keys()].sort((a, b) => a - b),
    ratings: [...timeline.ratings]
      .map(([year, rating]) => ({ year, level: rating.level }))
      .sort((a, b) => a.year - b.year),
  };
}

/**
 * Whether a member is past Union age (over 30 in completed years) on a date, for certain: with a
 * partial birth date the flag is raised only when every possible day gives over 30. Informational:
 * cadres in office may stay on the roll past 30.
 * @example isPastUnionAge("1985", "2017-08-31") // true
 */
export function isPastUnionAge(birthDate: PartialDate | undefined, date: CalendarDate): boolean {
  return birthDate !== undefined && ageOn(birthDate, date).min > 30;
}
