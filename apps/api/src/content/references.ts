// Checks that the organisations and conferences a write names exist, so that a wrong id is a 400
// naming the field rather than a bare constraint error.
import type { DomainIssue } from "@sodoan/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conference, organization } from "../db/schema/index.js";
import { ApiError, DEFAULT_MESSAGES } from "../errors.js";

type References = { organization?: [string, string | undefined]; conference?: [string, string | undefined] };

/** Refuses with 400 when a named organisation or conference does not exist. */
export async function assertReferencesExist(db: Db, references: References): Promise<void> {
  const issues: DomainIssue[] = [];
  if (references.organization?.[1] !== undefined) {
    const [field, id] = references.organization;
    const rows = await db.select({ id: organization.id }).from(organization).where(eq(organization.id, id));
    if (rows.length === 0)
      issues.push({
        path: [field],
        message: { vi: "Không có tổ chức này", en: "No such organisation" },
      });
  }
  if (references.conference?.[1] !== undefined) {
    const [field, id] = references.conference;
    const rows = await db.select({ id: conference.id }).from(conference).where(eq(conference.id, id));
    if (rows.length === 0)
      issues.push({ path: [field], message: { vi: "Không có hội nghị này", en: "No such conference" } });
  }
  if (issues.length > 0)
    throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, { issues });
}
