import { type Article, compareVietnamese } from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import {
  articleInput,
  conferenceInput,
  imageBytes,
  insertOrganization,
  pngBytes,
} from "../content/test-fixtures.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import type { AdminComment, ArticleImage, ArticleSummary } from "./articles.js";

const NOW = new Date("2021-11-26T00:00:00Z");
const ORG = "tinh-doan-ha-nam";

describe.each(testDrivers)("/api/v1/articles on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Hà Nam");
  });
  afterAll(() => database.drop());

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const create = async (overrides: Parameters<typeof articleInput>[1] = {}) => {
    const response = await send("POST", "/api/v1/articles", articleInput(ORG, overrides));
    expect(response.status).toBe(201);
    return { article: (await response.json()) as Article, etag: response.headers.get("ETag") ?? "" };
  };

  it("creates a draft with a slug from the title, adds a suffix when taken, and refuses a given slug that is", async () => {
    const first = await create({ title: "Tuổi trẻ Hà Nam" });
    expect(first.article).toMatchObject({
      slug: "tuoi-tre-ha-nam",
      status: "draft",
      createdAt: NOW.toISOString(),
    });
    expect(first.etag).toBe('"v1"');
    const second = await create({ title: "Tuổi trẻ Hà Nam" });
    expect(second.article.slug).toBe("tuoi-tre-ha-nam-2");

    const clash = await send("POST", "/api/v1/articles", articleInput(ORG, { slug: "tuoi-tre-ha-nam" }));
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as ErrorBody).error.code).toBe("CONFLICT");
  });

  it("refuses invalid input with a 400 naming the fields", async () => {
    const response = await send("POST", "/api/v1/articles", {
      ...articleInput(ORG),
      title: "",
      slug: "Có Dấu",
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.issues.map((issue) => issue.path[0]).sort()).toEqual(["slug", "title"]);
    expect(error.issues[0]?.message.vi).toBeTruthy();
    expect(error.issues[0]?.message.en).toBeTruthy();

    const unknownOrg = await send("POST", "/api/v1/articles", articleInput("khong-co"));
    expect(unknownOrg.status).toBe(400);
    expect(((await unknownOrg.json()) as ErrorBody).error.issues[0]?.path).toEqual(["organizationId"]);
  });

  it("reads an article by id and by slug with its ETag, and answers 404 for unknown ones", async () => {
    const { article } = await create({ title: "Đọc theo mã" });
    const byId = await app.request(`/api/v1/articles/${article.id}`);
    expect(byId.status).toBe(200);
    expect(byId.headers.get("ETag")).toBe('"v1"');
    expect(((await byId.json()) as Article).title).toBe("Đọc theo mã");
    const bySlug = await app.request(`/api/v1/articles/by-slug/${article.slug}`);
    expect(((await bySlug.json()) as Article).id).toBe(article.id);
    expect((await app.request("/api/v1/articles/khong-co")).status).toBe(404);
    expect((await app.request("/api/v1/articles/by-slug/khong-co")).status).toBe(404);
  });

  it("changes content under If-Match: 428 without, 412 stale, and a refused change leaves it as it was", async () => {
    const { article, etag } = await create({ title: "Bản để sửa" });
    const path = `/api/v1/articles/${article.id}`;
    expect((await send("PATCH", path, { lead: "Mới" })).status).toBe(428);
    expect((await send("PATCH", path, { lead: "Mới" }, { "If-Match": '"v9"' })).status).toBe(412);
    const invalid = await send("PATCH", path, { title: "" }, { "If-Match": etag });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.issues[0]?.path).toEqual(["title"]);

    const changed = await send("PATCH", path, { lead: "Phần mở đầu mới" }, { "If-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).toBe('"v2"');
    expect(((await changed.json()) as Article).lead).toBe("Phần mở đầu mới");
    expect((await send("PATCH", path, { lead: "Lần nữa" }, { "If-Match": etag })).status).toBe(412);
    expect(((await (await app.request(path)).json()) as Article).lead).toBe("Phần mở đầu mới");
  });

  it("clears the optional fields sent as null, keeps those left out, and refuses null for a required one", async () => {
    const meeting = await send("POST", "/api/v1/conferences", conferenceInput(ORG));
    expect(meeting.status).toBe(201);
    const conferenceId = ((await meeting.json()) as { id: string }).id;
    const { article, etag } = await create({
      title: "Bài có nguồn",
      author: "Tấn Phát",
      source: { name: "Báo Hà Nam", url: "https://baohanam.example/bai" },
      conferenceId,
    });
    const path = `/api/v1/articles/${article.id}`;

    const cleared = await send(
      "PATCH",
      path,
      { author: null, source: null, conferenceId: null, lead: "Tóm tắt mới" },
      { "If-Match": etag },
    );
    expect(cleared.status).toBe(200);
    const stored = (await (await app.request(path)).json()) as Article;
    expect(stored).not.toHaveProperty("author");
    expect(stored).not.toHaveProperty("source");
    expect(stored).not.toHaveProperty("conferenceId");
    expect(stored).toMatchObject({ title: "Bài có nguồn", lead: "Tóm tắt mới" });
    const listed = (await (
      await app.request("/api/v1/articles?q=bai%20co%20nguon")
    ).json()) as Page<ArticleSummary>;
    expect(listed.items.find((item) => item.id === article.id)?.conferenceId).toBeNull();
    const clearedEtag = cleared.headers.get("ETag") ?? "";

    for (const bad of [{ title: null }, { lead: null }, { author: "" }, { conferenceId: 7 }]) {
      const refused = await send("PATCH", path, { ...bad, category: "Khác" }, { "If-Match": clearedEtag });
      expect(refused.status).toBe(400);
      const { error } = (await refused.json()) as ErrorBody;
      expect(error.issues.map((issue) => issue.path[0])).toEqual(Object.keys(bad));
      expect(error.issues[0]?.message.vi).toBeTruthy();
      expect(error.issues[0]?.message.en).toBeTruthy();
      expect(error.issues[0]?.message.vi).not.toBe(error.issues[0]?.message.en);
    }
    const after = await app.request(path);
    expect(after.headers.get("ETag")).toBe(clearedEtag);
    expect(((await after.json()) as Article).category).toBe(article.category);
  });

  it("schedules, publishes and withdraws through the domain's rule, refusing moves it forbids with 409", async () => {
    const { article, etag } = await create({ title: "Bài hẹn giờ" });
    const path = `/api/v1/articles/${article.id}`;
    expect((await send("POST", `${path}/withdraw`)).status).toBe(428);

    const refused = await send("POST", `${path}/withdraw`, undefined, { "If-Match": etag });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("X-Refusal-Code")).toBe("TRANSITION_NOT_ALLOWED");
    expect(((await refused.json()) as ErrorBody).error.issues[0]?.path).toEqual(["status"]);

    const past = await send(
      "POST",
      `${path}/schedule`,
      { publishAt: "2021-11-01T00:00:00Z" },
      { "If-Match": etag },
    );
    expect(past.status).toBe(409);
    expect(past.headers.get("X-Refusal-Code")).toBe("PUBLISH_AT_IN_PAST");
    const noTime = await send("POST", `${path}/schedule`, {}, { "If-Match": etag });
    expect(noTime.status).toBe(400);
    expect(((await noTime.json()) as ErrorBody).error.issues[0]?.path).toEqual(["publishAt"]);

    const scheduled = await send(
      "POST",
      `${path}/schedule`,
      { publishAt: "2021-12-01T00:00:00Z" },
      { "If-Match": etag },
    );
    expect(scheduled.status).toBe(200);
    expect((await scheduled.json()) as Article).toMatchObject({
      status: "scheduled",
      publishAt: "2021-12-01T00:00:00Z",
    });
    const published = await send("POST", `${path}/publish`, undefined, { "If-Match": '"v2"' });
    expect((await published.json()) as Article).toMatchObject({
      status: "published",
      publishedAt: NOW.toISOString(),
    });
    const withdrawn = await send("POST", `${path}/withdraw`, undefined, { "If-Match": '"v3"' });
    expect(((await withdrawn.json()) as Article).status).toBe("withdrawn");
    expect((await send("POST", `${path}/publish`, undefined, { "If-Match": '"v4"' })).status).toBe(409);

    const empty = await create({ title: "Bài trống", body: [] });
    const notReady = await send("POST", `/api/v1/articles/${empty.article.id}/publish`, undefined, {
      "If-Match": empty.etag,
    });
    expect(notReady.status).toBe(409);
    expect(notReady.headers.get("X-Refusal-Code")).toBe("NOT_READY");
    expect(
      (await send("POST", "/api/v1/articles/khong-co/publish", undefined, { "If-Match": '"v1"' })).status,
    ).toBe(404);
  });

  it("lists with filters, accent-insensitive search and allow-listed sorting", async () => {
    await create({ title: "Đại hội Đoàn cấp cơ sở", category: "Đại hội" });
    const page = (await (
      await app.request("/api/v1/articles?q=dai hoi&category=Đại hội")
    ).json()) as Page<ArticleSummary>;
    expect(page.items.map((item) => item.slug)).toEqual(["dai-hoi-doan-cap-co-so"]);
    const drafts = (await (
      await app.request("/api/v1/articles?status=draft&sort=title:asc&pageSize=500")
    ).json()) as Page<ArticleSummary>;
    expect(drafts.total).toBeGreaterThan(3);
    expect(drafts.items.every((item) => item.status === "draft")).toBe(true);
    const bad = await app.request("/api/v1/articles?sort=lead&status=nope");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "sort",
      "status",
    ]);
  });

  it("sorts by title in Vietnamese order, which code-unit order is not", async () => {
    const titles = ["Đoàn viên ưu tú", "Dân vận khéo", "Ăn Tết an toàn", "An toàn giao thông", "Bắc Ninh"];
    for (const title of titles) await create({ title, category: "Thứ tự" });
    const listed = async (direction: string) =>
      (
        (await (
          await app.request(`/api/v1/articles?category=Thứ tự&sort=title:${direction}`)
        ).json()) as Page<ArticleSummary>
      ).items.map((item) => item.title);
    const vietnamese = [...titles].sort(compareVietnamese);
    expect(vietnamese).not.toEqual([...titles].sort());
    expect(await listed("asc")).toEqual(vietnamese);
    expect(await listed("desc")).toEqual([...vietnamese].reverse());
  });

  it("stores PNG, JPEG and WebP images with their size, in narrower copies too, and refuses others", async () => {
    const { article } = await create({ title: "Bài có ảnh" });
    const path = `/api/v1/articles/${article.id}/images`;
    const upload = (bytes: Uint8Array, type = "application/octet-stream") =>
      app.request(path, { method: "POST", headers: { "Content-Type": type }, body: bytes });

    const original = await imageBytes("png", 1200, 800);
    const png = await upload(original, "image/png");
    expect(png.status).toBe(201);
    const stored = (await png.json()) as ArticleImage;
    expect(stored).toMatchObject({
      contentType: "image/png",
      width: 1200,
      height: 800,
      byteSize: original.byteLength,
      widths: [320, 640, 1024, 1200],
    });
    expect((await (await upload(await imageBytes("jpeg", 640, 480))).json()) as ArticleImage).toMatchObject({
      contentType: "image/jpeg",
      width: 640,
      height: 480,
      widths: [320, 640],
    });
    expect((await (await upload(await imageBytes("webp", 2000, 1500))).json()) as ArticleImage).toMatchObject(
      {
        contentType: "image/webp",
        width: 2000,
        height: 1500,
      },
    );
    const form = new FormData();
    form.set("file", new Blob([await imageBytes("png", 10, 20)], { type: "image/png" }), "a.png");
    const multipart = await app.request(path, { method: "POST", body: form });
    expect(multipart.status).toBe(201);
    expect((await multipart.json()) as ArticleImage).toMatchObject({ height: 20, widths: [10] });

    const damaged = await upload(pngBytes(1200, 800), "image/png");
    expect(damaged.status).toBe(400);
    expect(((await damaged.json()) as ErrorBody).error.issues[0]?.path).toEqual(["file"]);
    const gif = await upload(new TextEncoder().encode("GIF89a……"), "image/gif");
    expect(gif.status).toBe(400);
    expect(((await gif.json()) as ErrorBody).error.issues[0]?.path).toEqual(["file"]);
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(pngBytes(1, 1));
    const tooLarge = await upload(huge, "image/png");
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");

    const listed = (await (await app.request(path)).json()) as ArticleImage[];
    expect(listed).toHaveLength(4);
    expect(listed.find((image) => image.id === stored.id)?.widths).toEqual([320, 640, 1024, 1200]);
    const served = await app.request(stored.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("X-Image-Width")).toBe("1200");
    expect(served.headers.get("X-Image-Height")).toBe("800");
    expect(served.headers.get("Cache-Control")).toContain("immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(original);

    const narrow = await app.request(`${stored.url}?w=500`);
    expect(narrow.status).toBe(200);
    expect(narrow.headers.get("Content-Type")).toBe("image/webp");
    expect(narrow.headers.get("X-Image-Width")).toBe("640");
    expect(narrow.headers.get("X-Image-Height")).toBe("427");
    expect(narrow.headers.get("ETag")).not.toBe(served.headers.get("ETag"));
    const wide = await app.request(`${stored.url}?w=5000`);
    expect(wide.headers.get("X-Image-Width")).toBe("1200");
    expect((await app.request(`${stored.url}?w=0`)).status).toBe(400);

    expect((await app.request("/api/v1/public/images/khong-co")).status).toBe(404);
    const unknown = await app.request("/api/v1/articles/khong-co/images", {
      method: "POST",
      body: await imageBytes("png", 1, 1),
    });
    expect(unknown.status).toBe(404);
  });

  it("lets a moderator approve or reject comments under If-Match, as the domain allows", async () => {
    const { article, etag } = await create({ title: "Bài để bình luận" });
    await send("POST", `/api/v1/articles/${article.id}/publish`, undefined, { "If-Match": etag });
    const post = (name: string) =>
      send("POST", `/api/v1/public/articles/${article.slug}/comments`, { authorName: name, body: "Hay quá" });
    expect((await post("Lan")).status).toBe(202);
    expect((await post("Minh")).status).toBe(202);

    const all = (
      (await (await app.request(`/api/v1/articles/${article.id}/comments`)).json()) as AdminComment[]
    )
      // Both came at the same fixed moment: their order is not the point here.
      .sort((a, b) => a.authorName.localeCompare(b.authorName));
    expect(all.map((item) => [item.authorName, item.status])).toEqual([
      ["Lan", "pending"],
      ["Minh", "pending"],
    ]);
    const [lan, minh] = all;
    const moderate = (id: string, decision: string, headers: Record<string, string> = {}) =>
      send("POST", `/api/v1/comments/${id}/moderate`, { decision }, headers);
    expect((await moderate(lan?.id ?? "", "approved")).status).toBe(428);
    expect((await moderate(lan?.id ?? "", "approved", { "If-Match": '"v7"' })).status).toBe(412);
    const badDecision = await moderate(lan?.id ?? "", "pending", { "If-Match": '"v1"' });
    expect(badDecision.status).toBe(400);
    expect(((await badDecision.json()) as ErrorBody).error.issues[0]?.path).toEqual(["decision"]);

    const approved = await moderate(lan?.id ?? "", "approved", { "If-Match": '"v1"' });
    expect(approved.status).toBe(200);
    expect((await approved.json()) as AdminComment).toMatchObject({
      status: "approved",
      moderatedAt: NOW.toISOString(),
      version: 2,
    });
    expect((await moderate(minh?.id ?? "", "rejected", { "If-Match": '"v1"' })).status).toBe(200);
    const again = await moderate(minh?.id ?? "", "approved", { "If-Match": '"v2"' });
    expect(again.status).toBe(409);
    expect(again.headers.get("X-Refusal-Code")).toBe("TRANSITION_NOT_ALLOWED");
    expect((await moderate("khong-co", "approved", { "If-Match": '"v1"' })).status).toBe(404);

    const pending = (await (
      await app.request(`/api/v1/articles/${article.id}/comments?status=approved`)
    ).json()) as AdminComment[];
    expect(pending.map((item) => item.authorName)).toEqual(["Lan"]);
  });
});
