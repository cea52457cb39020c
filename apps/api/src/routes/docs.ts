// GET /api/docs: an interactive reference of the API that works offline. The reference UI is served
// from the installed package rather than a CDN, and its calls to outside services are switched off.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";

const STANDALONE_PATH = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");

let standalone: Promise<string> | undefined;

export const docsRoutes = new Hono<AppEnv>()
  .get("/standalone.js", async (c) => {
    standalone ??= readFile(STANDALONE_PATH, "utf8");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await standalone, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  })
  .get(
    "/",
    Scalar({
      url: "/api/openapi.json",
      cdn: "/api/docs/standalone.js",
      pageTitle: "Sổ Đoàn API",
      withDefaultFonts: false,
      agent: { disabled: true },
      hideClientButton: true,
      telemetry: false,
    }),
  );
