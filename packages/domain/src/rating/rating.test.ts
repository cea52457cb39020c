import { describe, expect, it } from "vitest";
import {
  emptyRatingDistribution,
  isStrongBranch,
  NOT_RATED,
  type OrganizationRating,
  OrganizationRatingCreateSchema,
  OrganizationRatingSchema,
  organizationRatingsForYear,
  ratingDistributionKeys,
  ratingLabel,
  scaleFor,
  validateRatingLevel,
} from "./index.js";

describe("scaleFor", () => {
  it.each([
    ["member", 2019, ["Xuất sắc", "Khá", "Trung bình", "Yếu"]],
    ["organization", 2017, ["Vững mạnh", "Khá", "Trung bình", "Yếu kém"]],
    [
      "member",
      2020,
      [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
      ],
    ],
    [
      "organization",
      2021,
      [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
      ],
    ],
  ] as const)("%s %i", (subject, year, labels) => {
    expect(scaleFor(subject, year)?.levels.map((level) => level.label.vi)).toEqual(labels);
  });
});

describe("isStrongBranch", () => {
  it.each([
    ["strong", 2017, true],
    ["good", 2017, false],
    ["excellent_completion", 2017, false],
    ["excellent_completion", 2021, true],
    ["good_completion", 2021, false],
    ["strong", 2021, false],
  ])("%s in %i: %s", (level, year, expected) => {
    expect(isStrongBranch(level, year)).toBe(expected);
  });
});

describe("distributions", () => {
  it("always end with the not-rated bucket", () => {
    expect(ratingDistributionKeys("member", 2017)).toEqual([
      "excellent",
      "good",
      "average",
      "weak",
      NOT_RATED,
    ]);
    expect(emptyRatingDistribution("organization", 2021)).toEqual({
      excellent_completion: 0,
      good_completion: 0,
      completion: 0,
      non_completion: 0,
      not_rated: 0,
    });
    expect(ratingLabel("member", 2021, NOT_RATED)).toEqual({ vi: "Chưa xếp loại", en: "Not rated" });
  });
});

describe("validateRatingLevel", () => {
  it("accepts a level of the year's scale", () => {
    const rating = { subject: "organization", year: 2018, levelId: "strong" } as const;
    expect(validateRatingLevel(rating)).toEqual({ ok: true, value: rating });
  });

  it.each([
    [{ subject: "member", year: 2017, levelId: "excellent_completion" }, "LEVEL_NOT_ON_SCALE", "levelId"],
    [{ subject: "member", year: 2021, levelId: "excellent" }, "LEVEL_NOT_ON_SCALE", "levelId"],
    [{ subject: "organization", year: 2017, levelId: "excellent" }, "LEVEL_NOT_ON_SCALE", "levelId"],
    [{ subject: "member", year: 1800, levelId: "excellent" }, "NO_SCALE_FOR_YEAR", "year"],
  ] as const)("refuses %o", (rating, code, path) => {
    expect(validateRatingLevel(rating)).toMatchObject({ ok: false, code, issues: [{ path: [path] }] });
  });

  it("is enforced by the input schema with a bilingual message, on the organisation scale", () => {
    const parsed = OrganizationRatingCreateSchema.safeParse({
      organizationId: "cd-1",
      year: 2021,
      levelId: "strong",
      effectiveDate: "2021-12-20",
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.path).toEqual(["levelId"]);
    expect((issue as { params?: { i18n?: { vi: string } } }).params?.i18n?.vi).toContain(
      "Mức xếp loại không thuộc thang năm 2021",
    );
    expect(
      OrganizationRatingCreateSchema.safeParse({
        organizationId: "cd-1",
        year: 2017,
        levelId: "strong",
        effectiveDate: "2017-12-20",
      }).success,
    ).toBe(true);
    // The member scale does not apply: "excellent" is a member level before 2020, not an organisation one.
    expect(
      OrganizationRatingCreateSchema.safeParse({
        organizationId: "cd-1",
        year: 2017,
        levelId: "excellent",
        effectiveDate: "2017-12-20",
      }).error?.issues[0]?.path,
    ).toEqual(["levelId"]);
  });

  it("stores organisations only: the old member-or-organisation shape is refused", () => {
    const parsed = OrganizationRatingSchema.safeParse({
      id: "r1",
      subject: "member",
      subjectId: "m1",
      year: 2021,
      levelId: "good_completion",
      effectiveDate: "2021-12-20",
      recordedAt: "2021-12-21T00:00:00Z",
    });
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["organizationId"]]);
  });
});

describe("organizationRatingsForYear", () => {
  const rating = (
    id: string,
    organizationId: string,
    levelId: string,
    effectiveDate: string,
    recordedAt: string,
  ): OrganizationRating => ({ id, organizationId, year: 2021, levelId, effectiveDate, recordedAt });
  const ratings = [
    rating("1", "a", "completion", "2021-12-20", "2021-12-21T00:00:00Z"),
    rating("2", "a", "good_completion", "2022-01-10", "2022-01-10T00:00:00Z"),
    rating("3", "b", "completion", "2021-12-20", "2021-12-21T00:00:00Z"),
    rating("4", "b", "good_completion", "2021-12-20", "2021-12-28T00:00:00Z"),
    // Recorded last but effective earlier: the later effective rating stays in force.
    rating("5", "a", "non_completion", "2021-12-01", "2022-02-01T00:00:00Z"),
  ];

  it("keeps the latest effective, then latest recorded, rating per organisation, in a view", () => {
    const all = organizationRatingsForYear(ratings, 2021);
    expect(all.get("a")?.id).toBe("2");
    expect(all.get("b")?.id).toBe("4");
    expect(organizationRatingsForYear(ratings, 2021, { asOf: "2021-12-31" }).get("a")?.levelId).toBe(
      "completion",
    );
    const known = organizationRatingsForYear(ratings, 2021, {
      asOf: "2021-12-31",
      knownAt: "2021-12-25T00:00:00Z",
    });
    expect([...known].map(([id, r]) => [id, r.id])).toEqual([
      ["a", "1"],
      ["b", "3"],
    ]);
    expect(organizationRatingsForYear(ratings, 2020).size).toBe(0);
  });

  it("returns the records as given, whatever else they hold", () => {
    const slim = [
      { organizationId: "a", year: 2021, effectiveDate: "2021-12-20", recordedAt: "2021-12-21T00:00:00Z" },
    ];
    expect(organizationRatingsForYear(slim, 2021).get("a")).toBe(slim[0]);
  });
});
