// Rules a proposed change to the organisation tree must pass before it is recorded.
import type { LocalizedText } from "../i18n/message.js";
import { ok, type Result, refuse } from "../result.js";
import { formatDate } from "../text/format.js";
import { addDays, type CalendarDate, type TimeView } from "../time/index.js";
import {
  type LineageEvent,
  ORGANIZATION_LEVEL_LABELS,
  type Organization,
  type OrganizationCreate,
  PARENT_LEVEL_RULES,
  type ParentLevelRule,
} from "./schema.js";
import {
  allowedParentLevels,
  canHoldMembers,
  endingEvent,
  existsInView,
  indexOrganizationRecords,
  namesInView,
  type OrganizationIndex,
  type OrganizationRecords,
  parentIdInView,
} from "./tree.js";

/** Why a change to the tree is refused. */
export type OrganizationRuleCode =
  | "DATES_OUT_OF_ORDER"
  | "ORGANIZATION_NOT_FOUND"
  | "NOT_YET_ESTABLISHED"
  | "ORGANIZATION_DISSOLVED"
  | "PARENT_LEVEL_NOT_ALLOWED"
  | "PARENT_HOLDS_MEMBERS"
  | "CYCLE"
  | "PARENT_MISMATCH"
  | "LEVEL_MISMATCH"
  | "HAS_CHILDREN"
  | "INVALID_LINEAGE"
  | "PARENT_REQUIRED";

/** A parent link someone wants to record. */
export type ParentLinkProposal = { childId: string; parentId: string; from: CalendarDate; to?: CalendarDate };

/** Options of the tree rules: the structural rules in force, replaceable for tests or new charters. */
export type OrganizationRuleOptions = { rules?: readonly ParentLevelRule[] };

type Refusal = Extract<Result<never, OrganizationRuleCode>, { ok: false }>;

function refusal(code: OrganizationRuleCode, path: string, message: LocalizedText): Refusal {
  return refuse(code, message, [{ path: [path], message }]);
}

function indexOf(records: OrganizationRecords | OrganizationIndex): OrganizationIndex {
  return "assignments" in records ? records : indexOrganizationRecords(records);
}

/** The name an organisation bore on a date, for messages. */
function nameOn(index: OrganizationIndex, org: Organization, date: CalendarDate): string {
  return namesInView(org, index.events.get(org.id) ?? [], { asOf: date }).name;
}

/** Checks that an organisation exists on a date, naming the field it came from. */
function checkExists(
  index: OrganizationIndex,
  id: string,
  date: CalendarDate,
  path: string,
): Refusal | Organization {
  const org = index.organizations.get(id);
  if (org === undefined) {
    return refusal("ORGANIZATION_NOT_FOUND", path, {
      vi: `Không tìm thấy tổ chức ${id}`,
      en: `No organisation ${id}`,
    });
  }
  if (org.establishedOn > date) {
    return refusal("NOT_YET_ESTABLISHED", path, {
      vi: `${org.name} chưa được thành lập vào ngày ${formatDate(date, "vi")}`,
      en: `${org.name} was not yet established on ${formatDate(date, "en")}`,
    });
  }
  const ending = endingEvent(index, id, { asOf: date });
  if (ending !== undefined) {
    const name = nameOn(index, org, addDays(ending.effectiveDate, -1));
    return refusal("ORGANIZATION_DISSOLVED", path, {
      vi: `${name} đã chấm dứt hoạt động từ ngày ${formatDate(ending.effectiveDate, "vi")}`,
      en: `${name} ceased to exist on ${formatDate(ending.effectiveDate, "en")}`,
    });
  }
  return org;
}

function isRefusal(value: Refusal | Organization): value is Refusal {
  return "ok" in value;
}

/** The dates on which some parent in the records may change, from `from` to `to`. */
function breakpoints(
  index: OrganizationIndex,
  from: CalendarDate,
  to: CalendarDate | undefined,
): CalendarDate[] {
  const dates = new Set<CalendarDate>([from]);
  const add = (date: CalendarDate) => {
    if (date > from && (to === undefined || date <= to)) dates.add(date);
  };
  for (const list of index.assignments.values()) {
    for (const assignment of list) {
      add(assignment.from);
      if (assignment.to !== undefined) add(addDays(assignment.to, 1));
    }
  }
  for (const list of index.events.values()) for (const event of list) add(event.effectiveDate);
  return [...dates].sort();
}

function withProposal(index: OrganizationIndex, proposal: ParentLinkProposal): OrganizationIndex {
  const assignments = new Map(index.assignments);
  const own = [...(assignments.get(proposal.childId) ?? [])];
  // Recorded after everything on file, so it wins a tie with an existing link of the same date.
  const added = { parentId: proposal.parentId, from: proposal.from, recordedAt: "9999-12-31T23:59:59Z" };
  own.push(proposal.to === undefined ? added : { ...added, to: proposal.to });
  assignments.set(proposal.childId, own);
  return { ...index, assignments };
}

function createsCycle(index: OrganizationIndex, childId: string, view: TimeView): boolean {
  const seen = new Set<string>();
  let current: string | null = parentIdInView(index, childId, view);
  while (current !== null && !seen.has(current)) {
    if (current === childId) return true;
    seen.add(current);
    current = parentIdInView(index, current, view);
  }
  return current !== null;
}

/**
 * Whether a parent link may be recorded: dates in order, both organisations existing on its
 * first day, the parent's level allowed for the child's level on that day, a parent that takes
 * organisations below it, and no cycle on any day the link holds.
 * @example validateParentLink({ childId: "b", parentId: "a", from: "2017-01-01" }, records)
 */
export function validateParentLink(
  proposal: ParentLinkProposal,
  records: OrganizationRecords | OrganizationIndex,
  options: OrganizationRuleOptions = {},
): Result<ParentLinkProposal, OrganizationRuleCode> {
  if (proposal.to !== undefined && proposal.to < proposal.from) {
    return refusal("DATES_OUT_OF_ORDER", "to", {
      vi: "Ngày kết thúc không được sớm hơn ngày bắt đầu",
      en: "The end must not come before the start",
    });
  }
  const index = indexOf(records);
  const child = checkExists(index, proposal.childId, proposal.from, "childId");
  if (isRefusal(child)) return child;
  const parent = checkExists(index, proposal.parentId, proposal.from, "parentId");
  if (isRefusal(parent)) return parent;
  if (child.id === parent.id) {
    return refusal("CYCLE", "parentId", {
      vi: "Tổ chức không thể trực thuộc chính nó",
      en: "An organisation cannot sit under itself",
    });
  }
  const parentName = nameOn(index, parent, proposal.from);
  if (canHoldMembers(parent)) {
    return refusal("PARENT_HOLDS_MEMBERS", "parentId", {
      vi: `${parentName} là chi đoàn, không có tổ chức trực thuộc`,
      en: `${parentName} is a branch and has no organisations below it`,
    });
  }
  const allowed = allowedParentLevels(child.level, proposal.from, options.rules ?? PARENT_LEVEL_RULES);
  if (!allowed.includes(parent.level)) {
    const childLevel = ORGANIZATION_LEVEL_LABELS[child.level];
    const parentLevel = ORGANIZATION_LEVEL_LABELS[parent.level];
    return refusal("PARENT_LEVEL_NOT_ALLOWED", "parentId", {
      vi: `Ngày ${formatDate(proposal.from, "vi")}, tổ chức ${childLevel.vi.toLowerCase()} không được trực thuộc ${parentLevel.vi.toLowerCase()}`,
      en: `On ${formatDate(proposal.from, "en")}, a ${childLevel.en.toLowerCase()} organisation may not sit under the ${parentLevel.en.toLowerCase()}`,
    });
  }
  const proposed = withProposal(index, proposal);
  for (const date of breakpoints(proposed, proposal.from, proposal.to)) {
    if (createsCycle(proposed, proposal.childId, { asOf: date })) {
      const childName = nameOn(index, child, date);
      return refusal("CYCLE", "parentId", {
        vi: `${parentName} nằm dưới ${childName} vào ngày ${formatDate(date, "vi")}: liên kết sẽ tạo vòng lặp`,
        en: `${parentName} is below ${childName} on ${formatDate(date, "en")}: the link would make a cycle`,
      });
    }
  }
  return ok(proposal);
}

function childrenOn(index: OrganizationIndex, id: string, date: CalendarDate): string[] {
  const view = { asOf: date };
  const children: string[] = [];
  for (const other of index.organizations.keys()) {
    if (other !== id && existsInView(index, other, view) && parentIdInView(index, other, view) === id) {
      children.push(other);
    }
  }
  return children;
}

/**
 * Whether a lineage event may be recorded: the organisations it names exist on its date (a
 * merger's or split's new organisations are established that day), merged organisations share a
 * level, a re-parent passes `validateParentLink`, and a dissolved organisation has no children left.
 */
export function validateLineageEvent(
  event: LineageEvent,
  records: OrganizationRecords | OrganizationIndex,
  options: OrganizationRuleOptions = {},
): Result<LineageEvent, OrganizationRuleCode> {
  const index = indexOf(records);
  const date = event.effectiveDate;
  switch (event.type) {
    case "renamed": {
      const org = checkExists(index, event.organizationId, date, "organizationId");
      return isRefusal(org) ? org : ok(event);
    }
    case "dissolved": {
      const org = checkExists(index, event.organizationId, date, "organizationId");
      if (isRefusal(org)) return org;
      const children = childrenOn(index, org.id, date);
      if (children.length > 0) {
        return refusal("HAS_CHILDREN", "organizationId", {
          vi: `${nameOn(index, org, date)} còn ${children.length} tổ chức trực thuộc; hãy chuyển hoặc giải thể trước`,
          en: `${nameOn(index, org, date)} still has ${children.length} organisations below it; move or dissolve them first`,
        });
      }
      return ok(event);
    }
    case "reparented": {
      const org = checkExists(index, event.organizationId, date, "organizationId");
      if (isRefusal(org)) return org;
      if (event.fromParentId !== undefined) {
        const current = parentIdInView(index, org.id, { asOf: addDays(date, -1) });
        if (current !== event.fromParentId) {
          return refusal("PARENT_MISMATCH", "fromParentId", {
            vi: `Trước ngày ${formatDate(date, "vi")}, ${nameOn(index, org, date)} không trực thuộc ${event.fromParentId}`,
            en: `Before ${formatDate(date, "en")}, ${nameOn(index, org, date)} did not sit under ${event.fromParentId}`,
          });
        }
      }
      const link = validateParentLink(
        { childId: org.id, parentId: event.toParentId, from: date },
        index,
        options,
      );
      if (!link.ok) {
        const issues = link.issues.map((issue) => ({
          ...issue,
          path:
            issue.path[0] === "parentId"
              ? ["toParentId"]
              : issue.path[0] === "childId"
                ? ["organizationId"]
                : issue.path,
        }));
        return { ...link, issues };
      }
      return ok(event);
    }
    case "merged": {
      const sources = [];
      for (const [i, id] of event.sourceIds.entries()) {
        if (event.sourceIds.indexOf(id) !== i || (id === event.targetId && event.sourceIds.length === 1)) {
          return refusal("INVALID_LINEAGE", "sourceIds", {
            vi: "Danh sách tổ chức hợp nhất bị trùng hoặc chỉ có một tổ chức",
            en: "The merged organisations repeat, or there is only one",
          });
        }
        const org = checkExists(index, id, date, "sourceIds");
        if (isRefusal(org)) return org;
        sources.push(org);
      }
      const target = checkExists(index, event.targetId, date, "targetId");
      if (isRefusal(target)) return target;
      if (sources.some((org) => org.level !== target.level)) {
        return refusal("LEVEL_MISMATCH", "sourceIds", {
          vi: "Chỉ hợp nhất các tổ chức cùng cấp",
          en: "Only organisations of the same level can be merged",
        });
      }
      return ok(event);
    }
    case "split": {
      const source = checkExists(index, event.sourceId, date, "sourceId");
      if (isRefusal(source)) return source;
      const targets = new Set(event.targetIds);
      if (targets.size !== event.targetIds.length || (targets.has(source.id) && !event.sourceContinues)) {
        return refusal("INVALID_LINEAGE", "targetIds", {
          vi: "Danh sách tổ chức sau chia tách bị trùng hoặc chứa tổ chức không còn tồn tại",
          en: "The organisations after the split repeat or include one that ends",
        });
      }
      for (const id of targets) {
        const target = checkExists(index, id, date, "targetIds");
        if (isRefusal(target)) return target;
      }
      return ok(event);
    }
  }
}

/** The id a new organisation is checked under before it has one. */
const NEW_ORGANIZATION_ID = "\u0000new";

/**
 * Whether a new organisation may be recorded under its parent: the Central Committee has none,
 * every other level needs one that passes `validateParentLink` on the establishment date.
 * @example validateNewOrganization({ name: "Chi đoàn 1", level: "branch", establishedOn: "2017-01-01", parentId: "dcs-a" }, records)
 */
export function validateNewOrganization<T extends OrganizationCreate>(
  input: T,
  records: OrganizationRecords | OrganizationIndex,
  options: OrganizationRuleOptions = {},
): Result<T, OrganizationRuleCode> {
  if (input.parentId === undefined) {
    if (input.level === "central") return ok(input);
    const message = { vi: "Cần chọn tổ chức cấp trên", en: "Choose the organisation above it" };
    return refusal("PARENT_REQUIRED", "parentId", message);
  }
  const index = indexOf(records);
  const organizations = new Map(index.organizations);
  organizations.set(NEW_ORGANIZATION_ID, {
    ...input,
    id: NEW_ORGANIZATION_ID,
    recordedAt: "1970-01-01T00:00:00Z",
  });
  const result = validateParentLink(
    { childId: NEW_ORGANIZATION_ID, parentId: input.parentId, from: input.establishedOn },
    { ...index, organizations },
    options,
  );
  return result.ok ? ok(input) : result;
}
