import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import type { DocumentView } from "./documents.js";

const NOW = new Date("2021-11-26T02:00:00Z");

describe.each(testDrivers)("documents on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(`/api/v1/documents${url}`, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: (await response.json()) as never };
  }

  function expectError(result: { response: Response; body: never }, status: number, code: string) {
    expect(result.response.status, JSON.stringify(result.body)).toBe(status);
    const { error } = result.body as ErrorBody;
    expect(error.code).toBe(code);
    expect(error.message.vi).toBeTruthy();
    expect(error.message.en).toBeTruthy();
    return error;
  }

  let conclusion08: DocumentView;
  let conclusion07: DocumentView;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
  });
  afterAll(() => database.drop());

  it("stores a symbol typed loosely in its canonical form, with every claimed date and its source", async () => {
    const { response, body } = await call("POST", "", {
      symbol: "Kết luận số 8 - kl/TWDTN – btc",
      title: "Về nâng cao chất lượng tổ chức cơ sở Đoàn khu vực địa bàn dân cư giai đoạn 2019 – 2022",
      dateClaims: [
        { date: "2019-03-05", source: { name: "Trung ương Đoàn" } },
        { date: "2019-02-14", source: { name: "Một nguồn tin tỉnh", url: "https://example.org/tin" } },
      ],
    });
    expect(response.status, JSON.stringify(body)).toBe(201);
    conclusion08 = body as DocumentView;
    expect(response.headers.get("ETag")).toBe('"v1"');
    expect(response.headers.get("Location")).toBe(`/api/v1/documents/${conclusion08.id}`);
    expect(conclusion08).toMatchObject({
      symbol: "08-KL/TWĐTN-BTC",
      citation: { vi: "Kết luận số 08-KL/TWĐTN-BTC", en: "Conclusion No. 08-KL/TWĐTN-BTC" },
      hasConflictingDates: true,
      claimedDates: [
        { date: "2019-02-14", sources: ["Một nguồn tin tỉnh"] },
        { date: "2019-03-05", sources: ["Trung ương Đoàn"] },
      ],
      recordedAt: NOW.toISOString(),
      version: 1,
    });
    expect(conclusion08.dateClaims).toHaveLength(2);
    const second = await call("POST", "", {
      symbol: "07-KL/TWĐTN-BTC",
      title: "Về nâng cao chất lượng công tác cán bộ Đoàn giai đoạn 2019 – 2022",
      date: "2019-02-14",
      dateClaims: [{ date: "2019-02-14", source: { name: "Trung ương Đoàn" } }],
    });
    expect(second.response.status).toBe(201);
    conclusion07 = second.body as DocumentView;
    expect(conclusion07.hasConflictingDates).toBe(false);
  });

  it("refuses a symbol already on file however it is spelt (409), and one that is not a symbol (400)", async () => {
    const duplicate = expectError(
      await call("POST", "", { symbol: "08-KL/TWDTN-BTC", title: "Bản trùng" }),
      409,
      "CONFLICT",
    );
    expect(duplicate.issues[0]?.path).toEqual(["symbol"]);
    expect(duplicate.message.vi).toContain("08-KL/TWĐTN-BTC");
    const invalid = expectError(
      await call("POST", "", { symbol: "không có số", title: "X" }),
      400,
      "VALIDATION_FAILED",
    );
    expect(invalid.issues[0]?.path).toEqual(["symbol"]);
    const repeated = expectError(
      await call("POST", "", {
        symbol: "09-KL/TWĐTN-BTC",
        title: "X",
        dateClaims: [
          { date: "2019-03-05", source: { name: "A" } },
          { date: "2019-03-05", source: { name: "A" } },
        ],
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(repeated.issues[0]?.path).toEqual(["dateClaims"]);
  });

  it("finds documents by symbol or by title, without accents", async () => {
    const ids = async (query: string) =>
      ((await call("GET", `?${query}`)).body as Page<DocumentView>).items.map((item) => item.id);
    expect(await ids("q=chat%20luong%20can%20bo")).toEqual([conclusion07.id]);
    expect(await ids("q=08-kl%2Ftwdtn")).toEqual([conclusion08.id]);
    expect(await ids(`q=${encodeURIComponent("Kết luận 8-KL/TWĐTN-BTC")}`)).toEqual([conclusion08.id]);
    // Sorted by the chosen date, latest first, documents without one last.
    expect(await ids("sort=date:desc")).toEqual([conclusion07.id, conclusion08.id]);
    expect(await ids("sort=symbol")).toEqual([conclusion07.id, conclusion08.id]);
    expectError(await call("GET", "?sort=title"), 400, "VALIDATION_FAILED");
  });

  it("reads one document with its ETag, and 404 for one not on file", async () => {
    const { response, body } = await call("GET", `/${conclusion08.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe('"v1"');
    expect(body).toEqual(conclusion08);
    expectError(await call("GET", "/khong-co"), 404, "NOT_FOUND");
  });

  it("corrects with If-Match, and lets only the first of two edits with one ETag through", async () => {
    const first = await call("PATCH", `/${conclusion08.id}`, { date: "2019-03-05" }, { "If-Match": '"v1"' });
    expect(first.response.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ date: "2019-03-05", version: 2, hasConflictingDates: true });
    expect(first.response.headers.get("ETag")).toBe('"v2"');
    expectError(
      await call("PATCH", `/${conclusion08.id}`, { title: "Khác" }, { "If-Match": '"v1"' }),
      412,
      "PRECONDITION_FAILED",
    );
    expectError(await call("PATCH", `/${conclusion08.id}`, { title: "Khác" }), 428, "PRECONDITION_REQUIRED");
    expectError(
      await call("PATCH", "/khong-co", { title: "Khác" }, { "If-Match": '"v1"' }),
      404,
      "NOT_FOUND",
    );
    const taken = expectError(
      await call("PATCH", `/${conclusion08.id}`, { symbol: "07-kl/twdtn-btc" }, { "If-Match": '"v2"' }),
      409,
      "CONFLICT",
    );
    expect(taken.issues[0]?.path).toEqual(["symbol"]);
  });
});
