// `pnpm soak`: the API's long run and fault timings (apps/api/bench/soak.ts). Its rows replace rows
// of the same names in .bench/latest.json and join the others there, so that `pnpm bench` and
// `pnpm soak` can run in either order.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mergeBenchResults } from "./bench-results.mjs";
import { ROOT } from "./workspace.mjs";

const report = join(ROOT, "apps", "api", ".bench", "soak.json");
rmSync(report, { force: true });
const run = spawnSync("pnpm", ["--filter", "@sodoan/api", "soak"], { cwd: ROOT, stdio: "inherit" });
if (!existsSync(report)) process.exit(run.status ?? 1);

const soak = JSON.parse(readFileSync(report, "utf8"));
const latestFile = join(ROOT, ".bench", "latest.json");
const names = new Set(soak.results.map((row) => row.name));
const earlier = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, "utf8")) : { results: [] };
const kept = { results: earlier.results.filter((row) => !names.has(row.name)) };
mkdirSync(join(ROOT, ".bench"), { recursive: true });
writeFileSync(latestFile, `${JSON.stringify(mergeBenchResults([kept, soak]), null, 2)}\n`);
console.log(`\nSoak rows added to .bench/latest.json`);
process.exit(run.status ?? 1);
