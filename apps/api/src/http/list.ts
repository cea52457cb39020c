// The list contract of DESIGN §6: `?page=1&pageSize=50&sort=field:asc&q=…`, with sort fields
// allow-listed per list, and the envelope every list answers with.
import { z } from "@hono/zod-openapi";
import { bilingual } from "@sodoan/domain";

export const MAX_PAGE_SIZE = 500;

/** Query parameters shared by every list endpoint. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ example: 50 }),
});

export type SortOrder = { field: string; direction: "asc" | "desc" };

/**
 * The query schema of a list sortable by `fields` (the first sort is the default) and searchable
 * with `q`. An unknown sort field is a 400 that names the fields allowed.
 * @example listQuerySchema(["name", "establishedOn"]).extend({ level: OrganizationLevelSchema.optional() })
 */
export function listQuerySchema<const F extends readonly [string, ...string[]]>(
  fields: F,
  defaultSort = `${fields[0]}:asc`,
) {
  const allowed = new Set<string>(fields);
  return PageQuerySchema.extend({
    sort: z
      .string()
      .max(200)
      .default(defaultSort)
      .refine(
        (value) => value.split(",").every((part) => allowed.has(part.split(":")[0] ?? "")),
        bilingual(
          `Chỉ sắp xếp được theo: ${fields.join(", ")}`,
          `Sorting is possible by: ${fields.join(", ")}`,
        ),
      )
      .refine(
        (value) => value.split(",").every((part) => /^[A-Za-z]+(:(asc|desc))?$/.test(part)),
        bilingual(
          "Thứ tự sắp xếp viết là trường:asc hoặc trường:desc",
          "Write the order as field:asc or field:desc",
        ),
      )
      .transform((value): { field: F[number]; direction: "asc" | "desc" }[] =>
        value.split(",").map((part) => {
          const [field = fields[0], direction] = part.split(":");
          return { field, direction: direction === "desc" ? "desc" : "asc" };
        }),
      )
      .openapi({ example: defaultSort, description: `Fields: ${fields.join(", ")}` }),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: "Tìm kiếm không dấu / Accent-insensitive search" }),
  });
}

/** The envelope every list answers with. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The envelope of a list, for the OpenAPI document. */
export function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
