// Writing the organisation records: each domain record with the rows that index it (names for
// search and order, event participants, a re-parent's link), so that readers never see one without
// the other. Callers run these inside their transaction.
import {
  foldVietnamese,
  type LineageEvent,
  type Organization,
  type ParentLink,
  vietnameseSortKey,
} from "@sodoan/domain";
import type { Db } from "../client.js";
import { lineageEvent, lineageParticipant, organization, organizationName, parentLink } from "../schema/index.js";

/** Rows a multi-row insert carries at most, well below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

type Names = { name: string; shortName?: string | undefined; englishName?: string | undefined };

/** The row of a name an organisation bore from a date, with its search and sort columns. */
function nameRow(organizationId: string, validFrom: string, recordedAt: string, names: Names, eventId: string | null) {
  const forms = [names.name, names.shortName, names.englishName].filter((form) => form !== undefined);
  return {
    organizationId,
    validFrom,
    recordedAt,
    eventId,
    name: names.name,
    shortName: names.shortName ?? null,
    englishName: names.englishName ?? null,
    folded: foldVietnamese(forms.join(" ")),
    sortKey: vietnameseSortKey(names.name),
  };
}

/** Stores organisations as the domain gives them, with the name each was established with. */
export async function insertOrganizations(db: Db, organizations: readonly Organization[]): Promise<void> {
  await insertInChunks(organizations, async (chunk) => {
    await db.insert(organization).values(
      chunk.map((org) => ({
        id: org.id,
        name: org.name,
        level: org.level,
        grassrootsKind: org.grassrootsKind ?? null,
        sector: org.sector ?? null,
        area: org.area ?? null,
        establishedOn: org.establishedOn,
        recordedAt: org.recordedAt,
        data: {
          ...(org.shortName === undefined ? {} : { shortName: org.shortName }),
          ...(org.englishName === undefined ? {} : { englishName: org.englishName }),
          ...(org.establishedBy === undefined ? {} : { establishedBy: org.establishedBy }),
        },
      })),
    );
    await db
      .insert(organizationName)
      .values(chunk.map((org) => nameRow(org.id, org.establishedOn, org.recordedAt, org, null)));
  });
}

/** Stores parent links as the domain gives them; `lineageEventId` marks a re-parent's own link. */
export async function insertParentLinks(
  db: Db,
  links: readonly ParentLink[],
  lineageEventId: string | null = null,
): Promise<void> {
  await insertInChunks(links, (chunk) =>
    db.insert(parentLink).values(
      chunk.map((link) => ({
        id: link.id,
        childId: link.childId,
        parentId: link.parentId,
        validFrom: link.from,
        validTo: link.to ?? null,
        decidedBy: link.decidedBy ?? null,
        recordedAt: link.recordedAt,
        lineageEventId,
      })),
    ),
  );
}

type Participant = typeof lineageParticipant.$inferInsert;

/** The organisations an event is about, each with its role and whether the event ends it. */
export function participantsOf(event: LineageEvent): Participant[] {
  const base = { eventId: event.id, effectiveDate: event.effectiveDate, mergedIntoId: null };
  switch (event.type) {
    case "renamed":
    case "reparented":
      return [{ ...base, organizationId: event.organizationId, role: "subject", isEnding: false }];
    case "dissolved":
      return [{ ...base, organizationId: event.organizationId, role: "subject", isEnding: true }];
    case "merged": {
      const sources = [...new Set(event.sourceIds)]
        .filter((id) => id !== event.targetId)
        .map((id) => ({ ...base, organizationId: id, role: "source", isEnding: true, mergedIntoId: event.targetId }));
      return [...sources, { ...base, organizationId: event.targetId, role: "target", isEnding: false }];
    }
    case "split": {
      const targets = [...new Set(event.targetIds)]
        .filter((id) => id !== event.sourceId)
        .map((id) => ({ ...base, organizationId: id, role: "target", isEnding: false }));
      return [
        { ...base, organizationId: event.sourceId, role: "source", isEnding: !event.sourceContinues },
        ...targets,
      ];
    }
  }
}

/**
 * Stores lineage events as the domain gives them, with their participants; a rename adds the
 * name it gives, and a re-parent the parent link it acts as.
 */
export async function insertLineageEvents(db: Db, events: readonly LineageEvent[]): Promise<void> {
  await insertInChunks(events, async (chunk) => {
    await db.insert(lineageEvent).values(
      chunk.map((event) => ({
        id: event.id,
        type: event.type,
        effectiveDate: event.effectiveDate,
        recordedAt: event.recordedAt,
        body: event,
      })),
    );
    await db.insert(lineageParticipant).values(chunk.flatMap(participantsOf));
    const renames = chunk.filter((event) => event.type === "renamed");
    if (renames.length > 0) {
      await db
        .insert(organizationName)
        .values(
          renames.map((event) =>
            nameRow(event.organizationId, event.effectiveDate, event.recordedAt, event, event.id),
          ),
        );
    }
    for (const event of chunk) {
      if (event.type !== "reparented") continue;
      await insertParentLinks(
        db,
        [
          {
            id: `link-${event.id}`,
            childId: event.organizationId,
            parentId: event.toParentId,
            from: event.effectiveDate,
            recordedAt: event.recordedAt,
            ...(event.decidedBy === undefined ? {} : { decidedBy: event.decidedBy }),
          },
        ],
        event.id,
      );
    }
  });
}

/** Stores a dataset of organisation records in one go (the demo data, an import, a test). */
export async function insertOrganizationRecords(
  db: Db,
  records: {
    organizations: readonly Organization[];
    parentLinks: readonly ParentLink[];
    lineageEvents: readonly LineageEvent[];
  },
): Promise<void> {
  await insertOrganizations(db, records.organizations);
  await insertParentLinks(db, records.parentLinks);
  await insertLineageEvents(db, records.lineageEvents);
}
