// How a partial update meets a stored record, the same for every record that takes one: a field
// sent replaces the stored one, `null` removes it, a field left out stays.

/** A partial update of `T`: each field its own type, or `null` to clear it, or left out. */
export type UpdateOf<T> = { [K in keyof T]?: T[K] | null | undefined };

/** The record with the update applied, for the record's own schema to check again. */
export function applyUpdate<T extends object>(record: T, update: UpdateOf<T>): T {
  const changed: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [field, value] of Object.entries(update)) {
    if (value === null) delete changed[field];
    else if (value !== undefined) changed[field] = value;
  }
  // Every key of an update is a field of the record, of its own type or null (removed above).
  return changed as T;
}
