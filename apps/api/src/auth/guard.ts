// The one layer every request passes: it finds the route's rule, the caller's session, role and
// scope, refuses what they may not do (401, 403, or 404 for records outside their scope), and
// gives the handlers a database whose transactions record who changed what.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { matchedRoutes } from "hono/route";
import { type Access, NOTHING, UNRESTRICTED } from "../access.js";
import { withAuditContext } from "../audit/context.js";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import { idsEverInSubtree } from "../db/queries/tree.js";
import type { SnapshotCache } from "../db/snapshot-cache.js";
import { ApiError, DEFAULT_MESSAGES } from "../errors.js";
import { type RequestParts, ROUTE_RULES, type Rule } from "./policy.js";
import { organizationsOfRecord } from "./records.js";
import { can, type Permission, type Role } from "./roles.js";
import { SESSION_COOKIE, type UserRow, userOfSession } from "./sessions.js";

/** The signed-in user as the handlers see them. */
export type SignedInUser = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  /** The root of their scope; null for a system administrator. */
  organizationId: string | null;
  mustChangePassword: boolean;
};

export function toSignedInUser(row: UserRow): SignedInUser {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role as Role,
    organizationId: row.organizationId,
    mustChangePassword: row.mustChangePassword,
  };
}

/**
 * What a user reaches: everything for a system administrator, else their organisation's subtree,
 * read once for as long as the data stay the same (the tree and the account can change only by a
 * write).
 */
export async function accessOf(db: Db, held: SnapshotCache, user: SignedInUser): Promise<Access> {
  const root = user.organizationId;
  if (user.role === "system_admin" || root === null) return UNRESTRICTED;
  const organizationIds = await held.get(db, `access.subtree ${root}`, () => idsEverInSubtree(db, root));
  return { kind: "subtree", root, organizationIds };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The rule of the route that will answer: the first matched handler registered for the method. */
export function ruleOf(
  c: Context<AppEnv>,
): { key: string; rule: Rule | undefined; param: Record<string, string> } | undefined {
  const method = c.req.method === "HEAD" ? "GET" : c.req.method;
  const route = matchedRoutes(c).find((r) => r.method === method);
  if (route === undefined) return undefined;
  const key = `${method} ${route.path}`;
  return { key, rule: ROUTE_RULES[key], param: paramsOf(route.path, c.req.path) };
}

/**
 * The path parameters of a route pattern (`/members/:id`) in a path. A middleware's own
 * `c.req.param()` holds its own pattern's (none), not those of the route that will answer.
 */
function paramsOf(pattern: string, path: string): Record<string, string> {
  const names: string[] = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  const match = new RegExp(`^${source}/?$`).exec(path);
  if (match === null) return {};
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
}

/**
 * Whether a state-changing request comes from a page of another site. Browsers say so in
 * `Sec-Fetch-Site` or `Origin`; a request with neither comes from a program, not a page a user was
 * lured to, and its cookie was not sent by a browser on someone's behalf.
 */
function isCrossOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("Origin");
  if (origin === undefined) return false;
  // Behind the admin's proxy (or any reverse proxy) the browser's host is the forwarded one.
  const host = c.req.header("X-Forwarded-Host") ?? c.req.header("Host") ?? new URL(c.req.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function jsonBodyOf(c: Context<AppEnv>): Promise<Record<string, unknown> | undefined> {
  if (!(c.req.header("Content-Type") ?? "").includes("application/json")) return undefined;
  try {
    // A copy: the route's own reading (and body limit) must still find the stream unread.
    const body: unknown = await c.req.raw.clone().json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    // Malformed JSON: the route's validation answers it.
    return undefined;
  }
}

const OUTSIDE_SCOPE = DEFAULT_MESSAGES.NOT_FOUND;

/** What a user with a temporary password may still do: see who they are, change it, or leave. */
const PASSWORD_CHANGE_ROUTES = new Set([
  "GET /api/v1/auth/me",
  "POST /api/v1/auth/password",
  "POST /api/v1/auth/logout",
]);

export const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const services = c.var.services;
  c.set("user", undefined);
  c.set("access", NOTHING);
  const matched = ruleOf(c);
  // No route: the app's 404 answers.
  if (matched === undefined) return next();
  const { key, rule, param } = matched;
  if (rule === undefined) {
    services.log?.({ level: "error", msg: "route without an access rule", route: key });
    throw new ApiError("FORBIDDEN", DEFAULT_MESSAGES.FORBIDDEN);
  }

  const db = services.database.db;
  const held = c.var.snapshotCache;
  const token = getCookie(c, SESSION_COOKIE);
  const row = token === undefined ? undefined : await userOfSession(db, held, token, services.now());
  const user = row === undefined ? undefined : toSignedInUser(row);
  const auditContext = {
    actor: user === undefined ? undefined : { id: user.id, email: user.email },
    requestId: c.var.requestId,
    now: services.now,
  };
  c.set("services", { ...services, database: withAuditContext(services.database, auditContext) });
  if (rule.access === "public") {
    c.set("user", user);
    return next();
  }

  if (user === undefined) throw new ApiError("UNAUTHENTICATED", DEFAULT_MESSAGES.UNAUTHENTICATED);
  c.set("user", user);
  if (!SAFE_METHODS.has(c.req.method) && isCrossOrigin(c)) {
    throw new ApiError("FORBIDDEN", {
      vi: "Yêu cầu thay đổi dữ liệu phải đến từ chính trang quản trị",
      en: "Changes must come from the admin's own pages",
    });
  }
  // A temporary password (an administrator's reset) opens nothing but the way to replace it.
  if (user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(key)) {
    throw new ApiError("FORBIDDEN", {
      vi: "Hãy đổi mật khẩu tạm trước khi tiếp tục",
      en: "Change your temporary password before going on",
    });
  }
  if (rule.permission !== undefined && !can(user.role, rule.permission)) {
    throw new ApiError("FORBIDDEN", DEFAULT_MESSAGES.FORBIDDEN);
  }

  const access = await accessOf(db, held, user);
  c.set("access", access);
  if (rule.records !== undefined) {
    const parts: RequestParts = { param, query: c.req.query(), body: await jsonBodyOf(c) };
    for (const ref of rule.records(parts)) {
      if (ref.kind === "root") {
        if (access.kind !== "unrestricted") throw new ApiError("FORBIDDEN", DEFAULT_MESSAGES.FORBIDDEN);
        continue;
      }
      if (access.kind === "unrestricted") continue;
      const organizations = await organizationsOfRecord(db, ref.kind, ref.id);
      if (organizations === undefined) continue;
      const reach = new Set(access.organizationIds);
      if (!organizations.some((id) => reach.has(id))) throw new ApiError("NOT_FOUND", OUTSIDE_SCOPE);
    }
  }
  return next();
};

/** Whether the signed-in user of a request holds a permission. */
export function userCan(c: Context<AppEnv>, permission: Permission): boolean {
  const user = c.var.user;
  return user !== undefined && can(user.role, permission);
}
