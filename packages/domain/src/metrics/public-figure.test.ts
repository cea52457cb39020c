import { describe, expect, it } from "vitest";
import type { MetricResult } from "./definitions.js";
import { toPublicFigure } from "./publication.js";

const provenance = {
  metricId: "members.active",
  metricVersion: 1,
  organizationId: "o",
  asOf: "2017-08-31",
  recordsCounted: 0,
  computedAt: "2017-09-01T00:00:00Z",
  counts: { vi: "…", en: "…" },
};
const result = (value: unknown, metricId = "members.active"): MetricResult<unknown> => ({
  value,
  provenance: { ...provenance, metricId },
});

describe("toPublicFigure", () => {
  it.each([
    [1587, 1587, []],
    [3, null, [[]]],
    [0, 0, []],
  ])("a count of %j is shown as %j", (count, shown, hiddenPaths) => {
    const figure = toPublicFigure(result(count, "members.admissions"));
    expect(figure.ok && figure.value.value).toBe(shown);
    expect(figure.ok && figure.value.hidden.map((entry) => entry.path)).toEqual(hiddenPaths);
  });

  it("shows an active count but hides a small postponed part and its complement's giveaway", () => {
    const shown = toPublicFigure(result({ count: 1587, postponed: 12 }));
    expect(shown.ok && shown.value.value).toEqual({ count: 1587, postponed: 12 });
    const small = toPublicFigure(result({ count: 1587, postponed: 2 }));
    expect(small.ok && small.value.value).toEqual({ count: 1587, postponed: null });
    const almostAll = toPublicFigure(result({ count: 20, postponed: 18 }));
    expect(almostAll.ok && almostAll.value.value).toEqual({ count: 20, postponed: null });
  });

  it("hides a rate whose numerator or remainder is a small group", () => {
    const big = { numerator: 342, denominator: 582, rate: 342 / 582 };
    expect(toPublicFigure(result(big, "referrals.cohort_admission_rate")).ok).toBe(true);
    const small = toPublicFigure(
      result({ numerator: 8, denominator: 10, rate: 0.8 }, "members.residence_registration_rate"),
    );
    expect(small.ok && small.value.value).toEqual({ numerator: null, denominator: null, rate: null });
  });

  it("suppresses the small cells of a distribution and any that would reveal them", () => {
    const figure = toPublicFigure(
      result({ buckets: { male: 40, female: 3, unknown: 0 }, total: 43 }, "members.gender_structure"),
    );
    expect(figure.ok).toBe(true);
    if (!figure.ok) return;
    const value = figure.value.value as { buckets: Record<string, number | null>; total: number | null };
    expect(value.buckets.female).toBeNull();
    // With the total shown, one other cell must be hidden too, or the female count is 43 − 40 − 0.
    const hiddenCells = Object.values(value.buckets).filter((cell) => cell === null);
    expect(hiddenCells.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a figure that fails the publication checks", () => {
    const figure = toPublicFigure(
      result({ numerator: 5, denominator: 3, rate: 5 / 3 }, "referrals.cohort_admission_rate"),
    );
    expect(figure.ok).toBe(false);
    expect(!figure.ok && figure.code).toBe("COHORT_ADMITTED_EXCEEDS_REFERRED");
  });
});
