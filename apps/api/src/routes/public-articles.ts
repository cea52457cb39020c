// Public (anonymous) reading of published articles: what the news viewer shows.
import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { article, organization } from "../db/schema/index.js";
import { PageQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse } from "../openapi.js";

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

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["public"],
  summary: "Tin bài đã đăng, mới nhất trước / Published articles, newest first",
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: "Một trang tin bài / A page of articles",
      content: { "application/json": { schema: pageSchemaOf(PublicArticleSummarySchema) } },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
  },
});

export const publicArticleRoutes = createRouter().openapi(listRoute, async (c) => {
  const { page, pageSize } = c.req.valid("query");
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
  return c.json({ items, total: totals[0]?.total ?? 0, page, pageSize }, 200);
});
