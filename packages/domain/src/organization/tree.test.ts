import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type {
  LineageEvent,
  Organization,
  OrganizationLevel,
  OrganizationRecords,
  ParentLink,
} from "./index.js";
import {
  canHoldMembers,
  childrenOf,
  isInSubtree,
  pathToRoot,
  predecessorIds,
  resolveOrganizationPaths,
  resolveOrganizationTree,
  subtreeIds,
  successorIds,
} from "./index.js";

const AT = "2020-01-01T00:00:00Z";

function org(
  id: string,
  level: OrganizationLevel,
  establishedOn = "2000-01-01",
  extra: Partial<Organization> = {},
) {
  return { id, name: `Tên ${id}`, level, establishedOn, recordedAt: AT, ...extra } as Organization;
}

function link(
  childId: string,
  parentId: string,
  from = "2000-01-01",
  extra: Partial<ParentLink> = {},
): ParentLink {
  return { id: `${childId}>${parentId}@${from}`, childId, parentId, from, recordedAt: AT, ...extra };
}

const base = {
  organizations: [
    org("tw", "central", "1931-03-26"),
    org("soc-trang", "provincial"),
    org("hau-giang", "provincial", "2004-01-01"),
    org("can-tho", "provincial"),
    org("khoi-dn", "district"),
    org("dcs-a", "grassroots"),
    org("cdcs-b", "grassroots", "2000-01-01", { grassrootsKind: "branch" }),
    org("cd-a1", "branch"),
    org("cd-a2", "branch"),
  ],
  parentLinks: [
    link("soc-trang", "tw"),
    link("hau-giang", "tw", "2004-01-01"),
    link("can-tho", "tw"),
    link("khoi-dn", "soc-trang"),
    link("dcs-a", "khoi-dn"),
    link("cdcs-b", "khoi-dn"),
    link("cd-a1", "dcs-a"),
    link("cd-a2", "dcs-a"),
  ],
  lineageEvents: [] as LineageEvent[],
};

const reorg2025: LineageEvent[] = [
  {
    type: "merged",
    id: "m1",
    sourceIds: ["soc-trang", "hau-giang", "can-tho"],
    targetId: "can-tho",
    effectiveDate: "2025-07-01",
    recordedAt: "2025-07-01T02:00:00Z",
  },
  {
    type: "renamed",
    id: "r1",
    organizationId: "khoi-dn",
    name: "Đoàn Khối mới",
    effectiveDate: "2025-07-01",
    recordedAt: "2025-07-02T00:00:00Z",
  },
  {
    type: "reparented",
    id: "p1",
    organizationId: "dcs-a",
    toParentId: "can-tho",
    effectiveDate: "2025-07-01",
    recordedAt: "2025-07-02T00:00:00Z",
  },
  {
    type: "dissolved",
    id: "d1",
    organizationId: "cd-a2",
    effectiveDate: "2025-07-01",
    recordedAt: "2025-07-02T00:00:00Z",
  },
];

describe("resolveOrganizationTree", () => {
  it("resolves names, parents and children as of a date", () => {
    const tree = resolveOrganizationTree(base, { asOf: "2017-08-31" });
    expect(tree.rootIds).toEqual(["tw"]);
    expect(tree.nodes.get("khoi-dn")).toMatchObject({
      parentId: "soc-trang",
      childrenIds: ["dcs-a", "cdcs-b"],
    });
    expect(subtreeIds(tree, "soc-trang")).toEqual([
      "soc-trang",
      "khoi-dn",
      "dcs-a",
      "cd-a1",
      "cd-a2",
      "cdcs-b",
    ]);
    expect(pathToRoot(tree, "cd-a1")).toEqual(["cd-a1", "dcs-a", "khoi-dn", "soc-trang", "tw"]);
    expect(childrenOf(tree, "dcs-a").map((node) => node.id)).toEqual(["cd-a1", "cd-a2"]);
    expect(isInSubtree(tree, "khoi-dn", "cd-a2")).toBe(true);
    expect(isInSubtree(tree, "hau-giang", "cd-a2")).toBe(false);
  });

  it("leaves out organisations not yet established", () => {
    const tree = resolveOrganizationTree(base, { asOf: "2003-12-31" });
    expect(tree.nodes.has("hau-giang")).toBe(false);
    expect(subtreeIds(tree, "hau-giang")).toEqual([]);
    expect(pathToRoot(tree, "hau-giang")).toEqual([]);
  });

  it("keeps the 2017 answer after the 2025 reorganisation and applies it after", () => {
    const records = { ...base, lineageEvents: reorg2025 };
    const before = resolveOrganizationTree(records, { asOf: "2017-08-31" });
    expect(subtreeIds(before, "soc-trang")).toEqual(
      subtreeIds(resolveOrganizationTree(base, { asOf: "2017-08-31" }), "soc-trang"),
    );
    expect(before.nodes.get("khoi-dn")?.name).toBe("Tên khoi-dn");

    const after = resolveOrganizationTree(records, { asOf: "2025-07-01" });
    expect(after.nodes.has("soc-trang")).toBe(false);
    expect(after.nodes.has("cd-a2")).toBe(false);
    expect(after.nodes.get("khoi-dn")).toMatchObject({ name: "Đoàn Khối mới", parentId: "can-tho" });
    expect(after.nodes.get("dcs-a")?.parentId).toBe("can-tho");
    expect(subtreeIds(after, "can-tho")).toEqual(["can-tho", "khoi-dn", "cdcs-b", "dcs-a", "cd-a1"]);
  });

  it("replays what was known at a moment", () => {
    const records = { ...base, lineageEvents: reorg2025 };
    const known = resolveOrganizationTree(records, { asOf: "2025-07-01", knownAt: "2025-07-01T12:00:00Z" });
    expect(known.nodes.get("khoi-dn")?.name).toBe("Tên khoi-dn");
    expect(known.nodes.get("dcs-a")?.parentId).toBe("khoi-dn");
    expect(known.nodes.has("cd-a2")).toBe(true);
  });

  it("lets the latest link win and an ended link fall back to the earlier one", () => {
    const records = {
      ...base,
      parentLinks: [...base.parentLinks, link("cd-a1", "cdcs-b", "2010-01-01", { to: "2010-12-31" })],
    };
    expect(resolveOrganizationTree(records, { asOf: "2010-06-01" }).nodes.get("cd-a1")?.parentId).toBe(
      "cdcs-b",
    );
    expect(resolveOrganizationTree(records, { asOf: "2011-01-01" }).nodes.get("cd-a1")?.parentId).toBe(
      "dcs-a",
    );
  });

  it("cuts a stored cycle at its smallest id", () => {
    const records = {
      organizations: [org("a", "grassroots"), org("b", "grassroots")],
      parentLinks: [link("a", "b"), link("b", "a")],
      lineageEvents: [],
    };
    const tree = resolveOrganizationTree(records, { asOf: "2020-01-01" });
    expect(tree.rootIds).toEqual(["a"]);
    expect(subtreeIds(tree, "a")).toEqual(["a", "b"]);
  });

  it("follows lineage both ways", () => {
    const records = { ...base, lineageEvents: reorg2025 };
    expect(predecessorIds(records, "can-tho", { asOf: "2025-12-31" }).sort()).toEqual([
      "hau-giang",
      "soc-trang",
    ]);
    expect(predecessorIds(records, "can-tho", { asOf: "2020-12-31" })).toEqual([]);
    expect(successorIds(records, "soc-trang", { asOf: "2025-12-31" })).toEqual(["can-tho"]);
  });
});

describe("canHoldMembers", () => {
  it.each([
    [{ level: "branch" }, true],
    [{ level: "grassroots", grassrootsKind: "branch" }, true],
    [{ level: "grassroots", grassrootsKind: "union" }, false],
    [{ level: "grassroots" }, false],
    [{ level: "section" }, false],
    [{ level: "provincial" }, false],
  ] as const)("%o → %s", (input, expected) => {
    expect(canHoldMembers(input)).toBe(expected);
  });
});

const dateArb = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ids = ["soc-trang", "hau-giang", "can-tho", "khoi-dn", "dcs-a", "cdcs-b", "cd-a1", "cd-a2"];
const idArb = fc.constantFrom(...ids);
const eventArb: fc.Arbitrary<LineageEvent> = fc.oneof(
  fc.record({ id: idArb, to: idArb, date: dateArb }).map(
    ({ id, to, date }): LineageEvent => ({
      type: "reparented",
      id: `e-${id}-${date}`,
      organizationId: id,
      toParentId: to,
      effectiveDate: date,
      recordedAt: AT,
    }),
  ),
  fc.record({ id: idArb, date: dateArb }).map(
    ({ id, date }): LineageEvent => ({
      type: "dissolved",
      id: `d-${id}-${date}`,
      organizationId: id,
      effectiveDate: date,
      recordedAt: AT,
    }),
  ),
  fc
    .record({ sources: fc.uniqueArray(idArb, { minLength: 1, maxLength: 3 }), target: idArb, date: dateArb })
    .map(
      ({ sources, target, date }): LineageEvent => ({
        type: "merged",
        id: `m-${date}`,
        sourceIds: sources,
        targetId: target,
        effectiveDate: date,
        recordedAt: AT,
      }),
    ),
  fc.record({ id: idArb, name: fc.string({ minLength: 1 }), date: dateArb }).map(
    ({ id, name, date }): LineageEvent => ({
      type: "renamed",
      id: `r-${id}`,
      organizationId: id,
      name,
      effectiveDate: date,
      recordedAt: AT,
    }),
  ),
);

function linkArbOf() {
  return fc
    .record({ child: idArb, parent: idArb, date: dateArb, to: fc.option(dateArb, { nil: undefined }) })
    .filter(({ child, parent }) => child !== parent)
    .map(({ child, parent, date, to }) =>
      link(
        child,
        parent,
        date,
        to === undefined || to < date ? {} : { to, id: `${child}>${parent}@${date}-${to}` },
      ),
    );
}

describe("properties", () => {
  const linkArb = fc
    .record({ child: idArb, parent: idArb, date: dateArb })
    .filter(({ child, parent }) => child !== parent)
    .map(({ child, parent, date }) => link(child, parent, date));

  test.prop([
    fc.array(eventArb, { maxLength: 8 }),
    fc.array(eventArb, { maxLength: 8 }),
    fc.array(linkArb, { maxLength: 6 }),
    dateArb,
    idArb,
  ])(
    "a tree as of D does not change when events or links after D are added",
    (past, future, links, asOf, rootId) => {
      const before = past.filter((event) => event.effectiveDate <= asOf);
      const after = future.map((event) => ({
        ...event,
        effectiveDate: event.effectiveDate <= asOf ? "2031-01-01" : event.effectiveDate,
      }));
      const laterLinks = links.map((l) => ({ ...l, from: l.from <= asOf ? "2031-01-01" : l.from }));
      const plain = resolveOrganizationTree({ ...base, lineageEvents: before }, { asOf });
      const added = resolveOrganizationTree(
        { ...base, parentLinks: [...base.parentLinks, ...laterLinks], lineageEvents: [...before, ...after] },
        { asOf },
      );
      expect(subtreeIds(added, rootId)).toEqual(subtreeIds(plain, rootId));
      expect([...added.nodes.values()]).toEqual([...plain.nodes.values()]);
    },
  );

  test.prop([fc.array(eventArb, { maxLength: 10 }), dateArb])(
    "every resolved tree is acyclic and consistent",
    (events, asOf) => {
      const tree = resolveOrganizationTree({ ...base, lineageEvents: events }, { asOf });
      const reached = new Set(tree.rootIds.flatMap((root) => subtreeIds(tree, root)));
      expect(reached.size).toBe(tree.nodes.size);
      for (const node of tree.nodes.values()) {
        if (node.parentId !== null) expect(tree.nodes.get(node.parentId)?.childrenIds).toContain(node.id);
      }
    },
  );
});

/** The path each organisation has on a date, read from the spans, by id. */
function pathsOn(records: OrganizationRecords, asOf: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const span of resolveOrganizationPaths(records)) {
    if (span.from > asOf || (span.to !== undefined && span.to < asOf)) continue;
    expect(found.has(span.organizationId)).toBe(false);
    found.set(span.organizationId, span.path);
  }
  return found;
}

/** The same, from the tree of that date. */
function treePathsOn(records: OrganizationRecords, asOf: string): Map<string, string[]> {
  const tree = resolveOrganizationTree(records, { asOf });
  return new Map([...tree.nodes.keys()].map((id) => [id, pathToRoot(tree, id).reverse()]));
}

/** Every date where some record starts or stops holding, with the days either side. */
function datesOf(records: OrganizationRecords): string[] {
  const dates = new Set<string>(["1999-12-31", "2040-01-01"]);
  const around = (date: string) => {
    const day = Date.parse(`${date}T00:00:00Z`);
    for (const offset of [-1, 0, 1])
      dates.add(new Date(day + offset * 86_400_000).toISOString().slice(0, 10));
  };
  for (const org of records.organizations) around(org.establishedOn);
  for (const l of records.parentLinks) {
    around(l.from);
    if (l.to !== undefined) around(l.to);
  }
  for (const event of records.lineageEvents) around(event.effectiveDate);
  return [...dates].sort();
}

describe("resolveOrganizationPaths", () => {
  it("gives each organisation's path from the root over the spans it holds", () => {
    const records = { ...base, lineageEvents: reorg2025 };
    const spans = resolveOrganizationPaths(records, ["cd-a1", "hau-giang", "cd-a2"]);
    expect(spans).toEqual([
      {
        organizationId: "cd-a1",
        from: "2000-01-01",
        to: "2025-06-30",
        path: ["tw", "soc-trang", "khoi-dn", "dcs-a", "cd-a1"],
      },
      { organizationId: "cd-a1", from: "2025-07-01", path: ["tw", "can-tho", "dcs-a", "cd-a1"] },
      { organizationId: "hau-giang", from: "2004-01-01", to: "2025-06-30", path: ["tw", "hau-giang"] },
      {
        organizationId: "cd-a2",
        from: "2000-01-01",
        to: "2025-06-30",
        path: ["tw", "soc-trang", "khoi-dn", "dcs-a", "cd-a2"],
      },
    ]);
  });

  it("cuts a stored cycle at its smallest id, on the dates it holds only", () => {
    const records = {
      organizations: [org("a", "grassroots"), org("b", "grassroots"), org("c", "district")],
      parentLinks: [link("a", "c"), link("b", "a"), link("a", "b", "2010-01-01", { to: "2012-12-31" })],
      lineageEvents: [],
    };
    const spans = resolveOrganizationPaths(records, ["a", "b"]);
    expect(spans).toEqual([
      { organizationId: "a", from: "2000-01-01", to: "2009-12-31", path: ["c", "a"] },
      { organizationId: "a", from: "2010-01-01", to: "2012-12-31", path: ["a"] },
      { organizationId: "a", from: "2013-01-01", path: ["c", "a"] },
      { organizationId: "b", from: "2000-01-01", to: "2009-12-31", path: ["c", "a", "b"] },
      { organizationId: "b", from: "2010-01-01", to: "2012-12-31", path: ["a", "b"] },
      { organizationId: "b", from: "2013-01-01", path: ["c", "a", "b"] },
    ]);
  });

  test.prop([fc.array(eventArb, { maxLength: 10 }), fc.array(linkArbOf(), { maxLength: 6 })])(
    "agrees with the tree of every date where something changes, and the days either side",
    (events, links) => {
      const records = { ...base, parentLinks: [...base.parentLinks, ...links], lineageEvents: events };
      for (const asOf of datesOf(records)) {
        expect(pathsOn(records, asOf)).toEqual(treePathsOn(records, asOf));
      }
    },
  );
});
