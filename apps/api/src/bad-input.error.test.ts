// Bad input of every kind against every write route of the OpenAPI document: always a 4xx with the
// one error body, never a 5xx, and not a row changed anywhere.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type createApp, MAX_BODY_BYTES } from "./app.js";
import { createSignedInApp } from "./auth/test-session.js";
import { rowsOf } from "./db/queries/tree.js";
import { createTestDatabase, testDrivers } from "./db/test-database.js";
import type { ErrorBody } from "./errors.js";

type Operation = { method: string; path: string };

function nested(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/** Each bad body, with the content type it is sent as. */
const BAD_BODIES: [string, string, string][] = [
  ["malformed JSON", "application/json", '{"name": "Chi đoàn 1",'],
  ["an array instead of an object", "application/json", "[]"],
  ["a number instead of an object", "application/json", "42"],
  ["null", "application/json", "null"],
  [
    "wrong types everywhere",
    "application/json",
    '{"name": 7, "level": [], "establishedOn": {}, "fullName": false}',
  ],
  [
    "an unknown enum value",
    "application/json",
    '{"level": "galaxy", "status": "imaginary", "type": "teleported"}',
  ],
  [
    "an impossible date",
    "application/json",
    '{"establishedOn": "2017-02-30", "effectiveDate": "2017-13-01"}',
  ],
  [
    "NUL bytes",
    "application/json",
    '{"name": "Chi \\u0000 đoàn", "fullName": "\\u0000", "title": "\\u0000"}',
  ],
  ["deep nesting", "application/json", nested(5000)],
  ["a body over the size limit", "application/json", `{"name": "${"x".repeat(MAX_BODY_BYTES + 10)}"}`],
  ["not JSON at all", "text/plain", "name=Chi đoàn"],
];

function hasBody(operation: unknown): boolean {
  return typeof operation === "object" && operation !== null && "requestBody" in operation;
}

describe.each(testDrivers)("bad input on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let operations: Operation[];

  async function countRows(): Promise<Record<string, number>> {
    const tables = rowsOf<{ name: string }>(
      await database.db.execute(
        sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      ),
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = rowsOf<{ n: number | string }>(
        await database.db.execute(sql`select count(*) as n from ${sql.identifier(name)}`),
      );
      counts[name] = Number(row?.n ?? 0);
    }
    return counts;
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-25T01:00:00Z") });
    const document = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        // Routes that read a body; one without (a sign-out, say) has nothing to refuse.
        .filter(([method, operation]) => ["post", "put", "patch"].includes(method) && hasBody(operation))
        .map(([method]) => method)
        // Path parameters get a value that names nothing: the route must still answer 4xx.
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, "khong-co") }))
        // An import's dry run answers a report of what is wrong; the commit must refuse.
        .map((operation) =>
          operation.path.endsWith("/import")
            ? { ...operation, path: `${operation.path}?dryRun=false` }
            : operation,
        ),
    );
  });
  afterAll(() => database.drop());

  it("has write routes to try", () => {
    expect(operations.length).toBeGreaterThan(10);
  });

  it.each(BAD_BODIES)("answers %s with a 4xx and the error body, changing nothing", async (_, type, body) => {
    const before = await countRows();
    for (const { method, path } of operations) {
      const response = await app.request(path, {
        method,
        headers: { "Content-Type": type, "If-Match": '"v1"', Origin: "http://localhost" },
        body,
      });
      const label = `${method} ${path} → ${response.status}`;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      if (response.headers.get("content-type")?.startsWith("application/json")) {
        const answer = (await response.json()) as ErrorBody;
        expect(answer.error?.code, label).toBeTruthy();
        expect(answer.error.message.vi, label).toBeTruthy();
        expect(answer.error.message.en, label).toBeTruthy();
      } else {
        throw new Error(`${label} answered ${response.headers.get("content-type")}, not the error body`);
      }
    }
    expect(await countRows()).toEqual(before);
    // Still signed in: answers of 401 would pass for the wrong reason.
    expect((await app.request("/api/v1/auth/me")).status).toBe(200);
  });

  it.each([
    ["/api/v1/members?page=-1"],
    ["/api/v1/members?pageSize=100000"],
    ["/api/v1/members?sort=password:asc"],
    ["/api/v1/organizations?asOf=2017-02-30"],
    ["/api/v1/articles?status=imaginary"],
    ["/api/v1/members/%00"],
    ["/api/v1/metrics/members.active?organizationId=%00&asOf=2017-08-31"],
    ["/api/v1/search?q=%00"],
    ["/api/v1/search?q=nam&organizationId=%00"],
    [`/api/v1/search?q=${"nam ".repeat(60)}`],
    ["/api/v1/search?q=nam&kinds=%00"],
    ["/api/v1/public/search?q=%00"],
    ["/api/v1/public/search?q=%25%25&kinds=member"],
  ])("answers the bad query or path %s with a 4xx", async (path) => {
    const response = await app.request(path);
    expect(response.status, path).toBeGreaterThanOrEqual(400);
    expect(response.status, path).toBeLessThan(500);
  });
});
