import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { createTestDatabase } from "./db/test-database.js";

describe("GET /api/openapi.json", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(() => database.drop());

  it("documents every route in OpenAPI 3.1, with the error body", async () => {
    const app = createApp({ database, now: () => new Date() });
    const response = await app.request("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    // Each team adds its paths; these stand for the groups.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/v1/public/articles",
        "/api/v1/articles",
        "/api/v1/conferences",
        "/api/v1/members",
        "/api/v1/members/export.csv",
        "/api/v1/members/{id}/events",
        "/api/v1/referrals/{id}/steps",
      ]),
    );
    expect(Object.keys(document.paths["/api/v1/public/articles"]?.get?.responses ?? {})).toEqual([
      "200",
      "304",
      "400",
    ]);
    expect(document.components.schemas).toHaveProperty("Error");
  });
});
