// Articles as editors manage them: list, read, write, change of stage, images and comments.
import { createRoute, z } from "@hono/zod-openapi";
import {
  type Article,
  ArticleCreateSchema,
  ArticleSchema,
  ArticleStatusSchema,
  ArticleUpdateSchema,
  applyArticleUpdate,
  CommentStatusSchema,
  InstantSchema,
  isPubliclyVisible,
  toIssues,
  transitionArticle,
} from "@sodoan/domain";
import { and, asc, count, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type ArticleRow, articleById, articleColumns, isoInstant } from "../content/articles.js";
import { changeBusOf } from "../content/change-bus.js";
import { MAX_IMAGE_BYTES, readImageInfo, renderImageVariants } from "../content/images.js";
import { assertReferencesExist } from "../content/references.js";
import { scopeCondition } from "../content/scope.js";
import { foldedSearch } from "../content/search.js";
import type { AppEnv } from "../context.js";
import type { Db } from "../db/client.js";
import { article, articleImage, articleImageVariant, comment } from "../db/schema/index.js";
import { ApiError, DEFAULT_MESSAGES } from "../errors.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse } from "../openapi.js";

/** An article in an editor's list. */
export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    lead: z.string(),
    category: z.string(),
    organizationId: z.string(),
    conferenceId: z.string().nullable(),
    status: ArticleStatusSchema,
    publishedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("ArticleSummary");
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

/** A stored article, as the domain describes it. */
const ArticleRecordSchema = ArticleSchema;

export const ArticleImageSchema = z
  .object({
    id: z.string(),
    articleId: z.string(),
    contentType: z.string(),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    url: z.string(),
    /** The widths the image is served in; only the original until an image library is available. */
    widths: z.array(z.number().int()),
  })
  .openapi("ArticleImage");
export type ArticleImage = z.infer<typeof ArticleImageSchema>;

export const AdminCommentSchema = z
  .object({
    id: z.string(),
    articleId: z.string(),
    authorName: z.string(),
    body: z.string(),
    status: CommentStatusSchema,
    createdAt: z.string(),
    moderatedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("Comment");
export type AdminComment = z.infer<typeof AdminCommentSchema>;

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const SlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .openapi({ param: { name: "slug", in: "path" } }),
});
const jsonOf = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const ArticleListQuery = listQuerySchema(["publishedAt", "title"], "publishedAt:desc").extend({
  status: ArticleStatusSchema.optional(),
  category: z.string().trim().min(1).optional(),
  organizationId: z.string().trim().min(1).optional(),
});

const tags = ["articles"];
const e400 = errorResponse("Dữ liệu không hợp lệ / Invalid input");
const e404 = errorResponse("Không tìm thấy bài viết / No such article");
const e409 = errorResponse("Quy định không cho phép / A rule does not allow this");
const e412 = errorResponse("Bản ghi đã đổi / The record changed");
const e428 = errorResponse("Thiếu If-Match / If-Match missing");
const oneArticle = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: "string" as const } } },
  ...jsonOf(ArticleRecordSchema),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Danh sách bài viết / List articles",
  request: { query: ArticleListQuery },
  responses: {
    200: { description: "Một trang / A page", ...jsonOf(pageSchemaOf(ArticleSummarySchema)) },
    400: e400,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "Một bài viết / One article",
  request: { params: IdParams },
  responses: { 200: oneArticle("Bài viết / The article"), 404: e404 },
});

const bySlugRoute = createRoute({
  method: "get",
  path: "/by-slug/{slug}",
  tags,
  summary: "Bài viết theo đường dẫn / An article by its slug",
  request: { params: SlugParams },
  responses: { 200: oneArticle("Bài viết / The article"), 404: e404 },
});

const createArticleRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary:
    "Tạo bài viết (bản nháp; đường dẫn tự sinh từ tiêu đề được thêm hậu tố khi trùng) / " +
    "Create an article (a draft; a slug made from the title gets a suffix when taken)",
  request: { body: { ...jsonOf(ArticleCreateSchema), required: true } },
  responses: { 201: oneArticle("Đã tạo / Created"), 400: e400, 409: e409 },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Sửa nội dung bài viết / Change an article's content",
  description:
    "Chỉ gửi các trường cần đổi; trường không gửi giữ nguyên. `null` xóa một trường không bắt buộc " +
    "(`source`, `author`, `conferenceId`); `null` cho trường bắt buộc bị từ chối (400). Cần `If-Match`.\n\n" +
    "Send only the fields that change; a field left out stays as it is. `null` clears an optional field " +
    "(`source`, `author`, `conferenceId`); `null` for a required field is refused (400). Needs `If-Match`.",
  request: { params: IdParams, body: { ...jsonOf(ArticleUpdateSchema), required: true } },
  responses: { 200: oneArticle("Đã sửa / Changed"), 400: e400, 404: e404, 409: e409, 412: e412, 428: e428 },
});

const actionResponses = {
  200: oneArticle("Đã chuyển / Moved"),
  400: e400,
  404: e404,
  409: e409,
  412: e412,
  428: e428,
};

const scheduleRoute = createRoute({
  method: "post",
  path: "/{id}/schedule",
  tags,
  summary: "Hẹn giờ đăng / Schedule publication",
  request: {
    params: IdParams,
    body: { ...jsonOf(z.object({ publishAt: InstantSchema })), required: true },
  },
  responses: actionResponses,
});

const publishRoute = createRoute({
  method: "post",
  path: "/{id}/publish",
  tags,
  summary: "Đăng ngay / Publish now",
  request: { params: IdParams },
  responses: actionResponses,
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/{id}/withdraw",
  tags,
  summary: "Gỡ bài / Withdraw",
  request: { params: IdParams },
  responses: actionResponses,
});

const uploadImageRoute = createRoute({
  method: "post",
  path: "/{id}/images",
  tags,
  summary:
    "Tải ảnh lên (PNG, JPEG, WebP; tối đa 5 MB; thân là ảnh hoặc multipart trường file) / " +
    "Upload an image (PNG, JPEG, WebP; at most 5 MB; the raw image or multipart field file)",
  request: { params: IdParams },
  // The JSON limit of the app is skipped for this path; the image limit applies while reading.
  middleware: [
    bodyLimit({
      maxSize: MAX_IMAGE_BYTES,
      onError: () => {
        throw imageTooLarge();
      },
    }),
  ],
  responses: {
    201: { description: "Đã lưu ảnh / Stored", ...jsonOf(ArticleImageSchema) },
    400: e400,
    404: e404,
    413: errorResponse("Ảnh quá lớn / Image too large"),
  },
});

const listImagesRoute = createRoute({
  method: "get",
  path: "/{id}/images",
  tags,
  summary: "Ảnh của bài viết / An article's images",
  request: { params: IdParams },
  responses: { 200: { description: "Ảnh / Images", ...jsonOf(z.array(ArticleImageSchema)) }, 404: e404 },
});

const commentsRoute = createRoute({
  method: "get",
  path: "/{id}/comments",
  tags,
  summary: "Mọi bình luận của bài, kèm trạng thái / Every comment of an article, with its status",
  request: { params: IdParams, query: z.object({ status: CommentStatusSchema.optional() }) },
  responses: {
    200: { description: "Bình luận / Comments", ...jsonOf(z.array(AdminCommentSchema)) },
    404: e404,
  },
});

export const articleRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.var.services.database;
    const where = and(
      scopeCondition(c.var.access, article.organizationId),
      query.status === undefined ? undefined : eq(article.status, query.status),
      query.category === undefined ? undefined : eq(article.category, query.category),
      query.organizationId === undefined ? undefined : eq(article.organizationId, query.organizationId),
      foldedSearch(article.searchText, query.q),
    );
    const order = query.sort.flatMap(({ field, direction }) => {
      const column = field === "title" ? sql`${article.titleSortKey} collate "C"` : article.publishedAt;
      return [direction === "desc" ? sql`${column} desc nulls last` : sql`${column} asc nulls last`];
    });
    const rows = await db
      .select()
      .from(article)
      .where(where)
      .orderBy(...order, desc(article.createdAt), asc(article.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ total: count() }).from(article).where(where);
    return c.json(
      { items: rows.map(summaryOf), total: total?.total ?? 0, page: query.page, pageSize: query.pageSize },
      200,
    );
  })
  .openapi(bySlugRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const [row] = await c.var.services.database.db
      .select()
      .from(article)
      .where(and(eq(article.slug, slug), scopeCondition(c.var.access, article.organizationId)));
    if (row === undefined) throw new ApiError("NOT_FOUND", DEFAULT_MESSAGES.NOT_FOUND);
    setEtag(c, row.version);
    return c.json(row.data, 200);
  })
  .openapi(getRoute, async (c) => {
    const row = await articleById(c.var.services.database.db, c.var.access, c.req.valid("param").id);
    setEtag(c, row.version);
    return c.json(row.data, 200);
  })
  .openapi(createArticleRoute, async (c) => {
    const input = c.req.valid("json");
    const { database, now } = c.var.services;
    const slugGiven = ((await c.req.json()) as { slug?: unknown }).slug !== undefined;
    await assertReferencesExist(database.db, {
      organization: ["organizationId", input.organizationId],
      conference: ["conferenceId", input.conferenceId],
    });
    const at = now().toISOString();
    const id = crypto.randomUUID();
    const row = await database.db.transaction(async (tx) => {
      const slug = slugGiven ? input.slug : await freeSlug(tx as unknown as Db, input.slug);
      const record: Article = { id, ...input, slug, status: "draft", createdAt: at, updatedAt: at };
      const [inserted] = await tx
        .insert(article)
        .values({ id, ...articleColumns(record), createdAt: at })
        .returning();
      return inserted;
    });
    if (row === undefined) throw new Error("insert returned nothing");
    setEtag(c, row.version);
    return c.json(row.data, 201);
  })
  .openapi(updateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const version = expectedVersion(c);
    const { database, now } = c.var.services;
    const current = await articleById(database.db, c.var.access, id);
    await assertReferencesExist(database.db, {
      organization: ["organizationId", changes.organizationId],
      conference: ["conferenceId", changes.conferenceId ?? undefined],
    });
    const parsed = ArticleSchema.safeParse({
      ...applyArticleUpdate(current.data, changes),
      updatedAt: now().toISOString(),
    });
    if (!parsed.success)
      throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, {
        issues: toIssues(parsed.error),
      });
    const row = await saveArticle(c, current, parsed.data, version);
    return c.json(row.data, 200);
  })
  .openapi(scheduleRoute, async (c) => {
    const { publishAt } = c.req.valid("json");
    const row = await moveArticle(c, c.req.valid("param").id, "scheduled", publishAt);
    return c.json(row.data, 200);
  })
  .openapi(publishRoute, async (c) => {
    const row = await moveArticle(c, c.req.valid("param").id, "published");
    return c.json(row.data, 200);
  })
  .openapi(withdrawRoute, async (c) => {
    const row = await moveArticle(c, c.req.valid("param").id, "withdrawn");
    return c.json(row.data, 200);
  })
  .openapi(uploadImageRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { database, now } = c.var.services;
    const target = await articleById(database.db, c.var.access, id);
    const bytes = await uploadedBytes(c);
    const info = readImageInfo(bytes);
    if (info === undefined) {
      const message = {
        vi: "Chỉ nhận ảnh PNG, JPEG hoặc WebP",
        en: "Only PNG, JPEG and WebP images are accepted",
      };
      throw new ApiError("VALIDATION_FAILED", message, { issues: [{ path: ["file"], message }] });
    }
    const variants = await renderImageVariants(bytes, info);
    if (variants === undefined) {
      const message = {
        vi: "Không đọc được ảnh (tệp hỏng?)",
        en: "The image cannot be read (a damaged file?)",
      };
      throw new ApiError("VALIDATION_FAILED", message, { issues: [{ path: ["file"], message }] });
    }
    const imageId = crypto.randomUUID();
    const row = await database.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(articleImage)
        .values({
          id: imageId,
          articleId: target.id,
          ...info,
          byteSize: bytes.byteLength,
          bytes,
          createdAt: now().toISOString(),
        })
        .returning(imageColumns);
      if (variants.length > 0) {
        await tx
          .insert(articleImageVariant)
          .values(variants.map((variant) => ({ imageId, ...variant, byteSize: variant.bytes.byteLength })));
      }
      return inserted;
    });
    if (row === undefined) throw new Error("insert returned nothing");
    return c.json(
      imageOf(
        row,
        variants.map((variant) => variant.width),
      ),
      201,
    );
  })
  .openapi(listImagesRoute, async (c) => {
    const { db } = c.var.services.database;
    const target = await articleById(db, c.var.access, c.req.valid("param").id);
    const rows = await db
      .select(imageColumns)
      .from(articleImage)
      .where(eq(articleImage.articleId, target.id))
      .orderBy(asc(articleImage.createdAt), asc(articleImage.id));
    const widths = await variantWidths(
      db,
      rows.map((row) => row.id),
    );
    return c.json(
      rows.map((row) => imageOf(row, widths.get(row.id) ?? [])),
      200,
    );
  })
  .openapi(commentsRoute, async (c) => {
    const { db } = c.var.services.database;
    const target = await articleById(db, c.var.access, c.req.valid("param").id);
    const { status } = c.req.valid("query");
    const rows = await db
      .select()
      .from(comment)
      .where(
        and(eq(comment.articleId, target.id), status === undefined ? undefined : eq(comment.status, status)),
      )
      .orderBy(asc(comment.createdAt), asc(comment.id));
    return c.json(
      rows.map((row) => ({
        id: row.id,
        articleId: row.articleId,
        authorName: row.authorName,
        body: row.body,
        status: CommentStatusSchema.parse(row.status),
        createdAt: isoInstant(row.createdAt),
        moderatedAt: isoInstant(row.moderatedAt),
        version: row.version,
      })),
      200,
    );
  });

function summaryOf(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    category: row.category,
    organizationId: row.organizationId,
    conferenceId: row.conferenceId,
    status: row.data.status,
    publishedAt: isoInstant(row.publishedAt),
    version: row.version,
  };
}

/** The slug itself when free, else the first of slug-2, slug-3, … that is. */
async function freeSlug(db: Db, slug: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ slug: article.slug })
        .from(article)
        .where(or(eq(article.slug, slug), like(article.slug, `${slug}-%`)))
    ).map((row) => row.slug),
  );
  if (!taken.has(slug)) return slug;
  let n = 2;
  while (taken.has(`${slug}-${n}`)) n += 1;
  return `${slug}-${n}`;
}

/** Moves an article to another stage through the domain's rule; a refusal is a 409 naming the rule. */
async function moveArticle(
  c: Context<AppEnv>,
  id: string,
  to: Article["status"],
  publishAt?: string,
): Promise<ArticleRow> {
  const version = expectedVersion(c);
  const { database, now } = c.var.services;
  const current = await articleById(database.db, c.var.access, id);
  if (current.version !== version) assertUpdated([]);
  const options = publishAt === undefined ? {} : { publishAt };
  const result = transitionArticle(current.data, to, now().toISOString(), options);
  if (!result.ok)
    throw new ApiError("CONFLICT", result.message, {
      issues: result.issues,
      headers: { "X-Refusal-Code": result.code },
    });
  return saveArticle(c, current, result.value, version);
}

/** Writes a new record of an article at the version the client read, and tells the change feed. */
async function saveArticle(
  c: Context<AppEnv>,
  current: ArticleRow,
  record: Article,
  version: number,
): Promise<ArticleRow> {
  const { database, now } = c.var.services;
  const rows = await database.db.transaction((tx) =>
    tx
      .update(article)
      .set({ ...articleColumns(record), version: sql`${article.version} + 1` })
      .where(and(eq(article.id, current.id), eq(article.version, version)))
      .returning(),
  );
  const row = assertUpdated(rows);
  setEtag(c, row.version);
  // Readers' caches care when what they may see changed: before or after this write.
  const at = now().toISOString();
  const bus = changeBusOf(c.var.services);
  if (isPubliclyVisible(current.data, at) || isPubliclyVisible(record, at)) {
    await bus.publish({ kind: "article", id: row.id, slug: row.slug });
    if (current.slug !== row.slug) await bus.publish({ kind: "article", id: row.id, slug: current.slug });
  }
  return row;
}

/** The bytes of an upload, sent raw or as the `file` field of a multipart form; 413 above the limit. */
async function uploadedBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if ((c.req.header("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) {
      const message = { vi: "Thiếu tệp ảnh (trường file)", en: "The image file (field file) is missing" };
      throw new ApiError("VALIDATION_FAILED", message, { issues: [{ path: ["file"], message }] });
    }
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  }
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw imageTooLarge();
  return bytes;
}

function imageTooLarge(): ApiError {
  return new ApiError("PAYLOAD_TOO_LARGE", {
    vi: `Ảnh quá lớn (tối đa ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`,
    en: `The image is too large (at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`,
  });
}

const imageColumns = {
  id: articleImage.id,
  articleId: articleImage.articleId,
  contentType: articleImage.contentType,
  byteSize: articleImage.byteSize,
  width: articleImage.width,
  height: articleImage.height,
};

/** An image as the API describes it: the original's size and every width a reader can ask for. */
function imageOf(row: Omit<ArticleImage, "url" | "widths">, variantWidths: readonly number[]): ArticleImage {
  const widths = [...new Set([...variantWidths, row.width])].sort((a, b) => a - b);
  return { ...row, url: `/api/v1/public/images/${row.id}`, widths };
}

async function variantWidths(db: Db, imageIds: readonly string[]): Promise<Map<string, number[]>> {
  const byImage = new Map<string, number[]>();
  if (imageIds.length === 0) return byImage;
  const rows = await db
    .select({ imageId: articleImageVariant.imageId, width: articleImageVariant.width })
    .from(articleImageVariant)
    .where(inArray(articleImageVariant.imageId, [...imageIds]));
  for (const row of rows) byImage.set(row.imageId, [...(byImage.get(row.imageId) ?? []), row.width]);
  return byImage;
}
