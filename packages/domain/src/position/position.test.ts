import { describe, expect, it } from "vitest";
import type { LineageEvent, Organization } from "../organization/index.js";
import {
  holdersOn,
  isSamePerson,
  type PositionTerm,
  PositionTermCreateSchema,
  titleOn,
  validatePositionTerm,
} from "./index.js";

const AT = "2021-01-01T00:00:00Z";
const nam = { fullName: "Trần Ngọc Nam", personId: "p-nam" };
const quynh = { fullName: "Nguyễn Thị Phương Quỳnh", memberId: "m-quynh" };
const haNam: Organization = {
  id: "td-ha-nam",
  name: "Tỉnh đoàn Hà Nam",
  englishName: "Hà Nam Provincial Youth Union",
  level: "provincial",
  establishedOn: "1997-01-01",
  recordedAt: AT,
};
const merged: LineageEvent[] = [
  {
    type: "renamed",
    id: "r",
    organizationId: "td-ha-nam",
    name: "Tỉnh đoàn Hà Nam (cũ)",
    effectiveDate: "2025-07-01",
    recordedAt: AT,
  },
];
const terms: PositionTerm[] = [
  {
    id: "t1",
    person: nam,
    title: "secretary",
    organizationId: "td-ha-nam",
    from: "2020-10-01",
    to: "2025-06-30",
    recordedAt: AT,
  },
  {
    id: "t2",
    person: nam,
    title: "standing_committee_member",
    organizationId: "td-ha-nam",
    from: "2017-01-01",
    recordedAt: AT,
  },
  {
    id: "t3",
    person: quynh,
    title: "standing_deputy_secretary",
    organizationId: "td-ha-nam",
    from: "2020-10-01",
    recordedAt: AT,
  },
];
const sources = { terms, organizations: [haNam], lineageEvents: merged };

describe("titleOn", () => {
  it("gives the titles of the day, highest first, with the organisation's name then", () => {
    const titles = titleOn(nam, "2021-11-25", sources);
    expect(titles.map((held) => held.label)).toEqual([
      { vi: "Bí thư Tỉnh đoàn Hà Nam", en: "Secretary, Hà Nam Provincial Youth Union" },
      {
        vi: "Ủy viên Ban Thường vụ Tỉnh đoàn Hà Nam",
        en: "Member of the Standing Committee, Hà Nam Provincial Youth Union",
      },
    ]);
    expect(titleOn(quynh, "2021-11-25", sources)[0]?.label.vi).toBe(
      "Phó Bí thư Thường trực Tỉnh đoàn Hà Nam",
    );
  });

  it.each([
    ["before the term", "2020-09-30", ["standing_committee_member"]],
    ["before any term", "2016-12-31", []],
    ["on the last day", "2025-06-30", ["secretary", "standing_committee_member"]],
    ["after it", "2025-07-01", ["standing_committee_member"]],
  ])("%s", (_, date, expected) => {
    expect(titleOn(nam, date, sources).map((held) => held.title)).toEqual(expected);
  });

  it("uses the name of the date", () => {
    expect(titleOn(nam, "2025-07-01", sources)[0]?.organizationName).toBe("Tỉnh đoàn Hà Nam (cũ)");
  });

  it("finds holders of a position", () => {
    expect(holdersOn("td-ha-nam", "secretary", "2021-11-25", terms)).toEqual([nam]);
  });
});

describe("isSamePerson", () => {
  it.each([
    [{ fullName: "A", memberId: "1" }, { fullName: "B", memberId: "1" }, true],
    [{ fullName: "A", memberId: "1" }, { fullName: "A" }, false],
    [{ fullName: "A", personId: "x" }, { fullName: "A", personId: "y" }, false],
    [{ fullName: "Trần  Ngọc Nam" }, { fullName: "tran ngoc nam" }, true],
  ])("%o ~ %o: %s", (a, b, expected) => {
    expect(isSamePerson(a, b)).toBe(expected);
  });
});

describe("validatePositionTerm", () => {
  const base = { organizationId: "td-ha-nam", from: "2022-01-01" };
  it.each([
    ["a second secretary", { ...base, person: quynh, title: "secretary" }, "POSITION_OCCUPIED", "title"],
    [
      "the same term twice",
      { ...base, person: nam, title: "standing_committee_member" },
      "OVERLAPPING_TERM",
      "from",
    ],
  ] as const)("refuses %s", (_, term, code, path) => {
    expect(validatePositionTerm(term, terms)).toMatchObject({ ok: false, code, issues: [{ path: [path] }] });
  });

  it.each([
    [
      "a secretary after the last one left",
      { organizationId: "td-ha-nam", from: "2025-07-01", person: quynh, title: "secretary" },
    ],
    ["a second deputy", { ...base, person: { fullName: "Người khác" }, title: "deputy_secretary" }],
  ] as const)("accepts %s", (_, term) => {
    expect(validatePositionTerm(term, terms).ok).toBe(true);
  });

  it("refuses a term that ends before it starts", () => {
    const parsed = PositionTermCreateSchema.safeParse({
      ...base,
      person: nam,
      title: "secretary",
      to: "2021-01-01",
    });
    expect(parsed.error?.issues[0]?.path).toEqual(["to"]);
  });
});
