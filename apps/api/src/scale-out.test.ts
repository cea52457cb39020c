// Two API instances on one PostgreSQL, as behind a load balancer: they start together (one applies
// the migrations and creates the first administrator), a session opened on one works on the other,
// a sign-out on one ends it on both, and what one writes the other reads.
import { type StartedApi, signIn, startApi } from "@sodoan/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, hasTestPostgres } from "./db/test-database.js";

describe.skipIf(!hasTestPostgres)("two API instances on one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let instances: StartedApi[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    // An empty database of our own, migrated by the instances themselves as they start side by side.
    await database.db.execute(
      "drop schema public cascade; drop schema if exists drizzle cascade; create schema public",
    );
    const env = { DATABASE_URL: database.url as string };
    instances = await Promise.all([
      startApi({ env, timeoutMs: 180_000 }),
      startApi({ env, timeoutMs: 180_000 }),
    ]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
  });

  const me = (instance: StartedApi, cookie: string) =>
    fetch(`${instance.url}/api/v1/auth/me`, { headers: { Cookie: cookie } });

  it("honours on one instance the session opened on the other, and ends it on both", async () => {
    const [a, b] = instances as [StartedApi, StartedApi];
    const cookie = await signIn(a.url, a.admin.email, a.admin.password);
    expect((await me(b, cookie)).status).toBe(200);
    const out = await fetch(`${b.url}/api/v1/auth/logout`, { method: "POST", headers: { Cookie: cookie } });
    expect(out.status).toBe(204);
    expect((await me(a, cookie)).status).toBe(401);
  });

  it("reads on one instance what the other wrote", async () => {
    const [a, b] = instances as [StartedApi, StartedApi];
    const cookie = await signIn(b.url, b.admin.email, b.admin.password);
    const created = await fetch(`${a.url}/api/v1/organizations`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Trung ương Đoàn", level: "central", establishedOn: "1931-03-26" }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${b.url}/api/v1/organizations/${id}`, { headers: { Cookie: cookie } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe("Trung ương Đoàn");
  });
});
