// `pnpm test`: runs every package's tests through turbo, then sums what each runner reported
// into one closing line, `N passed, N failed, N skipped`, that any CI can read.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sumTestReports } from "./test-results.mjs";
import { listPackages, ROOT } from "./workspace.mjs";

const RESULTS = join(".test-results", "vitest.json");
const packages = listPackages().filter((pkg) => pkg.scripts.test);

// Results of an earlier run must not pass for this one: turbo restores them on a cache hit.
for (const pkg of packages) rmSync(join(pkg.dir, ".test-results"), { recursive: true, force: true });

const turbo = spawnSync("turbo", ["run", "test", "--continue", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  shell: process.platform === "win32",
});

const missing = packages.filter((pkg) => !existsSync(join(pkg.dir, RESULTS))).map((pkg) => pkg.name);
const summary = sumTestReports(
  packages
    .filter((pkg) => !missing.includes(pkg.name))
    .map((pkg) => ({ package: pkg.name, report: JSON.parse(readFileSync(join(pkg.dir, RESULTS), "utf8")) })),
);

console.log("\nTest results by package:");
console.table(summary.rows);
for (const name of missing) {
  console.log(`${name}: no results (its tests did not run; see the output above)`);
}
if (!process.env.TEST_DATABASE_URL) {
  console.log("PostgreSQL: skipped — set TEST_DATABASE_URL to a server where tests may create databases.");
}
const failed = summary.failed + missing.length;
console.log(`${summary.passed} passed, ${failed} failed, ${summary.skipped} skipped`);
process.exit(turbo.status === 0 && failed === 0 ? 0 : 1);
