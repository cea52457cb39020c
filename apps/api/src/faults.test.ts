// The database going away under traffic, on a throwaway PostgreSQL server of the test's own: the
// API answers 503 with Retry-After (never 500) and its health says so; it recovers by itself when
// the server returns; every write it acknowledged is still there; and an API killed in the middle
// of a CSV import leaves nothing of it.
import {
  findPostgresBin,
  type PostgresCluster,
  type StartedApi,
  signIn,
  startApi,
  startPostgresCluster,
} from "@sodoan/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db/client.js";
import { rowsOf } from "./db/queries/tree.js";
import { seedUnits, UNITS } from "./routes/member-test-data.js";

const hasServerBinaries = findPostgresBin() !== undefined;

describe.skipIf(!hasServerBinaries)("the API when its PostgreSQL server stops and comes back", () => {
  let cluster: PostgresCluster;
  let api: StartedApi;
  let cookie: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    api = await startApi({ env: { DATABASE_URL: cluster.url }, timeoutMs: 180_000 });
    cookie = await signIn(api.url, api.admin.email, api.admin.password);
  }, 240_000);
  afterAll(async () => {
    await api?.stop();
    cluster?.destroy();
  });

  let written = 0;
  const acknowledged: string[] = [];
  /** Creates an organisation; its id when the API said 201, else the status. */
  async function write(): Promise<number> {
    written += 1;
    const response = await fetch(`${api.url}/api/v1/organizations`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `Trung ương ${written}`, level: "central", establishedOn: "1931-03-26" }),
    });
    if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
    else if (response.status === 503) expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
    return response.status;
  }
  const health = () => fetch(`${api.url}/api/health`);

  it("answers 503 with Retry-After while the server is down, and recovers without a restart", async () => {
    for (let i = 0; i < 5; i++) expect(await write()).toBe(201);

    // Writes keep coming while the server goes down: each is acknowledged, or refused with a 503.
    const traffic = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push(await write());
      return statuses;
    })();
    cluster.stop();
    const during = await traffic;
    expect(
      during.every((status) => status === 201 || status === 503),
      during.join(","),
    ).toBe(true);

    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "degraded", database: { ok: false } });
    expect(await write()).toBe(503);

    cluster.start();
    await expect.poll(async () => (await health()).status, { timeout: 30_000, interval: 250 }).toBe(200);
    expect(await write()).toBe(201);
  }, 120_000);

  it("keeps every write it acknowledged", async () => {
    for (const id of acknowledged) {
      const response = await fetch(`${api.url}/api/v1/organizations/${id}`, { headers: { Cookie: cookie } });
      expect(response.status, id).toBe(200);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(6);
  });

  it("leaves nothing of a CSV import when the API dies in the middle of it", async () => {
    const direct = await openDatabase({ driver: "postgres", url: cluster.url, poolSize: 1 });
    try {
      await seedUnits(direct.db);
      const count = async (query: string) => {
        const [row] = rowsOf<{ n: number | string }>(await direct.db.execute(sql.raw(query)));
        return Number(row?.n ?? 0);
      };
      const before = await count("select count(*) as n from member");
      const header = "Họ và tên,Ngày sinh,Ngày kết nạp,Số nghị quyết kết nạp,Mã tổ chức kết nạp,Mã chi đoàn";
      const rows = Array.from(
        { length: 20_000 },
        (_, i) => `Đoàn viên ${i},1995,2012-03-26,15-NQ/ĐTN,${UNITS.G},${UNITS.B1}`,
      );
      const importing = fetch(`${api.url}/api/v1/members/import?dryRun=false`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "text/csv; charset=utf-8" },
        body: [header, ...rows].join("\n"),
      }).catch(() => "the API went away");
      // Killed once the import's transaction has written (it has a transaction id) and not committed.
      const inTransaction = `select count(*) as n from pg_stat_activity
        where pid <> pg_backend_pid() and datname = current_database() and backend_xid is not null`;
      await expect.poll(() => count(inTransaction), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
      process.kill(-api.pid, "SIGKILL");
      expect(await importing).toBe("the API went away");
      await expect.poll(() => count(inTransaction), { timeout: 60_000, interval: 250 }).toBe(0);
      expect(await count("select count(*) as n from member")).toBe(before);
      expect(await count("select count(*) as n from member_event")).toBe(before);
    } finally {
      await direct.close();
    }
  }, 120_000);
});
