// Starts the API: reads the settings, opens and migrates the database, listens until told to stop.
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { toVietnamDate, yearOf } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import { createApp } from "./app.js";
import { ensureFirstAdministrator } from "./auth/bootstrap.js";
import { DEFAULT_COMMENT_LIMIT, DEFAULT_LOGIN_LIMITS } from "./auth/rate-limit.js";
import { openChangeBus } from "./content/change-bus.js";
import { watchDueArticles } from "./content/due-articles.js";
import { databaseOptionsFrom, openDatabase } from "./db/client.js";
import { ensureRollSummaries } from "./db/queries/roll-summaries.js";
import { readEnv } from "./env.js";
import { jsonLogger } from "./log.js";
import { isDatabaseEmpty, seedDemoData } from "./seed/index.js";

/** How long a stop waits for requests in flight before it closes the database anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

const env = readEnv();
const database = await openDatabase(databaseOptionsFrom(env));
await database.migrate();
// The embedded default comes alive with demo data; a PostgreSQL server gets it only by `pnpm seed`.
if (database.driver === "pglite" && env.DEMO_DATA === "auto" && (await isDatabaseEmpty(database.db))) {
  jsonLogger({ level: "info", msg: "loading demo data into the empty embedded database" });
  // Its load ends with the tables' statistics gathered (see importRegisterRecords).
  jsonLogger({ level: "info", msg: "demo data loaded", ...(await seedDemoData(database)) });
} else if (database.driver === "pglite") {
  // PGlite runs no autovacuum, so nothing else keeps the planner's statistics up to date as the data grows.
  await database.db.execute(sql`analyze`);
}
// The year-end counts behind figures over many units: built once, then kept by every write, and
// extended when a new year begins.
const started = performance.now();
if (await ensureRollSummaries(database.db, yearOf(toVietnamDate(new Date())))) {
  jsonLogger({ level: "info", msg: "roll counts built", ms: Math.round(performance.now() - started) });
}
if (env.ADMIN_EMAIL !== undefined && env.ADMIN_PASSWORD !== undefined) {
  const credentials = { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD };
  if (await ensureFirstAdministrator(database, credentials, new Date())) {
    jsonLogger({ level: "info", msg: "first system administrator created", email: env.ADMIN_EMAIL });
  }
}
const changes = await openChangeBus(database);
const dueArticles = watchDueArticles({ database, changes, now: () => new Date(), log: jsonLogger });

const window = DEFAULT_LOGIN_LIMITS.perAccount.windowMs;
const app = createApp({
  database,
  now: () => new Date(),
  log: jsonLogger,
  changes,
  auth: {
    loginLimits: {
      perAccount: { attempts: env.LOGIN_LIMIT_PER_ACCOUNT, windowMs: window },
      perAddress: { attempts: env.LOGIN_LIMIT_PER_ADDRESS, windowMs: window },
    },
    sessionTtlMs: env.SESSION_HOURS * 60 * 60 * 1000,
  },
  readers: {
    commentLimit: { attempts: env.COMMENT_LIMIT_PER_ADDRESS, windowMs: DEFAULT_COMMENT_LIMIT.windowMs },
    ...(env.VIEW_COUNT_TOKEN === undefined ? {} : { viewCountToken: env.VIEW_COUNT_TOKEN }),
  },
});
const server = serve({ fetch: app.fetch, port: env.API_PORT, hostname: env.HOST }, (info) => {
  const where = database.driver === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL";
  console.log(`Sổ Đoàn API: http://${env.HOST}:${info.port}/api/health (${where})`);
}) as Server;

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  jsonLogger({ level: "info", msg: "stopping", signal });
  // Stop accepting, let requests in flight finish, then close the database they use.
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
  server.closeAllConnections();
  dueArticles.stop();
  await changes.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
