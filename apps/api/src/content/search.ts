// Accent-insensitive search over folded columns: the condition a list filters by (every word of the
// query appears), and the match and rank of the one search over every kind of record.
import { foldVietnamese } from "@sodoan/domain";
import { and, type Column, like, type SQL, sql } from "drizzle-orm";

/** A search as the database reads it: the whole query folded, and its words. */
export type FoldedQuery = { phrase: string; words: string[] };

/** The query folded by the domain's `foldVietnamese` ("Đoàn Khối" and "doan khoi" alike). */
export function foldQuery(query: string): FoldedQuery {
  const phrase = foldVietnamese(query);
  return { phrase, words: phrase.split(" ").filter((word) => word.length > 0) };
}

/** The condition that a folded column holds every word of `query`; none for an empty query. */
export function foldedSearch(column: Column, query: string | undefined): SQL | undefined {
  const { words } = foldQuery(query ?? "");
  if (words.length === 0) return undefined;
  return and(...words.map((word) => like(column, `%${escapeLike(word)}%`)));
}

/**
 * The condition that folded `text` matches a search: every word appears in it, or the whole query
 * is close to a stretch of it (pg_trgm's `<%`, word similarity at least 0.6, which finds "tran ngoc
 * lam" for "tran ngoc nam"). Both are answered by a trigram index on the column.
 */
export function searchMatchSql(text: SQL | Column, query: FoldedQuery): SQL {
  const everyWord = sql.join(
    query.words.map((word) => sql`${text} like ${`%${escapeLike(word)}%`}`),
    sql` and `,
  );
  return sql`((${everyWord}) or ${query.phrase} <% ${text})`;
}

/** The ranks of the match tiers; a match by similarity alone ranks below 1, by its similarity. */
const SEARCH_RANKS = { exact: 4, prefix: 3, titleWords: 2, textWords: 1 } as const;

/**
 * How well a record matches, as SQL: the query is its folded title (4), begins it (3), every word
 * of the query begins a word of the title (2) or of the rest of its searchable text (1); otherwise
 * the trigram similarity of the query to the closest stretch of the text, below 1. Equal ranks are
 * left to the caller's order (the Vietnamese sort key), so ranks are tiers, not fine scores. A
 * record searched by its title alone (`text` the same column) is not looked at twice.
 */
export function searchRankSql(title: SQL | Column, text: SQL | Column, query: FoldedQuery): SQL {
  const wordStarts = (column: SQL | Column) =>
    sql.join(
      query.words.map((word) => sql`${column} ~ ${`\\m${escapeRegex(word)}`}`),
      sql` and `,
    );
  return sql`(case
    when ${title} = ${query.phrase} then ${SEARCH_RANKS.exact}::float8
    when ${title} like ${`${escapeLike(query.phrase)}%`} then ${SEARCH_RANKS.prefix}::float8
    when ${wordStarts(title)} then ${SEARCH_RANKS.titleWords}::float8
    ${title === text ? sql`` : sql`when ${wordStarts(text)} then ${SEARCH_RANKS.textWords}::float8`}
    else least(round(word_similarity(${query.phrase}, ${text})::numeric, 3), 0.999)::float8
  end)`;
}

/** `%`, `_` and `\` taken literally by LIKE. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Every character a PostgreSQL regular expression would read as an operator, taken literally. */
function escapeRegex(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, (character) => `\\${character}`);
}
