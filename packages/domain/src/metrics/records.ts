// The inputs every metric reads: member records indexed by member, and the organisation scope asked about.
import type { MemberEvent } from "../member/events.js";
import type { Gender } from "../member/schema.js";
import { applyMemberCorrections, foldMemberEvents, type MemberTimeline } from "../member/state.js";
import type { OrganizationRating } from "../rating/index.js";
import type { Referral } from "../referral/index.js";
import type { CalendarDate, Instant, PartialDate, Period } from "../time/index.js";

/** What a metric needs to know of a member: no names, nothing sensitive. */
export type MetricMember = { id: string; birthDate?: PartialDate | undefined; gender?: Gender | undefined };

/**
 * A rating of an organisation as the metrics read it: the stored `OrganizationRating` fits. Member
 * ratings are not records of their own: they are `rated` member events.
 */
export type OrganizationRatingRecord = Pick<
  OrganizationRating,
  "organizationId" | "year" | "levelId" | "effectiveDate" | "recordedAt"
>;

/** The records metrics are computed from, as stored. */
export type MemberRecords = {
  members: readonly MetricMember[];
  events: readonly MemberEvent[];
  referrals?: readonly Referral[] | undefined;
  organizationRatings?: readonly OrganizationRatingRecord[] | undefined;
};

/** One member with the timeline derived from their events. */
export type IndexedMember = { member: MetricMember; timeline: MemberTimeline };

/**
 * Records prepared once for many questions: events grouped by member, corrections applied and
 * folded, as known at `knownAt` (everything when absent).
 */
export type MemberRecordIndex = {
  kind: "member-record-index";
  knownAt: Instant | undefined;
  members: readonly IndexedMember[];
  records: MemberRecords;
};

/**
 * Groups, corrects and folds the records once, so that many metrics can be asked of them.
 * @example const index = indexMemberRecords(records); countActiveMembers(index, query)
 */
export function indexMemberRecords(records: MemberRecords, knownAt?: Instant): MemberRecordIndex {
  const byMember = new Map<string, MemberEvent[]>();
  for (const event of records.events) {
    const list = byMember.get(event.memberId);
    if (list === undefined) byMember.set(event.memberId, [event]);
    else list.push(event);
  }
  const members: IndexedMember[] = [];
  const seen = new Set<string>();
  const add = (member: MetricMember) => {
    if (seen.has(member.id)) return;
    seen.add(member.id);
    const events = byMember.get(member.id) ?? [];
    members.push({ member, timeline: foldMemberEvents(applyMemberCorrections(events, knownAt)) });
  };
  for (const member of records.members) add(member);
  // Events of a member without a record still count; only their birth date and gender are unknown.
  for (const id of byMember.keys()) add({ id });
  return { kind: "member-record-index", knownAt, members, records };
}

/** The index for a question, reusing a given one when it was built for the same "known at". */
export function resolveIndex(
  data: MemberRecords | MemberRecordIndex,
  knownAt: Instant | undefined,
): MemberRecordIndex {
  if ("kind" in data) return data.knownAt === knownAt ? data : indexMemberRecords(data.records, knownAt);
  return indexMemberRecords(data, knownAt);
}

/** The part of an organisation tree the metrics need; the domain's resolved `OrganizationTree` fits. */
export type MetricTree = {
  nodes: ReadonlyMap<
    string,
    {
      id: string;
      parentId: string | null;
      childrenIds: readonly string[];
      level?: string | undefined;
      grassrootsKind?: string | undefined;
    }
  >;
};

/**
 * Which organisations a figure covers: `subtree` (default) is the organisation and everything
 * below it; `own` is the organisation alone, what belongs to it and not to its children.
 */
export type OrganizationScope = "subtree" | "own";

/** What every metric question names: the organisation, the tree it is read in, and the clock. */
export type MetricQuery = {
  /** The tree resolved for the date asked (the end of the period for a flow). */
  tree: MetricTree;
  organizationId: string;
  scope?: OrganizationScope | undefined;
  /** Only what had been recorded by then, so that a published figure can be reproduced. */
  knownAt?: Instant | undefined;
  /** When the figure is computed: passed in, so that the computation stays pure. */
  computedAt: Instant;
};
/** A question about a stock as of a date. */
export type StockQuery = MetricQuery & { asOf: CalendarDate };
/** A question about a flow over an inclusive period. */
export type FlowQuery = MetricQuery & { period: Period };
/** A question about a year, asked as of a date (a year not over yet ends at the as-of date). */
export type YearQuery = MetricQuery & { year: number; asOf: CalendarDate };
/** A cohort taken in a period and followed to a date. */
export type CohortQuery = MetricQuery & { period: Period; asOf: CalendarDate };

/**
 * The ids of the organisations a question covers.
 * @example resolveScopeIds(tree, "doan-khoi-dn", "own") // Set { "doan-khoi-dn" }
 */
export function resolveScopeIds(
  tree: MetricTree,
  organizationId: string,
  scope: OrganizationScope = "subtree",
): Set<string> {
  const ids = new Set<string>();
  if (!tree.nodes.has(organizationId)) return ids;
  if (scope === "own") {
    ids.add(organizationId);
    return ids;
  }
  const stack = [organizationId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (ids.has(id)) continue;
    ids.add(id);
    for (const child of tree.nodes.get(id)?.childrenIds ?? []) stack.push(child);
  }
  return ids;
}
