// The other provinces of the demo, Hậu Giang and Nam Định: their Unions with members over the
// years, a year-end review conference each with directives to the district level, and its article.
import { addDays, type CalendarDate, type Conference, formatNumber } from "@sodoan/domain";
import type { SeedClient } from "./client.js";
import { participantsOf } from "./participants.js";
import type { ProvincePlan, ProvinceTree } from "./province.js";
import { vietnamTime } from "./time.js";

export const HAU_GIANG: ProvincePlan = {
  name: "Tỉnh đoàn Hậu Giang",
  englishName: "Hậu Giang Provincial Youth Union",
  establishedOn: "2004-01-01",
  branchesPerCommune: 2,
  districts: [
    {
      name: "Thị đoàn Vị Thanh",
      area: "urban",
      establishedOn: "2004-01-01",
      renamed: { on: "2010-09-23", name: "Thành đoàn Vị Thanh" },
      communes: [
        { kind: "phường", name: "I" },
        { kind: "phường", name: "III" },
      ],
    },
    {
      name: "Huyện đoàn Phụng Hiệp",
      area: "rural",
      establishedOn: "2004-01-01",
      communes: [
        { kind: "thị trấn", name: "Cây Dương" },
        { kind: "xã", name: "Tân Bình" },
      ],
    },
    {
      name: "Huyện đoàn Long Mỹ",
      area: "rural",
      establishedOn: "2004-01-01",
      communes: [
        { kind: "thị trấn", name: "Vĩnh Viễn" },
        { kind: "xã", name: "Lương Tâm" },
      ],
    },
  ],
  members: {
    seed: 2004,
    count: 600,
    idPrefix: "hg-dv-",
    ethnicities: [
      ["Kinh", 90],
      ["Khmer", 7],
      ["Hoa", 3],
    ],
    from: "2008-01-01",
    to: "2025-06-30",
  },
};

export const NAM_DINH: ProvincePlan = {
  name: "Tỉnh đoàn Nam Định",
  englishName: "Nam Định Provincial Youth Union",
  establishedOn: "1997-01-01",
  branchesPerCommune: 2,
  districts: [
    {
      name: "Thành đoàn Nam Định",
      area: "urban",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "phường", name: "Trần Hưng Đạo" },
        { kind: "phường", name: "Lộc Vượng" },
      ],
    },
    {
      name: "Huyện đoàn Hải Hậu",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "thị trấn", name: "Yên Định" },
        { kind: "xã", name: "Hải Minh" },
      ],
    },
    {
      name: "Huyện đoàn Giao Thủy",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "thị trấn", name: "Ngô Đồng" },
        { kind: "xã", name: "Giao Thiện" },
      ],
    },
  ],
  members: {
    seed: 1997,
    count: 600,
    idPrefix: "nd-dv-",
    ethnicities: [["Kinh", 1]],
    from: "2008-01-01",
    to: "2025-06-30",
  },
};

/** One secretary per district-level unit and one for the province, names from the generator. */
export async function recordProvinceCadres(
  client: SeedClient,
  tree: ProvinceTree,
  names: readonly string[],
  from: CalendarDate,
): Promise<void> {
  client.at(vietnamTime(from, "16:00"));
  const organizations = [tree.provinceId, ...tree.districts.map((district) => district.id)];
  for (const [i, organizationId] of organizations.entries()) {
    await client.post("/api/v1/positions", {
      person: { fullName: names[i] ?? `Cán bộ ${i + 1}`, personId: `${organizationId}-bi-thu` },
      title: "secretary",
      organizationId,
      from,
    });
  }
}

/** The secretaries of the district-level units on a date. */
async function delegatesOf(client: SeedClient, tree: ProvinceTree, date: CalendarDate) {
  const people = [];
  for (const district of tree.districts)
    people.push(...(await participantsOf(client, district.id, date, ["secretary"])));
  return people;
}

/** The year-end review of a province with its directives for the next year, and the article on it. */
export async function recordYearEndReview(
  client: SeedClient,
  tree: ProvinceTree,
  plan: ProvincePlan,
  year: number,
): Promise<{ articleId: string; slug: string }> {
  const date: CalendarDate = `${year}-12-20`;
  const province = tree.provinceId;
  client.at(vietnamTime(date, "16:00"));
  const active = await client.quote({ metricId: "members.active", organizationId: province, asOf: date });
  const admitted = await client.quote({
    metricId: "members.admissions",
    organizationId: province,
    period: { from: `${year}-01-01`, to: date },
  });
  const place = plan.name.replace("Tỉnh đoàn ", "");
  const { body: conference } = await client.post<Conference>("/api/v1/conferences", {
    organizerId: province,
    convenedBy: { organizationId: province, body: "executive_committee" },
    kind: "final_review",
    title: `Hội nghị tổng kết công tác Đoàn và phong trào thanh niên năm ${year}`,
    startDate: date,
    endDate: date,
    session: "morning",
    chairs: await participantsOf(client, province, date, ["secretary"]),
    attendees: [
      {
        kind: "people",
        label: "Bí thư các huyện, thị, thành đoàn",
        people: await delegatesOf(client, tree, date),
      },
    ],
    periodUnderReview: { from: `${year}-01-01`, to: date },
    topics: [`Kết quả công tác Đoàn năm ${year}`, `Phương hướng năm ${year + 1}`],
    figures: [
      { label: "đoàn viên toàn tỉnh", figure: active },
      { label: `đoàn viên được kết nạp trong năm ${year}`, figure: admitted },
    ],
    conclusions: [
      "Hoàn thành các chỉ tiêu chủ yếu của năm; công tác phát triển đoàn viên cần đều hơn giữa các địa bàn.",
    ],
    directives: [
      {
        id: "chi-dao-1",
        text: "Tổ chức đợt kết nạp đoàn viên mới nhân kỷ niệm ngày thành lập Đoàn 26/3.",
        addressedTo: tree.districts.map((district) => district.id),
        dueDate: `${year + 1}-03-26`,
      },
      {
        id: "chi-dao-2",
        text: "Rà soát đoàn viên quá tuổi để làm thủ tục trưởng thành Đoàn.",
        addressedTo: tree.districts.map((district) => district.id),
        dueDate: `${year + 1}-06-30`,
      },
    ],
  });
  client.at(vietnamTime(date, "14:00"));
  const slug = `${plan.members.idPrefix.slice(0, 2)}-tong-ket-cong-tac-doan-nam-${year}`;
  const { body: draft, etag } = await client.post<{ id: string }>("/api/v1/articles", {
    title: `${place} tổng kết công tác Đoàn năm ${year}`,
    slug,
    category: "Hoạt động",
    organizationId: province,
    conferenceId: conference.id,
    lead: `Năm ${year}, ${plan.name} kết nạp ${formatNumber(admitted.value, "vi")} đoàn viên mới.`,
    body: [
      {
        type: "paragraph",
        text:
          `Hội nghị tổng kết ngày ${Number(date.slice(8))}/12/${year} đánh giá các phong trào trong năm và ` +
          `giao nhiệm vụ cho các huyện, thị, thành đoàn; cuối năm, toàn tỉnh có ${formatNumber(active.value, "vi")} ` +
          "đoàn viên đang sinh hoạt.",
      },
      { type: "figure", label: "đoàn viên toàn tỉnh", figure: active },
      { type: "figure", label: `đoàn viên được kết nạp trong năm ${year}`, figure: admitted },
    ],
  });
  // Scheduled for the next morning, as the editors do with evening copy.
  await client.post(
    `/api/v1/articles/${draft.id}/schedule`,
    { publishAt: vietnamTime(addDays(date, 1), "07:00") },
    etag,
  );
  return { articleId: draft.id, slug };
}
