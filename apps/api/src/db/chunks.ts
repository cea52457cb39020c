// Writing many rows: multi-row inserts of a bounded size, each well within PostgreSQL's limit of
// 65,535 parameters.

/** Rows a multi-row insert carries at most. */
export const CHUNK = 500;

/** Runs `insert` on consecutive slices of at most `CHUNK` rows, one after the other. */
export async function insertInChunks<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}
