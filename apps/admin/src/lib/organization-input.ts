// What the organisation forms send: typed dates read as ISO, a decision symbol put in the
// canonical form the domain stores, empty fields left out.
import { type Area, normalizeDocumentSymbol, type OrganizationLevel, type Sector } from "@sodoan/domain";
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

/** What a merger's or split's new organisation takes over from the organisation of the page. */
type Predecessor = { level: OrganizationLevel; sector?: Sector | undefined; area?: Area | undefined };

/**
 * A new organisation that takes over from `org` (a merger's or split's result), as the API's
 * `newTarget` and `newTargets` take it: the same level, sector and area, under `parentId`, the
 * parent `org` has on the event's date (which may differ from the page's).
 * @example successorOf({ level: "district" }, "Huyện đoàn Kim Mô", "tinh-doan-ninh-binh")
 */
export function successorOf(
  org: Predecessor,
  name: string,
  parentId: string | null,
): Record<string, unknown> {
  return {
    name: name.trim(),
    level: org.level,
    ...(parentId === null ? {} : { parentId }),
    ...(org.sector === undefined ? {} : { sector: org.sector }),
    ...(org.area === undefined ? {} : { area: org.area }),
  };
}

/** A request that changes several organisations: its body, and whose ETags If-Match lists, in order. */
export type LineageRequest = { json: Record<string, unknown>; etagIds: string[] };

/**
 * The merger's request. Into an existing organisation: its id, and its ETag before the sources'.
 * Into a new one: the new organisation itself, which the API establishes in the same transaction,
 * so a refused merger leaves nothing behind; only the sources have ETags then.
 */
export function mergeRequestOf(
  event: { sourceIds: string[]; targetId: string; effectiveDate: string; decidedBy?: unknown },
  newTarget?: Record<string, unknown>,
): LineageRequest {
  const { targetId, ...body } = event;
  if (newTarget !== undefined) {
    return { json: { ...body, newTarget }, etagIds: [...new Set(event.sourceIds)] };
  }
  return { json: { ...body, targetId }, etagIds: [...new Set([targetId, ...event.sourceIds])] };
}

/**
 * The split's request into new organisations, established by the API in the transaction that
 * records the split: only the organisation split has an ETag.
 */
export function splitRequestOf(
  sourceId: string,
  event: { sourceContinues: boolean; effectiveDate: string; decidedBy?: unknown },
  newTargets: Record<string, unknown>[],
): LineageRequest {
  return { json: { ...event, newTargets }, etagIds: [sourceId] };
}
