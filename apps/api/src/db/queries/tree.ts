// Reading the dated organisation tree from the database: the stored records as the domain's
// `OrganizationRecords`, and the subtree of an organisation on a date.
import {
  type LineageEvent,
  type Organization,
  type OrganizationRecords,
  type ParentLink,
  resolveOrganizationTree,
  subtreeIds,
} from "@sodoan/domain";
import { and, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client.js";
import { lineageEvent, lineageParticipant, organization, parentLink } from "../schema/index.js";

type OrganizationRow = typeof organization.$inferSelect;
type ParentLinkRow = typeof parentLink.$inferSelect;

/** PostgreSQL answers `2017-09-01 06:00:00+00`; the domain wants ISO 8601. */
export function toInstant(value: string): string {
  return new Date(value).toISOString();
}

/** A stored organisation as the domain's record. */
export function toOrganization(row: OrganizationRow): Organization {
  const org: Organization = {
    id: row.id,
    name: row.name,
    level: row.level as Organization["level"],
    establishedOn: row.establishedOn,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.data.shortName !== undefined) org.shortName = row.data.shortName;
  if (row.data.englishName !== undefined) org.englishName = row.data.englishName;
  if (row.data.establishedBy !== undefined) org.establishedBy = row.data.establishedBy;
  if (row.grassrootsKind !== null) org.grassrootsKind = row.grassrootsKind as Organization["grassrootsKind"];
  if (row.sector !== null) org.sector = row.sector as Organization["sector"];
  if (row.area !== null) org.area = row.area as Organization["area"];
  return org;
}

/** A stored parent link as the domain's record. */
export function toParentLink(row: ParentLinkRow): ParentLink {
  const link: ParentLink = {
    id: row.id,
    childId: row.childId,
    parentId: row.parentId,
    from: row.validFrom,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.validTo !== null) link.to = row.validTo;
  if (row.decidedBy !== null) link.decidedBy = row.decidedBy;
  return link;
}

/**
 * The stored records of the tree, as the domain reads them. With `ids`, the records about those
 * organisations: the organisations, their own parent links and the events that name them (whose
 * other organisations are not loaded). A `reparented` event's own link is left out: the event
 * already acts as that link.
 */
export async function loadOrganizationRecords(db: Db, ids?: string[]): Promise<OrganizationRecords> {
  if (ids !== undefined && ids.length === 0) {
    return { organizations: [], parentLinks: [], lineageEvents: [] };
  }
  const [orgRows, linkRows, eventRows] = await Promise.all([
    ids === undefined
      ? db.select().from(organization)
      : db.select().from(organization).where(inArray(organization.id, ids)),
    ids === undefined
      ? db.select().from(parentLink).where(isNull(parentLink.lineageEventId))
      : db
          .select()
          .from(parentLink)
          .where(and(inArray(parentLink.childId, ids), isNull(parentLink.lineageEventId))),
    ids === undefined
      ? db.select({ body: lineageEvent.body, recordedAt: lineageEvent.recordedAt }).from(lineageEvent)
      : db
          .select({ body: lineageEvent.body, recordedAt: lineageEvent.recordedAt })
          .from(lineageEvent)
          .where(
            inArray(
              lineageEvent.id,
              db
                .select({ id: lineageParticipant.eventId })
                .from(lineageParticipant)
                .where(inArray(lineageParticipant.organizationId, ids)),
            ),
          ),
  ]);
  return {
    organizations: orgRows.map(toOrganization),
    parentLinks: linkRows.map(toParentLink),
    lineageEvents: eventRows.map(
      (row): LineageEvent => ({ ...row.body, recordedAt: toInstant(row.recordedAt) }),
    ),
  };
}

/**
 * The ids of an organisation and of everything below it on a date, the organisation first, as the
 * domain's `subtreeIds(resolveOrganizationTree(records, { asOf }), id)` gives them; empty when
 * the organisation does not exist on that date.
 */
export async function subtreeIdsAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const records = await loadOrganizationRecords(db);
  return subtreeIds(resolveOrganizationTree(records, { asOf }), organizationId);
}
