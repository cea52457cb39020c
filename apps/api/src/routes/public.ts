// What the news viewer reads, anonymously and cacheably: published articles, categories, public
// conference records, search, approved comments, images; and readers posting comments.

import { createHash, timingSafeEqual } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  CommentCreateSchema,
  type Conference,
  ConferenceKindSchema,
  canComment,
  isPubliclyVisible,
  type Participant,
} from "@sodoan/domain";
import { and, asc, count, desc, eq, exists, inArray, ne, or, sql } from "drizzle-orm";
import type { Context } from "hono";
import { type ArticleRow, isoInstant, publiclyVisible } from "../content/articles.js";
import { publicCache } from "../content/http-cache.js";
import { pickImageWidth } from "../content/images.js";
import type { AppEnv } from "../context.js";
import { PUBLIC_SEARCH_KINDS, searchRecords } from "../db/queries/search.js";
import {
  article,
  articleImage,
  articleImageVariant,
  articleView,
  comment,
  conference,
  organization,
} from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { clientAddress } from "../http/client-address.js";
import { PageQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse } from "../openapi.js";
import { kindsSchema, SearchHitSchema, SearchTextSchema } from "./search.js";

/** An article as a list shows it to the public. */
export const PublicArticleSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    lead: z.string(),
    category: z.string(),
    organizationName: z.string(),
    publishedAt: z.iso.datetime(),
  })
  .openapi("PublicArticleSummary");
export type PublicArticleSummary = z.infer<typeof PublicArticleSummarySchema>;

/** A published article as readers see it. */
export const PublicArticleSchema = PublicArticleSummarySchema.extend({
  organizationId: z.string(),
  author: z.string().optional(),
  source: z.object({ name: z.string(), url: z.string().optional() }).optional(),
  body: z.array(z.record(z.string(), z.unknown())),
  conferenceId: z.string().optional(),
  /** How many times readers opened it, as the news servers reported. */
  views: z.number().int(),
}).openapi("PublicArticle");
export type PublicArticle = z.infer<typeof PublicArticleSchema>;

export const PublicCommentSchema = z
  .object({ id: z.string(), authorName: z.string(), body: z.string(), createdAt: z.string() })
  .openapi("PublicComment");
export type PublicComment = z.infer<typeof PublicCommentSchema>;

const PublicParticipantSchema = z.object({
  fullName: z.string(),
  title: z.string().optional(),
  titleEn: z.string().optional(),
  organizationName: z.string().optional(),
});

/** A conference record as the public sees it: names and titles as published, no ids of people. */
export const PublicConferenceSchema = z
  .object({
    id: z.string(),
    kind: ConferenceKindSchema,
    title: z.string(),
    organizerId: z.string(),
    organizerName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    session: z.string().optional(),
    place: z.string().optional(),
    chairs: z.array(PublicParticipantSchema),
    speakers: z.array(PublicParticipantSchema),
    attendees: z.array(z.record(z.string(), z.unknown())),
    documentsReviewed: z.array(z.record(z.string(), z.unknown())),
    topics: z.array(z.string()),
    figures: z.array(z.record(z.string(), z.unknown())),
    conclusions: z.array(z.string()),
    directives: z.array(
      z.object({ text: z.string(), addressedTo: z.array(z.string()), dueDate: z.string().optional() }),
    ),
    articles: z.array(z.object({ slug: z.string(), title: z.string() })),
  })
  .openapi("PublicConference");
export type PublicConference = z.infer<typeof PublicConferenceSchema>;

export const CategorySchema = z.object({ category: z.string(), count: z.number().int() }).openapi("Category");

/** A published article or a public conference record that matches a search. */
export const PublicSearchHitSchema = SearchHitSchema.extend({ kind: z.enum(PUBLIC_SEARCH_KINDS) }).openapi(
  "PublicSearchHit",
);

/** The answer to a search: a page of what readers may see, ranked as the admins' search ranks. */
export const PublicSearchSchema = pageSchemaOf(PublicSearchHitSchema).openapi("PublicSearch");
export type PublicSearch = z.infer<typeof PublicSearchSchema>;

const SlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .openapi({ param: { name: "slug", in: "path" } }),
});
const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const jsonOf = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const tags = ["public"];
const e400 = errorResponse("Tham số không hợp lệ / Invalid parameters");
const e404 = errorResponse("Không tìm thấy / Not found");
const notModified = { description: "Không đổi / Not modified" };
const cached = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  headers: {
    ETag: { schema: { type: "string" as const } },
    "Cache-Control": { schema: { type: "string" as const } },
  },
  ...jsonOf(schema),
});

const listRoute = createRoute({
  method: "get",
  path: "/articles",
  tags,
  summary: "Tin bài đã đăng, mới nhất trước / Published articles, newest first",
  request: { query: PageQuerySchema.extend({ category: z.string().trim().min(1).optional() }) },
  responses: {
    200: cached("Một trang tin bài / A page of articles", pageSchemaOf(PublicArticleSummarySchema)),
    304: notModified,
    400: e400,
  },
});

const bySlugRoute = createRoute({
  method: "get",
  path: "/articles/{slug}",
  tags,
  summary: "Một bài đã đăng / One published article",
  request: { params: SlugParams },
  responses: { 200: cached("Bài viết / The article", PublicArticleSchema), 304: notModified, 404: e404 },
});

const relatedRoute = createRoute({
  method: "get",
  path: "/articles/{slug}/related",
  tags,
  summary: "Bài cùng chuyên mục / Articles of the same category",
  request: {
    params: SlugParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) }),
  },
  responses: {
    200: cached("Bài liên quan / Related articles", z.array(PublicArticleSummarySchema)),
    304: notModified,
    400: e400,
    404: e404,
  },
});

const commentsRoute = createRoute({
  method: "get",
  path: "/articles/{slug}/comments",
  tags,
  summary: "Bình luận đã duyệt / Approved comments",
  request: { params: SlugParams },
  responses: {
    200: cached("Bình luận / Comments", z.array(PublicCommentSchema)),
    304: notModified,
    404: e404,
  },
});

const postCommentRoute = createRoute({
  method: "post",
  path: "/articles/{slug}/comments",
  tags,
  summary: "Gửi bình luận (chờ duyệt) / Post a comment (it waits for moderation)",
  request: {
    params: SlugParams,
    body: {
      ...jsonOf(
        CommentCreateSchema.extend({
          // A field people never see: only robots fill it in.
          website: z.string().optional().openapi({ description: "Để trống / Leave empty" }),
        }),
      ),
      required: true,
    },
  },
  responses: {
    202: {
      description: "Đã nhận, chờ duyệt / Received, waiting for moderation",
      ...jsonOf(z.object({ status: z.literal("pending") })),
    },
    400: e400,
    404: e404,
    409: errorResponse("Bài không nhận bình luận / The article takes no comments"),
    429: errorResponse("Gửi quá nhiều bình luận, xem Retry-After / Too many comments, see Retry-After"),
  },
});

/** The header that carries `VIEW_COUNT_TOKEN` from the news servers. */
export const VIEW_COUNT_TOKEN_HEADER = "X-View-Count-Token";

/** One article's views since the last report: named by its slug or by its id, never both. */
const ViewCountSchema = z
  .object({
    slug: z.string().min(1).max(300).optional(),
    id: z.string().min(1).max(100).optional(),
    count: z.number().int().min(1).max(1_000_000),
  })
  .refine((item) => (item.slug === undefined) !== (item.id === undefined), {
    error: "Ghi slug hoặc id của bài, không cả hai / Give the article's slug or its id, not both",
    path: ["slug"],
  });

export const ArticleViewBatchSchema = z
  .object({ items: z.array(ViewCountSchema).min(1).max(500) })
  .openapi("ArticleViewBatch");

const articleViewsRoute = createRoute({
  method: "post",
  path: "/article-views",
  tags,
  summary:
    "Báo số lượt đọc theo lô (từ máy chủ trang tin) / Report article views in batches (from the news servers)",
  description:
    "Khi API đặt VIEW_COUNT_TOKEN, phải gửi nó trong X-View-Count-Token. Bài không công khai bị bỏ qua. / " +
    "When the API sets VIEW_COUNT_TOKEN, it must come in X-View-Count-Token. Articles that are not public are ignored.",
  request: { body: { ...jsonOf(ArticleViewBatchSchema), required: true } },
  responses: {
    200: {
      description: "Đã cộng / Counted",
      ...jsonOf(z.object({ counted: z.number().int(), ignored: z.number().int() })),
    },
    400: e400,
    401: errorResponse("Thiếu hoặc sai X-View-Count-Token / X-View-Count-Token missing or wrong"),
  },
});

const categoriesRoute = createRoute({
  method: "get",
  path: "/categories",
  tags,
  summary: "Chuyên mục và số bài / Categories with their article counts",
  responses: { 200: cached("Chuyên mục / Categories", z.array(CategorySchema)), 304: notModified },
});

/** A conference in the public list: enough to choose one; the record itself is a click away. */
export const PublicConferenceSummarySchema = z
  .object({
    id: z.string(),
    kind: ConferenceKindSchema,
    title: z.string(),
    organizerName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
  })
  .openapi("PublicConferenceSummary");

const conferenceListRoute = createRoute({
  method: "get",
  path: "/conferences",
  tags,
  summary: "Hội nghị đã được đưa tin, mới nhất trước / Conferences reported on, newest first",
  request: { query: PageQuerySchema.extend({ organizationId: z.string().min(1).optional() }) },
  responses: {
    200: cached("Một trang hội nghị / A page of conferences", pageSchemaOf(PublicConferenceSummarySchema)),
    304: notModified,
    400: e400,
  },
});

const conferenceRoute = createRoute({
  method: "get",
  path: "/conferences/{id}",
  tags,
  summary: "Hội nghị đã được đưa tin / A conference an article reports on",
  request: { params: IdParams },
  responses: {
    200: cached("Hội nghị / The conference", PublicConferenceSchema),
    304: notModified,
    404: e404,
  },
});

const searchRoute = createRoute({
  method: "get",
  path: "/search",
  tags,
  summary: "Tìm trong tin đã đăng, không cần dấu / Search published content, accents optional",
  request: {
    query: PageQuerySchema.extend({ q: SearchTextSchema, kinds: kindsSchema(PUBLIC_SEARCH_KINDS) }),
  },
  responses: { 200: cached("Kết quả / Results", PublicSearchSchema), 304: notModified, 400: e400 },
});

const imageRoute = createRoute({
  method: "get",
  path: "/images/{id}",
  tags,
  summary:
    "Ảnh của bài viết, bản gốc hoặc bản nhỏ hơn theo w / An article's image, the original or a narrower copy by w",
  request: {
    params: IdParams,
    query: z.object({
      w: z.coerce
        .number()
        .int()
        .min(1)
        .max(10_000)
        .optional()
        .openapi({ description: "Bề rộng cần (px) / The width wanted (px)", example: 640 }),
    }),
  },
  responses: {
    200: {
      description:
        "Ảnh, với X-Image-Width và X-Image-Height / The image, with X-Image-Width and X-Image-Height",
      content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } },
    },
    304: notModified,
    404: e404,
  },
});

const summaryColumns = {
  id: article.id,
  slug: article.slug,
  title: article.title,
  lead: article.lead,
  category: article.category,
  organizationName: organization.name,
  publishedAt: article.publishedAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: K extends "publishedAt" ? string | null : string };

function summaryOf(row: SummaryRow): PublicArticleSummary {
  // Field by field: a row may carry more than readers are meant to see.
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    category: row.category,
    organizationName: row.organizationName,
    publishedAt: isoInstant(row.publishedAt ?? new Date(0).toISOString()),
  };
}

export const publicRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, pageSize, category } = c.req.valid("query");
    const { database, now } = c.var.services;
    const where = and(
      publiclyVisible(now()),
      category === undefined ? undefined : eq(article.category, category),
    );
    const rows = await database.db
      .select(summaryColumns)
      .from(article)
      .innerJoin(organization, eq(article.organizationId, organization.id))
      .where(where)
      .orderBy(desc(article.publishedAt), desc(article.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await database.db.select({ total: count() }).from(article).where(where);
    const body = { items: rows.map(summaryOf), total: total?.total ?? 0, page, pageSize };
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(bySlugRoute, async (c) => {
    const { row, organizationName } = await visibleArticle(c, c.req.valid("param").slug);
    const record = row.data;
    const body: PublicArticle = {
      ...summaryOf({ ...row, organizationName }),
      organizationId: row.organizationId,
      ...(record.author === undefined ? {} : { author: record.author }),
      ...(record.source === undefined ? {} : { source: record.source }),
      ...(record.conferenceId === undefined ? {} : { conferenceId: record.conferenceId }),
      body: record.body,
      views: await viewsOf(c, row.id),
    };
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(relatedRoute, async (c) => {
    const { row } = await visibleArticle(c, c.req.valid("param").slug);
    const { limit } = c.req.valid("query");
    const { database, now } = c.var.services;
    const rows = await database.db
      .select(summaryColumns)
      .from(article)
      .innerJoin(organization, eq(article.organizationId, organization.id))
      .where(and(publiclyVisible(now()), eq(article.category, row.category), ne(article.id, row.id)))
      .orderBy(desc(article.publishedAt), desc(article.id))
      .limit(limit);
    const body = rows.map(summaryOf);
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(commentsRoute, async (c) => {
    const { row } = await visibleArticle(c, c.req.valid("param").slug);
    const rows = await c.var.services.database.db
      .select({
        id: comment.id,
        authorName: comment.authorName,
        body: comment.body,
        createdAt: comment.createdAt,
      })
      .from(comment)
      .where(and(eq(comment.articleId, row.id), eq(comment.status, "approved")))
      .orderBy(asc(comment.createdAt), asc(comment.id));
    const body = rows.map((item) => ({ ...item, createdAt: isoInstant(item.createdAt) }));
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(postCommentRoute, async (c) => {
    const { website, ...input } = c.req.valid("json");
    const { database, now } = c.var.services;
    // Counted per reader (the news server forwards their address) before anything else is done.
    const wait = c.var.commentLimiter.hit(clientAddress(c), now().getTime());
    if (wait > 0)
      throw new ApiError(
        "RATE_LIMITED",
        {
          vi: `Bạn gửi quá nhiều bình luận, hãy thử lại sau ${wait} giây`,
          en: `Too many comments; try again in ${wait} seconds`,
        },
        { headers: { "Retry-After": String(wait) } },
      );
    const { row } = await visibleArticle(c, c.req.valid("param").slug);
    const at = now().toISOString();
    const allowed = canComment(row.data, at);
    if (!allowed.ok)
      throw new ApiError("CONFLICT", allowed.message, {
        issues: allowed.issues,
        headers: { "X-Refusal-Code": allowed.code },
      });
    // A robot that filled the hidden field is told the same as a person, and nothing is stored.
    if (website === undefined || website.trim() === "") {
      await database.db.transaction((tx) =>
        tx
          .insert(comment)
          .values({ id: crypto.randomUUID(), articleId: row.id, ...input, status: "pending", createdAt: at }),
      );
    }
    return c.json({ status: "pending" as const }, 202);
  })
  .openapi(articleViewsRoute, async (c) => {
    const { database, now } = c.var.services;
    const expected = c.var.services.readers?.viewCountToken;
    if (expected !== undefined && !sameSecret(c.req.header(VIEW_COUNT_TOKEN_HEADER) ?? "", expected))
      throw new ApiError("UNAUTHENTICATED", {
        vi: "Thiếu hoặc sai mã báo lượt đọc (X-View-Count-Token)",
        en: "The view count token (X-View-Count-Token) is missing or wrong",
      });
    const { items } = c.req.valid("json");
    const slugs = items.flatMap((item) => (item.slug === undefined ? [] : [item.slug]));
    const ids = items.flatMap((item) => (item.id === undefined ? [] : [item.id]));
    const rows = await database.db
      .select({ id: article.id, slug: article.slug, data: article.data })
      .from(article)
      .where(
        or(
          slugs.length > 0 ? inArray(article.slug, slugs) : undefined,
          ids.length > 0 ? inArray(article.id, ids) : undefined,
        ),
      );
    const at = now().toISOString();
    // Only what readers may see now collects views: a draft's or a withdrawn article's stay as they were.
    const visible = rows.filter((row) => isPubliclyVisible(row.data, at));
    const bySlug = new Map(visible.map((row) => [row.slug, row.id]));
    const byId = new Set(visible.map((row) => row.id));
    const totals = new Map<string, number>();
    let ignored = 0;
    for (const item of items) {
      const id =
        item.slug !== undefined ? bySlug.get(item.slug) : byId.has(item.id ?? "") ? item.id : undefined;
      if (id === undefined) ignored += item.count;
      else totals.set(id, (totals.get(id) ?? 0) + item.count);
    }
    if (totals.size > 0) {
      const values = [...totals].map(([articleId, views]) => ({ articleId, views, updatedAt: at }));
      await database.db.transaction((tx) =>
        tx
          .insert(articleView)
          .values(values)
          .onConflictDoUpdate({
            target: articleView.articleId,
            set: { views: sql`${articleView.views} + excluded.views`, updatedAt: sql`excluded.updated_at` },
          }),
      );
    }
    const counted = [...totals.values()].reduce((sum, n) => sum + n, 0);
    return c.json({ counted, ignored }, 200);
  })
  .openapi(categoriesRoute, async (c) => {
    const { database, now } = c.var.services;
    const rows = await database.db
      .select({ category: article.category, count: count() })
      .from(article)
      .where(publiclyVisible(now()))
      .groupBy(article.category)
      .orderBy(asc(article.category));
    return publicCache(c, rows) ?? c.json(rows, 200);
  })
  .openapi(conferenceListRoute, async (c) => {
    const { page, pageSize, organizationId } = c.req.valid("query");
    const { database, now } = c.var.services;
    // Public once a public article reports on it, as for a single record.
    const where = and(
      exists(
        database.db
          .select({ id: article.id })
          .from(article)
          .where(and(eq(article.conferenceId, conference.id), publiclyVisible(now()))),
      ),
      organizationId === undefined ? undefined : eq(conference.organizerId, organizationId),
    );
    const rows = await database.db
      .select({
        id: conference.id,
        kind: conference.kind,
        title: conference.title,
        organizerName: organization.name,
        startDate: conference.startsOn,
        endDate: conference.endsOn,
      })
      .from(conference)
      .innerJoin(organization, eq(conference.organizerId, organization.id))
      .where(where)
      .orderBy(desc(conference.startsOn), asc(conference.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await database.db.select({ n: count() }).from(conference).where(where);
    const body = {
      items: rows.map((row) => ({ ...row, kind: ConferenceKindSchema.parse(row.kind) })),
      total: total?.n ?? 0,
      page,
      pageSize,
    };
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(conferenceRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { database, now } = c.var.services;
    const [found] = await database.db
      .select({ data: conference.data, organizerName: organization.name })
      .from(conference)
      .innerJoin(organization, eq(conference.organizerId, organization.id))
      .where(eq(conference.id, id));
    // A record is public once a public article reports on it; until then it is the admins' alone.
    const reports = await database.db
      .select({ slug: article.slug, title: article.title })
      .from(article)
      .where(and(eq(article.conferenceId, id), publiclyVisible(now())))
      .orderBy(desc(article.publishedAt));
    if (found === undefined || reports.length === 0)
      throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy hội nghị", en: "No such conference" });
    const body = publicConferenceOf(found.data, found.organizerName, reports);
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(searchRoute, async (c) => {
    const { q, kinds, page, pageSize } = c.req.valid("query");
    const { database, now } = c.var.services;
    const { items, total } = await searchRecords(
      database.db,
      q,
      kinds,
      { kind: "public", now: now() },
      { page, pageSize },
    );
    const body: PublicSearch = {
      // The public audience finds no other kind; this tells the type so.
      items: items.flatMap(({ kind, ...hit }) =>
        kind === "article" || kind === "conference" ? [{ kind, ...hit }] : [],
      ),
      total,
      page,
      pageSize,
    };
    return publicCache(c, body) ?? c.json(body, 200);
  })
  .openapi(imageRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { db } = c.var.services.database;
    const [original] = await db
      .select({ width: articleImage.width })
      .from(articleImage)
      .where(eq(articleImage.id, id));
    if (original === undefined)
      throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy ảnh", en: "No such image" });
    const variants = await db
      .select({ width: articleImageVariant.width })
      .from(articleImageVariant)
      .where(eq(articleImageVariant.imageId, id));
    const width = pickImageWidth(
      [original.width, ...variants.map((variant) => variant.width)],
      c.req.valid("query").w,
    );
    const [image] =
      width === original.width
        ? await db.select().from(articleImage).where(eq(articleImage.id, id))
        : await db
            .select()
            .from(articleImageVariant)
            .where(and(eq(articleImageVariant.imageId, id), eq(articleImageVariant.width, width ?? 0)));
    if (image === undefined)
      throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy ảnh", en: "No such image" });
    // A stored image never changes (a new upload gets a new id), so each width may be kept for good.
    const etag = `"${id}-${image.width}"`;
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("ETag", etag);
    c.header("Content-Type", image.contentType);
    c.header("X-Image-Width", String(image.width));
    c.header("X-Image-Height", String(image.height));
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    return c.body(Buffer.from(image.bytes), 200);
  });

/** Compares a sent secret with the expected one in constant time, whatever their lengths. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

async function viewsOf(c: Context<AppEnv>, articleId: string): Promise<number> {
  const [found] = await c.var.services.database.db
    .select({ views: articleView.views })
    .from(articleView)
    .where(eq(articleView.articleId, articleId));
  return found?.views ?? 0;
}

/** The article with this slug if readers may see it now, else a 404 that does not say whether it exists. */
async function visibleArticle(
  c: Context<AppEnv>,
  slug: string,
): Promise<{ row: ArticleRow; organizationName: string }> {
  const { database, now } = c.var.services;
  const [found] = await database.db
    .select({ row: article, organizationName: organization.name })
    .from(article)
    .innerJoin(organization, eq(article.organizationId, organization.id))
    .where(eq(article.slug, slug));
  if (found === undefined || !isPubliclyVisible(found.row.data, now().toISOString()))
    throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy bài viết", en: "No such article" });
  return found;
}

function publicParticipant(participant: Participant) {
  return {
    fullName: participant.person.fullName,
    ...(participant.title === undefined ? {} : { title: participant.title }),
    ...(participant.titleEn === undefined ? {} : { titleEn: participant.titleEn }),
    ...(participant.organizationName === undefined ? {} : { organizationName: participant.organizationName }),
  };
}

function publicConferenceOf(
  record: Conference,
  organizerName: string,
  articles: { slug: string; title: string }[],
): PublicConference {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    organizerId: record.organizerId,
    organizerName,
    startDate: record.startDate,
    endDate: record.endDate,
    ...(record.session === undefined ? {} : { session: record.session }),
    ...(record.place === undefined ? {} : { place: record.place }),
    chairs: record.chairs.map(publicParticipant),
    speakers: record.speakers.map(publicParticipant),
    attendees: record.attendees.map((group) =>
      group.kind === "people" ? { ...group, people: group.people.map(publicParticipant) } : group,
    ),
    documentsReviewed: record.documentsReviewed,
    topics: record.topics,
    figures: record.figures,
    conclusions: record.conclusions,
    directives: record.directives.map((directive) => ({
      text: directive.text,
      addressedTo: directive.addressedTo,
      ...(directive.dueDate === undefined ? {} : { dueDate: directive.dueDate }),
    })),
    articles,
  };
}
