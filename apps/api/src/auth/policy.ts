// The access rule of every route, in one table: who may call it, with which permission, and which
// records it touches, so that the guard can check the caller's scope before any handler runs.
// A route missing here is refused (and the route-by-role test fails), never left open.
import type { Permission } from "./roles.js";

/** A kind of record whose organisations decide whether it lies in a scope. */
export type RecordKind =
  | "organization"
  | "member"
  | "article"
  | "article-slug"
  | "conference"
  | "comment"
  | "referral"
  | "position"
  | "user";

/**
 * A record a request names. `root` stands for "above every organisation": creating a root
 * organisation or a system administrator, which no subtree scope covers.
 */
export type RecordRef = { kind: RecordKind; id: string } | { kind: "root" };

/** What the guard hands a rule's `records`: the request's path parameters, query and JSON body. */
export type RequestParts = {
  param: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
};

export type Rule =
  /** Anyone, signed in or not. */
  | { access: "public" }
  | {
      access: "signed-in";
      /** The permission the caller's role must hold; any signed-in user when absent. */
      permission?: Permission;
      /** The records the request reaches: each that exists must lie in the caller's scope. */
      records?: (request: RequestParts) => RecordRef[];
    };

const PUBLIC: Rule = { access: "public" };

function signedIn(permission?: Permission, records?: (request: RequestParts) => RecordRef[]): Rule {
  return {
    access: "signed-in",
    ...(permission === undefined ? {} : { permission }),
    ...(records === undefined ? {} : { records }),
  };
}

/** The record named by a path parameter. */
const byParam =
  (kind: RecordKind, param = "id") =>
  ({ param: params }: RequestParts): RecordRef[] =>
    params[param] === undefined ? [] : [{ kind, id: params[param] }];

/** The organisation named by a query parameter, when given. */
const byQuery =
  (name: string) =>
  ({ query }: RequestParts): RecordRef[] =>
    typeof query[name] === "string" && query[name] !== "" ? [{ kind: "organization", id: query[name] }] : [];

/** Records named by body fields; a field that is not a string is left for the validation to refuse. */
function inBody(kind: RecordKind, ...fields: string[]) {
  return ({ body }: RequestParts): RecordRef[] =>
    fields.flatMap((field) => {
      const value = body?.[field];
      if (typeof value === "string") return [{ kind, id: value }];
      if (Array.isArray(value)) return value.filter((v) => typeof v === "string").map((id) => ({ kind, id }));
      return [];
    });
}

/** Every record the given extractors find. */
function all(...extractors: ((request: RequestParts) => RecordRef[])[]) {
  return (request: RequestParts) => extractors.flatMap((extract) => extract(request));
}

/** A new organisation's parent; none, given as null or left out (a new root), is above every subtree. */
const parentOfNew = ({ body }: RequestParts): RecordRef[] =>
  body !== undefined && (body.parentId ?? null) === null
    ? [{ kind: "root" }]
    : inBody("organization", "parentId")({ param: {}, query: {}, body });

/**
 * The parents of the new organisations a merger or split establishes (`newTarget`, `newTargets`),
 * checked as `POST /organizations` checks one.
 */
function parentsOfNewIn(field: string) {
  return ({ body }: RequestParts): RecordRef[] => {
    const value = body?.[field];
    const units = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return units.flatMap((unit) =>
      typeof unit === "object" && unit !== null
        ? parentOfNew({ param: {}, query: {}, body: unit as Record<string, unknown> })
        : [],
    );
  };
}

/** A user's organisation; none (a system administrator) is above every subtree. */
const scopeOfUser = ({ body }: RequestParts): RecordRef[] => {
  if (body === undefined) return [];
  if (body.role === "system_admin") return [{ kind: "root" }];
  return inBody("organization", "organizationId")({ param: {}, query: {}, body });
};

/** The organisation a bulk action's filter names (`members.filter.organizationId`), when given. */
const bulkFilterOrganization = ({ body }: RequestParts): RecordRef[] => {
  const members = body?.members;
  const filter = typeof members === "object" && members !== null ? Reflect.get(members, "filter") : undefined;
  if (typeof filter !== "object" || filter === null) return [];
  return inBody(
    "organization",
    "organizationId",
  )({ param: {}, query: {}, body: filter as Record<string, unknown> });
};

/** The audited record a history request names, for `GET /api/v1/audit?entity=&id=`. */
const auditSubject = ({ query }: RequestParts): RecordRef[] => {
  const kinds: Record<string, RecordKind> = {
    organization: "organization",
    member: "member",
    article: "article",
    conference: "conference",
    comment: "comment",
    referral: "referral",
    user: "user",
  };
  const kind = kinds[query.entity ?? ""];
  return kind === undefined || query.id === undefined ? [] : [{ kind, id: query.id }];
};

/** Every route, `METHOD path` as Hono lists it in `app.routes`. */
export const ROUTE_RULES: Record<string, Rule> = {
  "GET /api/health": PUBLIC,
  "GET /api/docs": PUBLIC,
  "GET /api/docs/standalone.js": PUBLIC,
  "GET /api/openapi.json": PUBLIC,

  "GET /api/v1/public/changes": PUBLIC,
  "GET /api/v1/public/metrics/:metricId": PUBLIC,
  // Names, levels and the tree are public; figures come with small groups hidden.
  "GET /api/v1/public/organizations/:id": PUBLIC,
  "GET /api/v1/public/articles": PUBLIC,
  "GET /api/v1/public/articles/:slug": PUBLIC,
  "GET /api/v1/public/articles/:slug/related": PUBLIC,
  "GET /api/v1/public/articles/:slug/comments": PUBLIC,
  "POST /api/v1/public/articles/:slug/comments": PUBLIC,
  // Anyone may reach it; the handler asks for VIEW_COUNT_TOKEN when the API sets one.
  "POST /api/v1/public/article-views": PUBLIC,
  "GET /api/v1/public/categories": PUBLIC,
  "GET /api/v1/public/conferences": PUBLIC,
  "GET /api/v1/public/conferences/:id": PUBLIC,
  "GET /api/v1/public/search": PUBLIC,
  "GET /api/v1/public/images/:id": PUBLIC,

  "POST /api/v1/auth/login": PUBLIC,
  "POST /api/v1/auth/logout": signedIn(),
  "GET /api/v1/auth/me": signedIn(),
  "POST /api/v1/auth/password": signedIn(),

  "GET /api/v1/users": signedIn("users.manage", byQuery("organizationId")),
  "POST /api/v1/users": signedIn("users.manage", scopeOfUser),
  "GET /api/v1/users/:id": signedIn("users.manage", byParam("user")),
  "PATCH /api/v1/users/:id": signedIn("users.manage", all(byParam("user"), scopeOfUser)),
  "POST /api/v1/users/:id/reset-password": signedIn("users.manage", byParam("user")),

  "GET /api/v1/audit": signedIn("audit.read", auditSubject),

  "GET /api/v1/conferences": signedIn(undefined, byQuery("organizationId")),
  "GET /api/v1/conferences/:id": signedIn(undefined, byParam("conference")),
  "POST /api/v1/conferences": signedIn("content.write", inBody("organization", "organizerId")),
  "PATCH /api/v1/conferences/:id": signedIn(
    "content.write",
    all(byParam("conference"), inBody("organization", "organizerId")),
  ),

  "GET /api/v1/articles": signedIn(undefined, byQuery("organizationId")),
  "GET /api/v1/articles/by-slug/:slug": signedIn(undefined, byParam("article-slug", "slug")),
  "GET /api/v1/articles/:id": signedIn(undefined, byParam("article")),
  "POST /api/v1/articles": signedIn("content.write", inBody("organization", "organizationId")),
  "PATCH /api/v1/articles/:id": signedIn(
    "content.write",
    all(byParam("article"), inBody("organization", "organizationId")),
  ),
  "POST /api/v1/articles/:id/schedule": signedIn("content.write", byParam("article")),
  "POST /api/v1/articles/:id/publish": signedIn("content.write", byParam("article")),
  "POST /api/v1/articles/:id/withdraw": signedIn("content.write", byParam("article")),
  "POST /api/v1/articles/:id/images": signedIn("content.write", byParam("article")),
  "GET /api/v1/articles/:id/images": signedIn(undefined, byParam("article")),
  "GET /api/v1/articles/:id/comments": signedIn("comments.moderate", byParam("article")),
  "POST /api/v1/comments/:id/moderate": signedIn("comments.moderate", byParam("comment")),

  "GET /api/v1/organizations": signedIn(undefined, byQuery("parentId")),
  "GET /api/v1/organizations/:id": signedIn(undefined, byParam("organization")),
  "POST /api/v1/organizations": signedIn("organizations.write", parentOfNew),
  "PATCH /api/v1/organizations/:id": signedIn("organizations.write", byParam("organization")),
  "GET /api/v1/organizations/:id/children": signedIn(undefined, byParam("organization")),
  "GET /api/v1/organizations/:id/subtree": signedIn(undefined, byParam("organization")),
  "GET /api/v1/organizations/:id/ancestors": signedIn(undefined, byParam("organization")),
  "GET /api/v1/organizations/:id/tree": signedIn(undefined, byParam("organization")),
  "GET /api/v1/organizations/:id/lineage": signedIn(undefined, byParam("organization")),
  "POST /api/v1/organizations/:id/rename": signedIn("organizations.write", byParam("organization")),
  "POST /api/v1/organizations/:id/reparent": signedIn(
    "organizations.write",
    all(byParam("organization"), inBody("organization", "toParentId")),
  ),
  "POST /api/v1/organizations/:id/dissolve": signedIn("organizations.write", byParam("organization")),
  "POST /api/v1/organizations/merge": signedIn(
    "organizations.write",
    all(inBody("organization", "sourceIds", "targetId"), parentsOfNewIn("newTarget")),
  ),
  "POST /api/v1/organizations/:id/split": signedIn(
    "organizations.write",
    all(byParam("organization"), inBody("organization", "targetIds"), parentsOfNewIn("newTargets")),
  ),
  "GET /api/v1/organizations/:id/positions": signedIn(undefined, byParam("organization")),
  "GET /api/v1/organizations/:id/ratings": signedIn(undefined, byParam("organization")),
  "POST /api/v1/organizations/:id/ratings": signedIn("organizations.write", byParam("organization")),
  "GET /api/v1/organizations/:id/disciplines": signedIn(undefined, byParam("organization")),
  "POST /api/v1/organizations/:id/disciplines": signedIn("organizations.write", byParam("organization")),

  "GET /api/v1/positions": signedIn(undefined, byQuery("organizationId")),
  "POST /api/v1/positions": signedIn("organizations.write", inBody("organization", "organizationId")),
  "GET /api/v1/positions/:id": signedIn(undefined, byParam("position")),
  "PATCH /api/v1/positions/:id": signedIn(
    "organizations.write",
    all(byParam("position"), inBody("organization", "organizationId")),
  ),

  // Union documents (resolutions, conclusions) are the whole Union's, cited by every organisation.
  "GET /api/v1/documents": signedIn(),
  "GET /api/v1/documents/:id": signedIn(),
  "POST /api/v1/documents": signedIn("content.write"),
  "PATCH /api/v1/documents/:id": signedIn("content.write"),

  "GET /api/v1/members/export.csv": signedIn("members.read", byQuery("organizationId")),
  // Each row's unit is checked against the scope by the import itself, row by row.
  "POST /api/v1/members/import": signedIn("members.write"),
  // Each member selected is checked against the scope by the action itself; a filter is read within it.
  "POST /api/v1/members/bulk-events": signedIn("members.write", bulkFilterOrganization),
  "GET /api/v1/members": signedIn("members.read", byQuery("organizationId")),
  "GET /api/v1/members/:id": signedIn("members.read", byParam("member")),
  "POST /api/v1/members": signedIn("members.write", inBody("organization", "homeUnitId")),
  "PATCH /api/v1/members/:id": signedIn("members.write", byParam("member")),
  "GET /api/v1/members/:id/timeline": signedIn("members.read", byParam("member")),
  "POST /api/v1/members/:id/events": signedIn("members.write", byParam("member")),
  "GET /api/v1/members/:id/personal-data": signedIn("members.sensitive", byParam("member")),
  "POST /api/v1/members/:id/erasure": signedIn("members.erase", byParam("member")),

  "GET /api/v1/referrals": signedIn("referrals.read", byQuery("organizationId")),
  "GET /api/v1/referrals/:id": signedIn("referrals.read", byParam("referral")),
  "POST /api/v1/referrals": signedIn(
    "referrals.write",
    all(inBody("organization", "organizationId"), inBody("member", "memberId")),
  ),
  "POST /api/v1/referrals/:id/steps": signedIn("referrals.write", byParam("referral")),

  "GET /api/v1/metrics": signedIn(),
  "GET /api/v1/metrics/:metricId": signedIn(undefined, byQuery("organizationId")),
  "GET /api/v1/search": signedIn(undefined, byQuery("organizationId")),
};
