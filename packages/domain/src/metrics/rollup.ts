// The roll-up of a metric over the children of an organisation, beside the organisation's own part.
import type { MetricResult } from "./definitions.js";
import { type MemberRecordIndex, type MemberRecords, type MetricQuery, resolveIndex } from "./records.js";

/** A figure for an organisation's whole subtree, for what belongs to it alone, and for each child's subtree. */
export type RollUp<V> = {
  total: MetricResult<V>;
  own: MetricResult<V>;
  children: MetricResult<V>[];
};

/**
 * Computes a metric for an organisation, its own part and each of its children. For stocks and
 * flows, `total` = `own` + the children's sum, except that a transfer between two parts counts in
 * each part but not in the total (it does not cross the organisation's boundary). A rate's total is
 * recomputed from the summed numerator and denominator, never averaged. A member in transit between
 * two children is on nobody's roll, as in the Union's registers, so the organisation's stock dips
 * by one between the transfer out and the receipt, and is whole again once received.
 * @example rollUpMetric(countActiveMembers, records, { tree, organizationId: "doan-khoi-dn", asOf: "2017-08-31", computedAt })
 */
export function rollUpMetric<Q extends MetricQuery, V>(
  compute: (data: MemberRecordIndex, query: Q) => MetricResult<V>,
  data: MemberRecords | MemberRecordIndex,
  query: Q,
): RollUp<V> {
  const index = resolveIndex(data, query.knownAt);
  const childIds = query.tree.nodes.get(query.organizationId)?.childrenIds ?? [];
  return {
    total: compute(index, { ...query, scope: "subtree" }),
    own: compute(index, { ...query, scope: "own" }),
    children: childIds.map((organizationId) =>
      compute(index, { ...query, organizationId, scope: "subtree" }),
    ),
  };
}
