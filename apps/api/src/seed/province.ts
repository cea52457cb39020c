// A province's Union as the demo builds it: the provincial Union, its district-level units, their
// communes (grassroots organisations) and branches, established through the organisation routes on
// the dates they were founded, then its members imported with their histories, referrals made
// through the referral routes and yearly ratings of its branches.
import {
  type Area,
  addDays,
  ageOn,
  type CalendarDate,
  deriveMemberState,
  type Member,
  type MemberEvent,
  type OrganizationLevel,
  type OrganizationRating,
  type Sector,
  validateReferralCreate,
} from "@sodoan/domain";
import { createRandom, type Ethnicity } from "@sodoan/domain/reference";
import type { Db } from "../db/client.js";
import { importRegisterRecords } from "../db/import-records.js";
import type { SeedClient } from "./client.js";
import { buildProvinceMembers } from "./members.js";
import { daysAfter } from "./time.js";

export type CommunePlan = { kind: "phường" | "thị trấn" | "xã"; name: string };
export type DistrictPlan = {
  name: string;
  englishName?: string;
  area: Area;
  establishedOn: CalendarDate;
  /** A later name, e.g. when a district became a town. */
  renamed?: { on: CalendarDate; name: string };
  communes: readonly CommunePlan[];
};
export type ProvincePlan = {
  name: string;
  englishName: string;
  establishedOn: CalendarDate;
  districts: readonly DistrictPlan[];
  branchesPerCommune: number;
  members: {
    seed: number;
    count: number;
    idPrefix: string;
    ethnicities: readonly (readonly [Ethnicity, number])[];
    from: CalendarDate;
    to: CalendarDate;
  };
};

/** What was established: ids for the steps that follow. */
export type ProvinceTree = {
  provinceId: string;
  districts: { id: string; name: string; etag: string; communeIds: string[] }[];
  units: { id: string; grassrootsId: string; districtId: string }[];
  places: string[];
};

type OrganizationView = { id: string; name: string };

/** Establishes one organisation under its parent, recorded a few days after its founding. */
export async function establish(
  client: SeedClient,
  fields: {
    name: string;
    englishName?: string;
    level: OrganizationLevel;
    grassrootsKind?: "union" | "branch";
    sector?: Sector;
    area?: Area;
    establishedOn: CalendarDate;
    parentId: string;
  },
): Promise<{ id: string; etag: string }> {
  client.at(daysAfter(fields.establishedOn, 7));
  const { body, etag } = await client.post<OrganizationView>("/api/v1/organizations", fields);
  return { id: body.id, etag };
}

/** Establishes the provincial Union and everything below it. */
export async function establishProvince(
  client: SeedClient,
  plan: ProvincePlan,
  centralId: string,
): Promise<ProvinceTree> {
  const province = await establish(client, {
    name: plan.name,
    englishName: plan.englishName,
    level: "provincial",
    establishedOn: plan.establishedOn,
    parentId: centralId,
  });
  const tree: ProvinceTree = { provinceId: province.id, districts: [], units: [], places: [] };
  for (const district of plan.districts) {
    const created = await establish(client, {
      name: district.name,
      ...(district.englishName === undefined ? {} : { englishName: district.englishName }),
      level: "district",
      sector: "residential",
      area: district.area,
      establishedOn: district.establishedOn,
      parentId: province.id,
    });
    const entry = { id: created.id, name: district.name, etag: created.etag, communeIds: [] as string[] };
    tree.districts.push(entry);
    const place = district.name.replace(/^(Huyện|Thị|Thành) đoàn /, "");
    for (const commune of district.communes) {
      const communeName = `${commune.kind} ${commune.name}`;
      tree.places.push(`${communeName[0]?.toUpperCase()}${communeName.slice(1)}, ${place}`);
      const grassroots = await establish(client, {
        name: `Đoàn ${communeName}`,
        level: "grassroots",
        grassrootsKind: "union",
        sector: "residential",
        area: commune.kind === "xã" ? "rural" : "urban",
        establishedOn: district.establishedOn,
        parentId: created.id,
      });
      entry.communeIds.push(grassroots.id);
      for (let n = 1; n <= plan.branchesPerCommune; n++) {
        const branch = await establish(client, {
          name: `Chi đoàn ${commune.kind === "xã" ? "thôn" : "tổ dân phố"} ${n} ${communeName}`,
          level: "branch",
          sector: "residential",
          establishedOn: district.establishedOn,
          parentId: grassroots.id,
        });
        tree.units.push({ id: branch.id, grassrootsId: grassroots.id, districtId: created.id });
      }
    }
    if (district.renamed !== undefined) {
      client.at(daysAfter(district.renamed.on, 10));
      const { etag } = await client.post(
        `/api/v1/organizations/${created.id}/rename`,
        { effectiveDate: district.renamed.on, name: district.renamed.name },
        created.etag,
      );
      entry.name = district.renamed.name;
      entry.etag = etag;
    }
  }
  return tree;
}

/** Members of the province, generated and checked, imported with their recording times. */
export async function importProvinceMembers(
  db: Db,
  plan: ProvincePlan,
  tree: ProvinceTree,
  elsewhereUnitId: string,
): Promise<{ members: Member[]; memberEvents: MemberEvent[] }> {
  const records = buildProvinceMembers({
    ...plan.members,
    units: tree.units,
    elsewhereUnitId,
    places: tree.places,
    rewardedBy: tree.provinceId,
  });
  await importRegisterRecords(db, {
    organizations: [],
    parentLinks: [],
    lineageEvents: [],
    ...records,
    referrals: [],
    organizationRatings: rateBranches(plan.members.seed, tree, plan.members.from, plan.members.to),
  });
  return records;
}

/** Each branch and commune rated most years, on the scale of the year. */
function rateBranches(seed: number, tree: ProvinceTree, from: CalendarDate, to: CalendarDate) {
  const random = createRandom(seed + 1);
  const ratings: OrganizationRating[] = [];
  const subjects = [...tree.units.map((unit) => unit.id), ...tree.districts.flatMap((d) => d.communeIds)];
  for (let year = Number(from.slice(0, 4)) + 2; year < Number(to.slice(0, 4)); year++) {
    for (const organizationId of subjects) {
      if (!random.chance(0.92)) continue;
      const effectiveDate = `${year}-12-${random.int(15, 28)}`;
      const levelId =
        year < 2020
          ? random.weighted([
              ["strong", 55],
              ["good", 33],
              ["average", 10],
              ["weak", 2],
            ] as const)
          : random.weighted([
              ["excellent_completion", 50],
              ["good_completion", 36],
              ["completion", 12],
              ["non_completion", 2],
            ] as const);
      ratings.push({
        id: `xl-${organizationId}-${year}`,
        organizationId,
        year,
        levelId,
        effectiveDate,
        recordedAt: daysAfter(effectiveDate, random.int(5, 20)),
      });
    }
  }
  return ratings;
}

/**
 * Refers members to the Party through the referral routes, and moves each referral on as the
 * Party decided: most admitted as probationary members and recognised a year later.
 */
export async function referMembers(
  client: SeedClient,
  options: {
    seed: number;
    count: number;
    records: { members: readonly Member[]; memberEvents: readonly MemberEvent[] };
    grassrootsOf: ReadonlyMap<string, string>;
    from: CalendarDate;
    to: CalendarDate;
  },
): Promise<number> {
  const random = createRandom(options.seed + 2);
  const eventsOf = new Map<string, MemberEvent[]>();
  for (const event of options.records.memberEvents)
    eventsOf.set(event.memberId, [...(eventsOf.get(event.memberId) ?? []), event]);
  let referred = 0;
  for (const member of random.shuffle(options.records.members)) {
    if (referred >= options.count) break;
    const memberEvents = eventsOf.get(member.id) ?? [];
    const referredOn = random.date(options.from, options.to);
    const state = deriveMemberState(memberEvents, { asOf: referredOn });
    if (state.homeUnitId === null || member.birthDate === undefined) continue;
    if (ageOn(member.birthDate, referredOn).min < 20) continue;
    const organizationId = options.grassrootsOf.get(state.homeUnitId);
    if (organizationId === undefined) continue;
    const input = {
      memberId: member.id,
      organizationId,
      resolutionRef: `${random.int(1, 40)}-NQ/ĐTN`,
      referredOn,
    };
    if (!validateReferralCreate(input, { memberEvents, birthDate: member.birthDate, otherReferrals: [] }).ok)
      continue;
    client.at(daysAfter(referredOn, random.int(2, 8)));
    let { body, etag } = await client.post<{ id: string }>("/api/v1/referrals", input);
    referred += 1;
    const outcome = random.weighted([
      ["admitted", 70],
      ["not_admitted", 12],
      ["pending", 18],
    ] as const);
    if (outcome === "pending") continue;
    const decided = addDays(referredOn, random.int(60, 200));
    if (decided > options.to) continue;
    client.at(daysAfter(decided, random.int(3, 10)));
    const stage = outcome === "admitted" ? "admitted_probationary" : "not_admitted";
    ({ body, etag } = await client.post<{ id: string }>(
      `/api/v1/referrals/${body.id}/steps`,
      { stage, date: decided, decisionRef: `${random.int(100, 900)}-QĐ/ĐU` },
      etag,
    ));
    const recognised = addDays(decided, 365 + random.int(0, 30));
    if (stage === "admitted_probationary" && recognised <= options.to) {
      client.at(daysAfter(recognised, random.int(3, 10)));
      await client.post(
        `/api/v1/referrals/${body.id}/steps`,
        { stage: "recognized_full", date: recognised, decisionRef: `${random.int(100, 900)}-QĐ/ĐU` },
        etag,
      );
    }
  }
  return referred;
}
