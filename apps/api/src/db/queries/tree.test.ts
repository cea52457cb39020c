import {
  type LineageEvent,
  type OrganizationRecords,
  resolveOrganizationTree,
  subtreeIds,
} from "@sodoan/domain";
import { buildSocTrangReference, SOC_TRANG } from "@sodoan/domain/reference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDrivers } from "../test-database.js";
import { insertOrganizationRecords } from "./organizations.js";
import { loadOrganizationRecords, subtreeIdsAsOf } from "./tree.js";

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
