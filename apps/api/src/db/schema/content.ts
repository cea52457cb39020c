// Conference records, articles, their images and readers' comments.
import type { Article, Conference } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { organization } from "./organizations.js";

/** Raw bytes: drizzle has no built-in bytea, and images are small enough to keep in the row. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (value instanceof Buffer ? value : Buffer.from(value)),
  fromDriver: (value) => new Uint8Array(value),
});

// The one line that follows the type of `organization.id`: keep it in step with organizations.ts.
const organizationRef = (name: string) => text(name).references(() => organization.id);

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const conference = pgTable(
  "conference",
  {
    id: text("id").primaryKey(),
    organizerId: organizationRef("organizer_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    /** `foldVietnamese(title)`, for accent-insensitive search. */
    titleFolded: text("title_folded").notNull(),
    /** `vietnameseSortKey(title)`: PGlite sorts with the C collation, so the order is in the key. */
    titleSortKey: text("title_sort_key").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    data: jsonb("data").$type<Conference>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    index("conference_organizer_starts_on_idx").on(table.organizerId, table.startsOn),
    index("conference_starts_on_idx").on(table.startsOn),
    index("conference_title_folded_trgm_idx").using("gin", sql`${table.titleFolded} gin_trgm_ops`),
  ],
);

export const article = pgTable(
  "article",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** `foldVietnamese(title)`: the search ranks an exact or leading match of the title first. */
    titleFolded: text("title_folded").notNull(),
    /** `vietnameseSortKey(title)`, for the Vietnamese order under the C collation. */
    titleSortKey: text("title_sort_key").notNull(),
    lead: text("lead").notNull(),
    category: text("category").notNull(),
    organizationId: organizationRef("organization_id").notNull(),
    conferenceId: text("conference_id").references(() => conference.id),
    status: text("status").notNull().default("draft"),
    /**
     * When readers first see it: the publication time of a published article, the planned one of
     * a scheduled article (it goes public when that time passes, with no job to flip it).
     */
    publishedAt: instant("published_at"),
    /** `foldVietnamese` of the title, lead and body text, for accent-insensitive search. */
    searchText: text("search_text").notNull().default(""),
    data: jsonb("data").$type<Article>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: instant("created_at").notNull().default(sql`now()`),
    updatedAt: instant("updated_at").notNull().default(sql`now()`),
  },
  (table) => [
    index("article_status_published_at_idx").on(table.status, table.publishedAt),
    index("article_category_published_at_idx").on(table.category, table.publishedAt),
    index("article_organization_idx").on(table.organizationId),
    index("article_conference_idx").on(table.conferenceId),
    index("article_search_text_trgm_idx").using("gin", sql`${table.searchText} gin_trgm_ops`),
  ],
);

export const articleImage = pgTable(
  "article_image",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** The original upload, as sent. */
    bytes: bytea("bytes").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [index("article_image_article_idx").on(table.articleId)],
);

/** A smaller copy of an image, in WebP, for readers on narrow screens and slow connections. */
export const articleImageVariant = pgTable(
  "article_image_variant",
  {
    imageId: text("image_id")
      .notNull()
      .references(() => articleImage.id, { onDelete: "cascade" }),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.imageId, table.width] })],
);

export const comment = pgTable(
  "comment",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    status: text("status").notNull().default("pending"),
    createdAt: instant("created_at").notNull(),
    moderatedAt: instant("moderated_at"),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("comment_article_status_idx").on(table.articleId, table.status, table.createdAt)],
);

/**
 * How many times readers opened each article, as the news servers report it in batches. Apart from
 * `article` so that counting never touches the article's version, its audit trail or its ETag.
 */
export const articleView = pgTable("article_view", {
  articleId: text("article_id")
    .primaryKey()
    .references(() => article.id, { onDelete: "cascade" }),
  views: bigint("views", { mode: "number" }).notNull().default(0),
  updatedAt: instant("updated_at").notNull(),
});
