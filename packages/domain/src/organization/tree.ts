// Resolving the dated organisation tree: which organisations exist on a date, their names and parents.
import { addDays, type CalendarDate, type Dated, isVisible, type TimeView } from "../time/index.js";
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
 * An organisation's path from its root over a span of dates: the ids from the root down to it,
 * the same on every date from `from` to `to` (both included; no `to` while it still holds).
 */
export type OrganizationPath = {
  organizationId: string;
  from: CalendarDate;
  to?: CalendarDate;
  path: string[];
};

/** A span of dates from `from` up to `until` (excluded; none when open), with what holds in it. */
type Span<T> = { from: CalendarDate; until: CalendarDate | undefined; value: T };

const LAST_DATE = "9999-12-31";

function isBefore(date: CalendarDate, until: CalendarDate | undefined): boolean {
  return until === undefined || date < until;
}

function laterDateOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  if (a < b) return b;
  return a;
}

function earlierOf(a: CalendarDate | undefined, b: CalendarDate | undefined): CalendarDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/** The dates an organisation exists on, as one span; none when it never does. */
function lifeOf(
  index: OrganizationIndex,
  id: string,
): { from: CalendarDate; until?: CalendarDate } | undefined {
  const org = index.organizations.get(id);
  if (org === undefined) return undefined;
  // Only the earliest ending counts, on every date after it: the latest date sees them all.
  const ending = endingEvent(index, id, { asOf: LAST_DATE });
  if (ending !== undefined && ending.effectiveDate <= org.establishedOn) return undefined;
  return ending === undefined
    ? { from: org.establishedOn }
    : { from: org.establishedOn, until: ending.effectiveDate };
}

/**
 * An organisation's parent over the dates it exists, as spans: `parentIdInView` asked on each
 * date where its answer may change (the organisation's own links and re-parents starting and
 * ending, and the parents it may be handed to through mergers being established or ending).
 */
function parentSpans(index: OrganizationIndex, id: string): Span<string | null>[] {
  const life = lifeOf(index, id);
  if (life === undefined) return [];
  const dates = new Set<CalendarDate>([life.from]);
  const parents: string[] = [];
  for (const assignment of index.assignments.get(id) ?? []) {
    dates.add(assignment.from);
    if (assignment.to !== undefined) dates.add(addDays(assignment.to, 1));
    parents.push(assignment.parentId);
  }
  const seen = new Set<string>();
  while (parents.length > 0) {
    const parentId = parents.pop() as string;
    if (seen.has(parentId)) continue;
    seen.add(parentId);
    const established = index.organizations.get(parentId)?.establishedOn;
    if (established !== undefined) dates.add(established);
    const ending = endingEvent(index, parentId, { asOf: LAST_DATE });
    if (ending !== undefined) dates.add(ending.effectiveDate);
    if (ending?.type === "merged") parents.push(ending.targetId);
  }
  const starts = [...dates].filter((date) => date >= life.from && isBefore(date, life.until)).sort();
  const spans: Span<string | null>[] = [];
  for (const from of starts) {
    const parentId = parentIdInView(index, id, { asOf: from });
    const last = spans.at(-1);
    if (last !== undefined && last.value === parentId) continue;
    if (last !== undefined) last.until = from;
    spans.push({ from, until: life.until, value: parentId });
  }
  return spans;
}

/** A cycle met on a walk up the tree: where to cut it (its smallest id) and on which dates it holds. */
type Cycle = { cut: string; from: CalendarDate; until: CalendarDate | undefined };

/**
 * Every organisation's path from its root on every date it exists, as the tree of each date
 * (`resolveOrganizationTree`) has it: `pathToRoot(tree, id)` read from the root down, for each span
 * of dates over which it stays the same. A stored cycle is cut at its smallest id on the dates it
 * holds, as the tree does. With `ids`, the paths of those organisations only; the records must
 * then hold everything that may sit above them on some date. What was known at a moment is not
 * asked: every record counts.
 * @example resolveOrganizationPaths(records, ["chi-doan-a"]) // [{ organizationId: "chi-doan-a", from: "2000-01-01", path: ["tw-doan", "tinh-doan-c", "doan-co-so-b", "chi-doan-a"] }]
 */
export function resolveOrganizationPaths(
  records: OrganizationRecords | OrganizationIndex,
  ids?: Iterable<string>,
): OrganizationPath[] {
  const index = "assignments" in records ? records : indexOrganizationRecords(records);
  const spansById = new Map<string, Span<string | null>[]>();
  const spansOf = (id: string) => {
    let spans = spansById.get(id);
    if (spans === undefined) {
      spans = parentSpans(index, id);
      spansById.set(id, spans);
    }
    return spans;
  };
  // The paths of `id` on the dates of [from, until) where it exists, walking up; `below` is the
  // walk so far, each of whose organisations sits under the next on all those dates. A cycle met
  // on the way is answered instead, to be cut before walking again.
  const walk = (
    id: string,
    from: CalendarDate,
    until: CalendarDate | undefined,
    below: string[],
  ): Span<string[]>[] | Cycle => {
    const at = below.indexOf(id);
    if (at >= 0) return { cut: [...below.slice(at)].sort()[0] as string, from, until };
    const found: Span<string[]>[] = [];
    for (const span of spansOf(id)) {
      const start = laterDateOf(span.from, from);
      const end = earlierOf(span.until, until);
      if (end !== undefined && end <= start) continue;
      if (span.value === null) {
        found.push({ from: start, until: end, value: [id] });
        continue;
      }
      const above = walk(span.value, start, end, [...below, id]);
      if (!Array.isArray(above)) return above;
      for (const spanAbove of above) found.push({ ...spanAbove, value: [...spanAbove.value, id] });
    }
    return found;
  };
  const cut = (cycle: Cycle) => {
    // The cut organisation has no parent on the dates the cycle holds.
    const spans: Span<string | null>[] = [];
    for (const span of spansOf(cycle.cut)) {
      const start = laterDateOf(span.from, cycle.from);
      const end = earlierOf(span.until, cycle.until);
      if (end !== undefined && end <= start) {
        spans.push(span);
        continue;
      }
      if (span.from < start) spans.push({ ...span, until: start });
      spans.push({ from: start, until: end, value: null });
      if (end !== undefined && isBefore(end, span.until)) spans.push({ ...span, from: end });
    }
    spansById.set(cycle.cut, spans);
  };
  const paths: OrganizationPath[] = [];
  for (const id of ids ?? index.organizations.keys()) {
    let spans = walk(id, "0000-01-01", undefined, []);
    while (!Array.isArray(spans)) {
      cut(spans);
      spans = walk(id, "0000-01-01", undefined, []);
    }
    // Spans that meet with the same path (a cycle cut on neighbouring dates) make one.
    const joined: Span<string[]>[] = [];
    for (const span of spans) {
      const last = joined.at(-1);
      if (
        last !== undefined &&
        last.until === span.from &&
        last.value.join("\u0000") === span.value.join("\u0000")
      ) {
        last.until = span.until;
      } else {
        joined.push({ ...span });
      }
    }
    for (const span of joined) {
      const path: OrganizationPath = { organizationId: id, from: span.from, path: span.value };
      if (span.until !== undefined) path.to = addDays(span.until, -1);
      paths.push(path);
    }
  }
  return paths;
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
