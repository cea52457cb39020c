// Starts the admin's production server: `node dist/server/main.js`.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createAdminServer } from "./app";
import { readAdminEnv } from "./env";

const env = readAdminEnv();
// The bundle sits in dist/server/, beside the SPA it serves from dist/.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = createAdminServer({ apiUrl: env.apiUrl, distDir });

const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  console.log(
    `Sổ Đoàn admin: http://${env.host}:${info.port} (API ${env.apiUrl}) — trang quản trị đang chạy / admin running`,
  );
});

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`${signal}: đang dừng / stopping`);
  server.close(() => process.exit(0));
  // Idle keep-alive connections would hold close() open.
  if ("closeIdleConnections" in server) server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
