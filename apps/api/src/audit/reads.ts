// Reads of sensitive personal data are part of the trail too: who saw which fields of whom, when;
// and so are the copies an access request hands out and the erasures.
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import type { Tx } from "../db/queries/members.js";
import { auditEvent } from "../db/schema/index.js";

/**
 * Records that the signed-in user read these sensitive fields of a member (`read`), exported the
 * member's data (`export`) or erased it (`erase`): the trail names the fields, never their values.
 * An erasure records itself in its own transaction, `db`.
 */
export async function recordSensitiveRead(
  c: Context<AppEnv>,
  memberId: string,
  fields: readonly string[],
  action: "read" | "export" | "erase" = "read",
  db: Db | Tx = c.var.services.database.db,
): Promise<void> {
  await db.insert(auditEvent).values({
    at: c.var.services.now().toISOString(),
    actorId: c.var.user?.id ?? null,
    actorEmail: c.var.user?.email ?? null,
    requestId: c.var.requestId,
    action,
    tableName: "member",
    rowId: memberId,
    subjectType: "member",
    subjectId: memberId,
    before: null,
    after: { fields },
  });
}
