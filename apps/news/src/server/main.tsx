// Starts the news viewer: `node dist/server/main.js` when built, `tsx src/server/main.tsx` in development.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createNewsServer } from "./app";
import { resolveAssets } from "./assets";
import { readNewsEnv } from "./env";

const env = readNewsEnv();
// One folder up from this file is dist/ when built (with Vite's manifest) and src/ in development.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const assets = resolveAssets(root);
const app = createNewsServer({
  apiUrl: env.apiUrl,
  publicUrl: env.publicUrl,
  assets,
  cache: env.cache,
  views: env.views,
});

const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  const mode = assets.mode === "built" ? "bản dựng / built" : "mã nguồn / from source";
  console.log(`Tin tức Đoàn: http://${env.host}:${info.port} (API ${env.apiUrl}, ${mode})`);
});

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`${signal}: đang dừng / stopping`);
  // The views counted since the last batch go to the API before the process ends.
  server.close(() => void app.close().finally(() => process.exit(0)));
  // Idle keep-alive connections would hold close() open.
  if ("closeIdleConnections" in server) server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
