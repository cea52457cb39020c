import {
  childrenOf,
  type LineageEvent,
  type Organization,
  type OrganizationRecords,
  type ParentLink,
  pathToRoot,
  resolveOrganizationTree,
  subtreeIds,
} from "@sodoan/domain";
import { buildSocTrangReference, createRandom, SOC_TRANG } from "@sodoan/domain/reference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDrivers } from "../test-database.js";
import { insertOrganizationRecords } from "./organizations.js";
import { childIdsAsOf, loadOrganizationRecords, pathToRootAsOf, subtreeIdsAsOf } from "./tree.js";

const reference = buildSocTrangReference();

// The 2025 reorganisation, in the shape it took: the bloc merged into the city Union, one of
// its enterprises moved under the province, a ward Union renamed, a branch dissolved.
const REORGANISATION: LineageEvent[] = [
  {
    type: "merged",
    id: "ev-merge-2025",
    sourceIds: [SOC_TRANG.blocId, SOC_TRANG.cityId],
    targetId: SOC_TRANG.cityId,
    effectiveDate: "2025-03-01",
    recordedAt: "2025-03-02T02:00:00Z",
  },
  {
    type: "reparented",
    id: "ev-reparent-2025",
    organizationId: "dcs-thuy-san-ba-xuyen",
    toParentId: SOC_TRANG.provinceId,
    effectiveDate: "2025-07-01",
    recordedAt: "2025-07-02T02:00:00Z",
  },
  {
    type: "renamed",
    id: "ev-rename-2020",
    organizationId: "dcs-thanh-pho-phuong-1",
    name: "Đoàn Phường 1 (mới)",
    effectiveDate: "2020-01-01",
    recordedAt: "2020-01-02T02:00:00Z",
  },
  {
    type: "dissolved",
    id: "ev-dissolve-2019",
    organizationId: "cd-thuy-san-tran-de-5",
    effectiveDate: "2019-06-01",
    recordedAt: "2019-06-02T02:00:00Z",
  },
];

// In the order of their ids, as `loadOrganizationRecords` gives them: children come in that order.
const records: OrganizationRecords = {
  organizations: [...reference.organizations].sort((a, b) => (a.id < b.id ? -1 : 1)),
  parentLinks: reference.parentLinks,
  lineageEvents: REORGANISATION,
};

const DATES = [
  "1992-04-01",
  "2007-10-14",
  "2007-12-01",
  SOC_TRANG.asOf,
  "2019-06-01",
  "2025-03-01",
  "2026-01-01",
];

describe.each(testDrivers)("the organisation tree read from %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await database.db.transaction((tx) => insertOrganizationRecords(tx, records));
  });
  afterAll(() => database.drop());

  it("loads back the records it stored, as the domain reads them", async () => {
    const loaded = await loadOrganizationRecords(database.db);
    const byId = <T extends { id: string }>(list: readonly T[]) =>
      [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(loaded.organizations)).toEqual(
      byId(
        records.organizations.map((org) => ({ ...org, recordedAt: new Date(org.recordedAt).toISOString() })),
      ),
    );
    expect(byId(loaded.parentLinks)).toEqual(
      byId(
        records.parentLinks.map((link) => ({ ...link, recordedAt: new Date(link.recordedAt).toISOString() })),
      ),
    );
    expect(byId(loaded.lineageEvents)).toEqual(
      byId(
        REORGANISATION.map((event) => ({ ...event, recordedAt: new Date(event.recordedAt).toISOString() })),
      ),
    );
  });

  it("loads the records of some organisations only", async () => {
    const loaded = await loadOrganizationRecords(database.db, [SOC_TRANG.blocId]);
    expect(loaded.organizations.map((org) => org.id)).toEqual([SOC_TRANG.blocId]);
    expect(loaded.parentLinks.map((link) => link.parentId)).toEqual([SOC_TRANG.provinceId]);
    expect(loaded.lineageEvents.map((event) => event.id)).toEqual(["ev-merge-2025"]);
    expect(await loadOrganizationRecords(database.db, [])).toEqual({
      organizations: [],
      parentLinks: [],
      lineageEvents: [],
    });
  });

  it.each(DATES)("gives every subtree as of %s as the domain's subtreeIds does", async (asOf) => {
    const tree = resolveOrganizationTree(records, { asOf });
    for (const org of reference.organizations) {
      const expected = subtreeIds(tree, org.id);
      const actual = await subtreeIdsAsOf(database.db, org.id, asOf);
      expect({ id: org.id, ids: actual }).toEqual({ id: org.id, ids: expected });
    }
  });

  it("keeps the bloc's 2017 subtree after its 2025 merger, and hands its units to the city", async () => {
    const before = await subtreeIdsAsOf(database.db, SOC_TRANG.blocId, SOC_TRANG.asOf);
    expect(before[0]).toBe(SOC_TRANG.blocId);
    expect(before).toContain("dcs-thuy-san-ba-xuyen");
    expect(before).toHaveLength(
      1 +
        reference.organizations.filter((org) => org.sector === "enterprise" && org.level !== "district")
          .length,
    );
    expect(await subtreeIdsAsOf(database.db, SOC_TRANG.blocId, "2025-03-01")).toEqual([]);
    const city = await subtreeIdsAsOf(database.db, SOC_TRANG.cityId, "2025-03-01");
    expect(city).toContain("dcs-thuy-san-ba-xuyen");
    expect(city).toContain("cd-thuy-san-ba-xuyen-1");
  });

  it("answers an empty subtree for an organisation that does not exist on the date", async () => {
    expect(await subtreeIdsAsOf(database.db, "no-such-organisation", SOC_TRANG.asOf)).toEqual([]);
    expect(await subtreeIdsAsOf(database.db, SOC_TRANG.blocId, "2007-10-14")).toEqual([]);
  });
});

/**
 * Generated history that stresses what the Sóc Trăng data does not: overlapping and ended links,
 * re-parents, chains of mergers whose children follow them, splits and dissolutions. Parents and
 * merger targets respect the levels, so the tree has no cycle for the domain to cut.
 */
function generateHistory(seed: number): OrganizationRecords {
  const random = createRandom(seed);
  const LEVELS = ["central", "provincial", "district", "grassroots"] as const;
  const counts = [1, 5, 14, 40];
  const byLevel: string[][] = LEVELS.map(() => []);
  const organizations: Organization[] = [];
  const parentLinks: ParentLink[] = [];
  const lineageEvents: LineageEvent[] = [];
  let clock = Date.parse("2030-01-01T00:00:00Z");
  const recorded = () => {
    clock += random.int(1, 1_000_000) * 1000;
    return new Date(clock).toISOString();
  };
  LEVELS.forEach((level, depth) => {
    for (let i = 0; i < (counts[depth] ?? 0); i++) {
      const id = `${level}-${String(i).padStart(2, "0")}`;
      const establishedOn = depth === 0 ? "1931-03-26" : random.date("1990-01-01", "2012-12-31");
      organizations.push({ id, name: id, level, establishedOn, recordedAt: recorded() });
      byLevel[depth]?.push(id);
      if (depth === 0) continue;
      // One to three links, possibly overlapping, some ended.
      const links = random.int(1, 3);
      for (let j = 0; j < links; j++) {
        const from = j === 0 ? establishedOn : random.date(establishedOn, "2028-12-31");
        const link: ParentLink = {
          id: `link-${id}-${j}`,
          childId: id,
          parentId: random.pick(byLevel[depth - 1] ?? []),
          from,
          recordedAt: recorded(),
        };
        if (random.chance(0.25)) link.to = random.date(from, "2029-12-31");
        parentLinks.push(link);
      }
    }
  });
  let n = 0;
  const eventId = () => `ev-${String(n++).padStart(3, "0")}`;
  for (let i = 0; i < 40; i++) {
    const depth = random.int(1, 3);
    const ids = byLevel[depth] ?? [];
    const effectiveDate = random.date("2000-01-01", "2029-12-31");
    const base = { id: eventId(), effectiveDate, recordedAt: recorded() };
    const kind = random.int(0, 3);
    if (kind === 0) {
      const [target, ...sources] = random.shuffle(ids).slice(0, random.int(2, 3)) as [string, ...string[]];
      lineageEvents.push({
        ...base,
        type: "merged",
        sourceIds: random.chance(0.5) ? [target, ...sources] : sources,
        targetId: target,
      });
    } else if (kind === 1) {
      lineageEvents.push({
        ...base,
        type: "reparented",
        organizationId: random.pick(ids),
        toParentId: random.pick(byLevel[depth - 1] ?? []),
      });
    } else if (kind === 2) {
      const [source, ...targets] = random.shuffle(ids).slice(0, 3) as [string, ...string[]];
      lineageEvents.push({
        ...base,
        type: "split",
        sourceId: source,
        targetIds: targets,
        sourceContinues: random.chance(0.3),
      });
    } else {
      lineageEvents.push({ ...base, type: "dissolved", organizationId: random.pick(ids) });
    }
  }
  return { organizations, parentLinks, lineageEvents };
}

describe.each(testDrivers)("the tree of a generated history read from %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const history = generateHistory(20_250_701);
  // In the order the database gives them back: ids, then events by date and id.
  const sorted: OrganizationRecords = {
    organizations: [...history.organizations].sort((a, b) => (a.id < b.id ? -1 : 1)),
    parentLinks: [...history.parentLinks].sort((a, b) => (a.id < b.id ? -1 : 1)),
    lineageEvents: [...history.lineageEvents].sort((a, b) =>
      a.effectiveDate === b.effectiveDate
        ? a.id < b.id
          ? -1
          : 1
        : a.effectiveDate < b.effectiveDate
          ? -1
          : 1,
    ),
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await database.db.transaction((tx) => insertOrganizationRecords(tx, history));
  });
  afterAll(() => database.drop());

  it("holds the cases it is meant to: children that follow a merger, and organisations ended", () => {
    const tree = resolveOrganizationTree(sorted, { asOf: "2029-12-31" });
    const followed = [...tree.nodes.values()].filter(
      (node) =>
        node.parentId !== null &&
        !sorted.parentLinks.some((link) => link.childId === node.id && link.parentId === node.parentId) &&
        !sorted.lineageEvents.some(
          (event) =>
            event.type === "reparented" &&
            event.organizationId === node.id &&
            event.toParentId === node.parentId,
        ),
    );
    expect(followed.length).toBeGreaterThan(0);
    expect(tree.nodes.size).toBeLessThan(sorted.organizations.length);
  });

  it.each(["1995-06-30", "2005-01-01", "2010-06-15", "2015-03-01", "2020-12-31", "2025-07-01", "2029-12-31"])(
    "gives subtrees, children and paths to the root as of %s as the domain does",
    async (asOf) => {
      const tree = resolveOrganizationTree(sorted, { asOf });
      for (const org of sorted.organizations) {
        const expected = {
          id: org.id,
          subtree: subtreeIds(tree, org.id),
          children: childrenOf(tree, org.id).map((child) => child.id),
          path: pathToRoot(tree, org.id),
        };
        const actual = {
          id: org.id,
          subtree: await subtreeIdsAsOf(database.db, org.id, asOf),
          children: await childIdsAsOf(database.db, org.id, asOf),
          path: await pathToRootAsOf(database.db, org.id, asOf),
        };
        expect(actual).toEqual(expected);
      }
    },
  );
});
