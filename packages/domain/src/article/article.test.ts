import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { validate } from "../i18n/issues.js";
import {
  ARTICLE_TRANSITIONS,
  type Article,
  ArticleCreateSchema,
  ArticleSchema,
  type ArticleStatus,
  ArticleUpdateSchema,
  applyArticleUpdate,
  type Comment,
  canComment,
  compareQuotedFigure,
  isPubliclyVisible,
  moderateComment,
  QuotedFigureSchema,
  quotedFiguresOf,
  transitionArticle,
} from "./index.js";

const activeMembers = QuotedFigureSchema.parse({
  metricId: "members.active",
  organizationId: "doan-khoi-dn-soc-trang",
  asOf: "2017-08-31",
  value: 1587,
  computedAt: "2017-09-01T05:30:00Z",
});

const draft: Article = {
  id: "a1",
  title: "Nâng chất tổ chức cơ sở Đoàn trong khối doanh nghiệp",
  slug: "nang-chat-to-chuc-co-so-doan-trong-khoi-doanh-nghiep",
  category: "Đoàn thể",
  organizationId: "doan-khoi-dn-soc-trang",
  source: { name: "Báo Sóc Trăng" },
  author: "Tấn Phát",
  lead: "Đoàn Khối doanh nghiệp tỉnh bàn cách nâng chất lượng tổ chức cơ sở.",
  body: [
    { type: "paragraph", text: "Chiều 31/8, hội nghị chuyên đề diễn ra." },
    { type: "figure", label: "đoàn viên đang sinh hoạt", figure: activeMembers },
    {
      type: "image",
      src: "hoi-nghi.jpg",
      alt: "Quang cảnh hội nghị",
      width: 1200,
      height: 800,
      credit: "Tấn Phát",
    },
  ],
  conferenceId: "conf-2017-08-31",
  status: "draft",
  createdAt: "2017-09-01T03:00:00Z",
  updatedAt: "2017-09-01T03:00:00Z",
};

describe("quoted figures", () => {
  it.each([
    [1587, false, 0],
    [1590, true, 3],
    [1587 + 1e-12, false, 1e-12],
  ])("1587 recomputed as %d: changed %s", (recomputed, isChanged, difference) => {
    const comparison = compareQuotedFigure(activeMembers, recomputed);
    expect(comparison.isChanged).toBe(isChanged);
    expect(comparison.difference).toBeCloseTo(difference, 9);
    expect(comparison).toMatchObject({ quoted: 1587, recomputed });
  });

  it("tells a changed rate", () => {
    expect(compareQuotedFigure({ value: 342 / 582 }, 343 / 582).isChanged).toBe(true);
  });

  it("needs either a date or a period", () => {
    const both = { ...activeMembers, period: { from: "2014-01-01", to: "2017-08-31" } };
    expect(validate(QuotedFigureSchema, both)).toMatchObject({ ok: false, issues: [{ path: ["asOf"] }] });
    const neither = { ...activeMembers, asOf: undefined };
    expect(validate(QuotedFigureSchema, neither).ok).toBe(false);
  });

  it("are listed from the body", () => {
    expect(quotedFiguresOf(draft)).toEqual([activeMembers]);
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })])(
    "a value is never changed from itself",
    (value) => {
      expect(compareQuotedFigure({ value }, value).isChanged).toBe(false);
    },
  );
});

describe("schemas", () => {
  it("accepts the stored draft", () => {
    expect(ArticleSchema.safeParse(draft).success).toBe(true);
  });

  it("derives the slug from the title", () => {
    const created = ArticleCreateSchema.parse({
      title: "Hội nghị chuyên đề 2017",
      category: "Đoàn thể",
      organizationId: "o",
      lead: "Tóm tắt",
      body: [],
    });
    expect(created.slug).toBe("hoi-nghi-chuyen-de-2017");
  });

  it.each([
    [
      "an image without alt text",
      { body: [{ type: "image", src: "x.jpg", alt: " ", width: 1, height: 1 }] },
      ["body", 0, "alt"],
    ],
    ["a bad slug", { slug: "Hội nghị" }, ["slug"]],
    ["a scheduled article without its time", { status: "scheduled" }, ["publishAt"]],
    ["a published article without its time", { status: "published" }, ["publishedAt"]],
  ])("refuses %s", (_, patch, path) => {
    const result = validate(ArticleSchema, { ...draft, ...patch });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([path]);
  });
});

describe("article updates", () => {
  it("clears an optional field sent as null, replaces one sent, and keeps one left out", () => {
    const update = ArticleUpdateSchema.parse({ author: null, source: null, lead: "Tóm tắt mới" });
    const changed = applyArticleUpdate(draft, update);
    expect(changed).not.toHaveProperty("author");
    expect(changed).not.toHaveProperty("source");
    expect(changed.lead).toBe("Tóm tắt mới");
    expect(changed.conferenceId).toBe(draft.conferenceId);
    expect(ArticleSchema.safeParse(changed).success).toBe(true);
    const { conferenceId: _linked, ...unlinked } = draft;
    expect(applyArticleUpdate(draft, ArticleUpdateSchema.parse({ conferenceId: null }))).toEqual(unlinked);
  });

  it.each([
    ["a title", { title: null }, ["title"]],
    ["a lead", { lead: null }, ["lead"]],
    ["a body", { body: null }, ["body"]],
    ["an empty author", { author: " " }, ["author"]],
  ])("refuses to clear %s", (_, update, path) => {
    const result = validate(ArticleUpdateSchema, update);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([path]);
  });
});

describe("transitionArticle", () => {
  const at = "2017-09-01T06:00:00Z";

  it("publishes with the moment of publication", () => {
    expect(transitionArticle(draft, "published", at)).toMatchObject({
      ok: true,
      value: { status: "published", publishedAt: at, updatedAt: at },
    });
  });

  it("schedules for a future moment", () => {
    const result = transitionArticle(draft, "scheduled", "2017-09-01T05:00:00Z", { publishAt: at });
    expect(result).toMatchObject({ ok: true, value: { status: "scheduled", publishAt: at } });
    if (result.ok) {
      expect(isPubliclyVisible(result.value, "2017-09-01T05:59:59Z")).toBe(false);
      expect(isPubliclyVisible(result.value, at)).toBe(true);
    }
  });

  it.each<[string, Article, ArticleStatus, { publishAt?: string }, string, string]>([
    ["a draft withdrawn", draft, "withdrawn", {}, "TRANSITION_NOT_ALLOWED", "status"],
    ["a schedule without time", draft, "scheduled", {}, "PUBLISH_AT_REQUIRED", "publishAt"],
    [
      "a schedule in the past",
      draft,
      "scheduled",
      { publishAt: "2017-09-01T05:00:00Z" },
      "PUBLISH_AT_IN_PAST",
      "publishAt",
    ],
    ["an empty article published", { ...draft, body: [] }, "published", {}, "NOT_READY", "body"],
  ])("refuses %s", (_, article, to, options, code, path) => {
    expect(transitionArticle(article, to, at, options)).toMatchObject({
      ok: false,
      code,
      issues: [{ path: [path] }],
    });
  });

  it("withdraws and returns to draft", () => {
    const published = transitionArticle(draft, "published", at);
    if (!published.ok) throw new Error("expected publication");
    const withdrawn = transitionArticle(published.value, "withdrawn", "2017-09-02T00:00:00Z");
    expect(withdrawn).toMatchObject({
      ok: true,
      value: { status: "withdrawn", withdrawnAt: "2017-09-02T00:00:00Z" },
    });
    if (!withdrawn.ok) return;
    const back = transitionArticle(withdrawn.value, "draft", "2017-09-03T00:00:00Z");
    expect(back.ok && back.value.publishedAt === undefined && back.value.withdrawnAt === undefined).toBe(
      true,
    );
  });

  it("lists transitions that stay within the stages", () => {
    for (const targets of Object.values(ARTICLE_TRANSITIONS)) {
      for (const target of targets)
        expect(["draft", "scheduled", "published", "withdrawn"]).toContain(target);
    }
  });
});

describe("comments", () => {
  const comment: Comment = {
    id: "c1",
    articleId: "a1",
    authorName: "Bạn đọc",
    body: "Hoạt động rất ý nghĩa.",
    status: "pending",
    createdAt: "2017-09-01T08:00:00Z",
  };

  it("are taken only on visible articles", () => {
    expect(canComment(draft, "2017-09-01T08:00:00Z")).toMatchObject({ ok: false, code: "COMMENTS_CLOSED" });
    expect(canComment({ ...draft, status: "published" }, "2017-09-01T08:00:00Z").ok).toBe(true);
  });

  it.each([
    ["pending", "approved", true],
    ["pending", "rejected", true],
    ["approved", "rejected", true],
    ["rejected", "approved", false],
    ["approved", "approved", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    const result = moderateComment({ ...comment, status: from }, to, "2017-09-02T00:00:00Z", "admin");
    expect(result.ok).toBe(allowed);
    if (result.ok)
      expect(result.value).toMatchObject({
        status: to,
        moderatedAt: "2017-09-02T00:00:00Z",
        moderatedBy: "admin",
      });
    else expect(result.code).toBe("TRANSITION_NOT_ALLOWED");
  });
});
