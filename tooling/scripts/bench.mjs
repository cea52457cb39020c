// `pnpm bench`: runs every package's benchmarks one at a time (so they don't compete for the
// cores), merges the rows each wrote to its `.bench/*.json` into `.bench/latest.json`, and prints them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mergeBenchResults } from "./bench-results.mjs";
import { listPackages, ROOT } from "./workspace.mjs";

const packages = listPackages().filter((pkg) => pkg.scripts.bench);
for (const pkg of packages) rmSync(join(pkg.dir, ".bench"), { recursive: true, force: true });

const turbo = spawnSync("turbo", ["run", "bench", "--concurrency=1", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  shell: process.platform === "win32",
});

const reports = packages.flatMap((pkg) => {
  const dir = join(pkg.dir, ".bench");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(join(dir, file), "utf8")));
});
const merged = mergeBenchResults(reports);
mkdirSync(join(ROOT, ".bench"), { recursive: true });
writeFileSync(join(ROOT, ".bench", "latest.json"), `${JSON.stringify(merged, null, 2)}\n`);

console.log("\nBenchmarks (.bench/latest.json):");
console.table(merged.results.map(({ name, value, unit }) => ({ name, value, unit })));
process.exit(turbo.status ?? 1);
