// Stored organisation ratings as the domain's records.
import type { OrganizationRating } from "@sodoan/domain";
import type { organizationRating } from "../schema/index.js";
import { toInstant } from "./tree.js";

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
