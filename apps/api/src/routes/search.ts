// The admins' one search over members, organisations, conferences and articles, ranked and paged,
// within an organisation's subtree on a date; and the query schemas the public search shares.
import { createRoute, z } from "@hono/zod-openapi";
import { bilingual, toVietnamDate } from "@sodoan/domain";
import { userCan } from "../auth/guard.js";
import { type FoldedQuery, foldQuery } from "../content/search.js";
import { SEARCH_KINDS, type SearchKind, searchRecords } from "../db/queries/search.js";
import { subtreeIdsAsOf } from "../db/queries/tree.js";
import { PageQuerySchema, pageSchemaOf } from "../http/list.js";
import { subtreeQueryFields } from "../http/subtree-query.js";
import { createRouter, errorResponse } from "../openapi.js";

/** The longest query taken, as for the `q` of every list. */
export const MAX_QUERY_LENGTH = 200;

/** What is searched for: some letters or digits, accents optional; folded for the database. */
export const SearchTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_QUERY_LENGTH)
  .refine(
    (value) => !value.includes("\u0000"),
    bilingual("Từ khóa chứa ký tự không hợp lệ", "The query holds a character that is not allowed"),
  )
  .refine(
    (value) => foldQuery(value).words.length > 0,
    bilingual("Từ khóa cần có chữ hoặc số", "The query needs letters or digits"),
  )
  .transform((value): FoldedQuery => foldQuery(value))
  .openapi({
    description: "Tìm không cần dấu: 'tran ngoc nam' tìm thấy 'Trần Ngọc Nam' / Accents optional",
    example: "tran ngoc nam",
  });

/** A comma-separated choice among `kinds` (every one when absent), each at most once. */
export function kindsSchema<const K extends readonly [SearchKind, ...SearchKind[]]>(kinds: K) {
  const allowed = new Set<string>(kinds);
  return z
    .string()
    .max(200)
    .optional()
    .refine(
      (value) => value === undefined || value.split(",").every((kind) => allowed.has(kind.trim())),
      bilingual(`Loại chỉ gồm: ${kinds.join(", ")}`, `Kinds are among: ${kinds.join(", ")}`),
    )
    .transform((value): K[number][] =>
      value === undefined
        ? [...kinds]
        : kinds.filter((kind) => value.split(",").some((part) => part.trim() === kind)),
    )
    .openapi({ description: `Một hoặc nhiều, cách nhau bởi dấu phẩy / Comma-separated: ${kinds.join(",")}` });
}

/** One record found: its kind and id, its title, what tells it apart, and how well it matched. */
export const SearchHitSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    title: z.string().openapi({ description: "Tên hoặc tiêu đề / The name or title" }),
    subtitle: z.object({ vi: z.string(), en: z.string() }).openapi({
      description:
        "Đơn vị của đoàn viên, cấp của tổ chức, ngày hội nghị, chuyên mục và ngày đăng của bài / " +
        "The member's unit, the organisation's level, the conference's date, the article's category and date",
    }),
    rank: z.number().openapi({
      description:
        "4 trùng khớp, 3 mở đầu, 2 từ trong tên, 1 từ trong nội dung, dưới 1 gần giống / " +
        "4 exact, 3 beginning, 2 words of the title, 1 words of the text, below 1 similar",
    }),
    slug: z.string().optional().openapi({ description: "Bài viết / Articles" }),
  })
  .openapi("SearchHit");
export type SearchHitBody = z.infer<typeof SearchHitSchema>;

const SearchQuerySchema = PageQuerySchema.extend({
  q: SearchTextSchema,
  kinds: kindsSchema(SEARCH_KINDS),
  ...subtreeQueryFields,
});

const searchRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["search"],
  summary:
    "Tìm đoàn viên, tổ chức, hội nghị, tin bài, không cần dấu / Search members, organisations, conferences and articles, accents optional",
  request: { query: SearchQuerySchema },
  responses: {
    200: {
      description: "Một trang kết quả, tốt nhất trước / A page of results, best first",
      content: { "application/json": { schema: pageSchemaOf(SearchHitSchema) } },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
  },
});

export const searchRoutes = createRouter().openapi(searchRoute, async (c) => {
  const { q, kinds, organizationId, asOf: asked, page, pageSize } = c.req.valid("query");
  const { database, now } = c.var.services;
  const asOf = asked ?? toVietnamDate(now());
  const unitIds =
    organizationId === undefined ? undefined : await subtreeIdsAsOf(database.db, organizationId, asOf);
  const { items, total } = await searchRecords(
    database.db,
    q,
    // A member's name is personal data: only those who may read member records find members.
    userCan(c, "members.read") ? kinds : kinds.filter((kind) => kind !== "member"),
    { kind: "admin", access: c.var.access, asOf, unitIds },
    { page, pageSize },
  );
  return c.json({ items, total, page, pageSize }, 200);
});
