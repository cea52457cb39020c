import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";

describe.each(testDrivers)("GET /api/health on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.drop());

  it("says the API and its database are up, and names the driver", async () => {
    const app = createApp({ database, now: () => new Date() });
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: { driver, ok: true } });
  });

  it("answers 503 with Retry-After when the database does not answer", async () => {
    const down = { ...database, ping: async () => false };
    const app = createApp({ database: down, now: () => new Date() });
    const response = await app.request("/api/health");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({ status: "degraded", database: { driver, ok: false } });
  });
});
