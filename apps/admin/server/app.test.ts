import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { getFreePort } from "@sodoan/testing";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminServer } from "./app";

/** A stand-in API on a real port: the proxy is tested over real HTTP. */
function createStubApi() {
  return new Hono()
    .get("/api/health", (c) => c.json({ status: "ok", database: { driver: "pglite", ok: true } }))
    .post("/api/v1/echo", async (c) => {
      c.header("Set-Cookie", "session=abc; Path=/; HttpOnly", { append: true });
      c.header("Set-Cookie", "theme=dark; Path=/", { append: true });
      return c.json(
        {
          method: c.req.method,
          query: c.req.query(),
          body: await c.req.text(),
          cookie: getCookie(c, "session") ?? null,
          contentType: c.req.header("content-type") ?? null,
          forwardedHost: c.req.header("x-forwarded-host") ?? null,
          host: c.req.header("host") ?? null,
        },
        201,
      );
    })
    .get("/api/v1/moved", (c) => c.redirect("/api/v1/elsewhere", 302))
    .get("/api/v1/missing", (c) =>
      c.json(
        {
          error: {
            code: "NOT_FOUND",
            message: { vi: "Không có", en: "Missing" },
            issues: [],
            requestId: "x",
          },
        },
        404,
      ),
    );
}

let distDir: string;
let stubServer: Server;
let stubUrl: string;

beforeAll(async () => {
  distDir = mkdtempSync(path.join(tmpdir(), "sodoan-admin-dist-"));
  writeFileSync(
    path.join(distDir, "index.html"),
    '<!doctype html><html lang="vi"><div id="root"></div></html>',
  );
  mkdirSync(path.join(distDir, "assets"));
  writeFileSync(path.join(distDir, "assets", "index-Ab12Cd34.js"), "console.log('spa');");
  writeFileSync(path.join(distDir, "robots.txt"), "User-agent: *\nDisallow: /\n");

  const port = await getFreePort();
  stubUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve) => {
    stubServer = serve({ fetch: createStubApi().fetch, port, hostname: "127.0.0.1" }, () =>
      resolve(),
    ) as Server;
  });
});

afterAll(async () => {
  await new Promise((resolve) => stubServer.close(resolve));
  rmSync(distDir, { recursive: true, force: true });
});

describe("the built SPA", () => {
  it("serves index.html at / without caching it", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain('<div id="root">');
  });

  it("forbids scripts from anywhere but its own origin, and framing", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const policy = (await app.request("/")).headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
  });

  it("answers unknown page paths with index.html for the SPA's router", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/to-chuc/123/doan-vien");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain('<div id="root">');
  });

  it("caches hashed assets for good", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/assets/index-Ab12Cd34.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(await response.text()).toBe("console.log('spa');");
  });

  it("serves other files with a short cache", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("answers a missing asset with 404, never with index.html", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    for (const url of ["/assets/index-gone.js", "/favicon.ico"]) {
      const response = await app.request(url);
      expect(response.status, url).toBe(404);
      const body = (await response.json()) as {
        error: { code: string; message: { vi: string; en: string } };
      };
      expect(body.error.code).toBe("NOT_FOUND");
    }
  });

  it("does not serve files outside dist/", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/..%2f..%2fetc/passwd");
    expect(await response.text()).not.toContain("root:");
  });
});

describe("the /api proxy", () => {
  it("passes a GET through to the API", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: { driver: "pglite", ok: true } });
  });

  it("keeps the method, query, body, cookies and status, and returns every Set-Cookie", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("http://admin.example:5173/api/v1/echo?page=2&q=tr%E1%BA%A7n", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "session=s3cret" },
      body: JSON.stringify({ name: "Trần Ngọc Nam" }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      method: "POST",
      query: { page: "2", q: "trần" },
      body: JSON.stringify({ name: "Trần Ngọc Nam" }),
      cookie: "s3cret",
      contentType: "application/json",
      forwardedHost: "admin.example:5173",
      host: new URL(stubUrl).host,
    });
    expect(response.headers.getSetCookie()).toEqual(["session=abc; Path=/; HttpOnly", "theme=dark; Path=/"]);
  });

  it("passes the API's errors through unchanged", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/api/v1/missing");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });

  it("hands redirects to the browser instead of following them", async () => {
    const app = createAdminServer({ apiUrl: stubUrl, distDir });
    const response = await app.request("/api/v1/moved");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/api/v1/elsewhere");
  });

  it("answers 502 with the bilingual error body when the API is down", async () => {
    const closedPort = await getFreePort();
    const app = createAdminServer({ apiUrl: `http://127.0.0.1:${closedPort}`, distDir });
    const response = await app.request("/api/health", { headers: { "x-request-id": "req-42" } });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        code: "API_UNAVAILABLE",
        message: {
          vi: expect.stringContaining("Không kết nối được máy chủ API"),
          en: expect.stringContaining("cannot be reached"),
        },
        issues: [],
        requestId: "req-42",
      },
    });
  });

  it("never answers /api paths with the SPA", async () => {
    const closedPort = await getFreePort();
    const app = createAdminServer({ apiUrl: `http://127.0.0.1:${closedPort}`, distDir });
    const response = await app.request("/api");
    expect(response.status).toBe(502);
  });
});
