// GET /api/health: whether the API and its database answer (DESIGN §6).
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../openapi.js";

/** Seconds a client should wait before asking again while the database is down. */
const RETRY_AFTER_SECONDS = 5;

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    database: z.object({ driver: z.enum(["pglite", "postgres"]), ok: z.boolean() }),
  })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Tình trạng API và cơ sở dữ liệu / Health of the API and its database",
  responses: {
    200: { description: "Đang hoạt động / Up", content: { "application/json": { schema: HealthSchema } } },
    503: {
      description: "Cơ sở dữ liệu không trả lời / The database does not answer",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const { database } = c.var.services;
  const ok = await database.ping();
  if (ok) return c.json({ status: "ok" as const, database: { driver: database.driver, ok } }, 200);
  c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json({ status: "degraded" as const, database: { driver: database.driver, ok } }, 503);
});
