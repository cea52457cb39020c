/**
 * The Union's organisations as a dated tree.
 *
 * Records: `Organization` (fixed facts; `OrganizationCreate`/`OrganizationUpdate` for input),
 * `ParentLink` (child under parent from a date, to a date, by a document; the link starting
 * latest wins), `LineageEvent` (renamed, reparented, merged, split, dissolved; effective on their
 * date), `OrganizationDiscipline`. Structure rules are data: `PARENT_LEVEL_RULES`.
 *
 * Reading: `resolveOrganizationTree({ organizations, parentLinks, lineageEvents }, view)` gives an
 * `OrganizationTree` `{ view, nodes: Map<id, { id, name, level, parentId, childrenIds, … }>,
 * rootIds }` with only the organisations that exist in the view; `subtreeIds(tree, id)` (the
 * organisation first), `pathToRoot(tree, id)`, `childrenOf(tree, id)`, `isInSubtree`,
 * `canHoldMembers(org)`, `predecessorIds`/`successorIds` for lineage.
 * `resolveOrganizationPaths(records)` gives every organisation's path from its root over the
 * spans of dates it holds, the tree of every date at once, for storing as an index. To resolve many dates, pass
 * `indexOrganizationRecords(records)` instead of the records.
 *
 * Writing: `validateNewOrganization(input, records)`, `validateParentLink(proposal, records)` and
 * `validateLineageEvent(event, records)`
 * return a `Result` with a stable code (`PARENT_LEVEL_NOT_ALLOWED`, `CYCLE`, …) and a bilingual
 * reason.
 */
export * from "./rules.js";
export * from "./schema.js";
export {
  allowedParentLevels,
  canHoldMembers,
  childrenOf,
  indexOrganizationRecords,
  isInSubtree,
  namesInView,
  type OrganizationIndex,
  type OrganizationNode,
  type OrganizationPath,
  type OrganizationRecords,
  type OrganizationTree,
  parentLevelRuleOn,
  pathToRoot,
  predecessorIds,
  resolveOrganizationPaths,
  resolveOrganizationTree,
  subtreeIds,
  successorIds,
} from "./tree.js";
