import type { Article } from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { type ChangeBus, type ContentChange, openChangeBus } from "../content/change-bus.js";
import { articleInput, conferenceInput, insertOrganization } from "../content/test-fixtures.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import type { AdminComment } from "./articles.js";
import type {
  PublicArticle,
  PublicArticleSummary,
  PublicComment,
  PublicConference,
  PublicSearch,
} from "./public.js";

const START = new Date("2021-11-26T00:00:00Z");
const ORG = "tinh-doan-ha-nam";

describe.each(testDrivers)("/api/v1/public on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let changes: ChangeBus;
  let app: ReturnType<typeof createApp>;
  let now = START;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    changes = await openChangeBus(database);
    app = await createSignedInApp({ database, now: () => now, changes });
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Hà Nam");
  });
  afterAll(async () => {
    await changes.close();
    await database.drop();
  });

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const create = async (overrides: Parameters<typeof articleInput>[1]) =>
    (await (await send("POST", "/api/v1/articles", articleInput(ORG, overrides))).json()) as Article;
  const publish = async (article: Article) =>
    (await (
      await send("POST", `/api/v1/articles/${article.id}/publish`, undefined, { "If-Match": '"v1"' })
    ).json()) as Article;

  const articles: Record<string, Article> = {};

  it("answers the news viewer's list in the shape it expects, with public caching, and hides what is not out", async () => {
    const empty = await app.request("/api/v1/public/articles");
    expect(await empty.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });

    now = new Date("2021-11-20T00:00:00Z");
    articles.old = await publish(
      await create({ title: "Hội nghị chuyên đề năm 2017", category: "Hội nghị" }),
    );
    now = new Date("2021-11-25T08:00:00Z");
    articles.news = await publish(await create({ title: "Tin mới về tổ chức cơ sở", category: "Hội nghị" }));
    now = START;
    articles.other = await publish(
      await create({ title: "Thanh niên tình nguyện", category: "Tình nguyện" }),
    );
    articles.draft = await create({ title: "Bản nháp Hội nghị", category: "Hội nghị" });
    const later = await create({ title: "Sắp đăng", category: "Hội nghị" });
    await send(
      "POST",
      `/api/v1/articles/${later.id}/schedule`,
      { publishAt: "2021-11-26T12:00:00Z" },
      { "If-Match": '"v1"' },
    );
    articles.later = later;
    const gone = await publish(await create({ title: "Bài đã gỡ", category: "Hội nghị" }));
    await send("POST", `/api/v1/articles/${gone.id}/withdraw`, undefined, { "If-Match": '"v2"' });
    articles.gone = gone;

    const response = await app.request("/api/v1/public/articles?pageSize=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = (await response.json()) as Page<PublicArticleSummary>;
    expect(body.total).toBe(3);
    expect(body.items.map((item) => item.slug)).toEqual([
      "thanh-nien-tinh-nguyen",
      "tin-moi-ve-to-chuc-co-so",
    ]);
    expect(body.items[1]).toEqual({
      id: articles.news?.id,
      slug: "tin-moi-ve-to-chuc-co-so",
      title: "Tin mới về tổ chức cơ sở",
      lead: articles.news?.lead,
      category: "Hội nghị",
      organizationName: "Tỉnh đoàn Hà Nam",
      publishedAt: "2021-11-25T08:00:00.000Z",
    });
    const etag = response.headers.get("ETag") ?? "";
    expect(etag).not.toBe("");
    expect(
      (await app.request("/api/v1/public/articles?pageSize=2", { headers: { "If-None-Match": etag } }))
        .status,
    ).toBe(304);

    const category = (await (
      await app.request("/api/v1/public/articles?category=Tình nguyện")
    ).json()) as Page<PublicArticleSummary>;
    expect(category.items.map((item) => item.slug)).toEqual(["thanh-nien-tinh-nguyen"]);
    const bad = await app.request("/api/v1/public/articles?page=0");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.issues[0]?.path).toEqual(["page"]);
  });

  it("shows an article by slug only while readers may see it; a scheduled one appears when its time comes", async () => {
    const response = await app.request("/api/v1/public/articles/tin-moi-ve-to-chuc-co-so");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const article = (await response.json()) as PublicArticle;
    expect(Object.keys(article).sort()).toEqual([
      "body",
      "category",
      "id",
      "lead",
      "organizationId",
      "organizationName",
      "publishedAt",
      "slug",
      "title",
      "views",
    ]);
    expect(article).toMatchObject({
      title: "Tin mới về tổ chức cơ sở",
      organizationName: "Tỉnh đoàn Hà Nam",
      body: [{ type: "paragraph" }],
    });
    for (const hidden of [articles.draft, articles.later, articles.gone]) {
      const refused = await app.request(`/api/v1/public/articles/${hidden?.slug}`);
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
    }
    now = new Date("2021-11-26T13:00:00Z");
    expect((await app.request(`/api/v1/public/articles/${articles.later?.slug}`)).status).toBe(200);
    now = START;
  });

  it("gives related articles of the same category, and the categories with their counts", async () => {
    const related = (await (
      await app.request("/api/v1/public/articles/tin-moi-ve-to-chuc-co-so/related")
    ).json()) as PublicArticleSummary[];
    expect(related.map((item) => item.slug)).toEqual(["hoi-nghi-chuyen-de-nam-2017"]);
    expect((await app.request("/api/v1/public/articles/ban-nhap-hoi-nghi/related")).status).toBe(404);
    const categories = await app.request("/api/v1/public/categories");
    expect(categories.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(await categories.json()).toEqual([
      { category: "Hội nghị", count: 2 },
      { category: "Tình nguyện", count: 1 },
    ]);
  });

  it("searches published content without accents: 'hoi nghi' finds 'Hội nghị', never a draft", async () => {
    const response = await app.request("/api/v1/public/search?q=hoi nghi");
    expect(response.status).toBe(200);
    const body = (await response.json()) as PublicSearch;
    expect(body.items.map((item) => [item.kind, item.title])).toEqual([
      ["article", "Hội nghị chuyên đề năm 2017"],
      ["article", "Tin mới về tổ chức cơ sở"],
    ]);
    expect(body.total).toBe(2);
    const none = (await (await app.request("/api/v1/public/search?q=ban nhap")).json()) as PublicSearch;
    expect(none.total).toBe(0);
    const missing = await app.request("/api/v1/public/search");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error.issues[0]?.path).toEqual(["q"]);
  });

  it("shows a conference record once a public article reports on it, with names but no member ids", async () => {
    const created = await send("POST", "/api/v1/conferences", conferenceInput(ORG));
    const conference = (await created.json()) as { id: string };
    const path = `/api/v1/public/conferences/${conference.id}`;
    expect((await app.request(path)).status).toBe(404);
    const listed = async () =>
      (
        (await (await app.request("/api/v1/public/conferences")).json()) as { items: { id: string }[] }
      ).items.map((item) => item.id);
    expect(await listed()).not.toContain(conference.id);
    const report = await create({
      title: "Ban Thường vụ họp mở rộng",
      category: "Hội nghị",
      conferenceId: conference.id,
    });
    expect((await app.request(path)).status).toBe(404);
    expect(await listed()).not.toContain(conference.id);
    await publish(report);
    expect(await listed()).toContain(conference.id);
    const list = (await (await app.request("/api/v1/public/conferences?pageSize=1")).json()) as Page<{
      title: string;
      organizerName: string;
    }>;
    expect(list).toMatchObject({ page: 1, pageSize: 1, total: 1 });
    expect(list.items[0]).toMatchObject({
      title: "Hội nghị Ban Thường vụ mở rộng",
      organizerName: "Tỉnh đoàn Hà Nam",
    });
    const response = await app.request(path);
    expect(response.status).toBe(200);
    const body = (await response.json()) as PublicConference;
    expect(body).toMatchObject({
      title: "Hội nghị Ban Thường vụ mở rộng",
      organizerName: "Tỉnh đoàn Hà Nam",
      chairs: [{ fullName: "Trần Ngọc Nam", title: "Bí thư" }],
      articles: [{ slug: "ban-thuong-vu-hop-mo-rong" }],
    });
    expect(JSON.stringify(body)).not.toContain("m-1");
    const search = (await (await app.request("/api/v1/public/search?q=thuong vu")).json()) as PublicSearch;
    expect(search.items.filter((item) => item.kind === "conference").map((item) => item.id)).toEqual([
      conference.id,
    ]);
    expect((await app.request("/api/v1/public/conferences/khong-co")).status).toBe(404);
  });

  it("takes readers' comments for moderation, drops a robot's quietly, and shows only approved ones", async () => {
    const slug = articles.news?.slug ?? "";
    const path = `/api/v1/public/articles/${slug}/comments`;
    const posted = await send("POST", path, { authorName: "Lan", body: "Bài viết hay" });
    expect(posted.status).toBe(202);
    expect(await posted.json()).toEqual({ status: "pending" });
    const robot = await send("POST", path, {
      authorName: "Bot",
      body: "Mua ngay",
      website: "http://spam.example",
    });
    expect(robot.status).toBe(202);
    const invalid = await send("POST", path, { authorName: "", body: "x" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.issues[0]?.path).toEqual(["authorName"]);
    expect(
      (
        await send("POST", `/api/v1/public/articles/${articles.draft?.slug}/comments`, {
          authorName: "A",
          body: "B",
        })
      ).status,
    ).toBe(404);

    const stored = (await (
      await app.request(`/api/v1/articles/${articles.news?.id}/comments`)
    ).json()) as AdminComment[];
    expect(stored.map((item) => item.authorName)).toEqual(["Lan"]);
    expect(await (await app.request(path)).json()).toEqual([]);
    await send(
      "POST",
      `/api/v1/comments/${stored[0]?.id}/moderate`,
      { decision: "approved" },
      { "If-Match": '"v1"' },
    );
    const shown = (await (await app.request(path)).json()) as PublicComment[];
    expect(shown).toEqual([
      { id: stored[0]?.id, authorName: "Lan", body: "Bài viết hay", createdAt: START.toISOString() },
    ]);
  });

  it("tells a change-feed client within a second when an article is published or a comment approved", async () => {
    const response = await app.request("/api/v1/public/changes");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const readUntil = async (text: string) => {
      const deadline = Date.now() + 1000;
      while (!received.includes(text)) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`no "${text}" in 1 s`)), deadline - Date.now()),
          ),
        ]);
        if (chunk.done) throw new Error("the feed ended");
        received += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil("event: ready");

    // A second instance hears the same change (through PostgreSQL on a server, in process on PGlite).
    const heard: ContentChange[] = [];
    const otherInstance = await openChangeBus(database);
    // Only the article's change: the writes that make it also announce records for the API's caches.
    const stop = (driver === "postgres" ? otherInstance : changes).subscribe((change) => {
      if (change.kind === "article") heard.push(change);
    });

    const article = await create({ title: "Tin nóng", category: "Thời sự" });
    await publish(article);
    await readUntil('"slug":"tin-nong"');
    expect(received).toContain(
      `event: change\ndata: {"kind":"article","id":"${article.id}","slug":"tin-nong"}`,
    );
    const deadline = Date.now() + 1000;
    while (heard.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([{ kind: "article", id: article.id, slug: "tin-nong" }]);
    stop();
    await otherInstance.close();

    await send("POST", "/api/v1/public/articles/tin-nong/comments", { authorName: "Hoa", body: "Tuyệt" });
    const [pending] = (await (
      await app.request(`/api/v1/articles/${article.id}/comments`)
    ).json()) as AdminComment[];
    const before = received.length;
    await send(
      "POST",
      `/api/v1/comments/${pending?.id}/moderate`,
      { decision: "approved" },
      { "If-Match": '"v1"' },
    );
    const deadlineForComment = Date.now() + 1000;
    while (!received.slice(before).includes("tin-nong") && Date.now() < deadlineForComment) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value, { stream: true });
    }
    expect(received.slice(before)).toContain('"slug":"tin-nong"');
    await reader.cancel();
  });
});
