// Public (anonymous) reading of published articles: what the news viewer shows.
import { and, count, desc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { article, organization } from "../db/schema.js";
import { parseInput } from "../validation.js";
import { type Page, PageQuerySchema } from "./list.js";

/** An article as a list shows it to the public. */
export type PublicArticleSummary = {
  id: string;
  slug: string;
  title: string;
  lead: string;
  category: string;
  organizationName: string;
  publishedAt: string;
};

export const publicArticleRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { page, pageSize } = parseInput(PageQuerySchema, c.req.query());
  const { database, now } = c.var.services;
  // A scheduled article becomes public when its publication time has passed, with no job to flip it.
  const visible = and(
    inArray(article.status, ["published", "scheduled"]),
    isNotNull(article.publishedAt),
    lte(article.publishedAt, now().toISOString()),
  );
  const [rows, totals] = await Promise.all([
    database.db
      .select({
        id: article.id,
        slug: article.slug,
        title: article.title,
        lead: article.lead,
        category: article.category,
        organizationName: organization.name,
        publishedAt: article.publishedAt,
      })
      .from(article)
      .innerJoin(organization, eq(article.organizationId, organization.id))
      .where(visible)
      .orderBy(desc(article.publishedAt), desc(article.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    database.db.select({ total: count() }).from(article).where(visible),
  ]);
  const items = rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt ?? 0).toISOString() }));
  const body: Page<PublicArticleSummary> = { items, total: totals[0]?.total ?? 0, page, pageSize };
  return c.json(body, 200);
});
