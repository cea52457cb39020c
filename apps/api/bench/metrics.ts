// Times the metric routes' SQL path on generated members in an embedded database, and the import
// that keeps their timelines, and writes the figures for the root report.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSignedInApp } from "../src/auth/test-session.js";
import { openDatabase } from "../src/db/client.js";
import { loadBenchRecords, median } from "./fixture.js";

const MEMBERS = Number(process.env.BENCH_API_MEMBERS ?? 20_000);
const RUNS = 7;

const dataDir = mkdtempSync(join(tmpdir(), "sodoan-bench-"));
const database = await openDatabase({ driver: "pglite", dataDir });
try {
  await database.migrate();
  const { importMs, events } = await loadBenchRecords(database.db, MEMBERS);
  const app = await createSignedInApp({ database, now: () => new Date("2025-01-01T00:00:00Z") });
  /** The median time of a metric request, after one to warm up; its figure to print. */
  const measure = async (path: string) => {
    let body: unknown;
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const start = performance.now();
      const response = await app.request(path);
      body = await response.json();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      if (i > 0) times.push(performance.now() - start);
    }
    return { ms: median(times), value: (body as { result: { value: unknown } }).result.value };
  };
  const active = await measure("/api/v1/metrics/members.active?organizationId=tw&asOf=2024-06-30");
  const province = await measure("/api/v1/metrics/members.active?organizationId=p3&asOf=2024-06-30");
  const knownAt = await measure(
    "/api/v1/metrics/members.active?organizationId=tw&asOf=2024-06-30&knownAt=2024-07-01T00:00:00Z",
  );
  const residence = await measure(
    "/api/v1/metrics/members.residence_registration_rate?organizationId=tw&asOf=2024-12-31&year=2024",
  );
  const rollUp = await measure(
    "/api/v1/metrics/members.active?organizationId=tw&asOf=2024-06-30&rollUp=true",
  );

  const results = [
    { name: "api.metrics.members_active_ms", value: Number(active.ms.toFixed(2)), unit: "ms" },
    { name: "api.metrics.province_active_ms", value: Number(province.ms.toFixed(2)), unit: "ms" },
    { name: "api.metrics.members_active_known_at_ms", value: Number(knownAt.ms.toFixed(2)), unit: "ms" },
    { name: "api.metrics.residence_rate_ms", value: Number(residence.ms.toFixed(2)), unit: "ms" },
    { name: "api.metrics.members_active_roll_up_ms", value: Number(rollUp.ms.toFixed(2)), unit: "ms" },
    {
      name: "api.import.members_per_s",
      value: Math.round(MEMBERS / (importMs / 1000)),
      unit: "1/s",
    },
  ];
  console.log(
    `@sodoan/api on PGlite: ${MEMBERS.toLocaleString("en")} members, ${events.toLocaleString("en")} events imported in ${Math.round(importMs)} ms`,
  );
  console.table(
    [
      ["active members (whole tree)", active],
      ["active members (one province)", province],
      ["active members, known at", knownAt],
      ["residence rate", residence],
      ["active members, rolled up", rollUp],
    ].map(([metric, timed]) => ({
      metric,
      "median ms": Number((timed as { ms: number }).ms.toFixed(2)),
      value: JSON.stringify((timed as { value: unknown }).value),
    })),
  );
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  mkdirSync(join(packageDir, ".bench"), { recursive: true });
  writeFileSync(join(packageDir, ".bench", "api-metrics.json"), `${JSON.stringify({ results }, null, 2)}\n`);
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
