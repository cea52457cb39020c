// Which databases the API seeds when it starts: an empty embedded one (covered with the demo data
// by the news viewer's browser tests), never one with DEMO_DATA=off, never a PostgreSQL server.
import { randomBytes } from "node:crypto";
import { type StartedApi, signIn, startApi } from "@sodoan/testing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/** Starting the built API migrates a new database first: slow on two busy cores. */
const START_TIMEOUT = 180_000;

let api: StartedApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

async function organizationCount(started: StartedApi): Promise<number> {
  const cookie = await signIn(started.url, started.admin.email, started.admin.password);
  const response = await fetch(`${started.url}/api/v1/organizations?asOf=2017-08-31`, {
    headers: { Cookie: cookie },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

describe("the API at start", () => {
  it(
    "leaves a new embedded database empty with DEMO_DATA=off",
    async () => {
      api = await startApi({ env: { DEMO_DATA: "off" } });
      expect(await organizationCount(api)).toBe(0);
      expect(api.output()).not.toContain("demo data loaded");
    },
    START_TIMEOUT,
  );

  it.skipIf(serverUrl === undefined)(
    "never loads demo data into an empty PostgreSQL database",
    async () => {
      const name = `sodoan_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      try {
        const url = new URL(serverUrl ?? "");
        url.pathname = `/${name}`;
        api = await startApi({ env: { DATABASE_URL: url.toString() } });
        expect(await organizationCount(api)).toBe(0);
        await api.stop();
        api = undefined;
      } finally {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    },
    START_TIMEOUT,
  );
});
