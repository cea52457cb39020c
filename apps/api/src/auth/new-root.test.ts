// A new root organisation (the centre) is above every subtree: only an administrator of the whole
// tree may create one, whether the request gives its parent as null or leaves it out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrganization } from "../content/test-fixtures.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { createSignedInApp } from "./test-session.js";

const PROVINCE = "tinh-doan-ha-nam";

describe.each(testDrivers)("creating a new root organisation, on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await insertOrganization(database.db, PROVINCE, "Tỉnh đoàn Hà Nam");
  });
  afterAll(() => database.drop());

  const centre = (parent: { parentId?: null }) => ({
    name: "Trung ương Đoàn",
    level: "central",
    establishedOn: "1931-03-26",
    ...parent,
  });
  const post = (app: Awaited<ReturnType<typeof createSignedInApp>>, body: unknown) =>
    app.request("/api/v1/organizations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it.each([
    ["left out", {}],
    ["null", { parentId: null }],
  ] as const)("refuses an organisation administrator, the parent %s", async (_, parent) => {
    const scoped = await createSignedInApp(
      { database, now: () => new Date("2021-11-26T00:00:00Z") },
      { role: "org_admin", organizationId: PROVINCE },
    );
    const refused = await post(scoped, centre(parent));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
  });

  it("lets a system administrator create it", async () => {
    const admin = await createSignedInApp({ database, now: () => new Date("2021-11-26T00:00:00Z") });
    const created = await post(admin, centre({}));
    expect(created.status, await created.clone().text()).toBe(201);
  });
});
