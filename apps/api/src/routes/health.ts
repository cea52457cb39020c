// GET /api/health: whether the API and its database answer (DESIGN §6).
import { Hono } from "hono";
import type { AppEnv } from "../context.js";

/** Seconds a client should wait before asking again while the database is down. */
const RETRY_AFTER_SECONDS = 5;

export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { database } = c.var.services;
  const ok = await database.ping();
  if (ok) return c.json({ status: "ok" as const, database: { driver: database.driver, ok } }, 200);
  c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json({ status: "degraded" as const, database: { driver: database.driver, ok } }, 503);
});
