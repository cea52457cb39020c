import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { type ArticleChange, type ChangeBus, createLocalChangeBus } from "./change-bus.js";
import { watchDueArticles } from "./due-articles.js";
import { articleInput, insertOrganization } from "./test-fixtures.js";

const ORG = "tinh-doan-thu";

describe.each(testDrivers)("scheduled articles announced when due, on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let changes: ChangeBus;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    changes = createLocalChangeBus();
    app = await createSignedInApp({ database, now: () => new Date(), changes });
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Thử");
  });
  afterAll(() => database.drop());

  async function schedule(title: string, inMs: number) {
    const created = await app.request("/api/v1/articles", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(articleInput(ORG, { title })),
    });
    const { id, slug } = (await created.json()) as { id: string; slug: string };
    const scheduled = await app.request(`/api/v1/articles/${id}/schedule`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "If-Match": '"v1"' },
      body: JSON.stringify({ publishAt: new Date(Date.now() + inMs).toISOString() }),
    });
    expect(scheduled.status, await scheduled.clone().text()).toBe(200);
    const { publishAt } = (await scheduled.json()) as { publishAt: string };
    return { slug, at: Date.parse(publishAt) };
  }

  it("tells the change feed at the article's hour, once, and not before", async () => {
    const heard: { change: ArticleChange; at: number }[] = [];
    // Scheduling writes records too, which the bus announces for the API's caches: not counted here.
    const unsubscribe = changes.subscribe((change) => {
      if (change.kind === "article") heard.push({ change, at: Date.now() });
    });
    // Scheduled before the watcher starts and while it sleeps: it wakes for the first due one.
    const first = await schedule("Bài hẹn giờ thứ nhất", 1_500);
    const watcher = watchDueArticles({ database, changes, now: () => new Date(), maxWaitMs: 800 });
    try {
      const second = await schedule("Bài hẹn giờ thứ hai", 2_500);
      await expect.poll(() => heard.length, { timeout: 8_000, interval: 100 }).toBe(2);
      expect(heard.map((entry) => entry.change.slug)).toEqual([first.slug, second.slug]);
      // Each at or after its own hour, never before.
      expect(heard[0]?.at).toBeGreaterThanOrEqual(first.at);
      expect(heard[1]?.at).toBeGreaterThanOrEqual(second.at);
      // Once: another round of the watcher announces nothing more.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(heard).toHaveLength(2);
      const published = await app.request(`/api/v1/public/articles/${first.slug}`);
      expect(published.status).toBe(200);
    } finally {
      watcher.stop();
      unsubscribe();
    }
  }, 20_000);
});
