// One server for the HTTP benchmark, in a process of its own so that the load generator does not
// share its event loop: `api` serves the app on the database the environment names, `bare` a
// Hono handler that answers a fixed JSON body, the baseline. Prints its port when listening.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../src/app.js";
import { databaseOptionsFrom, openDatabase } from "../src/db/client.js";
import { readEnv } from "../src/env.js";

const mode = process.argv[2];
let fetch: (request: Request) => Response | Promise<Response>;
if (mode === "bare") {
  const app = new Hono();
  app.get("*", (c) => c.json({ ok: true, at: "2025-01-01T00:00:00.000Z" }));
  fetch = app.fetch;
} else {
  const database = await openDatabase(databaseOptionsFrom(readEnv()));
  // The data are generated for a fixed day; its instant is parsed once, not on every request.
  const day = Date.parse("2025-01-01T00:00:00Z");
  const app = createApp({ database, now: () => new Date(day) });
  fetch = app.fetch;
}
const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  console.log(`listening ${info.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
