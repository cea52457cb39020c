import {
  childrenOf,
  type LineageEvent,
  type Organization,
  type OrganizationPath,
  type OrganizationRecords,
  type ParentLink,
  pathToRoot,
  resolveOrganizationPaths,
  resolveOrganizationTree,
  subtreeIds,
} from "@sodoan/domain";
import { buildSocTrangReference, createRandom, SOC_TRANG } from "@sodoan/domain/reference";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../../app.js";
import { createSignedInApp } from "../../auth/test-session.js";
import type { Db } from "../client.js";
import { organizationPath, PATH_SEPARATOR } from "../schema/index.js";
import { createTestDatabase, testDrivers } from "../test-database.js";
import { insertOrganizationRecords } from "./organizations.js";
import {
  childIdsAsOf,
  loadOrganizationRecords,
  pathToRootAsOf,
  rowsOf,
  subtreeIdsAsOf,
  subtreePartsAsOf,
  subtreePartsRelationAsOf,
} from "./tree.js";

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
        const children = childrenOf(tree, org.id).map((child) => child.id);
        const subtree = subtreeIds(tree, org.id);
        const expected = {
          id: org.id,
          subtree,
          children,
          path: pathToRoot(tree, org.id),
          parts: {
            unitIds: subtree,
            children: children.map((id) => ({ organizationId: id, unitIds: subtreeIds(tree, id) })),
          },
          // Each unit with the part it lies in: the organisation's own id, or the child's.
          relation:
            subtree.length === 0
              ? undefined
              : {
                  childIds: children,
                  units: [
                    [org.id, org.id],
                    ...children.flatMap((id) => subtreeIds(tree, id).map((unit) => [unit, id])),
                  ].sort(byUnit),
                },
        };
        const actual = {
          id: org.id,
          subtree: await subtreeIdsAsOf(database.db, org.id, asOf),
          children: await childIdsAsOf(database.db, org.id, asOf),
          path: await pathToRootAsOf(database.db, org.id, asOf),
          parts: await subtreePartsAsOf(database.db, org.id, asOf),
          relation: await relationRows(database.db, org.id, asOf),
        };
        expect(actual).toEqual(expected);
      }
    },
  );
});

/** Units and their parts as the database divides a subtree for a grouped roll-up. */
async function relationRows(db: Db, organizationId: string, asOf: string) {
  const parts = await subtreePartsRelationAsOf(db, organizationId, asOf);
  if (parts === undefined) return undefined;
  const rows = rowsOf<{ id: string; part: string }>(
    await db.execute(sql`select g.id, g.part from ${parts.relation}`),
  );
  return { childIds: parts.childIds, units: rows.map((row) => [row.id, row.part]).sort(byUnit) };
}

function byUnit(a: string[], b: string[]): number {
  return (a[0] ?? "") < (b[0] ?? "") ? -1 : (a[0] ?? "") > (b[0] ?? "") ? 1 : 0;
}

/** The stored path index, in the domain's shape, by organisation and date. */
async function storedPaths(db: Db): Promise<OrganizationPath[]> {
  const rows = await db
    .select()
    .from(organizationPath)
    .orderBy(sql`${organizationPath.organizationId} collate "C"`, organizationPath.validFrom);
  return rows.map((row) => {
    const span: OrganizationPath = {
      organizationId: row.organizationId,
      from: row.validFrom,
      path: row.path.split(PATH_SEPARATOR),
    };
    if (row.validTo !== null) span.to = row.validTo;
    expect(row.parentId).toBe(span.path.at(-2) ?? null);
    expect(row.depth).toBe(span.path.length - 1);
    return span;
  });
}

describe.each(testDrivers)("the path index through the writes of the API on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const NOW = new Date("2026-01-15T03:00:00Z");
  // Grassroots unions of the bloc, each with branches of its own.
  const unions = reference.organizations
    .filter(
      (org) => org.level === "grassroots" && org.grassrootsKind === "union" && org.sector === "enterprise",
    )
    .map((org) => org.id)
    .sort();
  const [first, second, third] = unions as [string, string, string];

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const url = `/api/v1/organizations${path.replace(/^\/(?=\?|$)/, "")}`;
    const response = await app.request(url, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as { id: string } };
  }

  async function etag(id: string): Promise<string> {
    const response = await app.request(`/api/v1/organizations/${id}`);
    return response.headers.get("ETag") ?? "";
  }

  /**
   * The index is what rebuilding it whole from the records gives, and the subtree, children and
   * path to the root of every organisation on each date are the domain's.
   */
  async function expectIndexRight(dates: string[]): Promise<void> {
    const records = await loadOrganizationRecords(database.db);
    expect(await storedPaths(database.db)).toEqual(
      resolveOrganizationPaths(records).sort((a, b) =>
        a.organizationId === b.organizationId
          ? a.from < b.from
            ? -1
            : 1
          : a.organizationId < b.organizationId
            ? -1
            : 1,
      ),
    );
    for (const asOf of dates) {
      const tree = resolveOrganizationTree(records, { asOf });
      for (const org of records.organizations) {
        expect({
          id: org.id,
          asOf,
          subtree: await subtreeIdsAsOf(database.db, org.id, asOf),
          children: await childIdsAsOf(database.db, org.id, asOf),
          path: await pathToRootAsOf(database.db, org.id, asOf),
        }).toEqual({
          id: org.id,
          asOf,
          subtree: subtreeIds(tree, org.id),
          children: childrenOf(tree, org.id).map((child) => child.id),
          path: pathToRoot(tree, org.id),
        });
      }
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    await database.db.transaction((tx) => insertOrganizationRecords(tx, { ...reference, lineageEvents: [] }));
  });
  afterAll(() => database.drop());

  it("holds the tree of the records as stored", async () => {
    expect(unions.length).toBeGreaterThanOrEqual(3);
    expect((await storedPaths(database.db)).length).toBeGreaterThanOrEqual(reference.organizations.length);
    await expectIndexRight([SOC_TRANG.asOf]);
  });

  it("places an organisation created under a parent", async () => {
    const created = await call("POST", "/", {
      name: "Đoàn cơ sở Phường 9",
      level: "grassroots",
      grassrootsKind: "union",
      establishedOn: "2016-05-01",
      parentId: SOC_TRANG.cityId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await childIdsAsOf(database.db, SOC_TRANG.cityId, "2016-05-01")).toContain(created.body.id);
    await expectIndexRight(["2016-04-30", "2016-05-01"]);
  });

  it("moves a union and its branches with a re-parent", async () => {
    const moved = await call(
      "POST",
      `/${first}/reparent`,
      { toParentId: SOC_TRANG.cityId, effectiveDate: "2015-01-01" },
      { "If-Match": await etag(first) },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const branches = await childIdsAsOf(database.db, first, "2015-01-01");
    expect(branches.length).toBeGreaterThan(0);
    expect(await pathToRootAsOf(database.db, branches[0] as string, "2015-01-01")).toEqual([
      branches[0],
      first,
      SOC_TRANG.cityId,
      SOC_TRANG.provinceId,
      SOC_TRANG.centralId,
    ]);
    await expectIndexRight(["2014-12-31", "2015-01-01"]);
  });

  it("hands the branches of a union merged away to the union it went into", async () => {
    const branches = await childIdsAsOf(database.db, second, "2016-01-01");
    const merged = await call(
      "POST",
      "/merge",
      { sourceIds: [second], targetId: third, effectiveDate: "2016-01-01" },
      { "If-Match": `${await etag(third)}, ${await etag(second)}` },
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    expect(await childIdsAsOf(database.db, third, "2016-01-01")).toEqual(expect.arrayContaining(branches));
    expect(await subtreeIdsAsOf(database.db, second, "2016-01-01")).toEqual([]);
    await expectIndexRight(["2015-12-31", "2016-01-01"]);
  });

  it("leaves the branches of a union split without continuing without a parent", async () => {
    const targets: string[] = [];
    for (const name of ["Đoàn cơ sở Bắc", "Đoàn cơ sở Nam"]) {
      const created = await call("POST", "/", {
        name,
        level: "grassroots",
        grassrootsKind: "union",
        establishedOn: "2018-03-01",
        parentId: SOC_TRANG.blocId,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      targets.push(created.body.id);
    }
    const tags = [third, ...targets].map(etag);
    const split = await call(
      "POST",
      `/${third}/split`,
      { targetIds: targets, effectiveDate: "2018-03-01", sourceContinues: false },
      { "If-Match": (await Promise.all(tags)).join(", ") },
    );
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    expect(await subtreeIdsAsOf(database.db, third, "2018-03-01")).toEqual([]);
    await expectIndexRight(["2018-02-28", "2018-03-01"]);
  });

  it("ends a dissolved branch, and keeps the index through a rename", async () => {
    const [branch] = await childIdsAsOf(database.db, first, "2019-01-01");
    const dissolved = await call(
      "POST",
      `/${branch}/dissolve`,
      { effectiveDate: "2019-01-01" },
      { "If-Match": await etag(branch as string) },
    );
    expect(dissolved.status, JSON.stringify(dissolved.body)).toBe(201);
    expect(await pathToRootAsOf(database.db, branch as string, "2019-01-01")).toEqual([]);
    const before = await storedPaths(database.db);
    const renamed = await call(
      "POST",
      `/${first}/rename`,
      { name: "Đoàn cơ sở mới", effectiveDate: "2019-06-01" },
      { "If-Match": await etag(first) },
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(201);
    expect(await storedPaths(database.db)).toEqual(before);
    await expectIndexRight(["2018-12-31", "2019-01-01", "2026-01-01"]);
  });

  it("is left as it was by writes refused or stale", async () => {
    const before = await storedPaths(database.db);
    const refused = await call(
      "POST",
      `/${first}/dissolve`,
      { effectiveDate: "2020-01-01" },
      { "If-Match": await etag(first) },
    );
    expect(refused.status).toBe(409);
    const misplaced = await call(
      "POST",
      `/${SOC_TRANG.blocId}/reparent`,
      { toParentId: SOC_TRANG.cityId, effectiveDate: "2020-01-01" },
      { "If-Match": await etag(SOC_TRANG.blocId) },
    );
    expect(misplaced.status).toBe(409);
    const stale = await call(
      "POST",
      "/merge",
      { sourceIds: [first], targetId: SOC_TRANG.blocId, effectiveDate: "2020-01-01" },
      { "If-Match": `${await etag(SOC_TRANG.blocId)}, "v99"` },
    );
    expect(stale.status).toBe(412);
    expect(await storedPaths(database.db)).toEqual(before);
  });
});
