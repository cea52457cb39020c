// The first account: without one nobody could sign in to create the others.
import { count } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { appUser } from "../db/schema/index.js";
import { hashPassword, RECOMMENDED_COST, type ScryptCost } from "./passwords.js";

/**
 * Creates a system administrator with this email and password when the database has no account;
 * does nothing otherwise, so that a restart never resets a password someone has changed.
 * Whether it created one.
 */
export async function ensureFirstAdministrator(
  database: Database,
  credentials: { email: string; password: string; fullName?: string },
  now: Date,
  cost: ScryptCost = RECOMMENDED_COST,
): Promise<boolean> {
  const [existing] = await database.db.select({ value: count() }).from(appUser);
  if ((existing?.value ?? 0) > 0) return false;
  const at = now.toISOString();
  // Instances starting together may both find no account: the second insert then does nothing.
  const created = await database.db
    .insert(appUser)
    .values({
      email: credentials.email.trim().toLowerCase(),
      fullName: credentials.fullName ?? "Quản trị hệ thống",
      role: "system_admin",
      organizationId: null,
      passwordHash: await hashPassword(credentials.password, cost),
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: appUser.email })
    .returning({ id: appUser.id });
  return created.length > 0;
}
