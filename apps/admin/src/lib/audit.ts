// A record's audit history as the API lists it, and what changed in each entry.

export type AuditEvent = {
  id: number;
  at: string;
  actor: { id: string; email: string | null } | null;
  requestId: string | null;
  action: "insert" | "update" | "delete" | "read" | "export" | "erase";
  table: string;
  rowId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/**
 * The fields whose values differ between before and after, looking inside the row's `data` (where a
 * member keeps its personal fields) rather than naming `data` itself; bookkeeping columns left out.
 * @example changedFields({ version: 1, data: { fullName: "A" } }, { version: 2, data: { fullName: "B" } }) // ["fullName"]
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const flat = (row: Record<string, unknown> | null) => {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(row ?? {})) {
      if (BOOKKEEPING.has(key)) continue;
      if (key === "data" && typeof value === "object" && value !== null) {
        for (const [inner, innerValue] of Object.entries(value)) values[inner] = JSON.stringify(innerValue);
      } else values[key] = JSON.stringify(value);
    }
    return values;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).sort();
}

const BOOKKEEPING = new Set(["version", "updatedAt", "createdAt", "id", "searchText"]);
