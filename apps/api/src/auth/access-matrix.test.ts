// Every route × every role × a record inside and outside the caller's subtree × anonymous. The routes
// come from the app itself, so a route added without an access rule fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { articleInput, conferenceInput } from "../content/test-fixtures.js";
import { refreshOrganizationPaths } from "../db/queries/tree.js";
import { organization, parentLink } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { json, memberInput, seedUnits, UNITS } from "../routes/member-test-data.js";
import { type RecordKind, ROUTE_RULES, type Rule } from "./policy.js";
import { can, type Role } from "./roles.js";
import { TEST_PASSWORD_COST, testSessionCookie } from "./test-session.js";

const NOW = new Date("2021-11-26T03:00:00Z");
/** The callers' scope is district D: its branches are inside, province Q's are outside. */
const SCOPE = UNITS.D;
const OTHER = { Q: "tinh-q", GQ: "co-so-q", BQ: "chi-doan-q" } as const;
const ROLES: (Role | "anonymous")[] = ["anonymous", "system_admin", "org_admin", "editor", "viewer"];

type Side = "inside" | "outside";
type Records = Record<RecordKind, string>;

function routesOf(app: ReturnType<typeof createApp>): string[] {
  const keys = new Set<string>();
  for (const route of app.routes) if (route.method !== "ALL") keys.add(`${route.method} ${route.path}`);
  return [...keys];
}

/** The kind of record a path parameter names, asked of the rule itself. */
function kindOfParam(rule: Rule, name: string): RecordKind | undefined {
  if (rule.access === "public" || rule.records === undefined) return undefined;
  const refs = rule.records({ param: { [name]: "\u0000probe" }, query: {}, body: undefined });
  const ref = refs.find((r) => r.kind !== "root" && r.id === "\u0000probe");
  return ref?.kind === "root" ? undefined : ref?.kind;
}

describe.each(testDrivers)("who may call which route, on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const records = {} as Record<Side, Records>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = createApp({ database, now: () => NOW, auth: { passwordCost: TEST_PASSWORD_COST } });
    await seedUnits(database.db);
    await database.db.insert(organization).values([
      { id: OTHER.Q, name: "Tỉnh đoàn Q", level: "provincial", establishedOn: "2000-01-01" },
      { id: OTHER.GQ, name: "Đoàn cơ sở Q", level: "grassroots", establishedOn: "2000-01-01" },
      { id: OTHER.BQ, name: "Chi đoàn Q", level: "branch", establishedOn: "2000-01-01" },
    ]);
    await database.db.insert(parentLink).values([
      { childId: OTHER.GQ, parentId: OTHER.Q, validFrom: "2000-01-01" },
      { childId: OTHER.BQ, parentId: OTHER.GQ, validFrom: "2000-01-01" },
    ]);
    await refreshOrganizationPaths(database.db);
    const admin = await testSessionCookie(database.db);
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await app.request(path, json("POST", body, { Cookie: admin, ...headers }));
      expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
      return (await response.json()) as { id: string; slug: string };
    };
    for (const [side, grassroots, branch] of [
      ["inside", UNITS.G, UNITS.B1],
      ["outside", OTHER.GQ, OTHER.BQ],
    ] as const) {
      const member = await post(
        "/api/v1/members",
        memberInput({
          birthDate: "1990-01-01",
          admission: { ...memberInput().admission, admittingOrganizationId: grassroots, homeUnitId: branch },
        }),
      );
      const article = await post("/api/v1/articles", articleInput(branch, { title: `Tin ${side}` }));
      await post(`/api/v1/articles/${article.id}/publish`, undefined, { "If-Match": '"v1"' });
      await post(`/api/v1/public/articles/${article.slug}/comments`, {
        authorName: "Bạn đọc",
        body: "Hay quá",
      });
      const comments = (await (
        await app.request(`/api/v1/articles/${article.id}/comments`, { headers: { Cookie: admin } })
      ).json()) as { id: string }[];
      const conference = await post("/api/v1/conferences", conferenceInput(branch));
      const referral = await post("/api/v1/referrals", {
        memberId: member.id,
        organizationId: grassroots,
        resolutionRef: "12-NQ/ĐTN",
        referredOn: "2021-03-01",
      });
      const position = await post("/api/v1/positions", {
        organizationId: branch,
        title: "secretary",
        person: { fullName: "Lê Thị Mai" },
        from: "2020-10-01",
      });
      const user = await post("/api/v1/users", {
        email: `${side}@sodoan.test`,
        fullName: "Phan Văn Hùng",
        password: "mat-khau-dai-du",
        role: "viewer",
        organizationId: branch,
      });
      records[side] = {
        organization: branch,
        member: member.id,
        article: article.id,
        "article-slug": article.slug,
        conference: conference.id,
        comment: comments[0]?.id ?? "",
        referral: referral.id,
        position: position.id,
        user: user.id,
      };
    }
  });
  afterAll(() => database.drop());

  it("has an access rule for every route the app serves, and no rule for a route it does not", () => {
    const routes = routesOf(app);
    expect(routes.filter((key) => ROUTE_RULES[key] === undefined)).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it("answers each role, inside and outside its subtree, as the rules say", async () => {
    const failures: string[] = [];
    for (const key of routesOf(app)) {
      const rule = ROUTE_RULES[key] as Rule;
      const [method, pattern] = key.split(" ") as [string, string];
      for (const side of ["inside", "outside"] as const) {
        const target = records[side];
        let namesRecord = false;
        const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
          const kind = kindOfParam(rule, name);
          if (kind !== undefined) namesRecord = true;
          if (name === "metricId") return "members.active";
          return encodeURIComponent(kind === undefined ? target.organization : target[kind]);
        });
        const query = new URLSearchParams({
          organizationId: target.organization,
          parentId: target.organization,
          entity: "organization",
          id: target.organization,
          asOf: "2021-11-26",
        });
        const body = {
          homeUnitId: target.organization,
          organizationId: target.organization,
          organizerId: target.organization,
          parentId: target.organization,
          toParentId: target.organization,
          sourceIds: [target.organization],
          targetId: target.organization,
          targetIds: [target.organization],
          memberId: target.member,
        };
        const queryNamesRecord =
          rule.access === "signed-in" &&
          rule.records !== undefined &&
          rule.records({ param: {}, query: Object.fromEntries(query), body }).length > 0;
        for (const role of ROLES) {
          const headers: Record<string, string> = {};
          if (role !== "anonymous") {
            headers.Cookie = await testSessionCookie(database.db, {
              role,
              organizationId: role === "system_admin" ? null : SCOPE,
            });
          }
          const init: RequestInit = method === "GET" ? { headers } : json(method, body, headers);
          const response = await app.request(`${path}?${query}`, init);
          const status = response.status;
          let expected: string;
          let ok: boolean;
          if (rule.access === "public") {
            expected = "not 401/403";
            ok = status !== 401 && status !== 403;
          } else if (role === "anonymous") {
            expected = "401";
            ok = status === 401;
          } else if (rule.permission !== undefined && !can(role, rule.permission)) {
            expected = "403";
            ok = status === 403;
          } else if (side === "outside" && role !== "system_admin" && (namesRecord || queryNamesRecord)) {
            expected = "404";
            ok = status === 404;
          } else {
            expected = "let through (not 401/403, and not 404 for a record that exists)";
            ok = status !== 401 && status !== 403 && !(namesRecord && status === 404);
          }
          if (status >= 500) ok = false;
          if (!ok) failures.push(`${key} as ${role}, ${side}: ${status}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
