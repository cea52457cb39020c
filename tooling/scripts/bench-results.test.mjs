import { describe, expect, it } from "vitest";
import { mergeBenchResults } from "./bench-results.mjs";

describe("mergeBenchResults", () => {
  it("merges the rows of several packages, sorted by name", () => {
    const merged = mergeBenchResults([
      { results: [{ name: "domain.metrics.members_per_s", value: 12_000_000, unit: "1/s" }] },
      { results: [{ name: "api.read.ratio", value: 0.7, unit: "ratio" }] },
    ]);
    expect(merged.results.map((row) => row.name)).toEqual(["api.read.ratio", "domain.metrics.members_per_s"]);
  });

  it.each([
    [
      "a name that is not dotted lower case",
      { name: "Domain.Speed", value: 1, unit: "1/s" },
      /dotted lower case/,
    ],
    ["a value that is not a finite number", { name: "a.b", value: Number.NaN, unit: "1/s" }, /finite/],
    ["a row without a unit", { name: "a.b", value: 1 }, /unit/],
  ])("refuses %s", (_, row, message) => {
    expect(() => mergeBenchResults([{ results: [row] }])).toThrow(message);
  });

  it("refuses a name reported twice", () => {
    const row = { name: "a.b", value: 1, unit: "ms" };
    expect(() => mergeBenchResults([{ results: [row] }, { results: [row] }])).toThrow(/twice/);
  });
});
