// The demo data: Sóc Trăng's Enterprise Bloc with the figures of 2017, Hà Nam with its conference
// of 2021, and two more provinces, written into an empty database in one transaction, through the
// import of register records and the API's own routes. The same code gives the same records.
import type { LocalizedText } from "@sodoan/domain";
import { generateMembers, SOC_TRANG } from "@sodoan/domain/reference";
import { sql } from "drizzle-orm";
import { closeSession, SESSION_COOKIE } from "../auth/sessions.js";
import type { Database, Db } from "../db/client.js";
import { rowsOf } from "../db/queries/tree.js";
import { article, conference, document, member, organization, positionTerm } from "../db/schema/index.js";
import { createDemoAccounts, openDemoAdministratorSession } from "./accounts.js";
import { createSeedClient, type SeedClient } from "./client.js";
import { HA_NAM, recordHaNamConferences } from "./ha-nam.js";
import {
  establishProvince,
  importProvinceMembers,
  type ProvincePlan,
  type ProvinceTree,
  referMembers,
} from "./province.js";
import { HAU_GIANG, NAM_DINH, recordProvinceCadres, recordYearEndReview } from "./provinces.js";
import { recordReorganisation } from "./reorganisation.js";
import { importSocTrangRegister, recordSocTrangConference } from "./soc-trang.js";
import { vietnamTime } from "./time.js";

/** Serialises seeding when several processes try at once; an arbitrary constant. */
const SEED_LOCK_KEY = 7_142_018;

/** Why the seed refused to write: the database already holds records. */
export class DatabaseNotEmptyError extends Error {
  readonly localized: LocalizedText = {
    vi: "Cơ sở dữ liệu đã có dữ liệu: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.",
    en: "The database already holds records: demo data is loaded only into an empty database.",
  };
  constructor() {
    super("The database already holds records: demo data is loaded only into an empty database.");
    this.name = "DatabaseNotEmptyError";
  }
}

/** What was written, for the log. */
export type SeedSummary = {
  organizations: number;
  members: number;
  conferences: number;
  articles: number;
  ms: number;
};

/** Whether the database holds no records of any kind a person enters. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const result = await db.execute(
    sql`select exists (select 1 from ${organization}) or exists (select 1 from ${member})
      or exists (select 1 from ${conference}) or exists (select 1 from ${article})
      or exists (select 1 from ${document}) or exists (select 1 from ${positionTerm}) as "any"`,
  );
  return rowsOf<{ any: boolean }>(result)[0]?.any !== true;
}

/**
 * Loads the demo data into an empty, migrated database, all or nothing; refuses a database that
 * holds records with `DatabaseNotEmptyError`.
 * @example await seedDemoData(database)
 */
export async function seedDemoData(database: Database): Promise<SeedSummary> {
  const started = performance.now();
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const db = tx as unknown as Db;
    if (!(await isDatabaseEmpty(db))) throw new DatabaseNotEmptyError();
    // The routes run inside this transaction: their own transactions become savepoints.
    const session = await openDemoAdministratorSession(db, new Date());
    const client = createSeedClient({ ...database, db }, `${SESSION_COOKIE}=${session}`);

    const socTrang = await importSocTrangRegister(db);
    const provinces = new Map<ProvincePlan, ProvinceTree>();
    for (const plan of [HA_NAM, NAM_DINH, HAU_GIANG])
      provinces.set(plan, await establishProvince(client, plan, SOC_TRANG.centralId));

    const tree = (plan: ProvincePlan) => provinces.get(plan) as ProvinceTree;
    // Those who leave a province go to a branch of its neighbour.
    const elsewhere = new Map<ProvincePlan, string>([
      [HA_NAM, tree(NAM_DINH).units[0]?.id ?? ""],
      [NAM_DINH, tree(HA_NAM).units[0]?.id ?? ""],
      [HAU_GIANG, "cd-thanh-pho-phuong-1-1"],
    ]);
    let members = socTrang.members.length;
    for (const [plan, provinceTree] of provinces) {
      const records = await importProvinceMembers(db, plan, provinceTree, elsewhere.get(plan) ?? "");
      members += records.members.length;
      await referMembers(client, {
        seed: plan.members.seed,
        count: 25,
        records,
        grassrootsOf: new Map(provinceTree.units.map((unit) => [unit.id, unit.grassrootsId])),
        from: "2016-01-01",
        to: plan.members.to,
      });
    }

    await recordSocTrangConference(client, socTrang);
    await recordHaNamConferences(client, tree(HA_NAM));
    const cadreNames = generateMembers({
      count: 8,
      seed: 2019,
      unitIds: ["a", "b"],
      ethnicities: [["Kinh", 1]],
    }).members.map((generated) => generated.fullName);
    await recordProvinceCadres(client, tree(NAM_DINH), cadreNames.slice(0, 4), "2022-07-25");
    await recordProvinceCadres(client, tree(HAU_GIANG), cadreNames.slice(4), "2022-08-10");
    const reviews = [
      await recordYearEndReview(client, tree(NAM_DINH), NAM_DINH, 2022),
      await recordYearEndReview(client, tree(HAU_GIANG), HAU_GIANG, 2023),
    ];
    await recordComments(client, reviews);
    await recordDraft(client, tree(HA_NAM).provinceId);

    const districtsOf = (plan: ProvincePlan) => tree(plan).districts.map((district) => district.id);
    await recordReorganisation(
      client,
      {
        target: {
          name: "Thành đoàn Cần Thơ",
          englishName: "Cần Thơ City Youth Union",
          establishedOn: "2004-01-01",
        },
        sourceIds: [SOC_TRANG.provinceId, tree(HAU_GIANG).provinceId],
        districtIds: [SOC_TRANG.blocId, SOC_TRANG.cityId, ...districtsOf(HAU_GIANG)],
      },
      SOC_TRANG.centralId,
    );
    await recordReorganisation(
      client,
      {
        target: {
          name: "Tỉnh đoàn Ninh Bình",
          englishName: "Ninh Bình Provincial Youth Union",
          establishedOn: "1992-04-01",
        },
        sourceIds: [tree(HA_NAM).provinceId, tree(NAM_DINH).provinceId],
        districtIds: [...districtsOf(HA_NAM), ...districtsOf(NAM_DINH)],
      },
      SOC_TRANG.centralId,
    );

    client.at(vietnamTime("2025-07-02", "08:00"));
    await createDemoAccounts(client);
    await closeSession(db, session);

    const counts = await countRecords(db);
    return { ...counts, members, ms: Math.round(performance.now() - started) };
  });
}

/** Readers' comments on the year-end reviews and the Sóc Trăng report, most approved, one refused, one waiting. */
async function recordComments(client: SeedClient, articles: { articleId: string; slug: string }[]) {
  const socTrang = "doan-khoi-doanh-nghiep-soc-trang-ban-cach-nang-chat-luong-co-so-doan";
  const plans = [
    {
      slug: socTrang,
      at: "2017-09-01",
      authorName: "Lâm Thị Ngọc Hân",
      body: "Chi đoàn chúng tôi ở Phân xưởng cấp đông cũng đã chuyển giờ sinh hoạt sang sau ca, anh em tham gia đông hơn hẳn.",
      decision: "approved",
    },
    {
      slug: socTrang,
      at: "2017-09-02",
      authorName: "Thạch Sô Phal",
      body: "Mong Đoàn Khối có thêm lớp bồi dưỡng nhận thức về Đảng cho đoàn viên công nhân.",
      decision: "approved",
    },
    {
      slug: socTrang,
      at: "2017-09-02",
      authorName: "khách",
      body: "Xem thêm tại trang của tôi!!!",
      decision: "rejected",
    },
    ...articles.map((review, i) => ({
      slug: review.slug,
      at: i === 0 ? "2022-12-22" : "2023-12-22",
      authorName: i === 0 ? "Phạm Văn Hiếu" : "Nguyễn Thị Thu Trang",
      body: "Chúc các bạn đoàn viên năm mới nhiều sức trẻ, tiếp tục có những công trình thanh niên thiết thực.",
      decision: "approved",
    })),
    {
      slug: socTrang,
      at: "2018-03-26",
      authorName: "Trần Minh Khoa",
      body: "Năm nay công ty tôi có thêm hai bạn được kết nạp Đảng.",
      decision: "pending",
    },
  ] as const;
  for (const plan of plans) {
    client.at(vietnamTime(plan.at, "20:15"));
    await client.post(`/api/v1/public/articles/${plan.slug}/comments`, {
      authorName: plan.authorName,
      body: plan.body,
    });
    if (plan.decision === "pending") continue;
    const { id } = await client.get<{ id: string }>(`/api/v1/articles/by-slug/${plan.slug}`);
    const pending = await client.get<{ id: string; body: string; version: number }[]>(
      `/api/v1/articles/${id}/comments?status=pending`,
    );
    const posted = pending.find((comment) => comment.body === plan.body);
    if (posted === undefined) throw new Error("Demo data: a posted comment was not found");
    client.at(vietnamTime(plan.at, "21:30"));
    await client.post(
      `/api/v1/comments/${posted.id}/moderate`,
      { decision: plan.decision },
      `"v${posted.version}"`,
    );
  }
}

/** An article still in the editors' hands, so that the admin shows every stage. */
async function recordDraft(client: SeedClient, provinceId: string) {
  client.at(vietnamTime("2024-12-27", "10:00"));
  await client.post("/api/v1/articles", {
    title: "Kế hoạch Tháng Thanh niên năm 2025 (dự thảo)",
    category: "Hoạt động",
    organizationId: provinceId,
    lead: "Dự thảo kế hoạch các hoạt động trọng tâm của Tháng Thanh niên năm 2025.",
    body: [{ type: "paragraph", text: "Nội dung đang được Ban Thường vụ Tỉnh đoàn góp ý." }],
  });
}

async function countRecords(db: Db) {
  const count = async (table: typeof organization | typeof conference | typeof article) =>
    Number((await db.select({ n: sql<number>`count(*)` }).from(table))[0]?.n ?? 0);
  return {
    organizations: await count(organization),
    conferences: await count(conference),
    articles: await count(article),
  };
}
