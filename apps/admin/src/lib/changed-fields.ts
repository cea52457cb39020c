// Which fields of a form someone else changed: the record as the form loaded it against the record
// now on the server, both turned into the form's values, compared field by field.
import type { LocalizedText } from "@sodoan/domain";

/** A form's fields by their path in its values (`contact.phone`), with the name a person reads. */
export type FieldLabels<F extends string = string> = Readonly<Record<F, LocalizedText>>;

/** A field whose value differs between two versions, and its name. */
export type ChangedField<F extends string = string> = { field: F; label: LocalizedText };

function valueAt(values: unknown, path: string): unknown {
  let value = values;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Structural equality of form values (strings, numbers, arrays of rows), whatever the key order. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) =>
      isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/**
 * The labelled fields whose values differ between two versions of a form's values, in the labels'
 * order. A field is compared whole: a list of rows differs when any row does.
 * @example changedFields({ title: { vi: "Tiêu đề", en: "Title" } }, { title: "A" }, { title: "B" }) // [{ field: "title", label: … }]
 */
export function changedFields<F extends string>(
  labels: FieldLabels<F>,
  before: unknown,
  after: unknown,
): ChangedField<F>[] {
  return (Object.keys(labels) as F[])
    .filter((field) => !isSameValue(valueAt(before, field), valueAt(after, field)))
    .map((field) => ({ field, label: labels[field] }));
}
