// Imports domain records as they are, historical recording times included: the path for reference
// data and for records brought over from another register. Each kind is written in chunks.
import {
  currentReferralStage,
  type LineageEvent,
  type Member,
  type MemberEvent,
  type Organization,
  type OrganizationRating,
  type ParentLink,
  type Referral,
} from "@sodoan/domain";
import { sql } from "drizzle-orm";
import { insertInChunks } from "./chunks.js";
import type { Db } from "./client.js";
import { refreshMemberTimelines } from "./queries/member-timelines.js";
import { eventColumns, memberColumns } from "./queries/members.js";
import { insertOrganizationRecords } from "./queries/organizations.js";
import { member, memberEvent, organizationRating, referral } from "./schema/index.js";

/** Everything a register holds, as the domain's records. */
export type RegisterRecords = {
  organizations: readonly Organization[];
  parentLinks: readonly ParentLink[];
  lineageEvents: readonly LineageEvent[];
  members: readonly Member[];
  memberEvents: readonly MemberEvent[];
  referrals: readonly Referral[];
  organizationRatings: readonly OrganizationRating[];
};

/**
 * Writes the records in the order their references need: organisations first, events after
 * members, then the members' timelines for the metrics.
 */
export async function importRegisterRecords(db: Db, records: RegisterRecords): Promise<void> {
  await insertOrganizationRecords(db, records);
  await insertInChunks(records.members, (chunk) =>
    db.insert(member).values(
      chunk.map((record) => ({
        id: record.id,
        ...memberColumns(record),
        createdAt: record.createdAt,
        updatedAt: record.createdAt,
      })),
    ),
  );
  await insertInChunks(records.memberEvents, (chunk) =>
    db.insert(memberEvent).values(chunk.map(eventColumns)),
  );
  await refreshMemberTimelines(db, [
    ...records.members.map((record) => record.id),
    ...records.memberEvents.map((event) => event.memberId),
  ]);
  await insertInChunks(records.referrals, (chunk) =>
    db.insert(referral).values(
      chunk.map((record) => ({
        id: record.id,
        memberId: record.memberId,
        organizationId: record.organizationId,
        referredOn: record.referredOn,
        stage: currentReferralStage(record),
        data: record,
        recordedAt: record.recordedAt,
      })),
    ),
  );
  await insertInChunks(records.organizationRatings, (chunk) =>
    db.insert(organizationRating).values(
      chunk.map((rating) => ({
        id: rating.id,
        organizationId: rating.organizationId,
        year: rating.year,
        levelId: rating.levelId,
        effectiveDate: rating.effectiveDate,
        decidedBy: rating.decidedBy ?? null,
        note: rating.note ?? null,
        recordedAt: rating.recordedAt,
      })),
    ),
  );
  // A bulk load changes the tables' sizes by orders of magnitude: the planner needs their statistics
  // now, not when autovacuum comes round (PGlite, single-user, has no autovacuum at all).
  await db.execute(sql`analyze`);
}
