// What readers write through the public routes: comments under a per-address limit, and the view
// counts the news servers report in batches, behind their shared token when the API sets one.
import type { Article } from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createLocalChangeBus } from "../content/change-bus.js";
import { articleInput, insertOrganization } from "../content/test-fixtures.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { type PublicArticle, VIEW_COUNT_TOKEN_HEADER } from "./public.js";

const ORG = "tinh-doan-ha-nam";
const TOKEN = "bi-mat-cua-trang-tin-0123456789";

describe.each(testDrivers)("readers' writes on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let now = new Date("2021-11-26T00:00:00Z");
  /** An app that lets two comments through per address in a minute, and wants the view token. */
  let app: ReturnType<typeof createApp>;
  /**
   * The same database behind an app with no view token, as an API without VIEW_COUNT_TOKEN; the
   * two share a change bus, as instances of one deployment do.
   */
  let open: ReturnType<typeof createApp>;
  let published: Article;
  let withdrawn: Article;
  let draft: Article;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const changes = createLocalChangeBus();
    app = await createSignedInApp({
      database,
      now: () => now,
      changes,
      readers: { commentLimit: { attempts: 2, windowMs: 60_000 }, viewCountToken: TOKEN },
    });
    open = await createSignedInApp({ database, now: () => now, changes });
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Hà Nam");
    const create = async (title: string) =>
      (await (await send(app, "POST", "/api/v1/articles", articleInput(ORG, { title }))).json()) as Article;
    const act = async (article: Article, action: string, version: number) =>
      (await (
        await send(app, "POST", `/api/v1/articles/${article.id}/${action}`, undefined, {
          "If-Match": `"v${version}"`,
        })
      ).json()) as Article;
    published = await act(await create("Tuổi trẻ Hà Nam ra quân tình nguyện"), "publish", 1);
    withdrawn = await act(await act(await create("Bài sẽ gỡ"), "publish", 1), "withdraw", 2);
    draft = await create("Bản nháp");
  });
  afterAll(async () => {
    await database?.drop();
  });

  function send(
    target: ReturnType<typeof createApp>,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return target.request(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  const views = async () =>
    ((await (await app.request(`/api/v1/public/articles/${published.slug}`)).json()) as PublicArticle).views;

  describe("comments", () => {
    const comment = (address: string) =>
      send(
        app,
        "POST",
        `/api/v1/public/articles/${published.slug}/comments`,
        { authorName: "Lan", body: "Bài viết hay" },
        { "X-Forwarded-For": address },
      );

    it("are limited per reader's address, with 429, Retry-After and the bilingual body", async () => {
      expect((await comment("203.0.113.7")).status).toBe(202);
      expect((await comment("203.0.113.7")).status).toBe(202);
      const refused = await comment("203.0.113.7");
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get("Retry-After"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      const body = (await refused.json()) as ErrorBody;
      expect(body.error.code).toBe("RATE_LIMITED");
      expect(body.error.message.vi).toContain("quá nhiều bình luận");
      expect(body.error.message.en).toContain("Too many comments");

      // Another reader behind the same news server is not held back by the first.
      expect((await comment("198.51.100.4")).status).toBe(202);
      // Only the last address of the chain counts: a reader cannot pose as someone else.
      expect((await comment("10.9.9.9, 203.0.113.7")).status).toBe(429);
      // The refused ones stored nothing.
      const stored = (await (
        await app.request(`/api/v1/articles/${published.id}/comments`)
      ).json()) as unknown[];
      expect(stored).toHaveLength(3);
    });

    it("count again once the window has passed", async () => {
      now = new Date(now.getTime() + 61_000);
      expect((await comment("203.0.113.7")).status).toBe(202);
    });
  });

  describe("view counts", () => {
    /** Sends a batch with the token, another one, or none (null). */
    const report = (body: unknown, token: string | null = TOKEN, target = app) =>
      send(
        target,
        "POST",
        "/api/v1/public/article-views",
        body,
        token ? { [VIEW_COUNT_TOKEN_HEADER]: token } : {},
      );

    it("start at zero and add up batches by slug or id, ignoring what readers cannot see", async () => {
      expect(await views()).toBe(0);
      const first = await report({
        items: [
          { slug: published.slug, count: 3 },
          { id: published.id, count: 2 },
          { slug: withdrawn.slug, count: 7 },
          { slug: draft.slug, count: 1 },
          { slug: "khong-co-bai-nay", count: 4 },
        ],
      });
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ counted: 5, ignored: 12 });
      expect(await views()).toBe(5);
      expect((await report({ items: [{ slug: published.slug, count: 10 }] })).status).toBe(200);
      expect(await views()).toBe(15);
    });

    it("refuse a batch without the token, or with a wrong one, when the API has one", async () => {
      for (const token of [null, "sai-ma-roi-0123456789", `${TOKEN}x`]) {
        const refused = await report({ items: [{ slug: published.slug, count: 1000 }] }, token);
        expect(refused.status).toBe(401);
        const body = (await refused.json()) as ErrorBody;
        expect(body.error.code).toBe("UNAUTHENTICATED");
        expect(body.error.message.vi).toContain("X-View-Count-Token");
      }
      expect(await views()).toBe(15);
      // An API without a token takes counts from anyone.
      expect((await report({ items: [{ slug: published.slug, count: 1 }] }, null, open)).status).toBe(200);
      expect(await views()).toBe(16);
    });

    it.each([
      ["no items", { items: [] }],
      ["a count of zero", { items: [{ slug: "a", count: 0 }] }],
      ["a negative count", { items: [{ slug: "a", count: -5 }] }],
      ["a fractional count", { items: [{ slug: "a", count: 1.5 }] }],
      ["a huge count", { items: [{ slug: "a", count: 10_000_000 }] }],
      ["both slug and id", { items: [{ slug: "a", id: "b", count: 1 }] }],
      ["neither slug nor id", { items: [{ count: 1 }] }],
      ["a count as text", { items: [{ slug: "a", count: "3" }] }],
      ["no body shape at all", ["a"]],
      ["too many items", { items: Array.from({ length: 501 }, () => ({ slug: "a", count: 1 })) }],
    ])("answer 400 with the bilingual body for %s", async (_, body) => {
      const refused = await report(body);
      expect(refused.status).toBe(400);
      const error = (await refused.json()) as ErrorBody;
      expect(error.error.code).toBe("VALIDATION_FAILED");
      expect(error.error.message.vi).not.toBe("");
      expect(error.error.message.en).not.toBe("");
      expect(error.error.issues.length).toBeGreaterThan(0);
    });

    it("answer 400, not 500, for a body that is not JSON", async () => {
      const refused = await app.request("/api/v1/public/article-views", {
        method: "POST",
        headers: { "Content-Type": "application/json", [VIEW_COUNT_TOKEN_HEADER]: TOKEN },
        body: "{items:",
      });
      expect(refused.status).toBe(400);
    });

    it("leave the article's version and its ETag for editors untouched", async () => {
      const admin = await app.request(`/api/v1/articles/${published.id}`);
      expect(admin.headers.get("ETag")).toBe('"v2"');
    });
  });
});
