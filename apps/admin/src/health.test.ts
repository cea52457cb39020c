import { describe, expect, it } from "vitest";
import { describeHealth, fetchHealth } from "./health";

function answering(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("fetchHealth", () => {
  it("reads a healthy answer", async () => {
    const state = await fetchHealth(
      answering(200, { status: "ok", database: { driver: "pglite", ok: true } }),
    );
    expect(state).toEqual({
      kind: "answered",
      health: { status: "ok", database: { driver: "pglite", ok: true } },
    });
  });

  it("reads the 503 answer of a database that is down", async () => {
    const state = await fetchHealth(
      answering(503, { status: "degraded", database: { driver: "postgres", ok: false } }),
    );
    expect(state).toEqual({
      kind: "answered",
      health: { status: "degraded", database: { driver: "postgres", ok: false } },
    });
  });

  it("shows the error body's own message, such as the proxy's 502", async () => {
    const message = { vi: "Không kết nối được máy chủ API.", en: "The API server cannot be reached." };
    const state = await fetchHealth(
      answering(502, { error: { code: "API_UNAVAILABLE", message, issues: [], requestId: "r" } }),
    );
    expect(state).toEqual({ kind: "unreachable", reason: message });
  });

  it("treats a network failure as unreachable", async () => {
    const state = await fetchHealth(async () => {
      throw new TypeError("fetch failed");
    });
    expect(state.kind).toBe("unreachable");
  });

  it("names the status of an answer it cannot read", async () => {
    const state = await fetchHealth(async () => new Response("<html>oops</html>", { status: 500 }));
    expect(state).toMatchObject({ kind: "unreachable", reason: { en: expect.stringContaining("HTTP 500") } });
  });
});

describe("describeHealth", () => {
  it.each([
    [
      { status: "ok", database: { driver: "pglite", ok: true } },
      "API: đang hoạt động",
      "Cơ sở dữ liệu: PGlite — kết nối tốt",
      "Database: PGlite — connected",
    ],
    [
      { status: "degraded", database: { driver: "postgres", ok: false } },
      "API: hoạt động hạn chế",
      "Cơ sở dữ liệu: PostgreSQL — mất kết nối",
      "Database: PostgreSQL — unavailable",
    ],
  ] as const)("%j", (health, api, databaseVi, databaseEn) => {
    const lines = describeHealth(health);
    expect(lines.api.vi).toBe(api);
    expect(lines.database).toEqual({ vi: databaseVi, en: databaseEn });
  });
});
