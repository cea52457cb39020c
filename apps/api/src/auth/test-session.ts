// For tests of the routes: an app whose requests carry the session of a user made for the test.

import { eq } from "drizzle-orm";
import { createApp, type Services } from "../app.js";
import type { Db } from "../db/client.js";
import { appUser } from "../db/schema/index.js";
import { hashPassword, type ScryptCost } from "./passwords.js";
import type { Role } from "./roles.js";
import { openSession, SESSION_COOKIE } from "./sessions.js";

/** scrypt at a cost tests can afford thousands of times; the stored hash says which cost it used. */
export const TEST_PASSWORD_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

export type TestUser = { role: Role; organizationId?: string | null; email?: string; password?: string };

/**
 * Creates (or finds, by email) an account and opens a session for it; the Cookie header to send.
 * The default is a system administrator, who reaches every record.
 */
export async function testSessionCookie(db: Db, user: TestUser = { role: "system_admin" }, now = new Date()) {
  const email = user.email ?? `${user.role}.${user.organizationId ?? "all"}@sodoan.test`;
  let [row] = await db.select().from(appUser).where(eq(appUser.email, email));
  if (row === undefined) {
    const at = now.toISOString();
    [row] = await db
      .insert(appUser)
      .values({
        email,
        fullName: `Người thử ${user.role}`,
        role: user.role,
        organizationId: user.organizationId ?? null,
        passwordHash: await hashPassword(user.password ?? "mat-khau-thu-nghiem", TEST_PASSWORD_COST),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
  }
  if (row === undefined) throw new Error(`The test account ${email} could not be created`);
  // A session that outlives any clock a test sets.
  const token = await openSession(db, row.id, new Date(0), 1e14);
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * The app of `createApp(services)` whose `request()` sends the session of `user` (a system
 * administrator by default), for tests about what the routes do rather than who may call them.
 */
export async function createSignedInApp(services: Services, user?: TestUser) {
  const app = createApp({ auth: { passwordCost: TEST_PASSWORD_COST }, ...services });
  const cookie = await testSessionCookie(services.database.db, user);
  const request: typeof app.request = (input, init, env, executionCtx) => {
    const headers = new Headers(init?.headers);
    if (!headers.has("Cookie")) headers.set("Cookie", cookie);
    return app.request(input, { ...init, headers }, env, executionCtx);
  };
  return Object.assign(Object.create(app) as typeof app, { request });
}
