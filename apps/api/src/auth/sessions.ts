// Sessions kept in the database, so that any API instance can honour them and an administrator can
// end them: the browser holds a random token in an HttpOnly cookie, the table only its hash.
import { createHash, randomBytes } from "node:crypto";
import { eq, lte } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { appUser, userSession } from "../db/schema/index.js";
import type { SnapshotCache } from "../db/snapshot-cache.js";

export const SESSION_COOKIE = "sodoan_session";

/** How long a session lasts from sign-in: a working day and a night, then sign in again. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type UserRow = typeof appUser.$inferSelect;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Opens a session for the user; the token returned goes into the cookie and nowhere else. */
export async function openSession(db: Db, userId: string, now: Date, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // Expired sessions are swept as new ones open, so the table holds roughly the live ones.
  await db.delete(userSession).where(lte(userSession.expiresAt, now.toISOString()));
  await db.insert(userSession).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return token;
}

/**
 * The user of a live session, or nothing: expired, ended, unknown, or the account disabled.
 *
 * The session is read through the app's snapshot cache, once for as long as the data stay the
 * same rather than on every request: a sign-out, a disabled account or a changed scope is a write,
 * which the next request sees on any instance (see `db/snapshot-cache.ts`). Running out needs no
 * write, so the end of the session is checked against the clock on every use.
 */
export async function userOfSession(
  db: Db,
  held: SnapshotCache,
  token: string,
  now: Date,
): Promise<UserRow | undefined> {
  const tokenHash = hashToken(token);
  const session = await held.get(db, `session ${tokenHash}`, async () => {
    const [row] = await db
      .select({ user: appUser, expiresAt: userSession.expiresAt })
      .from(userSession)
      .innerJoin(appUser, eq(appUser.id, userSession.userId))
      .where(eq(userSession.tokenHash, tokenHash));
    return row;
  });
  if (session === undefined || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  return session.user.disabledAt === null ? session.user : undefined;
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.tokenHash, hashToken(token)));
}

/** Ends every session of a user: after a password change or reset, or when the account is disabled. */
export async function closeSessionsOf(db: Db, userId: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.userId, userId));
}
