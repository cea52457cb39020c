// Accent-insensitive search over folded columns: every word of the query must appear.
import { foldVietnamese } from "@sodoan/domain";
import { and, type Column, like, type SQL } from "drizzle-orm";

/** The condition that a folded column holds every word of `query`; none for an empty query. */
export function foldedSearch(column: Column, query: string | undefined): SQL | undefined {
  const words = foldVietnamese(query ?? "")
    .split(" ")
    .filter((word) => word.length > 0);
  if (words.length === 0) return undefined;
  return and(...words.map((word) => like(column, `%${escapeLike(word)}%`)));
}

/** `%`, `_` and `\` taken literally by LIKE. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
