// The public read cache: answers served again without the database, and dropped by every write
// through any instance, by the bus, and by its time limit.
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import type { AppEnv } from "../context.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { requestIds } from "../http/request-id.js";
import { silentLogger } from "../log.js";
import { type ChangeBus, createLocalChangeBus, openChangeBus } from "./change-bus.js";
import { createPublicReadCache } from "./public-read-cache.js";
import { articleInput, insertOrganization } from "./test-fixtures.js";

const ORG = "tinh-doan-ha-nam";

describe.each(testDrivers)("public read cache on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  // Two instances, as behind a load balancer, each with its own bus (one server between them on
  // PostgreSQL; one process's bus on PGlite, which has no other instance).
  let buses: ChangeBus[];
  let apps: ReturnType<typeof createApp>[];
  let now = new Date("2025-03-01T00:00:00Z");
  let slug: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const first = await openChangeBus(database);
    buses = [first, driver === "postgres" ? await openChangeBus(database) : first];
    apps = [];
    for (const changes of buses) apps.push(await createSignedInApp({ database, now: () => now, changes }));
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Hà Nam");
    const created = await send(0, "POST", "/api/v1/articles", articleInput(ORG, { title: "Bài gốc" }));
    const article = (await created.json()) as { id: string; slug: string };
    const published = await send(0, "POST", `/api/v1/articles/${article.id}/publish`, undefined, {
      "If-Match": '"v1"',
    });
    expect(published.status).toBe(200);
    slug = article.slug;
  });
  afterAll(async () => {
    for (const bus of new Set(buses)) await bus.close();
    await database.drop();
  });

  function send(instance: number, method: string, path: string, body?: unknown, headers = {}) {
    return (apps[instance] as ReturnType<typeof createApp>).request(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  const titleOn = async (instance: number) =>
    ((await (await send(instance, "GET", `/api/v1/public/articles/${slug}`)).json()) as { title: string })
      .title;
  /** A change the API cannot see: written straight into the database. */
  const retitleBehindTheApi = (title: string) =>
    database.db.execute(sql`update article set title = ${title} where slug = ${slug}`);

  it("serves an answer again without reading the database, until its time limit", async () => {
    expect(await titleOn(0)).toBe("Bài gốc");
    await retitleBehindTheApi("Sửa thẳng trong cơ sở dữ liệu");
    expect(await titleOn(0)).toBe("Bài gốc");
    now = new Date(now.getTime() + 61_000);
    expect(await titleOn(0)).toBe("Sửa thẳng trong cơ sở dữ liệu");
  });

  it("serves a held answer with the headers it was first given, under a request id of its own", async () => {
    const first = await send(0, "GET", `/api/v1/public/articles/${slug}`);
    const again = await send(0, "GET", `/api/v1/public/articles/${slug}`, undefined, {
      "X-Request-Id": "nguoi-doc-42",
    });
    expect(await again.text()).toBe(await first.text());
    const { "x-request-id": firstId, ...firstHeaders } = Object.fromEntries(first.headers);
    const { "x-request-id": againId, ...againHeaders } = Object.fromEntries(again.headers);
    expect(againHeaders).toEqual(firstHeaders);
    expect(againHeaders["x-content-type-options"]).toBe("nosniff");
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    expect(againId).toBe("nguoi-doc-42");
  });

  it("answers a revalidation of a held answer with 304", async () => {
    const first = await send(0, "GET", `/api/v1/public/articles/${slug}`);
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"/);
    const again = await send(0, "GET", `/api/v1/public/articles/${slug}`, undefined, {
      "If-None-Match": etag,
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("Cache-Control")).toBe("public, max-age=60");
  });

  it("drops every held answer on a write through this instance or another one", async () => {
    for (const instance of [0, 1]) expect(await titleOn(instance)).toBe("Sửa thẳng trong cơ sở dữ liệu");
    await retitleBehindTheApi("Sau một lần ghi");
    // Any write: here a draft of another article, which the answer held does not even show.
    const written = await send(1, "POST", "/api/v1/articles", articleInput(ORG, { title: "Bài nháp khác" }));
    expect(written.status, await written.clone().text()).toBe(201);
    await expect.poll(() => titleOn(0), { timeout: 5_000 }).toBe("Sau một lần ghi");
    expect(await titleOn(1)).toBe("Sau một lần ghi");
  });

  it("keeps nothing of a refused write, which changed nothing", async () => {
    expect(await titleOn(0)).toBe("Sau một lần ghi");
    await retitleBehindTheApi("Sau một lần ghi bị từ chối");
    const refused = await send(0, "POST", "/api/v1/articles", { title: "" });
    expect(refused.status).toBe(400);
    expect(await titleOn(0)).toBe("Sau một lần ghi");
  });
});

describe("public read cache, alone", () => {
  /** An app whose one public route answers what `answer` says, counting its calls. */
  function appWith(answer: () => Promise<string>, options: Parameters<typeof createPublicReadCache>[0] = {}) {
    const cache = createPublicReadCache(options);
    const bus = createLocalChangeBus();
    cache.follow(bus);
    let calls = 0;
    const routes = new Hono<AppEnv>()
      .use(requestIds)
      .use(cache.reads)
      .use(cache.writes(bus))
      .get("/api/v1/public/items/:id", async (c) => {
        calls++;
        return c.json({ id: c.req.param("id"), value: await answer() });
      })
      .get("/api/v1/public/changes", async (c) => {
        calls++;
        return c.text("stream");
      })
      .post("/api/v1/items", (c) => c.json({ ok: true }, 201));
    const app = cache.front(routes, silentLogger);
    return { app, cache, bus, calls: () => calls };
  }

  it("computes an answer once for readers who come while it is being computed", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { app, calls } = appWith(async () => {
      await gate;
      return "một lần";
    });
    const readers = Array.from({ length: 10 }, () => app.request("/api/v1/public/items/1"));
    release();
    const bodies = await Promise.all(readers.map(async (r) => (await r).json()));
    expect(bodies).toEqual(Array(10).fill({ id: "1", value: "một lần" }));
    expect(calls()).toBe(1);
  });

  it("does not keep an answer computed while a write dropped the cache", async () => {
    let value = "trước";
    let release: () => void = () => {};
    const { app, calls } = appWith(async () => {
      const seen = value;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return seen;
    });
    const slow = app.request("/api/v1/public/items/1");
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = "sau";
    expect((await app.request("/api/v1/items", { method: "POST" })).status).toBe(201);
    release();
    expect(await (await slow).json()).toEqual({ id: "1", value: "trước" });
    const next = app.request("/api/v1/public/items/1");
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    expect(await (await next).json()).toEqual({ id: "1", value: "sau" });
    expect(calls()).toBe(2);
  });

  it("drops what the bus announces, and never holds the change feed", async () => {
    const { app, bus, calls } = appWith(async () => "giá trị");
    await app.request("/api/v1/public/items/1");
    await app.request("/api/v1/public/items/1");
    expect(calls()).toBe(1);
    await bus.publish({ kind: "article", id: "a", slug: "bai" });
    await app.request("/api/v1/public/items/1");
    expect(calls()).toBe(2);
    await app.request("/api/v1/public/changes");
    await app.request("/api/v1/public/changes");
    expect(calls()).toBe(4);
  });

  it("lets the least recently served answers go beyond its size", async () => {
    const { app, cache, calls } = appWith(async () => "x".repeat(1_000), { maxBytes: 2_500 });
    for (const id of [1, 2, 1, 3]) await app.request(`/api/v1/public/items/${id}`);
    // Three answers of about 1 KB do not fit in 2.5 KB: the second, served least recently, went.
    expect(cache.size()).toBe(2);
    await app.request("/api/v1/public/items/1");
    expect(calls()).toBe(3);
    await app.request("/api/v1/public/items/2");
    expect(calls()).toBe(4);
  });
});
