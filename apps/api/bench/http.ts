// Loads the API over loopback HTTP with autocannon (50 connections) and compares it with a bare Hono
// handler served the same way, in the same run: public reads (an article by slug, an
// organisation's public figure) as a ratio of the baseline's requests per second, and the p99
// latency of a signed-in member list page. Medians of several runs; the machines are noisy.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { createSignedInApp, testSessionCookie } from "../src/auth/test-session.js";
import { articleInput } from "../src/content/test-fixtures.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { loadBenchRecords, median } from "./fixture.js";

const MEMBERS = Number(process.env.BENCH_API_MEMBERS ?? 20_000);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = 50;
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** PostgreSQL when the environment names a server (a database of our own, dropped after), else PGlite. */
async function openBenchDatabase() {
  const server = process.env.TEST_DATABASE_URL;
  if (server === undefined || server === "") {
    const dataDir = mkdtempSync(join(tmpdir(), "sodoan-bench-http-"));
    const database = await openDatabase({ driver: "pglite", dataDir });
    return {
      database,
      env: { DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `sodoan_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver: "postgres", url: url.toString() });
  return {
    database,
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Writes what the loaded routes read: members, an article published, a session to list with. */
async function prepare(database: Database) {
  await database.migrate();
  await loadBenchRecords(database.db, MEMBERS);
  const app = await createSignedInApp({ database, now: () => new Date("2025-01-01T00:00:00Z") });
  const created = await app.request("/api/v1/articles", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(articleInput("p3")),
  });
  const article = (await created.json()) as { id: string; slug: string };
  const published = await app.request(`/api/v1/articles/${article.id}/publish`, {
    method: "POST",
    headers: { "If-Match": '"v1"' },
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
  // The signed-in app's own administrator, whose session the member list is loaded with.
  const cookie = await testSessionCookie(database.db);
  return { slug: article.slug, cookie };
}

function startServer(
  mode: "api" | "bare",
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@sodoan/source", join(packageDir, "bench/serve.ts"), mode],
    {
      cwd: packageDir,
      env: { ...process.env, ...env, DEMO_DATA: "off" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve({ url: `http://127.0.0.1:${match[1]}`, child });
    });
  });
}

async function stop(child: ChildProcess) {
  child.removeAllListeners("exit");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** One autocannon run; refuses a run in which any answer was not a 2xx. */
async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const { database, env, cleanup } = await openBenchDatabase();
try {
  const { slug, cookie } = await prepare(database);
  const driver = database.driver;
  await database.close();
  const bare = await startServer("bare", env);
  const api = await startServer("api", env);
  try {
    const targets = {
      bare: `${bare.url}/`,
      article: `${api.url}/api/v1/public/articles/${slug}`,
      metric: `${api.url}/api/v1/public/metrics/members.active?organizationId=p3&asOf=2024-06-30`,
      members: `${api.url}/api/v1/members?organizationId=p3&asOf=2024-06-30&page=2&pageSize=50`,
    };
    const runs: Record<keyof typeof targets, { rps: number; p99: number }[]> = {
      bare: [],
      article: [],
      metric: [],
      members: [],
    };
    // Warm up each, then interleave the runs so that the machine's noise falls on all alike.
    for (const [name, url] of Object.entries(targets)) {
      await autocannon({ url, connections: 10, duration: 1, headers: name === "members" ? { cookie } : {} });
    }
    for (let run = 0; run < RUNS; run++) {
      for (const [name, url] of Object.entries(targets) as [keyof typeof targets, string][]) {
        runs[name].push(await load(url, name === "members" ? { cookie } : {}));
      }
    }
    const rps = (name: keyof typeof targets) => median(runs[name].map((r) => r.rps));
    const results = [
      {
        name: "api.read.ratio",
        value: round(Math.min(rps("article"), rps("metric")) / rps("bare"), 3),
        unit: "ratio",
      },
      { name: "api.read.article.ratio", value: round(rps("article") / rps("bare"), 3), unit: "ratio" },
      { name: "api.read.metric.ratio", value: round(rps("metric") / rps("bare"), 3), unit: "ratio" },
      { name: "api.read.bare_rps", value: Math.round(rps("bare")), unit: "1/s" },
      {
        name: "api.members.list.p99_ms",
        value: round(median(runs.members.map((r) => r.p99)), 1),
        unit: "ms",
      },
    ];
    console.log(
      `@sodoan/api over HTTP on ${driver}: ${MEMBERS.toLocaleString("en")} members, ${CONNECTIONS} connections, ${RUNS} runs of ${SECONDS} s each`,
    );
    console.table(
      Object.entries(runs).map(([name, list]) => ({
        target: name,
        "median req/s": Math.round(median(list.map((r) => r.rps))),
        "median p99 ms": median(list.map((r) => r.p99)),
      })),
    );
    mkdirSync(join(packageDir, ".bench"), { recursive: true });
    writeFileSync(join(packageDir, ".bench", "api-http.json"), `${JSON.stringify({ results }, null, 2)}\n`);
  } finally {
    await stop(api.child);
    await stop(bare.child);
  }
} finally {
  await cleanup();
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
