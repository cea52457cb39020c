// News articles about the Union's work: body blocks, quoted figures, publication status, comments.

import { z } from "zod";
import { bilingual, type LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { ok, type Result, refuse } from "../result.js";
import { slugify } from "../text/fold.js";
import { type Instant, InstantSchema, instantToMillis } from "../time/index.js";
import { applyUpdate } from "../update.js";
import { QuotedFigureSchema } from "./figure.js";

export * from "./figure.js";

/** A slug: lower-case ASCII letters and digits joined by single hyphens. */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    bilingual(
      "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang",
      "A slug holds lower-case letters, digits and hyphens",
    ),
  )
  .max(200);

/** A paragraph of text. */
export const ParagraphBlockSchema = z.object({ type: z.literal("paragraph"), text: z.string().min(1) });
/** A heading inside the body (the article's title is level 1). */
export const HeadingBlockSchema = z.object({
  type: z.literal("heading"),
  level: z.union([z.literal(2), z.literal(3)]),
  text: z.string().min(1),
});
/** An image; alt text is required so that the page reads without it, and the size avoids layout shift. */
export const ImageBlockSchema = z.object({
  type: z.literal("image"),
  src: z.string().min(1),
  alt: z.string().trim().min(1),
  caption: z.string().optional(),
  credit: z.string().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
/** A quotation, with who said it. */
export const QuoteBlockSchema = z.object({
  type: z.literal("quote"),
  text: z.string().min(1),
  attribution: z.string().optional(),
});
/** A quoted figure with the words around it, e.g. "đoàn viên đang sinh hoạt". */
export const FigureBlockSchema = z.object({
  type: z.literal("figure"),
  figure: QuotedFigureSchema,
  label: z.string().min(1),
});

/** One block of an article's body. */
export const BodyBlockSchema = z.discriminatedUnion("type", [
  ParagraphBlockSchema,
  HeadingBlockSchema,
  ImageBlockSchema,
  QuoteBlockSchema,
  FigureBlockSchema,
]);
export type BodyBlock = z.infer<typeof BodyBlockSchema>;

/** Where an article was first published, e.g. a provincial newspaper. */
export const ArticleSourceSchema = z.object({ name: z.string().min(1), url: z.url().optional() });
export type ArticleSource = z.infer<typeof ArticleSourceSchema>;

/** The stages of an article. */
export const ArticleStatusSchema = z.enum(["draft", "scheduled", "published", "withdrawn"]);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

/** The moves an article may make between stages. */
export const ARTICLE_TRANSITIONS: Readonly<Record<ArticleStatus, readonly ArticleStatus[]>> = {
  draft: ["scheduled", "published"],
  scheduled: ["draft", "published"],
  published: ["withdrawn"],
  withdrawn: ["draft"],
};

/** Labels of the stages. */
export const ARTICLE_STATUS_LABELS = {
  draft: { vi: "Bản nháp", en: "Draft" },
  scheduled: { vi: "Hẹn giờ đăng", en: "Scheduled" },
  published: { vi: "Đã đăng", en: "Published" },
  withdrawn: { vi: "Đã gỡ", en: "Withdrawn" },
} as const satisfies Record<ArticleStatus, LocalizedText>;

// The fields an article may go without, apart: an update clears them with `null`.
const optionalArticleFields = {
  source: ArticleSourceSchema,
  author: z.string().trim().min(1),
  conferenceId: IdSchema,
};

const articleFields = {
  title: z.string().trim().min(1).max(300),
  slug: SlugSchema,
  category: z.string().trim().min(1),
  organizationId: IdSchema,
  source: optionalArticleFields.source.optional(),
  author: optionalArticleFields.author.optional(),
  lead: z.string().trim().min(1),
  body: z.array(BodyBlockSchema),
  conferenceId: optionalArticleFields.conferenceId.optional(),
};

/** A stored article. */
export const ArticleSchema = z
  .object({
    id: IdSchema,
    ...articleFields,
    status: ArticleStatusSchema,
    /** When a scheduled article goes out. */
    publishAt: InstantSchema.optional(),
    publishedAt: InstantSchema.optional(),
    withdrawnAt: InstantSchema.optional(),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .refine(
    (article) => article.status !== "scheduled" || article.publishAt !== undefined,
    bilingual("Bài hẹn giờ cần thời điểm đăng", "A scheduled article needs its publication time", [
      "publishAt",
    ]),
  )
  .refine(
    (article) => article.status !== "published" || article.publishedAt !== undefined,
    bilingual("Bài đã đăng cần thời điểm đăng", "A published article needs its publication time", [
      "publishedAt",
    ]),
  );
export type Article = z.infer<typeof ArticleSchema>;

/** A new article as an editor writes it; it starts as a draft, and the slug comes from the title when left out. */
export const ArticleCreateSchema = z
  .object({ ...articleFields, slug: SlugSchema.optional() })
  .transform((input) => ({ ...input, slug: input.slug ?? slugify(input.title) }));
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;
/** What an editor sends to create an article (the slug may be left out). */
export type ArticleCreateInput = z.input<typeof ArticleCreateSchema>;

/**
 * Changes to an article's content: a field left out stays as it is, and `null` clears a field the
 * article may go without (its source, author or conference). The stage changes through
 * `transitionArticle`.
 */
export const ArticleUpdateSchema = z
  .object({
    ...articleFields,
    source: optionalArticleFields.source.nullable(),
    author: optionalArticleFields.author.nullable(),
    conferenceId: optionalArticleFields.conferenceId.nullable(),
  })
  .partial();
export type ArticleUpdate = z.infer<typeof ArticleUpdateSchema>;
/** What an editor sends to change an article (`null` clears an optional field). */
export type ArticleUpdateInput = z.input<typeof ArticleUpdateSchema>;

/**
 * An article with an update applied, for `ArticleSchema` to check again: a field sent replaces the
 * stored one, `null` removes it, a field left out stays.
 * @example applyArticleUpdate(article, { author: null, lead: "Tóm tắt mới" }) // no author, the new lead
 */
export function applyArticleUpdate(article: Article, update: ArticleUpdate): Article {
  return applyUpdate(article, update);
}

/** Why a change of stage is refused. */
export type ArticleRuleCode =
  | "TRANSITION_NOT_ALLOWED"
  | "PUBLISH_AT_REQUIRED"
  | "PUBLISH_AT_IN_PAST"
  | "NOT_READY";

/** Whether an article may move from one stage to another. */
export function canTransitionArticle(from: ArticleStatus, to: ArticleStatus): boolean {
  return ARTICLE_TRANSITIONS[from].includes(to);
}

/**
 * Moves an article to another stage at a moment: scheduling needs a future `publishAt`,
 * publishing stamps `publishedAt`, and only an article with a lead and a body goes out.
 * @example transitionArticle(draft, "published", "2017-09-01T06:00:00Z")
 */
export function transitionArticle(
  article: Article,
  to: ArticleStatus,
  at: Instant,
  options: { publishAt?: Instant } = {},
): Result<Article, ArticleRuleCode> {
  if (!canTransitionArticle(article.status, to)) {
    const from = ARTICLE_STATUS_LABELS[article.status];
    const target = ARTICLE_STATUS_LABELS[to];
    const message = {
      vi: `Không thể chuyển bài từ "${from.vi}" sang "${target.vi}"`,
      en: `An article cannot go from "${from.en}" to "${target.en}"`,
    };
    return refuse("TRANSITION_NOT_ALLOWED", message, [{ path: ["status"], message }]);
  }
  if ((to === "scheduled" || to === "published") && article.body.length === 0) {
    const message = { vi: "Bài chưa có nội dung", en: "The article has no body yet" };
    return refuse("NOT_READY", message, [{ path: ["body"], message }]);
  }
  const { publishAt: _publishAt, withdrawnAt: _withdrawnAt, ...rest } = article;
  switch (to) {
    case "scheduled": {
      const publishAt = options.publishAt ?? article.publishAt;
      if (publishAt === undefined) {
        const message = { vi: "Cần chọn thời điểm đăng", en: "Choose when to publish" };
        return refuse("PUBLISH_AT_REQUIRED", message, [{ path: ["publishAt"], message }]);
      }
      if (instantToMillis(publishAt) <= instantToMillis(at)) {
        const message = {
          vi: "Thời điểm đăng phải ở tương lai",
          en: "The publication time must be in the future",
        };
        return refuse("PUBLISH_AT_IN_PAST", message, [{ path: ["publishAt"], message }]);
      }
      return ok({ ...rest, status: "scheduled", publishAt, updatedAt: at });
    }
    case "published":
      return ok({ ...rest, status: "published", publishedAt: at, updatedAt: at });
    case "withdrawn":
      return ok({ ...rest, status: "withdrawn", withdrawnAt: at, updatedAt: at });
    case "draft": {
      const { publishedAt: _publishedAt, ...draft } = rest;
      return ok({ ...draft, status: "draft", updatedAt: at });
    }
  }
}

/**
 * Whether readers see an article at a moment: published, or scheduled and due.
 * @example isPubliclyVisible({ status: "scheduled", publishAt: "2017-09-01T06:00:00Z" }, "2017-09-01T07:00:00Z") // true
 */
export function isPubliclyVisible(article: Pick<Article, "status" | "publishAt">, now: Instant): boolean {
  if (article.status === "published") return true;
  return (
    article.status === "scheduled" &&
    article.publishAt !== undefined &&
    instantToMillis(article.publishAt) <= instantToMillis(now)
  );
}

/** The figures an article quotes, in body order. */
export function quotedFiguresOf(article: Pick<Article, "body">) {
  return article.body.flatMap((block) => (block.type === "figure" ? [block.figure] : []));
}

/** The stages of a reader's comment. */
export const CommentStatusSchema = z.enum(["pending", "approved", "rejected"]);
export type CommentStatus = z.infer<typeof CommentStatusSchema>;

/** Labels of the comment stages. */
export const COMMENT_STATUS_LABELS = {
  pending: { vi: "Chờ duyệt", en: "Pending" },
  approved: { vi: "Đã duyệt", en: "Approved" },
  rejected: { vi: "Bị từ chối", en: "Rejected" },
} as const satisfies Record<CommentStatus, LocalizedText>;

/** A comment as a reader sends it. */
export const CommentCreateSchema = z.object({
  authorName: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(2000),
});
export type CommentCreate = z.infer<typeof CommentCreateSchema>;

/** A stored comment; every comment waits for a moderator before readers see it. */
export const CommentSchema = CommentCreateSchema.extend({
  id: IdSchema,
  articleId: IdSchema,
  status: CommentStatusSchema,
  createdAt: InstantSchema,
  moderatedAt: InstantSchema.optional(),
  moderatedBy: IdSchema.optional(),
});
export type Comment = z.infer<typeof CommentSchema>;

/** The moderation moves: a pending comment is approved or rejected; an approved one can still be taken down. */
export const COMMENT_TRANSITIONS: Readonly<Record<CommentStatus, readonly CommentStatus[]>> = {
  pending: ["approved", "rejected"],
  approved: ["rejected"],
  rejected: [],
};

/** Why a comment is refused. */
export type CommentRuleCode = "COMMENTS_CLOSED" | "TRANSITION_NOT_ALLOWED";

/** Whether readers may comment on an article at a moment: only on what they can see. */
export function canComment(
  article: Pick<Article, "status" | "publishAt">,
  now: Instant,
): Result<true, CommentRuleCode> {
  if (isPubliclyVisible(article, now)) return ok(true);
  return refuse("COMMENTS_CLOSED", {
    vi: "Bài viết không nhận bình luận",
    en: "This article takes no comments",
  });
}

/**
 * A moderator's decision on a comment.
 * @example moderateComment(comment, "approved", "2017-09-02T01:00:00Z", "admin-1")
 */
export function moderateComment(
  comment: Comment,
  decision: Exclude<CommentStatus, "pending">,
  at: Instant,
  moderatorId?: string,
): Result<Comment, CommentRuleCode> {
  if (!COMMENT_TRANSITIONS[comment.status].includes(decision)) {
    const from = COMMENT_STATUS_LABELS[comment.status];
    const target = COMMENT_STATUS_LABELS[decision];
    const message = {
      vi: `Không thể chuyển bình luận từ "${from.vi}" sang "${target.vi}"`,
      en: `A comment cannot go from "${from.en}" to "${target.en}"`,
    };
    return refuse("TRANSITION_NOT_ALLOWED", message, [{ path: ["status"], message }]);
  }
  const moderated: Comment = { ...comment, status: decision, moderatedAt: at };
  if (moderatorId !== undefined) moderated.moderatedBy = moderatorId;
  return ok(moderated);
}
