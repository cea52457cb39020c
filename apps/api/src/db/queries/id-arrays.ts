// Sets of organisation ids as one SQL parameter, for the queries that read a subtree: metrics,
// roll-ups and the member list.
import { type SQL, sql } from "drizzle-orm";
import { PATH_SEPARATOR } from "../schema/index.js";

/**
 * The ids as one array parameter (organisation ids never hold the separator: a check on the table
 * says so). An array, not a set-returning function: the planner sizes `= any(array)` from the
 * array, where it takes any function's rows for a hundred, and would then probe an index once per
 * unit of a whole country.
 */
export function idsArraySql(ids: readonly string[]): SQL {
  return sql`string_to_array(${ids.join(PATH_SEPARATOR)}, ${PATH_SEPARATOR})`;
}

/** Whether `column` is one of the ids. */
export function inScopeSql(column: SQL, ids: readonly string[]): SQL {
  return sql`${column} = any(${idsArraySql(ids)})`;
}

/** The ids as a one-column relation `id`. */
export function scopeRelationSql(ids: readonly string[]): SQL {
  return sql`(select unnest(${idsArraySql(ids)}) as id)`;
}
