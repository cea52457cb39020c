// The records a metric is computed from, for one organisation's subtree: its members (those with
// an event in one of its units), their whole event histories, their referrals, and the ratings of
// its organisations.
import type { MemberRecords, MetricMember, OrganizationRating, Referral } from "@sodoan/domain";
import { inArray, or } from "drizzle-orm";
import type { Db } from "../client.js";
import { member, memberEvent, organizationRating, referral } from "../schema/index.js";
import { loadMemberEvents } from "./members.js";
import { toInstant } from "./tree.js";

/** Ids are sent to the database in chunks this size, well within its parameter limit. */
const CHUNK = 1000;

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) chunks.push(items.slice(start, start + CHUNK));
  return chunks;
}

/** A stored organisation rating as the domain's record. */
export function toOrganizationRating(row: typeof organizationRating.$inferSelect): OrganizationRating {
  const rating: OrganizationRating = {
    id: row.id,
    organizationId: row.organizationId,
    year: row.year,
    levelId: row.levelId,
    effectiveDate: row.effectiveDate,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.decidedBy !== null) rating.decidedBy = row.decidedBy;
  if (row.note !== null) rating.note = row.note;
  return rating;
}

/**
 * Loads what the domain's metric functions read for the organisations `unitIds` (a subtree). A
 * member counts for the subtree only through events in its units, so members who never had one
 * are left out; those who did come with their whole history, since leaving the subtree is part of it.
 */
export async function loadMetricRecords(db: Db, unitIds: readonly string[]): Promise<MemberRecords> {
  const memberIds = new Set<string>();
  for (const chunk of chunksOf(unitIds)) {
    const rows = await db
      .selectDistinct({ memberId: memberEvent.memberId })
      .from(memberEvent)
      .where(or(inArray(memberEvent.unitId, chunk), inArray(memberEvent.otherUnitId, chunk)));
    for (const row of rows) memberIds.add(row.memberId);
  }
  const ids = [...memberIds];
  const eventsByMember = await loadMemberEvents(db, ids);

  const members: MetricMember[] = [];
  const referrals: Referral[] = [];
  for (const chunk of chunksOf(ids)) {
    const memberRows = await db
      .select({ id: member.id, birthDate: member.birthDate, gender: member.gender })
      .from(member)
      .where(inArray(member.id, chunk));
    for (const row of memberRows) {
      members.push({
        id: row.id,
        birthDate: row.birthDate ?? undefined,
        gender: row.gender === "male" || row.gender === "female" ? row.gender : undefined,
      });
    }
    const referralRows = await db
      .select({ data: referral.data })
      .from(referral)
      .where(inArray(referral.memberId, chunk));
    referrals.push(...referralRows.map((row) => row.data));
  }

  const organizationRatings: OrganizationRating[] = [];
  for (const chunk of chunksOf(unitIds)) {
    const rows = await db
      .select()
      .from(organizationRating)
      .where(inArray(organizationRating.organizationId, chunk));
    organizationRatings.push(...rows.map(toOrganizationRating));
  }

  return { members, events: [...eventsByMember.values()].flat(), referrals, organizationRatings };
}
