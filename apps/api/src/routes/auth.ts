// Signing in and out, the current user, and changing one's own password.
import { createRoute, z } from "@hono/zod-openapi";
import { toVietnamDate } from "@sodoan/domain";
import { and, desc, eq, lte } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type SignedInUser, toSignedInUser } from "../auth/guard.js";
import { hashPassword, RECOMMENDED_COST, verifyPassword } from "../auth/passwords.js";
import { createRateLimiter, DEFAULT_LOGIN_LIMITS } from "../auth/rate-limit.js";
import { ROLE_PERMISSIONS, ROLES } from "../auth/roles.js";
import {
  closeSession,
  closeSessionsOf,
  DEFAULT_SESSION_TTL_MS,
  openSession,
  SESSION_COOKIE,
} from "../auth/sessions.js";
import type { AppEnv, Services } from "../context.js";
import type { Db } from "../db/client.js";
import { appUser, organization, organizationName } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { clientAddress } from "../http/client-address.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

const tags = ["auth"];

export const MeSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      fullName: z.string(),
      role: z.enum(ROLES),
      mustChangePassword: z.boolean(),
    }),
    scope: z.object({ organizationId: z.string(), organizationName: z.string() }).nullable(),
    permissions: z.array(z.string()),
  })
  .openapi("Me");
export type Me = z.infer<typeof MeSchema>;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Email không hợp lệ / Invalid email address" }));

/** A new password: long enough to resist guessing, short enough to hash quickly. */
export const NewPasswordSchema = z
  .string()
  .min(10, { error: "Mật khẩu cần ít nhất 10 ký tự / A password needs at least 10 characters" })
  .max(200, { error: "Mật khẩu tối đa 200 ký tự / A password has at most 200 characters" });

const LoginSchema = z
  .object({
    email: EmailSchema,
    password: z.string().min(1).max(200),
  })
  .openapi("Login");

const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: NewPasswordSchema })
  .openapi("PasswordChange");

const WRONG_CREDENTIALS = { vi: "Sai email hoặc mật khẩu", en: "Wrong email or password" };

/** The organisation's name today, for the user's scope. */
async function currentNameOf(db: Db, organizationId: string, today: string): Promise<string> {
  const [row] = await db
    .select({ name: organizationName.name })
    .from(organizationName)
    .where(and(eq(organizationName.organizationId, organizationId), lte(organizationName.validFrom, today)))
    .orderBy(desc(organizationName.validFrom))
    .limit(1);
  if (row !== undefined) return row.name;
  // Organisations written without their dated names keep the name they were established with.
  const [established] = await db
    .select({ name: organization.name })
    .from(organization)
    .where(eq(organization.id, organizationId));
  return established?.name ?? organizationId;
}

export async function meOf(services: Services, user: SignedInUser): Promise<Me> {
  const today = toVietnamDate(services.now());
  return {
    user: {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
    },
    scope:
      user.organizationId === null
        ? null
        : {
            organizationId: user.organizationId,
            organizationName: await currentNameOf(services.database.db, user.organizationId, today),
          },
    permissions: [...ROLE_PERMISSIONS[user.role]],
  };
}

/** `Secure` when the browser reached us over HTTPS, directly or through a TLS-terminating proxy. */
function isHttps(c: Context<AppEnv>): boolean {
  return c.req.header("X-Forwarded-Proto") === "https" || new URL(c.req.url).protocol === "https:";
}

function setSessionCookie(c: Context<AppEnv>, token: string, ttlMs: number): void {
  // Lax: the cookie goes with a link followed from elsewhere (a reader can open an admin link),
  // never with another site's form or script.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c),
    maxAge: Math.floor(ttlMs / 1000),
  });
}

/** A hash no password matches, so that an unknown email costs as much time as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The sign-in routes; their attempt counters live as long as the app. */
export function authRoutes(services: Services) {
  const limits = services.auth?.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const perAccount = createRateLimiter(limits.perAccount);
  const perAddress = createRateLimiter(limits.perAddress);
  const ttlMs = services.auth?.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const cost = services.auth?.passwordCost ?? RECOMMENDED_COST;

  return createRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/login",
        tags,
        summary: "Đăng nhập / Sign in",
        request: { body: { content: { "application/json": { schema: LoginSchema } }, required: true } },
        responses: {
          200: jsonResponse(MeSchema, "Đã đăng nhập; cookie phiên đã đặt / Signed in; session cookie set"),
          400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
          401: errorResponse("Sai email hoặc mật khẩu / Wrong email or password"),
          429: errorResponse("Quá nhiều lần thử / Too many attempts"),
        },
      }),
      async (c) => {
        const { email, password } = c.req.valid("json");
        const now = services.now().getTime();
        const wait = Math.max(perAddress.hit(clientAddress(c), now), perAccount.hit(email, now));
        if (wait > 0) {
          throw new ApiError(
            "RATE_LIMITED",
            {
              vi: `Quá nhiều lần đăng nhập, hãy thử lại sau ${wait} giây`,
              en: `Too many sign-in attempts; try again in ${wait} seconds`,
            },
            { headers: { "Retry-After": String(wait) } },
          );
        }
        const { database } = c.var.services;
        const [row] = await database.db.select().from(appUser).where(eq(appUser.email, email));
        decoyHash ??= hashPassword("decoy", cost);
        const matches = await verifyPassword(password, row?.passwordHash ?? (await decoyHash));
        if (row === undefined || !matches || row.disabledAt !== null) {
          throw new ApiError("UNAUTHENTICATED", WRONG_CREDENTIALS);
        }
        perAccount.reset(email);
        const token = await openSession(database.db, row.id, services.now(), ttlMs);
        setSessionCookie(c, token, ttlMs);
        return c.json(await meOf(c.var.services, toSignedInUser(row)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/logout",
        tags,
        summary: "Đăng xuất / Sign out",
        responses: { 204: { description: "Đã đăng xuất / Signed out" } },
      }),
      async (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token !== undefined) await closeSession(c.var.services.database.db, token);
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me",
        tags,
        summary: "Người dùng hiện tại, phạm vi và quyền / The current user, their scope and permissions",
        responses: {
          200: jsonResponse(MeSchema, "Người dùng / The user"),
          401: errorResponse("Chưa đăng nhập / Not signed in"),
        },
      }),
      async (c) => c.json(await meOf(c.var.services, signedInUser(c)), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/password",
        tags,
        summary: "Đổi mật khẩu của mình / Change one's own password",
        request: {
          body: { content: { "application/json": { schema: PasswordChangeSchema } }, required: true },
        },
        responses: {
          204: { description: "Đã đổi; các phiên khác đã đóng / Changed; other sessions closed" },
          400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
        },
      }),
      async (c) => {
        const { currentPassword, newPassword } = c.req.valid("json");
        const user = signedInUser(c);
        const { database } = c.var.services;
        const [row] = await database.db.select().from(appUser).where(eq(appUser.id, user.id));
        if (row === undefined || !(await verifyPassword(currentPassword, row.passwordHash))) {
          const message = { vi: "Mật khẩu hiện tại không đúng", en: "The current password is wrong" };
          throw new ApiError("VALIDATION_FAILED", message, {
            issues: [{ path: ["currentPassword"], message }],
          });
        }
        const passwordHash = await hashPassword(newPassword, cost);
        const token = await database.db.transaction(async (tx) => {
          await tx
            .update(appUser)
            .set({
              passwordHash,
              mustChangePassword: false,
              version: row.version + 1,
              updatedAt: services.now().toISOString(),
            })
            .where(eq(appUser.id, user.id));
          // Whoever may have learnt the old password is signed out; this browser stays signed in.
          await closeSessionsOf(tx, user.id);
          return openSession(tx, user.id, services.now(), ttlMs);
        });
        setSessionCookie(c, token, ttlMs);
        return c.body(null, 204);
      },
    );
}

/** The user of a route that the guard lets through only when signed in. */
export function signedInUser(c: Context<AppEnv>): SignedInUser {
  const user = c.var.user;
  if (user === undefined)
    throw new ApiError("UNAUTHENTICATED", { vi: "Cần đăng nhập", en: "Sign-in required" });
  return user;
}
