import { describe, expect, it } from "vitest";
import { sumTestReports } from "./test-results.mjs";

const report = (passed, failed, pending, files = []) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
  testResults: files,
});

describe("sumTestReports", () => {
  it("adds up passed, failed and skipped over packages", () => {
    const summary = sumTestReports([
      { package: "a", report: report(10, 0, 2) },
      { package: "b", report: report(5, 1, 0) },
    ]);
    expect(summary).toMatchObject({ passed: 15, failed: 1, skipped: 2 });
    expect(summary.rows).toHaveLength(2);
  });

  it("counts a test file that failed to load as a failure", () => {
    const broken = { status: "failed", assertionResults: [] };
    const summary = sumTestReports([{ package: "a", report: report(3, 0, 0, [broken]) }]);
    expect(summary.failed).toBe(1);
  });
});
