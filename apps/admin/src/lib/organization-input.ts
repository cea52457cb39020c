// What the organisation forms send: typed dates read as ISO, a decision symbol put in the
// canonical form the domain stores, empty fields left out.
import { normalizeDocumentSymbol } from "@sodoan/domain";
import { toIsoDate } from "./dates";

/**
 * A decision typed as a symbol (`12-qd/tdtn`), as the `decidedBy` the domain reads; a symbol that
 * cannot be read goes as typed, so that the schema names the field.
 * @example decisionOf(" 12-qđ/tđtn ") // { symbol: "12-QĐ/TĐTN" }
 */
export function decisionOf(typed: string): { symbol: string } | undefined {
  const value = typed.trim();
  if (value === "") return undefined;
  return { symbol: normalizeDocumentSymbol(value) ?? value };
}

/** A dated event's common fields from the form: the effective date and the deciding document. */
export function datedFields(values: { effectiveDate: string; decision: string }): Record<string, unknown> {
  const decidedBy = decisionOf(values.decision);
  return {
    effectiveDate: toIsoDate(values.effectiveDate),
    ...(decidedBy === undefined ? {} : { decidedBy }),
  };
}

/** Non-empty trimmed texts only, for optional fields. */
export function presentFields(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ""),
  );
}
