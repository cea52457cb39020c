// Starts the API: reads the settings, opens and migrates the database, listens until told to stop.
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { databaseOptionsFrom, openDatabase } from "./db/client.js";
import { readEnv } from "./env.js";

const env = readEnv();
const database = await openDatabase(databaseOptionsFrom(env));
await database.migrate();

const app = createApp({ database, now: () => new Date() });
const server = serve({ fetch: app.fetch, port: env.API_PORT, hostname: env.HOST }, (info) => {
  const where = database.driver === "pglite" ? `PGlite in ${env.DATA_DIR}` : "PostgreSQL";
  console.log(`Sổ Đoàn API: http://${env.HOST}:${info.port}/api/health (${where})`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
