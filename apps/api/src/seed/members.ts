// Members of a province in bulk: the domain's generator gives names and histories over the years;
// here they are placed in the province's units, given ratings and rewards, and every history is
// checked by the domain's rules in the order it was recorded. A member whose history a rule refuses
// is left out, and an extra event a rule refuses is dropped.
import { type CalendarDate, type Member, type MemberEvent, validateMemberEvent } from "@sodoan/domain";
import { createRandom, type Ethnicity, generateMembers, type Random } from "@sodoan/domain/reference";
import { daysAfter } from "./time.js";

export type ProvinceMembersOptions = {
  seed: number;
  count: number;
  idPrefix: string;
  /** The branches members belong to, with the grassroots organisation each sits under. */
  units: readonly { id: string; grassrootsId: string }[];
  /** Where a member who leaves the province is sent: a branch of another province. */
  elsewhereUnitId: string;
  ethnicities: readonly (readonly [Ethnicity, number])[];
  places: readonly string[];
  from: CalendarDate;
  to: CalendarDate;
  /** The organisation that gives rewards (the province). */
  rewardedBy: string;
};

const OCCUPATIONS = [
  ["Công nhân", 30],
  ["Nông dân", 20],
  ["Học sinh, sinh viên", 15],
  ["Viên chức", 10],
  ["Lao động tự do", 15],
  ["Kinh doanh", 10],
] as const;

const FIRST_RATED_YEAR = 2017;

const REWARDS = [
  "Giấy khen Đoàn viên xuất sắc",
  "Giấy khen Thanh niên tiên tiến làm theo lời Bác",
  "Giấy khen tình nguyện viên Mùa hè xanh",
] as const;

/** A member's level on the scale of a year: the scale changed in 2020. */
function ratingLevel(random: Random, year: number): string {
  return year < 2020
    ? random.weighted([
        ["excellent", 20],
        ["good", 55],
        ["average", 22],
        ["weak", 3],
      ] as const)
    : random.weighted([
        ["excellent_completion", 18],
        ["good_completion", 57],
        ["completion", 22],
        ["non_completion", 3],
      ] as const);
}

/** Generates, places and checks the members of a province. */
export function buildProvinceMembers(options: ProvinceMembersOptions): {
  members: Member[];
  memberEvents: MemberEvent[];
} {
  const random = createRandom(options.seed);
  const grassrootsOf = new Map(options.units.map((unit) => [unit.id, unit.grassrootsId]));
  const generated = generateMembers({
    count: options.count,
    seed: options.seed,
    unitIds: options.units.map((unit) => unit.id),
    from: options.from,
    to: options.to,
    idPrefix: options.idPrefix,
    ethnicities: options.ethnicities,
  });
  const byMember = new Map<string, MemberEvent[]>();
  for (const event of generated.events)
    byMember.set(event.memberId, [...(byMember.get(event.memberId) ?? []), event]);

  const members: Member[] = [];
  const memberEvents: MemberEvent[] = [];
  for (const generatedMember of generated.members) {
    const member: Member = {
      ...generatedMember,
      occupation: random.weighted(OCCUPATIONS),
      placeOfResidence: random.pick(options.places),
    };
    const base = placeEvents(byMember.get(member.id) ?? [], grassrootsOf, options.elsewhereUnitId);
    const extras = extraEvents(random, member.id, base, options);
    const history = checkHistory(member, base, extras);
    if (history === null) continue;
    members.push(member);
    memberEvents.push(...history);
  }
  return { members, memberEvents };
}

/** Puts the generator's placeholders in the province: residence at the member's commune, exits elsewhere. */
function placeEvents(
  events: readonly MemberEvent[],
  grassrootsOf: ReadonlyMap<string, string>,
  elsewhereUnitId: string,
): MemberEvent[] {
  let unit = "";
  return events.map((event) => {
    switch (event.type) {
      case "admitted":
        unit = event.homeUnitId;
        return {
          ...event,
          organizationId: grassrootsOf.get(unit) ?? unit,
          decisionRef: `${event.effectiveDate.slice(2, 4)}-NQ/ĐTN`,
        };
      case "transfer_in":
        unit = event.unitId;
        return event;
      case "transfer_out":
        return grassrootsOf.has(event.toUnitId) ? event : { ...event, toUnitId: elsewhereUnitId };
      case "residence_registered":
        return { ...event, organizationId: grassrootsOf.get(unit) ?? unit };
      default:
        return event;
    }
  });
}

/** Yearly ratings while on the roll, and now and then a reward. */
function extraEvents(
  random: Random,
  memberId: string,
  base: readonly MemberEvent[],
  options: ProvinceMembersOptions,
): MemberEvent[] {
  const admitted = base[0]?.effectiveDate;
  if (admitted === undefined) return [];
  // Rated while on the roll of the province: until leaving it for good.
  const exit = base.find(
    (event) =>
      event.type === "matured" ||
      event.type === "removed_from_roll" ||
      event.type === "deceased" ||
      (event.type === "disciplined" && event.form === "expulsion") ||
      (event.type === "transfer_out" && event.toUnitId === options.elsewhereUnitId),
  )?.effectiveDate;
  const taken = new Set(base.map((event) => event.effectiveDate));
  const extras: MemberEvent[] = [];
  const lastYear = Number((exit ?? options.to).slice(0, 4)) - 1;
  // Ratings of the recent years only: both scales (before and from 2020) without a decade of them.
  for (let year = Math.max(Number(admitted.slice(0, 4)) + 1, FIRST_RATED_YEAR); year <= lastYear; year++) {
    const on = `${year}-12-${String(random.int(10, 20))}`;
    if (taken.has(on) || !random.chance(0.85)) continue;
    extras.push({
      id: `${memberId}-xl${year}`,
      memberId,
      type: "rated",
      effectiveDate: on,
      recordedAt: daysAfter(on, 3, "10:00"),
      year,
      level: ratingLevel(random, year),
    });
    if (random.chance(0.06)) {
      const rewardOn = `${year + 1}-03-26`;
      if (rewardOn <= options.to && !taken.has(rewardOn))
        extras.push({
          id: `${memberId}-kt${year + 1}`,
          memberId,
          type: "rewarded",
          effectiveDate: rewardOn,
          recordedAt: daysAfter(rewardOn, 3, "10:00"),
          title: random.pick(REWARDS),
          organizationId: options.rewardedBy,
        });
    }
  }
  return extras;
}

/**
 * The history in the order it was recorded, each event checked against those before it; null when
 * an event of the generated history is refused, which leaves the member out.
 */
function checkHistory(member: Member, base: readonly MemberEvent[], extras: readonly MemberEvent[]) {
  const isExtra = new Set(extras.map((event) => event.id));
  const ordered = [...base, ...extras].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  const history: MemberEvent[] = [];
  for (const event of ordered) {
    const verdict = validateMemberEvent(history, event, { birthDate: member.birthDate });
    if (verdict.ok) history.push(event);
    else if (!isExtra.has(event.id)) return null;
  }
  return history;
}
