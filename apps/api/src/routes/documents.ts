// Union documents cited by symbol (`08-KL/TWĐTN-BTC`): the list, one document, its entry and its
// corrections. Every date a source claims for a document is kept with the source.
import { createRoute, z } from "@hono/zod-openapi";
import {
  citeDocument,
  claimedDates,
  type Document,
  DocumentCreateSchema,
  DocumentUpdateSchema,
  foldVietnamese,
  hasConflictingDates,
  normalizeDocumentSymbol,
} from "@sodoan/domain";
import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { escapeLike } from "../db/queries/organizations.js";
import { toInstant } from "../db/queries/tree.js";
import { document } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, assertVersion, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

const LocalizedSchema = z.object({ vi: z.string(), en: z.string() });
const ClaimSchema = z.object({
  date: z.string(),
  source: z.object({ name: z.string(), url: z.string().optional(), accessedOn: z.string().optional() }),
});

/** A stored document, with how a text cites it and the dates its sources give. */
export const DocumentViewSchema = z
  .object({
    id: z.string(),
    symbol: z.string().openapi({ example: "08-KL/TWĐTN-BTC" }),
    title: z.string(),
    date: z.string().optional(),
    dateClaims: z.array(ClaimSchema),
    recordedAt: z.string(),
    version: z.number().int(),
    citation: LocalizedSchema.openapi({
      example: { vi: "Kết luận số 08-KL/TWĐTN-BTC", en: "Conclusion No. 08-KL/TWĐTN-BTC" },
    }),
    claimedDates: z.array(z.object({ date: z.string(), sources: z.array(z.string()) })),
    hasConflictingDates: z.boolean(),
  })
  .openapi("Document");
export type DocumentView = z.infer<typeof DocumentViewSchema>;

type DocumentRow = typeof document.$inferSelect;

function toView(row: DocumentRow): DocumentView {
  const stored: Document = {
    id: row.id,
    symbol: row.symbol,
    title: row.title,
    dateClaims: row.dateClaims,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.date !== null) stored.date = row.date;
  return {
    ...stored,
    dateClaims: stored.dateClaims,
    version: row.version,
    citation: citeDocument(row.symbol),
    claimedDates: claimedDates(stored),
    hasConflictingDates: hasConflictingDates(stored),
  };
}

/** The symbol with Đ read as D, in capitals: two spellings of one symbol share it. */
function symbolKeyOf(symbol: string): string {
  return symbol.replace(/[Đđ]/g, "D").toUpperCase();
}

function foldedOf(symbol: string, title: string): string {
  return foldVietnamese(`${symbol} ${title}`);
}

/** 409 when another document already has the symbol (however it was spelt). */
async function assertSymbolFree(db: Db, symbol: string, exceptId?: string): Promise<void> {
  const key = symbolKeyOf(symbol);
  const [row] = await db
    .select({ id: document.id, symbol: document.symbol })
    .from(document)
    .where(
      exceptId === undefined
        ? eq(document.symbolKey, key)
        : and(eq(document.symbolKey, key), ne(document.id, exceptId)),
    );
  if (row === undefined) return;
  const message = {
    vi: `Đã có văn bản số ${row.symbol}`,
    en: `Document ${row.symbol} is already on file`,
  };
  throw new ApiError("CONFLICT", message, { issues: [{ path: ["symbol"], message }] });
}

const SORTS = {
  date: sql`${document.date}`,
  symbol: sql`${document.symbolKey} collate "C"`,
  recordedAt: sql`${document.recordedAt}`,
} as const;

const ListQuerySchema = listQuerySchema(["date", "symbol", "recordedAt"], "date:desc");

const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const tags = ["documents"];
const NOT_FOUND = errorResponse("Không tìm thấy / Not found");
const INVALID = errorResponse("Dữ liệu không hợp lệ / Invalid input");
const DUPLICATE = errorResponse("Đã có văn bản cùng số ký hiệu / A document with this symbol exists");

function notFound(id: string): ApiError {
  return new ApiError("NOT_FOUND", { vi: `Không tìm thấy văn bản ${id}`, en: `No document ${id}` });
}

export const documentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Danh sách văn bản; tìm theo số ký hiệu hoặc trích yếu / Documents; search by symbol or title",
      request: { query: ListQuerySchema },
      responses: { 200: jsonResponse(pageSchemaOf(DocumentViewSchema), "Một trang / A page"), 400: INVALID },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const conditions: SQL[] = [];
      if (query.q !== undefined && query.q !== "") {
        // A symbol typed loosely ("8-kl/twdtn") is looked up as the canonical one, beside the words.
        const symbol = normalizeDocumentSymbol(query.q);
        const words = foldVietnamese(query.q)
          .split(" ")
          .filter((word) => word.length > 0);
        const byWords =
          words.length === 0
            ? sql`false`
            : sql.join(
                words.map((word) => sql`${document.folded} like ${`%${escapeLike(word)}%`}`),
                sql` and `,
              );
        conditions.push(
          symbol === undefined
            ? byWords
            : sql`(${byWords} or ${document.symbolKey} = ${symbolKeyOf(symbol)})`,
        );
      }
      const where = conditions.length === 0 ? undefined : and(...conditions);
      const order = query.sort.map(
        ({ field, direction }) =>
          sql`${SORTS[field]} ${sql.raw(direction === "desc" ? "desc nulls last" : "asc nulls last")}`,
      );
      const { db } = c.var.services.database;
      // One after the other: inside a transaction (the demo data runs routes in one), a client takes one query at a time.
      const rows = await db
        .select()
        .from(document)
        .where(where)
        .orderBy(...order, sql`${document.id} collate "C"`)
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const totals = await db.select({ total: sql<number>`count(*)::int` }).from(document).where(where);
      return c.json(
        { items: rows.map(toView), total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "Một văn bản / One document",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(DocumentViewSchema, "Văn bản / The document"), 404: NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const [row] = await c.var.services.database.db.select().from(document).where(eq(document.id, id));
      if (row === undefined) throw notFound(id);
      setEtag(c, row.version);
      return c.json(toView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Ghi một văn bản; số ký hiệu được chuẩn hóa / Record a document; the symbol is normalised",
      request: {
        body: { content: { "application/json": { schema: DocumentCreateSchema } }, required: true },
      },
      responses: { 201: jsonResponse(DocumentViewSchema, "Đã ghi / Recorded"), 400: INVALID, 409: DUPLICATE },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { database, now } = c.var.services;
      const row = await database.db.transaction(async (tx) => {
        await assertSymbolFree(tx, input.symbol);
        const [inserted] = await tx
          .insert(document)
          .values({
            symbol: input.symbol,
            symbolKey: symbolKeyOf(input.symbol),
            title: input.title,
            folded: foldedOf(input.symbol, input.title),
            date: input.date ?? null,
            dateClaims: input.dateClaims,
            recordedAt: now().toISOString(),
          })
          .returning();
        return inserted as DocumentRow;
      });
      setEtag(c, row.version);
      c.header("Location", `/api/v1/documents/${encodeURIComponent(row.id)}`);
      return c.json(toView(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary:
        "Sửa một văn bản; danh sách ngày được thay cả / Correct a document; date claims are replaced whole",
      request: {
        params: IdParamsSchema,
        headers: z.object({ "if-match": z.string().optional() }),
        body: { content: { "application/json": { schema: DocumentUpdateSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(DocumentViewSchema, "Đã sửa / Updated"),
        400: INVALID,
        404: NOT_FOUND,
        409: DUPLICATE,
        412: errorResponse("If-Match đã cũ / If-Match is stale"),
        428: errorResponse("Thiếu If-Match / If-Match is missing"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const changes = c.req.valid("json");
      const expected = expectedVersion(c);
      const row = await c.var.services.database.db.transaction(async (tx) => {
        const [current] = await tx.select().from(document).where(eq(document.id, id));
        if (current === undefined) throw notFound(id);
        assertVersion(current.version, expected);
        const symbol = changes.symbol ?? current.symbol;
        const title = changes.title ?? current.title;
        if (changes.symbol !== undefined) await assertSymbolFree(tx, symbol, id);
        return assertUpdated(
          await tx
            .update(document)
            .set({
              symbol,
              symbolKey: symbolKeyOf(symbol),
              title,
              folded: foldedOf(symbol, title),
              ...(changes.date === undefined ? {} : { date: changes.date }),
              ...(changes.dateClaims === undefined ? {} : { dateClaims: changes.dateClaims }),
              version: sql`${document.version} + 1`,
            })
            .where(and(eq(document.id, id), eq(document.version, expected)))
            .returning(),
        );
      });
      setEtag(c, row.version);
      return c.json(toView(row), 200);
    },
  );
