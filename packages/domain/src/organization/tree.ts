// Resolving the dated organisation tree: which organisations exist on a date, their names and parents.
import { type CalendarDate, type Dated, isVisible, type TimeView } from "../time/index.js";
import type {
  Area,
  GrassrootsKind,
  LineageEvent,
  Organization,
  OrganizationLevel,
  ParentLevelRule,
  ParentLink,
  Sector,
} from "./schema.js";
import { PARENT_LEVEL_RULES } from "./schema.js";

/** The records a tree is resolved from, as stored. */
export type OrganizationRecords = {
  organizations: readonly Organization[];
  parentLinks: readonly ParentLink[];
  lineageEvents: readonly LineageEvent[];
};

/** An organisation as it stood on the tree's date. */
export type OrganizationNode = {
  id: string;
  name: string;
  shortName?: string;
  englishName?: string;
  level: OrganizationLevel;
  grassrootsKind?: GrassrootsKind;
  sector?: Sector;
  area?: Area;
  parentId: string | null;
  childrenIds: string[];
};

/** The organisations that exist in a view, linked to their parent and children of that date. */
export type OrganizationTree = {
  view: TimeView;
  nodes: ReadonlyMap<string, OrganizationNode>;
  rootIds: string[];
};

/** A parent assignment from either a parent link or a re-parent event. */
type Assignment = { parentId: string; from: CalendarDate; to?: CalendarDate; recordedAt: string };

/** Records grouped by organisation, so that resolving 250,000 organisations stays linear. */
export type OrganizationIndex = {
  organizations: ReadonlyMap<string, Organization>;
  assignments: ReadonlyMap<string, Assignment[]>;
  events: ReadonlyMap<string, LineageEvent[]>;
};

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The organisations an event is about, each of which sees it in its own history. */
export function organizationsOfEvent(event: LineageEvent): string[] {
  switch (event.type) {
    case "renamed":
    case "reparented":
    case "dissolved":
      return [event.organizationId];
    case "merged":
      return [...new Set([...event.sourceIds, event.targetId])];
    case "split":
      return [...new Set([event.sourceId, ...event.targetIds])];
  }
}

/** Groups the records by organisation; resolve many views from one index. */
export function indexOrganizationRecords(records: OrganizationRecords): OrganizationIndex {
  const organizations = new Map<string, Organization>();
  for (const org of records.organizations) organizations.set(org.id, org);
  const assignments = new Map<string, Assignment[]>();
  for (const link of records.parentLinks) {
    const assignment: Assignment = { parentId: link.parentId, from: link.from, recordedAt: link.recordedAt };
    if (link.to !== undefined) assignment.to = link.to;
    push(assignments, link.childId, assignment);
  }
  const events = new Map<string, LineageEvent[]>();
  for (const event of records.lineageEvents) {
    for (const id of organizationsOfEvent(event)) push(events, id, event);
    if (event.type === "reparented") {
      push(assignments, event.organizationId, {
        parentId: event.toParentId,
        from: event.effectiveDate,
        recordedAt: event.recordedAt,
      });
    }
  }
  return { organizations, assignments, events };
}

function isRecordedBy(recordedAt: string, view: TimeView): boolean {
  return view.knownAt === undefined || Date.parse(recordedAt) <= Date.parse(view.knownAt);
}

function laterOf<T extends Dated>(a: T | undefined, b: T): T {
  if (a === undefined) return b;
  if (b.effectiveDate !== a.effectiveDate) return b.effectiveDate > a.effectiveDate ? b : a;
  return Date.parse(b.recordedAt) >= Date.parse(a.recordedAt) ? b : a;
}

/** The event that ended an organisation, if any, in a view; the earliest one counts. */
export function endingEvent(index: OrganizationIndex, id: string, view: TimeView): LineageEvent | undefined {
  let ending: LineageEvent | undefined;
  for (const event of index.events.get(id) ?? []) {
    if (!isVisible(event, view) || !isEndingFor(event, id)) continue;
    if (ending === undefined || event.effectiveDate < ending.effectiveDate) ending = event;
  }
  return ending;
}

function isEndingFor(event: LineageEvent, id: string): boolean {
  switch (event.type) {
    case "dissolved":
      return true;
    case "merged":
      return event.targetId !== id && event.sourceIds.includes(id);
    case "split":
      return event.sourceId === id && !event.sourceContinues;
    default:
      return false;
  }
}

/** Whether an organisation is established and not yet ended in a view. */
export function existsInView(index: OrganizationIndex, id: string, view: TimeView): boolean {
  const org = index.organizations.get(id);
  if (org === undefined || org.establishedOn > view.asOf || !isRecordedBy(org.recordedAt, view)) return false;
  return endingEvent(index, id, view) === undefined;
}

/** The parent an organisation's own links and re-parent events give it in a view, before lineage. */
function assignedParentId(index: OrganizationIndex, id: string, view: TimeView): string | undefined {
  let chosen: Assignment | undefined;
  for (const assignment of index.assignments.get(id) ?? []) {
    if (assignment.from > view.asOf || !isRecordedBy(assignment.recordedAt, view)) continue;
    if (assignment.to !== undefined && assignment.to < view.asOf) continue;
    if (
      chosen === undefined ||
      assignment.from > chosen.from ||
      (assignment.from === chosen.from && Date.parse(assignment.recordedAt) >= Date.parse(chosen.recordedAt))
    ) {
      chosen = assignment;
    }
  }
  return chosen?.parentId;
}

/**
 * The parent of an organisation in a view. When the assigned parent has been merged into another,
 * the children follow it to the merged organisation, so a merger needs no re-parent record for
 * each child. A parent that was dissolved or split leaves the child without a parent.
 */
export function parentIdInView(index: OrganizationIndex, id: string, view: TimeView): string | null {
  let parentId = assignedParentId(index, id, view);
  const seen = new Set<string>();
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    if (existsInView(index, parentId, view)) return parentId;
    const ending = endingEvent(index, parentId, view);
    parentId = ending?.type === "merged" ? ending.targetId : undefined;
  }
  return null;
}

/** The name, short name and English name of an organisation in a view, after renames. */
export function namesInView(
  org: Organization,
  events: readonly LineageEvent[],
  view: TimeView,
): { name: string; shortName?: string; englishName?: string } {
  let latest: Extract<LineageEvent, { type: "renamed" }> | undefined;
  for (const event of events) {
    if (event.type !== "renamed" || event.organizationId !== org.id || !isVisible(event, view)) continue;
    latest = laterOf(latest, event);
  }
  const source = latest ?? org;
  const names: { name: string; shortName?: string; englishName?: string } = { name: source.name };
  if (source.shortName !== undefined) names.shortName = source.shortName;
  if (source.englishName !== undefined) names.englishName = source.englishName;
  return names;
}

function toNode(index: OrganizationIndex, org: Organization, view: TimeView): OrganizationNode {
  const node: OrganizationNode = {
    id: org.id,
    ...namesInView(org, index.events.get(org.id) ?? [], view),
    level: org.level,
    parentId: null,
    childrenIds: [],
  };
  if (org.grassrootsKind !== undefined) node.grassrootsKind = org.grassrootsKind;
  if (org.sector !== undefined) node.sector = org.sector;
  if (org.area !== undefined) node.area = org.area;
  return node;
}

/**
 * The tree in a view: the organisations that exist as of `view.asOf` (recorded by
 * `view.knownAt` when given), with their names and parents of that date. Stored records are
 * checked by `validateParentLink`; should they still hold a cycle, it is cut at its smallest id,
 * which becomes a root.
 * @example resolveOrganizationTree(records, { asOf: "2017-08-31" }).nodes.get("doan-khoi-dn-soc-trang")?.name
 */
export function resolveOrganizationTree(
  records: OrganizationRecords | OrganizationIndex,
  view: TimeView,
): OrganizationTree {
  const index = "assignments" in records ? records : indexOrganizationRecords(records);
  const nodes = new Map<string, OrganizationNode>();
  for (const org of index.organizations.values()) {
    if (existsInView(index, org.id, view)) nodes.set(org.id, toNode(index, org, view));
  }
  for (const node of nodes.values()) {
    const parentId = parentIdInView(index, node.id, view);
    node.parentId = parentId !== null && nodes.has(parentId) ? parentId : null;
  }
  cutCycles(nodes);
  const rootIds: string[] = [];
  for (const node of nodes.values()) {
    if (node.parentId === null) rootIds.push(node.id);
    else nodes.get(node.parentId)?.childrenIds.push(node.id);
  }
  return { view, nodes, rootIds };
}

function cutCycles(nodes: Map<string, OrganizationNode>): void {
  const done = new Set<string>();
  for (const start of nodes.keys()) {
    const onPath: string[] = [];
    const onPathSet = new Set<string>();
    let current: string | null = start;
    while (current !== null && !done.has(current) && !onPathSet.has(current)) {
      onPath.push(current);
      onPathSet.add(current);
      current = nodes.get(current)?.parentId ?? null;
    }
    if (current !== null && onPathSet.has(current)) {
      const cycle = onPath.slice(onPath.indexOf(current));
      const smallest = [...cycle].sort()[0];
      const node = smallest === undefined ? undefined : nodes.get(smallest);
      if (node !== undefined) node.parentId = null;
    }
    for (const id of onPath) done.add(id);
  }
}

/**
 * The ids of an organisation and everything below it in the tree, the organisation first;
 * empty when it is not in the tree.
 * @example subtreeIds(tree, "tinh-doan-ha-nam") // ["tinh-doan-ha-nam", "huyen-doan-…", …]
 */
export function subtreeIds(tree: OrganizationTree, rootId: string): string[] {
  if (!tree.nodes.has(rootId)) return [];
  const ids: string[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    ids.push(id);
    const children = tree.nodes.get(id)?.childrenIds ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as string);
  }
  return ids;
}

/** Whether an organisation is the given one or lies below it in the tree. */
export function isInSubtree(tree: OrganizationTree, rootId: string, id: string): boolean {
  return pathToRoot(tree, id).includes(rootId);
}

/**
 * The ids from an organisation up to its root, the organisation first; empty when not in the tree.
 * @example pathToRoot(tree, "chi-doan-a") // ["chi-doan-a", "doan-co-so-b", "tinh-doan-c", "tw-doan"]
 */
export function pathToRoot(tree: OrganizationTree, id: string): string[] {
  const path: string[] = [];
  let current = tree.nodes.get(id);
  while (current !== undefined) {
    path.push(current.id);
    current = current.parentId === null ? undefined : tree.nodes.get(current.parentId);
  }
  return path;
}

/** The children of an organisation in the tree, as nodes. */
export function childrenOf(tree: OrganizationTree, id: string): OrganizationNode[] {
  const children = tree.nodes.get(id)?.childrenIds ?? [];
  return children.flatMap((childId) => tree.nodes.get(childId) ?? []);
}

/**
 * Whether an organisation has members on its own roll: a branch (chi đoàn) or a Chi đoàn cơ sở.
 * @example canHoldMembers({ level: "grassroots", grassrootsKind: "branch" }) // true
 */
export function canHoldMembers(org: {
  level: OrganizationLevel;
  grassrootsKind?: GrassrootsKind | undefined;
}): boolean {
  return org.level === "branch" || (org.level === "grassroots" && org.grassrootsKind === "branch");
}

/** The structural rule in force on a date. */
export function parentLevelRuleOn(
  date: CalendarDate,
  rules: readonly ParentLevelRule[] = PARENT_LEVEL_RULES,
): ParentLevelRule | undefined {
  return rules.find((rule) => rule.from <= date && (rule.to === undefined || date <= rule.to));
}

/**
 * The levels an organisation of a level may sit under on a date.
 * @example allowedParentLevels("grassroots", "2026-01-01") // ["provincial"]
 */
export function allowedParentLevels(
  level: OrganizationLevel,
  date: CalendarDate,
  rules: readonly ParentLevelRule[] = PARENT_LEVEL_RULES,
): readonly OrganizationLevel[] {
  return parentLevelRuleOn(date, rules)?.allowedParents[level] ?? [];
}

function lineageNeighbours(
  index: OrganizationIndex,
  id: string,
  view: TimeView,
  direction: "back" | "forward",
) {
  const found: string[] = [];
  for (const event of index.events.get(id) ?? []) {
    if (!isVisible(event, view)) continue;
    if (event.type === "merged") {
      if (direction === "back" && event.targetId === id)
        found.push(...event.sourceIds.filter((s) => s !== id));
      if (direction === "forward" && event.sourceIds.includes(id) && event.targetId !== id)
        found.push(event.targetId);
    } else if (event.type === "split") {
      if (direction === "back" && event.targetIds.includes(id) && event.sourceId !== id)
        found.push(event.sourceId);
      if (direction === "forward" && event.sourceId === id)
        found.push(...event.targetIds.filter((t) => t !== id));
    }
  }
  return found;
}

function walkLineage(
  records: OrganizationRecords | OrganizationIndex,
  id: string,
  view: TimeView,
  direction: "back" | "forward",
): string[] {
  const index = "assignments" in records ? records : indexOrganizationRecords(records);
  const seen = new Set<string>([id]);
  const queue = [id];
  const result: string[] = [];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const next of lineageNeighbours(index, current, view, direction)) {
      if (seen.has(next)) continue;
      seen.add(next);
      result.push(next);
      queue.push(next);
    }
  }
  return result;
}

/**
 * The organisations that were merged or split into this one, directly or through others, so
 * that a figure about a merged province can still be asked of its predecessors.
 * @example predecessorIds(records, "tinh-doan-ninh-binh", { asOf: "2025-12-31" }) // ["tinh-doan-ha-nam", "tinh-doan-nam-dinh"]
 */
export function predecessorIds(
  records: OrganizationRecords | OrganizationIndex,
  id: string,
  view: TimeView,
): string[] {
  return walkLineage(records, id, view, "back");
}

/** The organisations this one was merged or split into, directly or through others. */
export function successorIds(
  records: OrganizationRecords | OrganizationIndex,
  id: string,
  view: TimeView,
): string[] {
  return walkLineage(records, id, view, "forward");
}
