// Articles between the domain record and their rows: columns kept beside the record, visibility,
// and the lookups every article route shares.
import { type Article, foldVietnamese, vietnameseSortKey } from "@sodoan/domain";
import { and, eq, inArray, isNotNull, lte, type SQL } from "drizzle-orm";
import type { Access } from "../access.js";
import type { Db } from "../db/client.js";
import { article } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { scopeCondition } from "./scope.js";

export type ArticleRow = typeof article.$inferSelect;

/** The relational columns of an article, derived from its record so the two never disagree. */
export function articleColumns(record: Article) {
  return {
    slug: record.slug,
    title: record.title,
    titleSortKey: vietnameseSortKey(record.title),
    lead: record.lead,
    category: record.category,
    organizationId: record.organizationId,
    conferenceId: record.conferenceId ?? null,
    status: record.status,
    publishedAt: publicFrom(record) ?? null,
    searchText: searchTextOf(record),
    data: record,
    updatedAt: record.updatedAt,
  };
}

/** When readers first see an article: its publication, or the planned one when scheduled. */
function publicFrom(record: Article): string | undefined {
  if (record.status === "scheduled") return record.publishAt;
  return record.publishedAt;
}

/** Every word a reader may search an article by, folded. */
export function searchTextOf(record: Pick<Article, "title" | "lead" | "body" | "category">): string {
  const words = [record.title, record.lead, record.category];
  for (const block of record.body) {
    if (block.type === "figure") words.push(block.label);
    else if (block.type === "image") words.push(block.alt, block.caption ?? "");
    else words.push(block.text);
  }
  return foldVietnamese(words.join(" "));
}

/**
 * Articles readers see at a moment, as SQL: published, or scheduled and due. The same rule as the
 * domain's `isPubliclyVisible`, which the routes apply again to a single record.
 */
export function publiclyVisible(now: Date): SQL {
  return and(
    inArray(article.status, ["published", "scheduled"]),
    isNotNull(article.publishedAt),
    lte(article.publishedAt, now.toISOString()),
  ) as SQL;
}

/** An instant as the API writes it, whatever form the driver returned. */
export function isoInstant(value: string): string;
export function isoInstant(value: string | null): string | null;
export function isoInstant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export const ARTICLE_NOT_FOUND = { vi: "Không tìm thấy bài viết", en: "No such article" };

/** The article with this id within reach of `access`, or a 404. */
export async function articleById(db: Db, access: Access, id: string): Promise<ArticleRow> {
  const [row] = await db
    .select()
    .from(article)
    .where(and(eq(article.id, id), scopeCondition(access, article.organizationId)));
  if (row === undefined) throw new ApiError("NOT_FOUND", ARTICLE_NOT_FOUND);
  return row;
}
