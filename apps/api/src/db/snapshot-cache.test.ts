// The snapshot cache: an answer is reused while no write has committed since it was computed, and
// never after.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client.js";
import { rowsOf } from "./queries/tree.js";
import { createSnapshotCache } from "./snapshot-cache.js";
import { createTestDatabase, testDrivers } from "./test-database.js";

describe.each(testDrivers)("snapshot cache on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await database.db.execute(sql`create table probe (n int not null)`);
  });
  afterAll(() => database.drop());

  /** The probe's rows as a reader counts them, with how many times it was asked. */
  function counter(db: Db) {
    let calls = 0;
    return {
      calls: () => calls,
      async count() {
        calls++;
        const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from probe`));
        return row?.n ?? 0;
      },
    };
  }

  it("computes an answer once while nothing is written, and again after a write", async () => {
    const cache = createSnapshotCache();
    const probe = counter(database.db);
    const before = await cache.get(database.db, "probe.count", probe.count);
    expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before);
    expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before);
    expect(probe.calls()).toBe(1);

    await database.db.execute(sql`insert into probe values (1)`);
    expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before + 1);
    expect(probe.calls()).toBe(2);
  });

  it("keeps answers under different keys apart", async () => {
    const cache = createSnapshotCache();
    expect(await cache.get(database.db, "a", async () => "một")).toBe("một");
    expect(await cache.get(database.db, "b", async () => "hai")).toBe("hai");
    expect(await cache.get(database.db, "a", async () => "khác")).toBe("một");
  });

  it("computes once for readers who come together", async () => {
    const cache = createSnapshotCache();
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const compute = async () => {
      calls++;
      await gate;
      return "một lần";
    };
    const readers = Array.from({ length: 10 }, () => cache.get(database.db, "together", compute));
    // The readers are still reading the snapshot; the first to have read it is computing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await Promise.all(readers)).toEqual(Array(10).fill("một lần"));
    expect(calls).toBe(1);
  });

  it("never answers a reader with a snapshot read before it arrived", async () => {
    const cache = createSnapshotCache();
    const probe = counter(database.db);
    const before = await cache.get(database.db, "probe.count", probe.count);
    // A reading of the snapshot taken now, whose answer comes back late.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      execute: async (query: Parameters<Db["execute"]>[0]) => {
        const result = await database.db.execute(query);
        await gate;
        return result;
      },
    } as unknown as Db;
    const early = cache.get(slow, "other", async () => "khác");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await database.db.execute(sql`insert into probe values (3)`);
    // Arrives after the write, while the early reading is still out: it must not share it.
    const late = cache.get(database.db, "probe.count", probe.count);
    release();
    expect(await early).toBe("khác");
    expect(await late).toBe(before + 1);
  });

  it("reads the snapshot once for all that one request asks, and again for the next request", async () => {
    const cache = createSnapshotCache();
    let readings = 0;
    const counting = {
      execute: (query: Parameters<Db["execute"]>[0]) => {
        readings++;
        return database.db.execute(query);
      },
    } as unknown as Db;
    const probe = counter(database.db);
    const request = cache.forRequest();
    const before = await request.get(counting, "probe.count", probe.count);
    expect(await request.get(counting, "other", async () => "khác")).toBe("khác");
    expect(readings).toBe(1);

    await database.db.execute(sql`insert into probe values (4)`);
    expect(await cache.forRequest().get(counting, "probe.count", probe.count)).toBe(before + 1);
    expect(readings).toBe(2);
  });

  it("does not keep a failed answer", async () => {
    const cache = createSnapshotCache();
    await expect(
      cache.get(database.db, "fails", async () => {
        throw new Error("hỏng");
      }),
    ).rejects.toThrow("hỏng");
    expect(await cache.get(database.db, "fails", async () => "lần sau")).toBe("lần sau");
  });

  it("lets the least recently used answers go beyond its size", async () => {
    const cache = createSnapshotCache({ maxEntries: 2 });
    let calls = 0;
    const compute = async () => ++calls;
    for (const key of ["a", "b", "a", "c"]) await cache.get(database.db, key, compute);
    expect(cache.size()).toBe(2);
    expect(calls).toBe(3);
    // "b" was used least recently and went; "a" stayed.
    await cache.get(database.db, "a", compute);
    expect(calls).toBe(3);
    await cache.get(database.db, "b", compute);
    expect(calls).toBe(4);
  });

  it.skipIf(driver === "pglite")(
    "sees a write from another connection once it commits, not before",
    async () => {
      const cache = createSnapshotCache();
      const probe = counter(database.db);
      const writer = new pg.Client({ connectionString: database.url });
      await writer.connect();
      try {
        const before = await cache.get(database.db, "probe.count", probe.count);
        await writer.query("begin");
        await writer.query("insert into probe values (2)");
        // Not committed: the reader still counts what it counted.
        expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before);
        await writer.query("commit");
        expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before + 1);
        expect(await cache.get(database.db, "probe.count", probe.count)).toBe(before + 1);
      } finally {
        await writer.end();
      }
    },
  );
});
