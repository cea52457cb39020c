// Measures the article page as readers get it: its gzip bytes (HTML and stylesheet), and how many
// requests a second the news server answers from its page cache compared with a bare Hono handler
// that returns the same HTML, both served by @hono/node-server and loaded alike by autocannon; and
// the page's Lighthouse scores (mobile, performance and accessibility) in the system's Chromium.
// Writes .bench/news.json; needs the API built (`pnpm --filter @sodoan/api build`).
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { CHROMIUM_ARGS, findChromium, startApi } from "@sodoan/testing";
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import { Hono } from "hono";
import lighthouse from "lighthouse";
import { createNewsServer } from "../src/server/app";
import { resolveAssets } from "../src/server/assets";
import { writeNewsFixtures } from "../src/server/test-fixtures";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Short runs, three of each, taken in turns so that a busy moment of the machine hits both alike. */
const RUNS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 10;

type Row = { name: string; value: number; unit: string };

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, server: server as Server });
    }) as Server;
  });
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Lighthouse's default CPU slowdown (4×) turns a high-end desktop, whose benchmark index is about
 * 1,500–2,000, into a mid-tier phone. Lighthouse's throttling guide asks a slower host to lower the
 * slowdown by its own index, or the page is scored as on a phone slower than the one meant.
 */
const DEFAULT_CPU_SLOWDOWN = 4;
const REFERENCE_BENCHMARK_INDEX = 1750;

type Scores = {
  performance: number;
  accessibility: number;
  benchmarkIndex: number;
  /** Lighthouse's JSON report of the run with the lowest performance score, to see where it lost. */
  report: string;
};

/** Tries a Lighthouse run this many times when its trace comes back broken. */
const ATTEMPTS = 3;

/**
 * Lighthouse's mobile scores (0–100) of a page, in the machine's Chromium: its mobile emulation
 * and simulated slow network, with the given CPU slowdown. The lower of three runs, as the page's
 * worst case; the host's benchmark index is the median of the runs'.
 */
async function lighthouseScores(url: string, cpuSlowdownMultiplier: number): Promise<Scores> {
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  try {
    const runs: Scores[] = [];
    for (let run = 0; run < 3; run++) runs.push(await lighthouseRun(url, chrome.port, cpuSlowdownMultiplier));
    const worst = runs.reduce((low, run) => (run.performance < low.performance ? run : low));
    return {
      performance: worst.performance,
      accessibility: Math.min(...runs.map((r) => r.accessibility)),
      benchmarkIndex: median(runs.map((r) => r.benchmarkIndex)),
      report: worst.report,
    };
  } finally {
    chrome.kill();
  }
}

/**
 * One Lighthouse run. Now and then Chromium's trace of the load misses its start (NO_NAVSTART);
 * Lighthouse then scores nothing and asks for another run, which is what this does, rather than
 * count a score of 0 that says nothing of the page.
 */
async function lighthouseRun(url: string, port: number, cpuSlowdownMultiplier: number): Promise<Scores> {
  let failure = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const result = await lighthouse(
      url,
      { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
      { extends: "lighthouse:default", settings: { throttling: { cpuSlowdownMultiplier } } },
    );
    const lhr = result?.lhr;
    const performance = lhr?.categories.performance?.score;
    const accessibility = lhr?.categories.accessibility?.score;
    if (lhr && !lhr.runtimeError && typeof performance === "number" && typeof accessibility === "number") {
      return {
        performance: Math.round(performance * 100),
        accessibility: Math.round(accessibility * 100),
        benchmarkIndex: lhr.environment.benchmarkIndex,
        report: typeof result?.report === "string" ? result.report : "",
      };
    }
    failure = lhr?.runtimeError?.code ?? "no score";
    console.warn(`Lighthouse run ${attempt} of ${ATTEMPTS} failed (${failure}); trying again.`);
  }
  throw new Error(`Lighthouse failed ${ATTEMPTS} times on ${url}: ${failure}`);
}

/** The slowdown that brings this host to the phone Lighthouse means, in steps of a half, at least 1×. */
function calibratedSlowdown(benchmarkIndex: number): number {
  const exact = (DEFAULT_CPU_SLOWDOWN * benchmarkIndex) / REFERENCE_BENCHMARK_INDEX;
  return Math.min(DEFAULT_CPU_SLOWDOWN, Math.max(1, Math.round(exact * 2) / 2));
}

const api = await startApi({ env: { DEMO_DATA: "off" } });
try {
  const fixtures = await writeNewsFixtures(api.url);
  // The built stylesheet when there is a build (what readers get), the source one otherwise.
  const assets = resolveAssets(path.join(PACKAGE_DIR, "dist"));
  const news = createNewsServer({
    apiUrl: api.url,
    publicUrl: "https://tintuc.doan.example",
    assets: assets.mode === "built" ? assets : resolveAssets(path.join(PACKAGE_DIR, "src")),
    // Views are counted as when deployed; sent once at the end.
    views: { flushMs: 0 },
  });
  await news.changes?.ready;
  const articlePath = `/bai-viet/${fixtures.slug}`;

  // What a reader downloads: the page and its stylesheet, gzipped as this server sends them.
  const gzipBytes = async (pathname: string) => {
    const response = await news.request(pathname, { headers: { "Accept-Encoding": "gzip" } });
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    // A file too small to be worth compressing is counted as it is sent.
    return (await response.arrayBuffer()).byteLength;
  };
  const html = await (await news.request(articlePath)).text();
  let bytes = await gzipBytes(articlePath);
  for (const stylesheet of html.match(/href="\/[^"]+\.css"/g) ?? []) {
    bytes += await gzipBytes(stylesheet.slice(6, -1));
  }

  const cached = await listen(news.fetch);
  const bare = await listen(new Hono().get(articlePath, (c) => c.html(html)).fetch);
  const cachedRuns: number[] = [];
  const bareRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    cachedRuns.push(await requestsPerSecond(`${cached.url}${articlePath}`));
    bareRuns.push(await requestsPerSecond(`${bare.url}${articlePath}`));
  }
  const uncalibrated = await lighthouseScores(`${cached.url}${articlePath}`, DEFAULT_CPU_SLOWDOWN);
  const slowdown = calibratedSlowdown(uncalibrated.benchmarkIndex);
  const scores =
    slowdown === DEFAULT_CPU_SLOWDOWN
      ? uncalibrated
      : await lighthouseScores(`${cached.url}${articlePath}`, slowdown);
  cached.server.close();
  bare.server.close();
  await news.close();

  const results: Row[] = [
    { name: "news.article.gzip_bytes", value: bytes, unit: "B" },
    {
      name: "news.article.ratio",
      value: Number((median(cachedRuns) / median(bareRuns)).toFixed(3)),
      unit: "x",
    },
    { name: "news.article.cached_requests_per_s", value: Math.round(median(cachedRuns)), unit: "1/s" },
    { name: "news.article.bare_requests_per_s", value: Math.round(median(bareRuns)), unit: "1/s" },
    { name: "news.lighthouse.performance", value: scores.performance, unit: "score" },
    { name: "news.lighthouse.accessibility", value: scores.accessibility, unit: "score" },
    { name: "news.lighthouse.cpu_slowdown", value: slowdown, unit: "x" },
    {
      name: "news.lighthouse.benchmark_index",
      value: Math.round(uncalibrated.benchmarkIndex),
      unit: "index",
    },
    {
      name: "news.lighthouse.performance_at_default_slowdown",
      value: uncalibrated.performance,
      unit: "score",
    },
  ];
  console.table(results);
  // The rows go to .bench/news.json; the report sits in a folder of its own, which the merge of
  // every package's rows does not read.
  mkdirSync(path.join(PACKAGE_DIR, ".bench", "lighthouse"), { recursive: true });
  writeFileSync(path.join(PACKAGE_DIR, ".bench", "news.json"), `${JSON.stringify({ results }, null, 2)}\n`);
  writeFileSync(path.join(PACKAGE_DIR, ".bench", "lighthouse", "article.json"), scores.report);
  console.log("Lighthouse report of the lowest run: .bench/lighthouse/article.json");
} finally {
  await api.stop();
}
