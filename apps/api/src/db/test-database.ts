// Databases for tests: PGlite always, PostgreSQL too when TEST_DATABASE_URL names a server.
// Each PostgreSQL test database is created for the test file and dropped after it.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, type Driver, openDatabase } from "./client.js";
import "./test-template.js";

/** The URL of a PostgreSQL server where tests may create and drop their own databases. */
const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/** The drivers this run tests against: `describe.each(testDrivers)`. */
export const testDrivers: Driver[] = serverUrl === undefined ? ["pglite"] : ["pglite", "postgres"];

/** Whether PostgreSQL tests run in this process (they are skipped, and said so, when not). */
export const hasTestPostgres = serverUrl !== undefined;

/** A migrated, empty database of its own for one test file; `drop()` removes every trace of it. */
export async function createTestDatabase(
  driver: Driver,
): Promise<Database & { drop(): Promise<void>; dataDir?: string; url?: string }> {
  if (driver === "pglite") {
    // A copy of the run's migrated template (see test-template.ts), in a folder of its own.
    const dataDir = await mkdtemp(join(tmpdir(), "sodoan-pglite-test-"));
    await cp(inject("pgliteTemplateDir"), dataDir, { recursive: true });
    const database = await openDatabase({ driver: "pglite", dataDir });
    await database.migrate();
    return {
      ...database,
      dataDir,
      async drop() {
        // A test may have closed it already to see the API without its database.
        await database.close().catch(() => {});
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (serverUrl === undefined) throw new Error("TEST_DATABASE_URL is not set");
  const name = `sodoan_test_${randomBytes(6).toString("hex")}`;
  await withServer((client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver: "postgres", url: url.toString(), poolSize: 4 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      await withServer((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
