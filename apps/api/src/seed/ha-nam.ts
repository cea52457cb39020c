// Hà Nam: the provincial Union and its district-level units, their cadres and terms, the two
// Conclusions of the Central Committee's Organisation Board with every date their sources give,
// the extended standing-committee conference of 25 November 2021 with its directives, the interim
// review that followed them up, and the articles on both.
import {
  type CalendarDate,
  type Conference,
  type Directive,
  formatNumber,
  formatPercent,
  validateFollowUp,
} from "@sodoan/domain";
import { generateMembers } from "@sodoan/domain/reference";
import type { SeedClient } from "./client.js";
import { participantsOf } from "./participants.js";
import type { ProvincePlan, ProvinceTree } from "./province.js";
import { vietnamTime } from "./time.js";

export const HA_NAM: ProvincePlan = {
  name: "Tỉnh đoàn Hà Nam",
  englishName: "Hà Nam Provincial Youth Union",
  establishedOn: "1997-01-01",
  branchesPerCommune: 3,
  districts: [
    {
      name: "Thị đoàn Phủ Lý",
      area: "urban",
      establishedOn: "1997-01-01",
      renamed: { on: "2008-06-09", name: "Thành đoàn Phủ Lý" },
      communes: [
        { kind: "phường", name: "Lê Hồng Phong" },
        { kind: "phường", name: "Minh Khai" },
      ],
    },
    {
      name: "Huyện đoàn Duy Tiên",
      area: "rural",
      establishedOn: "1997-01-01",
      renamed: { on: "2020-06-01", name: "Thị đoàn Duy Tiên" },
      communes: [
        { kind: "thị trấn", name: "Hòa Mạc" },
        { kind: "xã", name: "Mộc Bắc" },
      ],
    },
    {
      name: "Huyện đoàn Kim Bảng",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "thị trấn", name: "Quế" },
        { kind: "xã", name: "Nhật Tân" },
      ],
    },
    {
      name: "Huyện đoàn Thanh Liêm",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "xã", name: "Thanh Hà" },
        { kind: "xã", name: "Liêm Cần" },
      ],
    },
    {
      name: "Huyện đoàn Bình Lục",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "thị trấn", name: "Bình Mỹ" },
        { kind: "xã", name: "An Nội" },
      ],
    },
    {
      name: "Huyện đoàn Lý Nhân",
      area: "rural",
      establishedOn: "1997-01-01",
      communes: [
        { kind: "thị trấn", name: "Vĩnh Trụ" },
        { kind: "xã", name: "Nhân Hậu" },
      ],
    },
  ],
  members: {
    seed: 20_211_125,
    count: 1200,
    idPrefix: "hn-dv-",
    ethnicities: [["Kinh", 1]],
    from: "2008-01-01",
    to: "2025-06-30",
  },
};

/** The day of the conference, and the date its figures are asked on (the end of the month before). */
const HA_NAM_CONFERENCE = { date: "2021-11-25", figuresAsOf: "2021-10-31" } as const;

const TERMS = [
  { from: "2017-07-20", to: "2022-07-19" },
  { from: "2022-07-20", to: undefined },
] as const;

/** The provincial leaders, and a secretary and a deputy for each district-level unit in each term. */
async function recordCadres(client: SeedClient, tree: ProvinceTree): Promise<void> {
  client.at(vietnamTime("2017-10-25"));
  const leaders = [
    { fullName: "Trần Ngọc Nam", personId: "tran-ngoc-nam", title: "secretary" },
    {
      fullName: "Nguyễn Thị Phương Quỳnh",
      personId: "nguyen-thi-phuong-quynh",
      title: "standing_deputy_secretary",
    },
  ] as const;
  for (const { title, ...person } of leaders)
    await client.post("/api/v1/positions", {
      person,
      title,
      organizationId: tree.provinceId,
      from: "2017-10-20",
      to: "2022-10-19",
    });
  // Cadres are past Union age more often than not: names of their own, outside the roll.
  const names = generateMembers({
    count: tree.districts.length * 4,
    seed: 1997,
    unitIds: ["a", "b"],
    ethnicities: [["Kinh", 1]],
  }).members.map((member) => member.fullName);
  for (const [t, term] of TERMS.entries()) {
    client.at(vietnamTime(term.from, "16:00"));
    for (const [d, district] of tree.districts.entries()) {
      for (const [k, title] of (["secretary", "deputy_secretary"] as const).entries()) {
        const index = (t * tree.districts.length + d) * 2 + k;
        await client.post("/api/v1/positions", {
          person: { fullName: names[index] ?? `Cán bộ ${index}`, personId: `hn-cb-${index + 1}` },
          title,
          organizationId: district.id,
          from: term.from,
          ...(term.to === undefined ? {} : { to: term.to }),
        });
      }
    }
  }
}

type DocumentView = { id: string; symbol: string; title: string };

/** The two Conclusions the conference reviewed; sources disagree on the date of the second. */
async function recordConclusions(client: SeedClient): Promise<[DocumentView, DocumentView]> {
  client.at(vietnamTime("2021-11-22", "14:00"));
  const centralSource = { name: "Tỉnh đoàn Hà Nam, tin Hội nghị Ban Thường vụ mở rộng ngày 25/11/2021" };
  const { body: first } = await client.post<DocumentView>("/api/v1/documents", {
    symbol: "07-KL/TWĐTN-BTC",
    title: "Kết luận về nâng cao chất lượng công tác cán bộ Đoàn giai đoạn 2019 – 2022",
    date: "2019-02-14",
    dateClaims: [{ date: "2019-02-14", source: centralSource }],
  });
  const { body: second } = await client.post<DocumentView>("/api/v1/documents", {
    symbol: "08-KL/TWĐTN-BTC",
    title: "Kết luận về nâng cao chất lượng tổ chức cơ sở Đoàn khu vực địa bàn dân cư giai đoạn 2019 – 2022",
    dateClaims: [
      { date: "2019-03-05", source: centralSource },
      { date: "2019-02-14", source: { name: "Văn bản hướng dẫn của một tỉnh đoàn khác" } },
    ],
  });
  return [first, second];
}

const DIRECTIVES = [
  "Rà soát, xây dựng quy hoạch cán bộ Đoàn cấp cơ sở.",
  "Tập huấn nghiệp vụ cho bí thư chi đoàn.",
  "Xây dựng chi đoàn mạnh, lấy chi đoàn làm nơi đoàn viên gắn bó.",
  "Đổi mới nội dung sinh hoạt chi đoàn theo chủ đề, phù hợp từng nhóm đoàn viên.",
  "Hỗ trợ thanh niên học nghề, tìm việc làm, nhất là thanh niên nông thôn.",
] as const;

/** The conference of 25 November 2021, its follow-up in July 2022, and the articles on both. */
export async function recordHaNamConferences(client: SeedClient, tree: ProvinceTree): Promise<void> {
  await recordCadres(client, tree);
  const [conclusion07, conclusion08] = await recordConclusions(client);
  const date = HA_NAM_CONFERENCE.date;
  client.at(vietnamTime(date, "14:00"));
  const province = tree.provinceId;
  const chairs = await participantsOf(client, province, date, ["secretary"]);
  const speakers = await participantsOf(client, province, date, ["standing_deputy_secretary"]);
  const delegates = [];
  for (const district of tree.districts)
    delegates.push(...(await participantsOf(client, district.id, date, ["secretary"])));
  const active = await client.quote({
    metricId: "members.active",
    organizationId: province,
    asOf: HA_NAM_CONFERENCE.figuresAsOf,
  });
  const strong = await client.quote({
    metricId: "ratings.strong_branch_share",
    organizationId: province,
    asOf: "2020-12-31",
    unit: "ratio",
  });
  const districtIds = tree.districts.map((district) => district.id);
  const { body: conference, etag: conferenceEtag } = await client.post<Conference>("/api/v1/conferences", {
    organizerId: province,
    convenedBy: { organizationId: province, body: "standing_committee" },
    kind: "extended_standing_committee",
    title: "Hội nghị Ban Thường vụ Tỉnh đoàn mở rộng sơ kết Kết luận 07 và Kết luận 08",
    startDate: date,
    endDate: date,
    session: "morning",
    place: "Trụ sở Tỉnh đoàn Hà Nam, thành phố Phủ Lý",
    chairs,
    speakers,
    attendees: [
      { kind: "people", label: "Bí thư các huyện, thị, thành đoàn", people: delegates },
      {
        kind: "group",
        description: "Ủy viên Ban Thường vụ Tỉnh đoàn và cán bộ các ban",
        organizationIds: [province],
      },
    ],
    documentsReviewed: [
      {
        symbol: conclusion07.symbol,
        documentId: conclusion07.id,
        title: conclusion07.title,
        date: "2019-02-14",
      },
      // The date the Hà Nam record gives; the document keeps both claims with their sources.
      {
        symbol: conclusion08.symbol,
        documentId: conclusion08.id,
        title: conclusion08.title,
        date: "2019-03-05",
      },
    ],
    periodUnderReview: { from: "2019-01-01", to: HA_NAM_CONFERENCE.figuresAsOf },
    topics: [
      "Kết quả thực hiện Kết luận 07-KL/TWĐTN-BTC về công tác cán bộ Đoàn",
      "Kết quả thực hiện Kết luận 08-KL/TWĐTN-BTC về tổ chức cơ sở Đoàn ở địa bàn dân cư",
    ],
    figures: [
      { label: "đoàn viên toàn tỉnh", figure: active },
      { label: "chi đoàn được xếp loại mạnh năm 2020", figure: strong },
    ],
    conclusions: [
      "Hai Kết luận đã được các cơ sở Đoàn triển khai nghiêm túc; chất lượng cán bộ và tổ chức cơ sở có chuyển biến.",
      "Một số chi đoàn ở nông thôn còn sinh hoạt thưa, thiếu người kế cận cho vị trí bí thư.",
    ],
    directives: DIRECTIVES.map((text, i) => ({
      id: `chi-dao-${i + 1}`,
      text,
      addressedTo: districtIds,
      dueDate: i < 2 ? "2022-06-30" : "2022-12-31",
    })),
  });

  client.at(vietnamTime(date, "11:30"));
  const { body: draft, etag } = await client.post<{ id: string }>("/api/v1/articles", {
    title: "Tỉnh đoàn Hà Nam nhìn lại ba năm thực hiện hai kết luận về cán bộ và cơ sở Đoàn",
    category: "Đoàn thể",
    organizationId: province,
    conferenceId: conference.id,
    lead:
      "Sáng 25/11/2021, Ban Thường vụ Tỉnh đoàn Hà Nam họp mở rộng với lãnh đạo các huyện, thị, thành " +
      "đoàn để đánh giá việc thực hiện Kết luận 07 và Kết luận 08 của Trung ương Đoàn.",
    body: [
      {
        type: "paragraph",
        text:
          "Đồng chí Trần Ngọc Nam, Bí thư Tỉnh đoàn, chủ trì; đồng chí Nguyễn Thị Phương Quỳnh, Phó Bí thư " +
          "Thường trực, trình bày báo cáo đánh giá.",
      },
      {
        type: "paragraph",
        text:
          `Đến cuối tháng 10/2021, toàn tỉnh có ${formatNumber(active.value, "vi")} đoàn viên; năm 2020, ` +
          `${formatPercent(strong.value, "vi")} chi đoàn được xếp loại mạnh.`,
      },
      { type: "figure", label: "đoàn viên toàn tỉnh", figure: active },
      { type: "figure", label: "chi đoàn được xếp loại mạnh năm 2020", figure: strong },
      { type: "heading", level: 2, text: "Nhiệm vụ đến hết năm 2022" },
      ...DIRECTIVES.map((text) => ({ type: "paragraph" as const, text })),
    ],
  });
  client.at(vietnamTime(date, "15:00"));
  await client.post(`/api/v1/articles/${draft.id}/publish`, {}, etag);

  await recordFollowUp(client, tree, conference, conferenceEtag);
}

/** The interim review of July 2022, which reports on the first two directives. */
async function recordFollowUp(
  client: SeedClient,
  tree: ProvinceTree,
  issuing: Conference,
  issuingEtag: string,
): Promise<void> {
  const date: CalendarDate = "2022-07-15";
  client.at(vietnamTime(date, "16:00"));
  const province = tree.provinceId;
  const active = await client.quote({
    metricId: "members.active",
    organizationId: province,
    asOf: "2022-06-30",
  });
  const { body: review } = await client.post<Conference>("/api/v1/conferences", {
    organizerId: province,
    convenedBy: { organizationId: province, body: "executive_committee" },
    kind: "interim_review",
    title: "Hội nghị sơ kết công tác Đoàn và phong trào thanh niên 6 tháng đầu năm 2022",
    startDate: date,
    endDate: date,
    session: "morning",
    chairs: await participantsOf(client, province, date, ["secretary"]),
    speakers: await participantsOf(client, province, date, ["standing_deputy_secretary"]),
    periodUnderReview: { from: "2022-01-01", to: "2022-06-30" },
    topics: ["Quy hoạch cán bộ Đoàn cơ sở", "Tập huấn bí thư chi đoàn"],
    figures: [{ label: "đoàn viên toàn tỉnh", figure: active }],
    conclusions: ["Các đơn vị đã hoàn thành rà soát quy hoạch và tập huấn bí thư chi đoàn theo kế hoạch."],
  });
  const directives: Directive[] = issuing.directives.map((directive) => {
    if (directive.dueDate !== "2022-06-30") return directive;
    const checked = validateFollowUp(issuing, directive.id, review);
    if (!checked.ok) throw new Error(`Demo data: ${checked.message.en}`);
    return checked.value;
  });
  await client.patch(`/api/v1/conferences/${issuing.id}`, { directives }, issuingEtag);

  client.at(vietnamTime(date, "14:00"));
  const { body: draft, etag } = await client.post<{ id: string }>("/api/v1/articles", {
    title: "Hà Nam: xong quy hoạch cán bộ Đoàn cơ sở và tập huấn bí thư chi đoàn",
    category: "Hoạt động",
    organizationId: province,
    conferenceId: review.id,
    lead:
      "Sáu tháng đầu năm 2022, các huyện, thị, thành đoàn ở Hà Nam đã hoàn thành hai nhiệm vụ Ban Thường " +
      "vụ Tỉnh đoàn giao từ cuối năm trước.",
    body: [
      {
        type: "paragraph",
        text:
          "Tại hội nghị sơ kết ngày 15/7/2022, Tỉnh đoàn cho biết các lớp tập huấn nghiệp vụ cho bí thư " +
          "chi đoàn đã mở ở mọi huyện, thị, thành đoàn và các cơ sở đã rà soát xong quy hoạch cán bộ.",
      },
      { type: "figure", label: "đoàn viên toàn tỉnh", figure: active },
    ],
  });
  client.at(vietnamTime("2022-07-16", "08:00"));
  await client.post(`/api/v1/articles/${draft.id}/publish`, {}, etag);
}
