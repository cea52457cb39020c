// The list contract of DESIGN §6: page, pageSize (at most 500), and the response envelope.
import { z } from "@hono/zod-openapi";

export const MAX_PAGE_SIZE = 500;

/** Query parameters shared by every list endpoint. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ example: 50 }),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** The envelope every list answers with. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
