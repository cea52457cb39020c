// Sums the JSON reports of several vitest runs into one count.

/**
 * @param {{ package: string, report: any }[]} runs one vitest JSON report per package
 * @returns {{ rows: { package: string, passed: number, failed: number, skipped: number }[], passed: number, failed: number, skipped: number }}
 */
export function sumTestReports(runs) {
  const rows = runs.map(({ package: name, report }) => ({
    package: name,
    passed: report.numPassedTests,
    // A file that failed to load runs no test, yet it failed: count it.
    failed: report.numFailedTests + countSuitesFailedWithoutTests(report),
    skipped: report.numPendingTests + report.numTodoTests,
  }));
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  return { rows, passed: sum("passed"), failed: sum("failed"), skipped: sum("skipped") };
}

function countSuitesFailedWithoutTests(report) {
  return (report.testResults ?? []).filter(
    (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
  ).length;
}
