// `pnpm soak`: the API under a long mixed load, and the time it takes to notice a lost database and
// to recover. Prints its figures and adds rows to .bench/latest.json (through `pnpm soak`).
//
// - 200 connections for SOAK_SECONDS (600 by default) of reads (member lists, a public article, a
//   figure) and writes (new members), over loopback HTTP: every answer must be a 2xx, and the API
//   process's resident memory is sampled to see that it stays flat;
// - on a throwaway PostgreSQL server: the server stopped, the time until the API's health says 503;
//   started again, the time until it says 200.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { signIn, startApi, startPostgresCluster } from "@sodoan/testing";
import autocannon, { type Request } from "autocannon";
import { openBenchDatabase, packageDir, prepare, startServer, stop } from "./harness.js";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 200);
const MEMBERS = Number(process.env.BENCH_API_MEMBERS ?? 20_000);

/** The resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function soak() {
  const { database, env, cleanup } = await openBenchDatabase();
  try {
    const { slug, cookie } = await prepare(database, MEMBERS);
    const driver = database.driver;
    await database.close();
    const api = await startServer("api", env);
    try {
      const pid = api.child.pid as number;
      let written = 0;
      const member = () => {
        written += 1;
        return JSON.stringify({
          fullName: `Đoàn viên tải ${written}`,
          birthDate: "1999-09-09",
          admission: {
            date: "2020-03-26",
            decisionRef: "01-NQ/ĐTN",
            admittingOrganizationId: `p${written % 5}-g${written % 10}`,
            homeUnitId: `p${written % 5}-g${written % 10}-b${written % 10}`,
          },
        });
      };
      const requests: Request[] = [
        { method: "GET", path: "/api/v1/members?organizationId=p1&asOf=2024-06-30&pageSize=50" },
        { method: "GET", path: `/api/v1/public/articles/${slug}` },
        { method: "GET", path: "/api/v1/metrics/members.active?organizationId=p2&asOf=2024-06-30" },
        {
          method: "POST",
          path: "/api/v1/members",
          headers: { "content-type": "application/json" },
          setupRequest: (request: Request) => ({ ...request, body: member() }),
        },
      ];
      const samples: { at: number; mb: number }[] = [];
      const sampler = setInterval(() => samples.push({ at: Date.now(), mb: rssMb(pid) }), 5_000);
      const result = await autocannon({
        url: api.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { cookie },
        requests,
      });
      clearInterval(sampler);
      // Flat: the last fifth of the run against the second fifth (the first is warming up).
      const fifth = Math.max(1, Math.floor(samples.length / 5));
      const mean = (list: { mb: number }[]) =>
        list.reduce((sum, s) => sum + s.mb, 0) / Math.max(1, list.length);
      const early = mean(samples.slice(fifth, 2 * fifth));
      const late = mean(samples.slice(-fifth));
      console.log(
        `soak on ${driver}: ${SECONDS} s at ${CONNECTIONS} connections, ${result.requests.total} requests, ` +
          `${written} members written; ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
      return [
        { name: "soak.requests_per_s", value: Math.round(result.requests.average), unit: "1/s" },
        { name: "soak.errors", value: result.non2xx + result.errors + result.timeouts, unit: "count" },
        { name: "soak.p99_ms", value: result.latency.p99, unit: "ms" },
        { name: "soak.rss_start_mb", value: Math.round(early), unit: "MB" },
        { name: "soak.rss_end_mb", value: Math.round(late), unit: "MB" },
      ];
    } finally {
      await stop(api.child);
    }
  } finally {
    await cleanup();
  }
}

async function faults() {
  const cluster = await startPostgresCluster();
  const api = await startApi({ env: { DATABASE_URL: cluster.url }, timeoutMs: 180_000 });
  try {
    await signIn(api.url, api.admin.email, api.admin.password);
    const until = async (status: number) => {
      const start = performance.now();
      for (;;) {
        const answer = await fetch(`${api.url}/api/health`).catch(() => undefined);
        if (answer?.status === status) return performance.now() - start;
        await sleep(20);
      }
    };
    cluster.stop();
    const toUnavailable = await until(503);
    cluster.start();
    const toRecovered = await until(200);
    return [
      { name: "fault.time_to_503_ms", value: Math.round(toUnavailable), unit: "ms" },
      { name: "fault.time_to_recovery_ms", value: Math.round(toRecovered), unit: "ms" },
    ];
  } finally {
    await api.stop();
    cluster.destroy();
  }
}

const results = [...(await faults()), ...(await soak())];
console.table(results);
mkdirSync(join(packageDir, ".bench"), { recursive: true });
writeFileSync(join(packageDir, ".bench", "soak.json"), `${JSON.stringify({ results }, null, 2)}\n`);
const errors = results.find((row) => row.name === "soak.errors")?.value ?? 0;
process.exit(errors === 0 ? 0 : 1);
