// What the HTTP benchmarks and the soak share: a database of their own with the generated records,
// an article and a session, and the servers, each in a process of its own.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createSignedInApp, testSessionCookie } from "../src/auth/test-session.js";
import { articleInput } from "../src/content/test-fixtures.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { loadBenchRecords } from "./fixture.js";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** PostgreSQL when the environment names a server (a database of our own, dropped after), else PGlite. */
export async function openBenchDatabase() {
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
export async function prepare(database: Database, members: number) {
  await database.migrate();
  // The load ends with the tables' statistics gathered (see importRegisterRecords).
  await loadBenchRecords(database.db, members);
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

export function startServer(
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

export async function stop(child: ChildProcess) {
  child.removeAllListeners("exit");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
