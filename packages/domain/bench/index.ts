// Times the metric functions on a million generated members and writes the figures for the root report.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildMemberColumns,
  computeResidenceRate,
  computeResidenceRateColumnar,
  countActiveMembers,
  countActiveMembersColumnar,
  indexMemberRecords,
  type MetricTree,
} from "../src/index.js";
import { generateMembers } from "../src/reference/index.js";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const RUNS = 9;
const WARM_UP = 3;
const computedAt = "2025-01-01T00:00:00Z";

// A national-looking tree: 10 provinces × 10 grassroots × 10 branches.
type Node = { id: string; parentId: string | null; childrenIds: string[] };
const nodes = new Map<string, Node>();
const addNode = (id: string, parentId: string | null) => {
  nodes.set(id, { id, parentId, childrenIds: [] });
  if (parentId !== null) nodes.get(parentId)?.childrenIds.push(id);
};
addNode("tw", null);
const unitIds: string[] = [];
for (let p = 0; p < 10; p++) {
  addNode(`p${p}`, "tw");
  for (let g = 0; g < 10; g++) {
    addNode(`p${p}-g${g}`, `p${p}`);
    for (let b = 0; b < 10; b++) {
      addNode(`p${p}-g${g}-b${b}`, `p${p}-g${g}`);
      unitIds.push(`p${p}-g${g}-b${b}`);
    }
  }
}
const tree: MetricTree = { nodes };

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure<T>(run: () => T, runs = RUNS, warmUp = WARM_UP): { ms: number; value: T } {
  let value = run();
  for (let i = 1; i < warmUp; i++) value = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const timed = time(run);
    times.push(timed.ms);
    value = timed.value;
  }
  return { ms: median(times), value };
}

const generated = time(() =>
  generateMembers({ count: MEMBERS, seed: 2017, unitIds, from: "2016-01-01", to: "2024-12-31" }),
);
const records = { members: generated.value.members, events: generated.value.events };
const indexed = time(() => indexMemberRecords(records));
const columns = time(() => buildMemberColumns(indexed.value));

const stock = { tree, organizationId: "tw", asOf: "2024-06-30", computedAt };
const rate = { ...stock, year: 2024 };
const active = measure(() => countActiveMembersColumnar(columns.value, stock));
const residence = measure(() => computeResidenceRateColumnar(columns.value, rate));
const province = measure(() => countActiveMembersColumnar(columns.value, { ...stock, organizationId: "p3" }));
const activeObject = measure(() => countActiveMembers(indexed.value, stock), 3, 1);
const residenceObject = measure(() => computeResidenceRate(indexed.value, rate), 3, 1);

if (activeObject.value.value.count !== active.value.value.count)
  throw new Error("columnar and object forms disagree");
if (residenceObject.value.value.numerator !== residence.value.value.numerator)
  throw new Error("columnar and object forms disagree");

const perSecond = (ms: number) => Math.round(MEMBERS / (ms / 1000));
const results = [
  { name: "domain.metrics.members_per_s", value: perSecond(active.ms), unit: "1/s" },
  { name: "domain.metrics.residence_rate_members_per_s", value: perSecond(residence.ms), unit: "1/s" },
  { name: "domain.metrics.province_active_members_per_s", value: perSecond(province.ms), unit: "1/s" },
  { name: "domain.metrics.object_form_members_per_s", value: perSecond(activeObject.ms), unit: "1/s" },
  { name: "domain.metrics.columns_build_ms", value: Math.round(indexed.ms + columns.ms), unit: "ms" },
];

console.log(
  `@sodoan/domain: ${MEMBERS.toLocaleString("en")} members, ${records.events.length.toLocaleString("en")} events, ${columns.value.spellCount.toLocaleString("en")} spells`,
);
console.log(
  `generated in ${Math.round(generated.ms)} ms; indexed in ${Math.round(indexed.ms)} ms; columns in ${Math.round(columns.ms)} ms`,
);
console.table(
  [
    ["active members, columnar (whole tree)", active.ms, active.value.value.count],
    ["residence rate, columnar", residence.ms, residence.value.value.rate],
    ["active members, columnar (one province)", province.ms, province.value.value.count],
    ["active members, object form", activeObject.ms, activeObject.value.value.count],
    ["residence rate, object form", residenceObject.ms, residenceObject.value.value.rate],
  ].map(([metric, ms, value]) => ({
    metric,
    "median ms": Number((ms as number).toFixed(2)),
    "members/s": perSecond(ms as number).toLocaleString("en"),
    value,
  })),
);

const target = 10_000_000;
for (const result of results.slice(0, 2)) {
  if (result.value < target)
    console.warn(`${result.name} = ${result.value} is below the target of ${target}/s`);
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(packageDir, ".bench"), { recursive: true });
writeFileSync(join(packageDir, ".bench", "domain.json"), `${JSON.stringify({ results }, null, 2)}\n`);
