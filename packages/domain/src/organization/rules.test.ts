import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type {
  LineageEvent,
  Organization,
  OrganizationLevel,
  OrganizationRecords,
  ParentLink,
} from "./index.js";
import { validateLineageEvent, validateNewOrganization, validateParentLink } from "./index.js";

const AT = "2020-01-01T00:00:00Z";

function org(id: string, level: OrganizationLevel, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name: `Tên ${id}`,
    level,
    establishedOn: "2000-01-01",
    recordedAt: AT,
    ...extra,
  } as Organization;
}

function link(childId: string, parentId: string, from = "2000-01-01", to?: string): ParentLink {
  return {
    id: `${childId}>${parentId}`,
    childId,
    parentId,
    from,
    recordedAt: AT,
    ...(to === undefined ? {} : { to }),
  };
}

const records: OrganizationRecords = {
  organizations: [
    org("tw", "central"),
    org("ha-nam", "provincial"),
    org("nam-dinh", "provincial"),
    org("huyen", "district"),
    org("dcs", "grassroots"),
    org("cdcs", "grassroots", { grassrootsKind: "branch" }),
    org("lcd", "section"),
    org("cd", "branch"),
    org("moi", "grassroots", { establishedOn: "2030-01-01" }),
    org("cu", "grassroots"),
  ],
  parentLinks: [
    link("ha-nam", "tw"),
    link("nam-dinh", "tw"),
    link("huyen", "ha-nam"),
    link("dcs", "huyen"),
    link("cdcs", "huyen"),
    link("lcd", "dcs"),
    link("cd", "lcd"),
    link("cu", "huyen"),
  ],
  lineageEvents: [
    { type: "dissolved", id: "x", organizationId: "cu", effectiveDate: "2010-05-01", recordedAt: AT },
  ],
};

describe("validateParentLink", () => {
  it.each([
    ["a grassroots unit under a district", { childId: "dcs", parentId: "huyen", from: "2017-01-01" }],
    [
      "a grassroots unit under a province before 2025",
      { childId: "dcs", parentId: "ha-nam", from: "2017-01-01" },
    ],
    [
      "a grassroots unit under a province after 2025",
      { childId: "dcs", parentId: "nam-dinh", from: "2025-07-01" },
    ],
    ["a branch under a section", { childId: "cd", parentId: "lcd", from: "2017-01-01" }],
    [
      "a branch straight under a grassroots union",
      { childId: "cd", parentId: "dcs", from: "2017-01-01", to: "2018-01-01" },
    ],
  ])("accepts %s", (_, proposal) => {
    expect(validateParentLink(proposal, records)).toEqual({ ok: true, value: proposal });
  });

  it.each([
    [
      "dates out of order",
      { childId: "dcs", parentId: "huyen", from: "2017-01-01", to: "2016-01-01" },
      "DATES_OUT_OF_ORDER",
      "to",
    ],
    [
      "an unknown child",
      { childId: "zzz", parentId: "huyen", from: "2017-01-01" },
      "ORGANIZATION_NOT_FOUND",
      "childId",
    ],
    [
      "an unknown parent",
      { childId: "dcs", parentId: "zzz", from: "2017-01-01" },
      "ORGANIZATION_NOT_FOUND",
      "parentId",
    ],
    [
      "a parent not yet established",
      { childId: "lcd", parentId: "moi", from: "2017-01-01" },
      "NOT_YET_ESTABLISHED",
      "parentId",
    ],
    [
      "a dissolved child",
      { childId: "cu", parentId: "ha-nam", from: "2017-01-01" },
      "ORGANIZATION_DISSOLVED",
      "childId",
    ],
    [
      "a district level after 2025",
      { childId: "dcs", parentId: "huyen", from: "2025-07-01" },
      "PARENT_LEVEL_NOT_ALLOWED",
      "parentId",
    ],
    [
      "a branch under a province",
      { childId: "cd", parentId: "ha-nam", from: "2017-01-01" },
      "PARENT_LEVEL_NOT_ALLOWED",
      "parentId",
    ],
    [
      "a branch under a Chi đoàn cơ sở",
      { childId: "cd", parentId: "cdcs", from: "2017-01-01" },
      "PARENT_HOLDS_MEMBERS",
      "parentId",
    ],
    ["itself", { childId: "dcs", parentId: "dcs", from: "2017-01-01" }, "CYCLE", "parentId"],
  ])("refuses %s", (_, proposal, code, path) => {
    const result = validateParentLink(proposal, records);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.issues.map((issue) => issue.path)).toEqual([[path]]);
    expect(result.message.vi.length).toBeGreaterThan(0);
    expect(result.message.en.length).toBeGreaterThan(0);
  });

  it("names the levels and the date in both languages", () => {
    const result = validateParentLink({ childId: "dcs", parentId: "huyen", from: "2025-07-01" }, records);
    expect(result).toMatchObject({
      ok: false,
      message: {
        vi: "Ngày 01/07/2025, tổ chức cấp cơ sở không được trực thuộc cấp huyện",
        en: "On 1 Jul 2025, a grassroots level organisation may not sit under the district level",
      },
    });
  });

  it("refuses a cycle through a section", () => {
    const sections: OrganizationRecords = {
      organizations: [org("s1", "section"), org("s2", "section")],
      parentLinks: [link("s2", "s1")],
      lineageEvents: [],
    };
    const rules = [
      {
        from: "1900-01-01",
        note: { vi: "thử", en: "test" },
        allowedParents: {
          central: [],
          provincial: [],
          district: [],
          grassroots: [],
          section: ["section"],
          branch: [],
        },
      },
    ] as const;
    const result = validateParentLink({ childId: "s1", parentId: "s2", from: "2020-01-01" }, sections, {
      rules,
    });
    expect(result).toMatchObject({ ok: false, code: "CYCLE" });
    // A cycle that only forms later, when a scheduled link starts, is found too.
    const later: OrganizationRecords = { ...sections, parentLinks: [link("s2", "s1", "2021-01-01")] };
    expect(
      validateParentLink({ childId: "s1", parentId: "s2", from: "2020-01-01" }, later, { rules }),
    ).toMatchObject({ ok: false, code: "CYCLE" });
    expect(
      validateParentLink({ childId: "s1", parentId: "s2", from: "2020-01-01", to: "2020-12-31" }, later, {
        rules,
      }).ok,
    ).toBe(true);
  });
});

describe("validateLineageEvent", () => {
  const base = { id: "e", recordedAt: AT };
  it.each<[string, LineageEvent, string | null]>([
    [
      "a rename",
      { ...base, type: "renamed", organizationId: "dcs", name: "Mới", effectiveDate: "2017-01-01" },
      null,
    ],
    [
      "a rename of a dissolved unit",
      { ...base, type: "renamed", organizationId: "cu", name: "Mới", effectiveDate: "2017-01-01" },
      "ORGANIZATION_DISSOLVED",
    ],
    [
      "a dissolution with children",
      { ...base, type: "dissolved", organizationId: "dcs", effectiveDate: "2017-01-01" },
      "HAS_CHILDREN",
    ],
    [
      "a dissolution of a leaf",
      { ...base, type: "dissolved", organizationId: "cd", effectiveDate: "2017-01-01" },
      null,
    ],
    [
      "a second dissolution",
      { ...base, type: "dissolved", organizationId: "cu", effectiveDate: "2017-01-01" },
      "ORGANIZATION_DISSOLVED",
    ],
    [
      "a merger of provinces",
      {
        ...base,
        type: "merged",
        sourceIds: ["ha-nam", "nam-dinh"],
        targetId: "nam-dinh",
        effectiveDate: "2025-07-01",
      },
      null,
    ],
    [
      "a merger across levels",
      {
        ...base,
        type: "merged",
        sourceIds: ["ha-nam", "huyen"],
        targetId: "ha-nam",
        effectiveDate: "2025-07-01",
      },
      "LEVEL_MISMATCH",
    ],
    [
      "a merger with itself only",
      { ...base, type: "merged", sourceIds: ["ha-nam"], targetId: "ha-nam", effectiveDate: "2025-07-01" },
      "INVALID_LINEAGE",
    ],
    [
      "a split into a unit not yet established",
      {
        ...base,
        type: "split",
        sourceId: "dcs",
        targetIds: ["moi"],
        sourceContinues: true,
        effectiveDate: "2020-01-01",
      },
      "NOT_YET_ESTABLISHED",
    ],
    [
      "a re-parent to an allowed level",
      {
        ...base,
        type: "reparented",
        organizationId: "dcs",
        fromParentId: "huyen",
        toParentId: "ha-nam",
        effectiveDate: "2020-01-01",
      },
      null,
    ],
    [
      "a re-parent from the wrong parent",
      {
        ...base,
        type: "reparented",
        organizationId: "dcs",
        fromParentId: "ha-nam",
        toParentId: "nam-dinh",
        effectiveDate: "2020-01-01",
      },
      "PARENT_MISMATCH",
    ],
    [
      "a re-parent to a forbidden level",
      { ...base, type: "reparented", organizationId: "dcs", toParentId: "tw", effectiveDate: "2020-01-01" },
      "PARENT_LEVEL_NOT_ALLOWED",
    ],
  ])("%s", (_, event, code) => {
    const result = validateLineageEvent(event, records);
    if (code === null) expect(result).toEqual({ ok: true, value: event });
    else expect(result).toMatchObject({ ok: false, code });
  });

  it("reports a refused re-parent on the event's own field", () => {
    const result = validateLineageEvent(
      { ...base, type: "reparented", organizationId: "dcs", toParentId: "tw", effectiveDate: "2020-01-01" },
      records,
    );
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([["toParentId"]]);
  });
});

describe("properties", () => {
  const ids = ["a", "b", "c", "d", "e"];
  const rules = [
    {
      from: "1900-01-01",
      note: { vi: "thử", en: "test" },
      allowedParents: {
        central: [],
        provincial: [],
        district: [],
        grassroots: [],
        section: ["section"],
        branch: [],
      },
    },
  ] as const;
  const dateArb = fc.integer({ min: 2000, max: 2010 }).map((year) => `${year}-01-01`);
  const proposalArb = fc.record({
    childId: fc.constantFrom(...ids),
    parentId: fc.constantFrom(...ids),
    from: dateArb,
  });

  test.prop([fc.array(proposalArb, { maxLength: 25 })])(
    "links recorded only when accepted never make a cycle",
    (proposals) => {
      const accepted: ParentLink[] = [];
      const organizations = ids.map((id) => org(id, "section"));
      for (const [i, proposal] of proposals.entries()) {
        const current = { organizations, parentLinks: accepted, lineageEvents: [] };
        if (validateParentLink(proposal, current, { rules }).ok) {
          accepted.push({
            id: `l${i}`,
            ...proposal,
            recordedAt: `2020-01-01T00:00:${String(i).padStart(2, "0")}Z`,
          });
        }
      }
      // Parents straight from the links (the latest start wins), without the tree's cycle cutting.
      for (let year = 2000; year <= 2011; year++) {
        const asOf = `${year}-06-01`;
        const parentOf = new Map<string, string>();
        for (const child of ids) {
          const own = accepted.filter((l) => l.childId === child && l.from <= asOf);
          const latest = own
            .sort((x, y) =>
              x.from === y.from ? x.recordedAt.localeCompare(y.recordedAt) : x.from.localeCompare(y.from),
            )
            .at(-1);
          if (latest !== undefined) parentOf.set(child, latest.parentId);
        }
        for (const start of ids) {
          const seen = new Set<string>();
          let current: string | undefined = start;
          while (current !== undefined) {
            expect(seen.has(current)).toBe(false);
            seen.add(current);
            current = parentOf.get(current);
          }
        }
      }
    },
  );
});

describe("validateNewOrganization", () => {
  const branch = { name: "Chi đoàn 1", level: "branch", establishedOn: "2017-01-01" } as const;
  it.each([
    [
      "the Central Committee without a parent",
      { name: "TW", level: "central", establishedOn: "1931-03-26" },
      null,
    ],
    ["a branch under a section", { ...branch, parentId: "lcd" }, null],
    ["a branch without a parent", branch, "PARENT_REQUIRED"],
    ["a branch under a province", { ...branch, parentId: "ha-nam" }, "PARENT_LEVEL_NOT_ALLOWED"],
    ["a branch under a dissolved unit", { ...branch, parentId: "cu" }, "ORGANIZATION_DISSOLVED"],
    [
      "a grassroots unit under a district in 2026",
      { name: "X", level: "grassroots", establishedOn: "2026-01-01", parentId: "huyen" },
      "PARENT_LEVEL_NOT_ALLOWED",
    ],
  ] as const)("%s", (_, input, code) => {
    const result = validateNewOrganization(input, records);
    if (code === null) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, code, issues: [{ path: ["parentId"] }] });
  });
});
