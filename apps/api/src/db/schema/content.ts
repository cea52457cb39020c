// Documents, conference records, articles and their comments.
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organization } from "./organizations.js";

export const article = pgTable(
  "article",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    lead: text("lead").notNull(),
    category: text("category").notNull(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    status: text("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [index("article_status_published_at_idx").on(table.status, table.publishedAt)],
);
