// Position terms as the domain reads them, and the lock that keeps one holder per single-holder post.
import { foldVietnamese, type PositionTerm, type PositionTermCreate } from "@sodoan/domain";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { positionTerm } from "../schema/index.js";
import { toInstant } from "./tree.js";

type PositionTermRow = typeof positionTerm.$inferSelect;

/** A stored term as the domain's record, with its version for If-Match. */
export function toPositionTerm(row: PositionTermRow): PositionTerm & { version: number } {
  const term: PositionTerm & { version: number } = {
    id: row.id,
    organizationId: row.organizationId,
    title: row.title as PositionTerm["title"],
    person: row.person,
    from: row.validFrom,
    recordedAt: toInstant(row.recordedAt),
    version: row.version,
  };
  if (row.validTo !== null) term.to = row.validTo;
  if (row.decidedBy !== null) term.decidedBy = row.decidedBy;
  return term;
}

/** The columns of a term as entered. */
export function positionTermColumns(term: PositionTermCreate) {
  return {
    organizationId: term.organizationId,
    title: term.title,
    person: term.person,
    personFolded: foldVietnamese(term.person.fullName),
    validFrom: term.from,
    validTo: term.to ?? null,
    decidedBy: term.decidedBy ?? null,
  };
}

/** The terms of an organisation (and of one position in it), earliest first. */
export async function loadPositionTerms(
  db: Db,
  filter: { organizationId: string; title?: string },
): Promise<(PositionTerm & { version: number })[]> {
  const conditions: SQL[] = [eq(positionTerm.organizationId, filter.organizationId)];
  if (filter.title !== undefined) conditions.push(eq(positionTerm.title, filter.title));
  const rows = await db
    .select()
    .from(positionTerm)
    .where(and(...conditions))
    .orderBy(positionTerm.validFrom, sql`${positionTerm.id} collate "C"`);
  return rows.map(toPositionTerm);
}

/**
 * Serialises changes to one organisation's terms until the transaction ends, so that two
 * requests cannot both seat a secretary for the same days.
 */
export async function lockPositions(db: Db, organizationId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`position_term:${organizationId}`}))`);
}
