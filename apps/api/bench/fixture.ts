// The generated organisations and members the API benchmarks run on: a national-looking tree of
// 5 provinces × 10 grassroots × 10 branches, with members whose histories span 2016–2024.
import type { Organization, ParentLink } from "@sodoan/domain";
import { generateMembers } from "@sodoan/domain/reference";
import type { Db } from "../src/db/client.js";
import { importRegisterRecords } from "../src/db/import-records.js";

const recordedAt = "2015-01-01T00:00:00.000Z";

function benchTree() {
  const organizations: Organization[] = [];
  const parentLinks: ParentLink[] = [];
  const add = (id: string, level: Organization["level"], parentId: string | null) => {
    organizations.push({ id, name: id, level, establishedOn: "2015-01-01", recordedAt });
    if (parentId !== null) {
      parentLinks.push({ id: `${id}-link`, childId: id, parentId, from: "2015-01-01", recordedAt });
    }
  };
  add("tw", "central", null);
  // The places the generated histories name beside the branches: residence registrations and
  // transfers out of the tree.
  add("residential", "district", "tw");
  add("elsewhere", "district", "tw");
  const unitIds: string[] = [];
  for (let p = 0; p < 5; p++) {
    add(`p${p}`, "provincial", "tw");
    for (let g = 0; g < 10; g++) {
      add(`p${p}-g${g}`, "grassroots", `p${p}`);
      for (let b = 0; b < 10; b++) {
        add(`p${p}-g${g}-b${b}`, "branch", `p${p}-g${g}`);
        unitIds.push(`p${p}-g${g}-b${b}`);
      }
    }
  }
  return { organizations, parentLinks, unitIds };
}

/** Loads the tree and `count` generated members; the milliseconds the import took, and the events. */
export async function loadBenchRecords(db: Db, count: number) {
  const { organizations, parentLinks, unitIds } = benchTree();
  const generated = generateMembers({ count, seed: 2017, unitIds, from: "2016-01-01", to: "2024-12-31" });
  const start = performance.now();
  await importRegisterRecords(db, {
    organizations,
    parentLinks,
    lineageEvents: [],
    members: generated.members,
    memberEvents: generated.events,
    referrals: [],
    organizationRatings: [],
  });
  return { importMs: performance.now() - start, events: generated.events.length };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
