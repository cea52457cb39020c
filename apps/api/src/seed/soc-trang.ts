// Sóc Trăng: the register of the Enterprise Bloc Youth Union built by the domain's reference
// builder, imported with its recording times; the cadres of its grassroots organisations; the
// thematic conference of 31 August 2017 and the article on it, whose figures are computed by the
// metrics from those records.
import {
  type Conference,
  deriveMemberState,
  formatNumber,
  formatPercent,
  type MemberEvent,
  type QuotedFigure,
} from "@sodoan/domain";
import { buildSocTrangReference, type ReferenceDataset, SOC_TRANG } from "@sodoan/domain/reference";
import type { Db } from "../db/client.js";
import { importRegisterRecords } from "../db/import-records.js";
import type { SeedClient } from "./client.js";
import { participantsOf } from "./participants.js";
import { vietnamTime } from "./time.js";

/** Imports the reference register: organisations, members, histories, referrals, ratings. */
export async function importSocTrangRegister(db: Db): Promise<ReferenceDataset> {
  const data = buildSocTrangReference();
  await importRegisterRecords(db, data);
  return data;
}

/** Secretaries and deputy secretaries of the bloc's grassroots organisations, chosen among their members. */
async function recordGrassrootsCadres(client: SeedClient, data: ReferenceDataset): Promise<string[]> {
  const parentOf = new Map(data.parentLinks.map((link) => [link.childId, link.parentId]));
  const grassroots = data.organizations
    .filter((org) => org.level === "grassroots" && parentOf.get(org.id) === SOC_TRANG.blocId)
    .map((org) => org.id);
  const eventsOf = new Map<string, MemberEvent[]>();
  for (const event of data.memberEvents)
    eventsOf.set(event.memberId, [...(eventsOf.get(event.memberId) ?? []), event]);
  const membersOf = new Map<string, { id: string; fullName: string }[]>();
  for (const member of data.members) {
    const unit = deriveMemberState(eventsOf.get(member.id) ?? [], { asOf: SOC_TRANG.asOf }).homeUnitId;
    if (unit === null) continue;
    const home = grassroots.includes(unit) ? unit : parentOf.get(unit);
    if (home === undefined || !grassroots.includes(home)) continue;
    membersOf.set(home, [...(membersOf.get(home) ?? []), member]);
  }
  // Elected at the grassroots congresses of spring 2017 for the 2017–2022 term.
  for (const [i, organizationId] of grassroots.entries()) {
    const [secretary, deputy] = membersOf.get(organizationId) ?? [];
    const from = `2017-0${3 + (i % 3)}-${String(10 + i).padStart(2, "0")}`;
    client.at(vietnamTime(from, "15:00"));
    for (const [person, title] of [
      [secretary, "secretary"],
      [deputy, "deputy_secretary"],
    ] as const) {
      if (person === undefined) continue;
      await client.post("/api/v1/positions", {
        person: { fullName: person.fullName, memberId: person.id },
        title,
        organizationId,
        from,
        to: "2022-05-31",
      });
    }
  }
  client.at(vietnamTime("2015-09-20"));
  await client.post("/api/v1/positions", {
    person: { fullName: "Đàm Mỹ Anh", personId: "dam-my-anh" },
    title: "deputy_secretary",
    organizationId: SOC_TRANG.blocId,
    from: "2015-09-15",
  });
  return grassroots;
}

/** The figures of 31 August 2017, as the metrics compute them at the clock's moment. */
async function quoteBlocFigures(client: SeedClient) {
  const bloc = SOC_TRANG.blocId;
  const period = SOC_TRANG.referralPeriod;
  const asOf = SOC_TRANG.asOf;
  const residence: { year: number; figure: QuotedFigure }[] = [];
  for (const year of SOC_TRANG.residenceYears) {
    const yearAsOf = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    const figure = await client.quote({
      metricId: "members.residence_registration_rate",
      organizationId: bloc,
      asOf: yearAsOf,
      unit: "ratio",
    });
    residence.push({ year, figure });
  }
  return {
    active: await client.quote({ metricId: "members.active", organizationId: bloc, asOf }),
    residence,
    referred: await client.quote({ metricId: "referrals.referred", organizationId: bloc, period }),
    admitted: await client.quote({ metricId: "referrals.party_admissions", organizationId: bloc, period }),
    cohort: await client.quote({
      metricId: "referrals.cohort_admission_rate",
      organizationId: bloc,
      period,
      asOf,
      unit: "ratio",
    }),
  };
}

const number = (figure: QuotedFigure) => formatNumber(figure.value, "vi");
const percent = (figure: QuotedFigure) => formatPercent(figure.value, "vi");

/** The conference of 31 August 2017 and the report on it published the next day. */
export async function recordSocTrangConference(client: SeedClient, data: ReferenceDataset): Promise<void> {
  const grassroots = await recordGrassrootsCadres(client, data);
  // Written up the next morning, once the registers were brought up to date; the report published
  // at 13:00 quotes the figures computed then.
  client.at(vietnamTime("2017-09-01", "10:00"));
  const figures = await quoteBlocFigures(client);
  const cadres = [];
  for (const id of grassroots)
    cadres.push(...(await participantsOf(client, id, SOC_TRANG.asOf, ["secretary", "deputy_secretary"])));
  const [deputy] = await participantsOf(client, SOC_TRANG.blocId, SOC_TRANG.asOf, ["deputy_secretary"]);
  const { body: conference } = await client.post<Conference>("/api/v1/conferences", {
    organizerId: SOC_TRANG.blocId,
    convenedBy: { organizationId: SOC_TRANG.blocId, body: "standing_committee" },
    kind: "thematic",
    title: "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn trong doanh nghiệp",
    startDate: SOC_TRANG.asOf,
    endDate: SOC_TRANG.asOf,
    session: "afternoon",
    attendees: [
      {
        kind: "people",
        label: "Đại biểu",
        people: [
          {
            person: { fullName: "Huỳnh Công Trí", personId: "huynh-cong-tri" },
            title: "Phó Bí thư Đảng ủy Khối Doanh nghiệp tỉnh Sóc Trăng",
            titleEn: "Deputy Secretary, Party Committee of the Enterprise Bloc",
          },
          ...(deputy === undefined ? [] : [deputy]),
        ],
      },
      {
        kind: "group",
        description: "Đại diện Tỉnh đoàn Sóc Trăng",
        organizationIds: [SOC_TRANG.provinceId],
      },
      { kind: "people", label: "Bí thư, Phó Bí thư các cơ sở Đoàn trực thuộc", people: cadres },
    ],
    periodUnderReview: SOC_TRANG.referralPeriod,
    topics: [
      "Chất lượng sinh hoạt chi đoàn trong doanh nghiệp",
      "Đoàn viên đăng ký sinh hoạt nơi cư trú",
      "Giới thiệu đoàn viên ưu tú cho Đảng xem xét, kết nạp",
    ],
    figures: [
      { label: "đoàn viên đang sinh hoạt trong Đoàn Khối", figure: figures.active },
      ...figures.residence.map(({ year, figure }) => ({
        label: `đoàn viên đăng ký sinh hoạt nơi cư trú năm ${year}`,
        figure,
      })),
      { label: "đoàn viên ưu tú được giới thiệu cho Đảng", figure: figures.referred },
      { label: "đoàn viên được kết nạp Đảng", figure: figures.admitted },
      { label: "số được giới thiệu đã được kết nạp", figure: figures.cohort },
    ],
    conclusions: [
      "Mỗi chi đoàn giữ nền nếp sinh hoạt hằng tháng, bố trí giờ họp hợp với ca làm việc của công nhân.",
      "Tiếp tục vận động đoàn viên đăng ký sinh hoạt nơi cư trú và báo lại kết quả cho chi đoàn.",
      "Chọn đoàn viên ưu tú từ thi đua sản xuất để giới thiệu cho cấp ủy xem xét.",
    ],
  });

  const published = figures;
  const { body: draft, etag } = await client.post<{ id: string }>("/api/v1/articles", {
    title: "Đoàn Khối doanh nghiệp Sóc Trăng bàn cách nâng chất lượng cơ sở Đoàn",
    slug: "doan-khoi-doanh-nghiep-soc-trang-ban-cach-nang-chat-luong-co-so-doan",
    category: "Đoàn thể",
    organizationId: SOC_TRANG.blocId,
    source: { name: "Báo Sóc Trăng" },
    author: "Tấn Phát",
    conferenceId: conference.id,
    lead:
      `Chiều 31/8/2017, Đoàn Khối doanh nghiệp tỉnh Sóc Trăng họp chuyên đề về chất lượng tổ chức cơ sở ` +
      `Đoàn; toàn khối hiện có ${number(published.active)} đoàn viên đang sinh hoạt.`,
    body: [
      {
        type: "paragraph",
        text:
          "Hội nghị có sự tham dự của đồng chí Huỳnh Công Trí, Phó Bí thư Đảng ủy Khối Doanh nghiệp tỉnh, " +
          "đồng chí Đàm Mỹ Anh, Phó Bí thư Đoàn Khối, đại diện Tỉnh đoàn cùng bí thư, phó bí thư các cơ sở " +
          "Đoàn trực thuộc.",
      },
      { type: "figure", label: "đoàn viên đang sinh hoạt trong Đoàn Khối", figure: published.active },
      { type: "heading", level: 2, text: "Sinh hoạt nơi cư trú" },
      {
        type: "paragraph",
        text:
          "Từ năm 2014 đến nay, năm nào Đoàn Khối cũng có trên 95% đoàn viên đăng ký sinh hoạt tại nơi " +
          `cư trú (năm 2017: ${percent(published.residence[published.residence.length - 1]?.figure ?? published.cohort)}).`,
      },
      ...published.residence.map(({ year, figure }) => ({
        type: "figure" as const,
        label: `đoàn viên đăng ký sinh hoạt nơi cư trú năm ${year}`,
        figure,
      })),
      { type: "heading", level: 2, text: "Giới thiệu đoàn viên ưu tú cho Đảng" },
      {
        type: "paragraph",
        text:
          `Từ 01/01/2014 đến 31/8/2017, các cơ sở Đoàn đã giới thiệu ${number(published.referred)} đoàn viên ` +
          `ưu tú để cấp ủy xem xét; ${number(published.admitted)} người trong số đó đã được kết nạp Đảng, ` +
          `đạt ${percent(published.cohort)}.`,
      },
      { type: "figure", label: "đoàn viên ưu tú được giới thiệu cho Đảng", figure: published.referred },
      { type: "figure", label: "đoàn viên được kết nạp Đảng", figure: published.admitted },
      { type: "figure", label: "số được giới thiệu đã được kết nạp", figure: published.cohort },
      {
        type: "paragraph",
        text:
          "Các đại biểu thống nhất giữ nền nếp sinh hoạt chi đoàn theo ca sản xuất, tiếp tục vận động " +
          "đoàn viên về sinh hoạt ở khu dân cư và chọn người giới thiệu cho Đảng từ phong trào thi đua.",
      },
    ],
  });
  client.at(vietnamTime("2017-09-01", "13:00"));
  await client.post(`/api/v1/articles/${draft.id}/publish`, {}, etag);
}
