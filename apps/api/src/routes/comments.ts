// Moderation of readers' comments: a moderator approves or rejects, through the domain's rule.
import { createRoute, z } from "@hono/zod-openapi";
import { type Comment, CommentStatusSchema, moderateComment } from "@sodoan/domain";
import { and, eq, sql } from "drizzle-orm";
import { isoInstant } from "../content/articles.js";
import { changeBusOf } from "../content/change-bus.js";
import { scopeCondition } from "../content/scope.js";
import { article, comment } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { createRouter, errorResponse } from "../openapi.js";
import { AdminCommentSchema } from "./articles.js";

const moderateRoute = createRoute({
  method: "post",
  path: "/{id}/moderate",
  tags: ["comments"],
  summary: "Duyệt hoặc từ chối bình luận / Approve or reject a comment",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .openapi({ param: { name: "id", in: "path" } }),
    }),
    body: {
      content: { "application/json": { schema: z.object({ decision: z.enum(["approved", "rejected"]) }) } },
      required: true,
    },
  },
  responses: {
    200: {
      description: "Đã quyết định / Decided",
      content: { "application/json": { schema: AdminCommentSchema } },
    },
    400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
    404: errorResponse("Không tìm thấy bình luận / No such comment"),
    409: errorResponse("Quy định không cho phép / A rule does not allow this"),
    412: errorResponse("Bản ghi đã đổi / The record changed"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

export const commentRoutes = createRouter().openapi(moderateRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { decision } = c.req.valid("json");
  const version = expectedVersion(c);
  const { database, now } = c.var.services;
  const [found] = await database.db
    .select({ comment, slug: article.slug })
    .from(comment)
    .innerJoin(article, eq(comment.articleId, article.id))
    .where(and(eq(comment.id, id), scopeCondition(c.var.access, article.organizationId)));
  if (found === undefined)
    throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy bình luận", en: "No such comment" });
  const current = found.comment;
  const record: Comment = {
    id: current.id,
    articleId: current.articleId,
    authorName: current.authorName,
    body: current.body,
    status: CommentStatusSchema.parse(current.status),
    createdAt: isoInstant(current.createdAt),
    ...(current.moderatedAt === null ? {} : { moderatedAt: isoInstant(current.moderatedAt) }),
  };
  const result = moderateComment(record, decision, now().toISOString());
  if (!result.ok)
    throw new ApiError("CONFLICT", result.message, {
      issues: result.issues,
      headers: { "X-Refusal-Code": result.code },
    });
  const rows = await database.db.transaction((tx) =>
    tx
      .update(comment)
      .set({
        status: result.value.status,
        moderatedAt: result.value.moderatedAt ?? null,
        version: sql`${comment.version} + 1`,
      })
      .where(and(eq(comment.id, id), eq(comment.version, version)))
      .returning(),
  );
  const row = assertUpdated(rows);
  // Readers see approved comments: approving one, or taking an approved one down, changes the page.
  if (decision === "approved" || record.status === "approved")
    await changeBusOf(c.var.services).publish({ kind: "article", id: row.articleId, slug: found.slug });
  setEtag(c, row.version);
  return c.json(
    {
      id: row.id,
      articleId: row.articleId,
      authorName: row.authorName,
      body: row.body,
      status: CommentStatusSchema.parse(row.status),
      createdAt: isoInstant(row.createdAt),
      moderatedAt: isoInstant(row.moderatedAt),
      version: row.version,
    },
    200,
  );
});
