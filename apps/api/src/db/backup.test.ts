// Backups and the move to a server, as DEPLOY.md tells an operator to do them: a copy of the stopped
// embedded data folder, the records of the embedded database copied into PostgreSQL, and
// pg_dump/pg_restore between PostgreSQL databases. Each must give back every record.
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInApp } from "../auth/test-session.js";
import { json, memberInput, seedUnits, UNITS } from "../routes/member-test-data.js";
import { type Database, openDatabase } from "./client.js";
import { copyDatabase, tablesInDependencyOrder } from "./copy.js";
import { rowsOf } from "./queries/tree.js";
import { createTestDatabase, hasTestPostgres } from "./test-database.js";

const NOW = new Date("2021-11-26T03:00:00Z");
const hasPgTools = spawnSync("pg_dump", ["--version"]).status === 0;

async function countsOf(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tablesInDependencyOrder(database.db)) {
    if (name.startsWith("__drizzle")) continue;
    const [row] = rowsOf<{ n: number | string }>(
      await database.db.execute(`select count(*) as n from "${name}"`),
    );
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

/** Records of every kind the trail and the sequences care about, written through the API. */
async function writeRecords(database: Database) {
  const app = await createSignedInApp({ database, now: () => NOW });
  await seedUnits(database.db);
  for (const fullName of ["Trần Ngọc Nam", "Lý Thị Hoa", "Phan Văn Hùng"]) {
    const response = await app.request("/api/v1/members", json("POST", memberInput({ fullName })));
    expect(response.status).toBe(201);
  }
  return app;
}

describe("backups of the embedded database", () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let before: Record<string, number>;

  beforeAll(async () => {
    source = await createTestDatabase("pglite");
    await writeRecords(source);
    before = await countsOf(source);
    expect(before.member).toBe(3);
    expect(before.audit_event).toBeGreaterThan(0);
  });
  afterAll(() => source.drop());

  it("reopens a copy of the data folder taken while the API was stopped, with every record", async () => {
    await source.close();
    const copy = await mkdtemp(join(tmpdir(), "sodoan-backup-"));
    try {
      await cp(source.dataDir as string, copy, { recursive: true });
      const restored = await openDatabase({ driver: "pglite", dataDir: copy });
      try {
        await restored.migrate();
        expect(await countsOf(restored)).toEqual(before);
        const app = await createSignedInApp({ database: restored, now: () => NOW });
        const list = await app.request(`/api/v1/members?organizationId=${UNITS.D}&q=tran ngoc nam`);
        expect(((await list.json()) as { total: number }).total).toBe(1);
      } finally {
        await restored.close();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasTestPostgres)("moving to PostgreSQL, and its backups", () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let restored: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  beforeAll(async () => {
    source = await createTestDatabase("pglite");
    target = await createTestDatabase("postgres");
    await writeRecords(source);
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
    await restored?.drop();
  });

  it("copies every record of the embedded database, the trail as it was, and goes on from there", async () => {
    const report = await copyDatabase(source.db, target.db);
    const expected = await countsOf(source);
    expect(await countsOf(target)).toEqual(expected);
    expect(report.tables.find((table) => table.name === "member")?.rows).toBe(3);

    // Writes on the new server go on: ids after the copied ones, the trail still kept.
    const app = await createSignedInApp({ database: target, now: () => NOW });
    const created = await app.request(
      "/api/v1/members",
      json("POST", memberInput({ fullName: "Đỗ Thu Hường" })),
    );
    expect(created.status).toBe(201);
    const after = await countsOf(target);
    expect(after.member).toBe(4);
    expect(after.audit_event).toBeGreaterThan(expected.audit_event as number);
  });

  it("refuses to copy into a database that already holds records, and leaves it as it was", async () => {
    const before = await countsOf(target);
    await expect(copyDatabase(source.db, target.db)).rejects.toThrow(/already holds rows/);
    expect(await countsOf(target)).toEqual(before);
  });

  it.skipIf(!hasPgTools)("restores a pg_dump of the server into an empty database", async () => {
    const folder = await mkdtemp(join(tmpdir(), "sodoan-dump-"));
    try {
      const file = join(folder, "sodoan.dump");
      execFileSync("pg_dump", ["--format=custom", `--file=${file}`, target.url as string]);
      // The copy to restore into: migrated by nothing, since the dump holds the schema.
      restored = await createTestDatabase("postgres");
      await restored.db.execute(
        "drop schema public cascade; drop schema if exists drizzle cascade; create schema public",
      );
      execFileSync("pg_restore", ["--no-owner", `--dbname=${restored.url as string}`, file]);
      expect(await countsOf(restored)).toEqual(await countsOf(target));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
