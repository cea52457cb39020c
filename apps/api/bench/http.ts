// Loads the API over loopback HTTP with autocannon (50 connections) and compares it with a bare Hono
// handler served the same way, in the same run: public reads (an article by slug, an
// organisation's public figure) as a ratio of the baseline's requests per second, the p99
// latency of a signed-in member list page, and what a page not asked before takes. Medians of
// several runs; the machines are noisy.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { median } from "./fixture.js";
import { openBenchDatabase, packageDir, prepare, startServer, stop } from "./harness.js";

const MEMBERS = Number(process.env.BENCH_API_MEMBERS ?? 20_000);
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = 50;

/** One autocannon run; refuses a run in which any answer was not a 2xx. */
async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    headers,
    timeout: 120,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Waits until the server answers at once again: requests of the previous run may still be queued. */
async function drained(base: string) {
  for (;;) {
    const start = performance.now();
    await fetch(`${base}/api/health`);
    if (performance.now() - start < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const { database, env, cleanup } = await openBenchDatabase();
try {
  const { slug, cookie } = await prepare(database, MEMBERS);
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
    // One request each to warm up, then the runs in turns so that the machine's noise falls on all
    // alike, each on a server that finished the previous run's requests.
    for (const [name, url] of Object.entries(targets)) {
      await fetch(url, { headers: name === "members" ? { cookie } : {} });
    }
    for (let run = 0; run < RUNS; run++) {
      for (const [name, url] of Object.entries(targets) as [keyof typeof targets, string][]) {
        runs[name].push(await load(url, name === "members" ? { cookie } : {}));
        await drained(api.url);
      }
    }
    // The load above asks one page again and again, which is computed once and then held until a
    // write (src/db/snapshot-cache.ts). What a page not asked before costs: pages 3 to 22, one
    // after another, on an idle server.
    const firstTimes: number[] = [];
    for (let page = 3; page < 23; page++) {
      const started = performance.now();
      const response = await fetch(targets.members.replace("page=2", `page=${page}`), {
        headers: { cookie },
      });
      await response.text();
      if (!response.ok) throw new Error(`members page ${page}: ${response.status}`);
      firstTimes.push(performance.now() - started);
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
      { name: "api.members.list.first_page_ms", value: round(median(firstTimes), 1), unit: "ms" },
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
