// The API over a real socket, as the admin's proxy and the news server reach it.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { createTestDatabase } from "./db/test-database.js";
import type { ErrorBody } from "./errors.js";

describe("the API over HTTP", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const app = createApp({ database, now: () => new Date() });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
  });

  it("answers the health check with secure headers and a request id", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("keeps the page headers for the reference page, and frames or runs nothing of an answer", async () => {
    const answer = await fetch(`${baseUrl}/api/v1/public/articles`);
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers.get("x-frame-options")).toBeNull();
    const page = await fetch(`${baseUrl}/api/docs`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("content-security-policy")).toBeNull();
  });

  it("names each request, keeping an id given by a proxy when it is safe to log", async () => {
    const given = await fetch(`${baseUrl}/api/health`, { headers: { "X-Request-Id": "proxy-7f3a" } });
    expect(given.headers.get("x-request-id")).toBe("proxy-7f3a");
    const unsafe = await fetch(`${baseUrl}/api/health`, { headers: { "X-Request-Id": 'a b"c' } });
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an unknown path with the one error body, in Vietnamese and English", async () => {
    const response = await fetch(`${baseUrl}/api/v1/khong-co`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        code: "NOT_FOUND",
        message: { vi: "Không tìm thấy", en: "Not found" },
        issues: [],
        requestId: response.headers.get("x-request-id"),
      },
    });
  });

  it("answers 503 with Retry-After, not 500, when the database goes away under a request", async () => {
    const closed = await createTestDatabase("pglite");
    await closed.close();
    const app = createApp({ database: closed, now: () => new Date() });
    const response = await app.request("/api/v1/public/articles");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(((await response.json()) as ErrorBody).error.code).toBe("DATABASE_UNAVAILABLE");
    await closed.drop();
  });
});
