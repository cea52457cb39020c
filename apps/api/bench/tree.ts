// Times the dated path index on a national-size tree: rebuilding it whole (an import), rebuilding
// what one write moves (a re-parent, a merger of provinces), and reading a subtree, the children
// and the path to the root on a date. On PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LineageEvent, Organization, OrganizationRecords, ParentLink } from "@sodoan/domain";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/client.js";
import { insertLineageEvents, insertOrganizationRecords } from "../src/db/queries/organizations.js";
import {
  childIdsAsOf,
  pathToRootAsOf,
  refreshOrganizationPaths,
  subtreeIdsAsOf,
} from "../src/db/queries/tree.js";

const PROVINCES = 63;
const DISTRICTS = 11;
const GRASSROOTS = 15;
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 9);
const RUNS = 9;
const RECORDED = "2020-01-01T00:00:00Z";

/**
 * Central > 63 provinces > 11 districts > 15 grassroots > branches (about 105,000 organisations),
 * and the 2025 reorganisation in part: pairs of provinces merged, and in a few provinces the
 * districts dissolved with their grassroots moved under the province.
 */
function nationalTree(): OrganizationRecords & {
  sample: { province: string; branch: string; union: string };
} {
  const organizations: Organization[] = [];
  const parentLinks: ParentLink[] = [];
  const lineageEvents: LineageEvent[] = [];
  const add = (id: string, level: Organization["level"], parentId: string | null) => {
    const establishedOn = parentId === null ? "1931-03-26" : "1990-01-01";
    organizations.push({ id, name: id, level, establishedOn, recordedAt: RECORDED });
    if (parentId !== null) {
      parentLinks.push({ id: `l-${id}`, childId: id, parentId, from: "1990-01-01", recordedAt: RECORDED });
    }
  };
  add("tw", "central", null);
  for (let p = 0; p < PROVINCES; p++) {
    const province = `p${p}`;
    add(province, "provincial", "tw");
    for (let d = 0; d < DISTRICTS; d++) {
      const district = `${province}-d${d}`;
      add(district, "district", province);
      for (let g = 0; g < GRASSROOTS; g++) {
        const union = `${district}-g${g}`;
        add(union, "grassroots", district);
        for (let b = 0; b < BRANCHES; b++) add(`${union}-b${b}`, "branch", union);
        if (p < 5) {
          lineageEvents.push({
            type: "reparented",
            id: `r-${union}`,
            organizationId: union,
            toParentId: province,
            effectiveDate: "2025-07-01",
            recordedAt: RECORDED,
          });
        }
      }
      if (p < 5) {
        lineageEvents.push({
          type: "dissolved",
          id: `x-${district}`,
          organizationId: district,
          effectiveDate: "2025-07-01",
          recordedAt: RECORDED,
        });
      }
    }
  }
  for (let p = 0; p + 1 < PROVINCES - 6; p += 2) {
    lineageEvents.push({
      type: "merged",
      id: `m-${p}`,
      sourceIds: [`p${p}`, `p${p + 1}`],
      targetId: `p${p}`,
      effectiveDate: "2025-07-01",
      recordedAt: RECORDED,
    });
  }
  return {
    organizations,
    parentLinks,
    lineageEvents,
    sample: { province: "p7", branch: "p7-d3-g4-b2", union: "p9-d2-g3" },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Times a write in a transaction that is then rolled back, so that every run starts alike. */
async function measureRolledBack(database: Database, write: (db: Database["db"]) => Promise<void>) {
  const rollback = new Error("rollback");
  return measure(async () => {
    await database.db
      .transaction(async (tx) => {
        await write(tx);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
  }, 5);
}

type Row = { name: string; value: number; unit: string };

async function bench(database: Database, prefix: string): Promise<Row[]> {
  const records = nationalTree();
  await database.migrate();
  const loadStart = performance.now();
  await database.db.transaction((tx) => insertOrganizationRecords(tx, records));
  const loadMs = performance.now() - loadStart;
  const rebuildMs = await measure(() => database.db.transaction((tx) => refreshOrganizationPaths(tx)), 3);
  const { province, branch, union } = records.sample;
  const subtree = await subtreeIdsAsOf(database.db, province, "2017-08-31");
  const subtreeMs = await measure(() => subtreeIdsAsOf(database.db, province, "2017-08-31"));
  const wholeMs = await measure(() => subtreeIdsAsOf(database.db, "tw", "2026-01-01"), 3);
  const childrenMs = await measure(() => childIdsAsOf(database.db, province, "2026-01-01"));
  const ancestorsMs = await measure(() => pathToRootAsOf(database.db, branch, "2017-08-31"));
  const reparentMs = await measureRolledBack(database, (tx) =>
    insertLineageEvents(tx, [
      {
        type: "reparented",
        id: "bench-reparent",
        organizationId: union,
        toParentId: "p9-d5",
        effectiveDate: "2020-01-01",
        recordedAt: RECORDED,
      },
    ]),
  );
  const mergeMs = await measureRolledBack(database, (tx) =>
    insertLineageEvents(tx, [
      {
        type: "merged",
        id: "bench-merge",
        sourceIds: ["p61"],
        targetId: "p62",
        effectiveDate: "2025-07-01",
        recordedAt: RECORDED,
      },
    ]),
  );
  console.log(
    `${prefix}: ${records.organizations.length} organisations loaded with their paths in ${Math.round(loadMs)} ms; a province's subtree holds ${subtree.length}`,
  );
  return [
    { name: `${prefix}.rebuild_ms`, value: rebuildMs, unit: "ms" },
    { name: `${prefix}.subtree_ms`, value: subtreeMs, unit: "ms" },
    { name: `${prefix}.subtree_whole_ms`, value: wholeMs, unit: "ms" },
    { name: `${prefix}.children_ms`, value: childrenMs, unit: "ms" },
    { name: `${prefix}.ancestors_ms`, value: ancestorsMs, unit: "ms" },
    { name: `${prefix}.reparent_write_ms`, value: reparentMs, unit: "ms" },
    { name: `${prefix}.merge_provinces_write_ms`, value: mergeMs, unit: "ms" },
  ].map((row) => ({ ...row, value: Number(row.value.toFixed(2)) }));
}

const results: Row[] = [];
const dataDir = await mkdtemp(join(tmpdir(), "sodoan-bench-tree-"));
const pglite = await openDatabase({ driver: "pglite", dataDir });
try {
  results.push(...(await bench(pglite, "api.tree")));
} finally {
  await pglite.close();
  await rm(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.TEST_DATABASE_URL || undefined;
if (serverUrl !== undefined) {
  const name = `sodoan_bench_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const postgres = await openDatabase({ driver: "postgres", url: url.toString(), poolSize: 2 });
  try {
    results.push(...(await bench(postgres, "api.tree.postgres")));
  } finally {
    await postgres.close();
    await admin(`drop database if exists "${name}" with (force)`);
  }
}

console.table(results);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(packageDir, ".bench"), { recursive: true });
writeFileSync(join(packageDir, ".bench", "tree.json"), `${JSON.stringify({ results }, null, 2)}\n`);
