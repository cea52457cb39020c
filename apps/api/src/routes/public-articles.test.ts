import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { article, organization } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import type { PublicArticleSummary } from "./public-articles.js";

type ArticlePage = Page<PublicArticleSummary>;

const NOW = new Date("2021-11-26T00:00:00Z");

describe.each(testDrivers)("GET /api/v1/public/articles on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = createApp({ database, now: () => NOW });
  });
  afterAll(() => database.drop());

  it("answers an empty page before anything is published", async () => {
    const response = await app.request("/api/v1/public/articles");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it("lists published articles newest first, and hides drafts and those scheduled for later", async () => {
    const [org] = await database.db
      .insert(organization)
      .values({ name: "Tỉnh đoàn Hà Nam", level: "provincial", establishedOn: "1997-01-01" })
      .returning();
    const base = { lead: "…", category: "Đoàn thể", organizationId: org?.id ?? "" };
    await database.db.insert(article).values([
      { ...base, slug: "cu", title: "Cũ", status: "published", publishedAt: "2017-09-01T06:00:00Z" },
      { ...base, slug: "moi", title: "Mới", status: "published", publishedAt: "2021-11-25T08:00:00Z" },
      { ...base, slug: "nhap", title: "Nháp", status: "draft" },
      {
        ...base,
        slug: "sap-toi",
        title: "Sắp tới",
        status: "scheduled",
        publishedAt: "2021-12-01T00:00:00Z",
      },
      {
        ...base,
        slug: "da-den-gio",
        title: "Đã đến giờ",
        status: "scheduled",
        publishedAt: "2021-11-20T00:00:00Z",
      },
      { ...base, slug: "go", title: "Gỡ", status: "withdrawn", publishedAt: "2020-01-01T00:00:00Z" },
    ]);

    const response = await app.request("/api/v1/public/articles?pageSize=2");
    const body = (await response.json()) as ArticlePage;
    expect(body.total).toBe(3);
    expect(body.items.map((item) => item.slug)).toEqual(["moi", "da-den-gio"]);
    expect(body.items[0]).toMatchObject({
      title: "Mới",
      category: "Đoàn thể",
      organizationName: "Tỉnh đoàn Hà Nam",
      publishedAt: "2021-11-25T08:00:00.000Z",
    });

    const second = (await (
      await app.request("/api/v1/public/articles?pageSize=2&page=2")
    ).json()) as ArticlePage;
    expect(second.items.map((item) => item.slug)).toEqual(["cu"]);
  });

  it.each([
    ["page=0", "page"],
    ["pageSize=501", "pageSize"],
    ["pageSize=abc", "pageSize"],
  ])("refuses %s with a 400 that names the field", async (query, field) => {
    const response = await app.request(`/api/v1/public/articles?${query}`);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toEqual({ vi: "Dữ liệu không hợp lệ", en: "Invalid input" });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toEqual([field]);
    expect(error.issues[0]?.message.vi).toBeTruthy();
    expect(error.issues[0]?.message.en).toBeTruthy();
    expect(error.requestId).toBe(response.headers.get("x-request-id"));
  });
});
