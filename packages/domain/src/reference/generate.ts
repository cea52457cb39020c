// Bulk members with plausible histories, for benchmarks and national-scale trials.
import type { MemberEvent } from "../member/events.js";
import type { Gender, Member } from "../member/schema.js";
import { addDays, type CalendarDate } from "../time/index.js";
import { toVietnamInstant, vietnamMillis } from "./history.js";
import { ETHNICITIES, type Ethnicity, generateFullName } from "./names.js";
import { createRandom, laterDate } from "./random.js";

/** What to generate. */
export type GenerateMembersOptions = {
  count: number;
  seed: number;
  /** The units (branches) members belong to; at least two, so that transfers have somewhere to go. */
  unitIds: readonly string[];
  /** Admissions fall from `from` to two years before `to`; other events up to `to`. */
  from?: CalendarDate;
  to?: CalendarDate;
  idPrefix?: string;
  /** The ethnic groups names are drawn from, with weights; Sóc Trăng's proportions by default. */
  ethnicities?: readonly (readonly [Ethnicity, number])[];
};

/** Generated members and their events, in the stored form. */
export type GeneratedMembers = { members: Member[]; events: MemberEvent[] };

/**
 * Generates members with admissions, transfers between the given units, postponements,
 * maturations, removals and yearly residence registrations. Histories are possible by
 * construction (not checked event by event, for speed); the same seed gives the same records.
 * @example generateMembers({ count: 1_000_000, seed: 1, unitIds })
 */
export function generateMembers(options: GenerateMembersOptions): GeneratedMembers {
  const random = createRandom(options.seed);
  const from = options.from ?? "2010-01-01";
  const to = options.to ?? "2024-12-31";
  const prefix = options.idPrefix ?? "m";
  const units = options.unitIds;
  const ethnicities = options.ethnicities ?? ETHNICITIES;
  if (units.length < 2) throw new Error("generateMembers needs at least two units");
  const lastAdmission = addDays(to, -730);
  const members: Member[] = new Array(options.count);
  const events: MemberEvent[] = [];
  // Recorded three days after taking effect; few distinct dates, so each instant is written once.
  const instants = new Map<CalendarDate, string>();
  const recorded = (date: CalendarDate) => {
    let instant = instants.get(date);
    if (instant === undefined) {
      instant = toVietnamInstant(vietnamMillis(date, 10) + 3 * 86_400_000);
      instants.set(date, instant);
    }
    return instant;
  };
  for (let i = 0; i < options.count; i++) {
    const id = `${prefix}${i}`;
    const gender: Gender = random.chance(0.52) ? "female" : "male";
    const admitted = random.date(from, lastAdmission);
    const birthYear = Number(admitted.slice(0, 4)) - random.int(17, 26);
    const isYearOnly = random.chance(0.05);
    const birthDate = isYearOnly
      ? String(birthYear)
      : `${birthYear}${random.date("2001-01-01", "2001-12-31").slice(4)}`;
    members[i] = {
      id,
      fullName: generateFullName(random, gender, random.weighted(ethnicities)),
      ...(random.chance(0.03) ? {} : { gender }),
      birthDate,
      createdAt: recorded(admitted),
    };
    let unit = random.pick(units);
    let seq = 0;
    const push = (body: Record<string, unknown> & { type: string; effectiveDate: CalendarDate }) => {
      seq += 1;
      const event = {
        ...body,
        id: `${id}-${seq}`,
        memberId: id,
        recordedAt: recorded(body.effectiveDate),
      } as MemberEvent;
      events.push(event);
      return event.id;
    };
    push({
      type: "admitted",
      effectiveDate: admitted,
      organizationId: unit,
      decisionRef: "1-NQ/ĐTN",
      homeUnitId: unit,
    });
    let cursor = admitted;
    const exitRoll = random.next();
    const exitOn = exitRoll < 0.25 ? random.date(addDays(admitted, 200), to) : null;
    const end = exitOn ?? to;
    let registeredYear = Number(admitted.slice(0, 4));
    const registerUpTo = (date: CalendarDate) => {
      for (let year = registeredYear + 1; year <= Number(date.slice(0, 4)); year++) {
        const on = `${year}-02-${String(random.int(1, 28)).padStart(2, "0")}`;
        if (on > cursor && on < date && random.chance(0.9))
          push({ type: "residence_registered", effectiveDate: on, year, organizationId: "residential" });
        registeredYear = year;
      }
    };
    if (random.chance(0.12)) {
      const out = random.date(addDays(admitted, 30), laterDate(addDays(end, -60), addDays(admitted, 30)));
      if (out < end) {
        registerUpTo(out);
        let next = random.pick(units);
        if (next === unit) next = units[(units.indexOf(unit) + 1) % units.length] as string;
        const outId = push({ type: "transfer_out", effectiveDate: out, fromUnitId: unit, toUnitId: next });
        cursor = addDays(out, random.int(3, 30));
        push({ type: "transfer_in", effectiveDate: cursor, transferOutEventId: outId, unitId: next });
        unit = next;
      }
    }
    if (random.chance(0.05)) {
      const start = addDays(cursor, random.int(10, 300));
      if (start < addDays(end, -400)) {
        registerUpTo(start);
        const until = addDays(start, random.int(30, 360));
        push({ type: "activity_postponed", effectiveDate: start, until });
        cursor = until;
      }
    }
    registerUpTo(end);
    if (exitOn !== null && exitOn > cursor) {
      if (exitRoll < 0.17) push({ type: "matured", effectiveDate: exitOn });
      else if (exitRoll < 0.22)
        push({ type: "transfer_out", effectiveDate: exitOn, fromUnitId: unit, toUnitId: "elsewhere" });
      else push({ type: "removed_from_roll", effectiveDate: exitOn });
    }
  }
  return { members, events };
}
