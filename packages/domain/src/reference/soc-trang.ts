// The Sóc Trăng demo: the provincial Union, its Enterprise Bloc and their members, built from a seed.
import type { MemberEvent, MemberEventBody } from "../member/events.js";
import type { Gender, Member } from "../member/schema.js";
import {
  applyMemberCorrections,
  findSegment,
  foldMemberEvents,
  isOnRoll,
  type MemberTimeline,
} from "../member/state.js";
import type { LineageEvent, Organization, ParentLink } from "../organization/schema.js";
import type { OrganizationRating } from "../rating/index.js";
import {
  type Referral,
  ReferralSchema,
  type ReferralStep,
  validateReferralCreate,
} from "../referral/index.js";
import {
  addDays,
  addYears,
  ageOn,
  type CalendarDate,
  endOfYear,
  type Period,
  partialDateBounds,
} from "../time/index.js";
import { MemberHistoryWriter, toVietnamInstant, vietnamMillis } from "./history.js";
import { ETHNICITIES, type Ethnicity, generateFullName, generateReligion } from "./names.js";
import { createRandom, earlierDate, laterDate, type Random } from "./random.js";

/** The records of a reference dataset, plain and ready to store. */
export type ReferenceDataset = {
  organizations: Organization[];
  parentLinks: ParentLink[];
  lineageEvents: LineageEvent[];
  members: Member[];
  memberEvents: MemberEvent[];
  referrals: Referral[];
  /** Yearly ratings of organisations (a member's rating is a `rated` member event). */
  organizationRatings: OrganizationRating[];
};

/** Where the Sóc Trăng figures are asked: ids and dates only, never the figures themselves. */
export const SOC_TRANG = {
  centralId: "trung-uong-doan",
  provinceId: "tinh-doan-soc-trang",
  blocId: "doan-khoi-doanh-nghiep-soc-trang",
  cityId: "thanh-doan-soc-trang",
  asOf: "2017-08-31",
  /** When the figures were published (the report of 1 September 2017, 13:00 in Vietnam). */
  publishedAt: "2017-09-01T13:00:00+07:00",
  referralPeriod: { from: "2014-01-01", to: "2017-08-31" },
  residenceYears: [2014, 2015, 2016, 2017],
} as const satisfies { asOf: CalendarDate; referralPeriod: Period } & Record<string, unknown>;

// The bloc as built: active members as of the as-of date, and referral outcomes in the period.
const TARGET_ACTIVE = 1587;
const TARGET_OTHERS = 760;
const REFERRAL_PLAN = {
  admittedByAsOf: 342,
  admittedAfterAsOf: 31,
  stillPending: 58,
  notAdmitted: 92,
  withdrawn: 59,
} as const;
const START: CalendarDate = "2008-01-01";
const END: CalendarDate = "2017-12-28";
const RECORDED_BY = vietnamMillis("2017-09-01", 9);
// From 2012 the bloc pushed residence registration; from 2014 nearly every member took part.
const RESIDENCE_SHARE: Record<number, number> = {
  2012: 0.62,
  2013: 0.84,
  2014: 0.974,
  2015: 0.978,
  2016: 0.981,
  2017: 0.983,
};

type GrassrootsPlan = { slug: string; name: string; branches: readonly string[] | null; weight: number };

const ENTERPRISES: readonly GrassrootsPlan[] = [
  {
    slug: "thuy-san-ba-xuyen",
    name: "Công ty Cổ phần Thủy sản Ba Xuyên",
    branches: [
      "Phân xưởng chế biến 1",
      "Phân xưởng chế biến 2",
      "Phân xưởng cấp đông",
      "Kho vận",
      "Kỹ thuật – Cơ điện",
      "Văn phòng",
    ],
    weight: 16,
  },
  {
    slug: "thuy-san-tran-de",
    name: "Công ty TNHH Chế biến Thủy sản Trần Đề",
    branches: ["Xưởng tôm", "Xưởng cá", "Kiểm phẩm", "Kho lạnh", "Văn phòng"],
    weight: 13,
  },
  {
    slug: "mia-duong-cu-lao-dung",
    name: "Công ty Cổ phần Mía đường Cù Lao Dung",
    branches: ["Nhà máy đường", "Nông vụ", "Cơ khí", "Văn phòng"],
    weight: 9,
  },
  {
    slug: "luong-thuc-ke-sach",
    name: "Công ty Cổ phần Lương thực Kế Sách",
    branches: ["Nhà máy xay xát", "Kinh doanh", "Văn phòng"],
    weight: 6,
  },
  {
    slug: "cap-nuoc-ba-xuyen",
    name: "Công ty TNHH Một thành viên Cấp nước Ba Xuyên",
    branches: ["Nhà máy nước", "Quản lý mạng lưới", "Văn phòng"],
    weight: 6,
  },
  {
    slug: "xay-dung-song-hau",
    name: "Công ty Cổ phần Xây dựng Sông Hậu",
    branches: ["Đội thi công 1", "Đội thi công 2", "Văn phòng"],
    weight: 6,
  },
  {
    slug: "duoc-nhu-gia",
    name: "Công ty Cổ phần Dược phẩm Nhu Gia",
    branches: ["Sản xuất", "Kinh doanh", "Văn phòng"],
    weight: 6,
  },
  {
    slug: "dien-tu-long-phu",
    name: "Công ty TNHH Điện tử Long Phú",
    branches: ["Dây chuyền lắp ráp A", "Dây chuyền lắp ráp B", "Kiểm tra chất lượng", "Văn phòng"],
    weight: 10,
  },
  { slug: "van-tai-my-xuyen", name: "Công ty TNHH Vận tải Hành khách Mỹ Xuyên", branches: null, weight: 3 },
  {
    slug: "vat-tu-thanh-tri",
    name: "Công ty Cổ phần Vật tư Nông nghiệp Thạnh Trị",
    branches: null,
    weight: 2,
  },
  { slug: "hanh-tim-vinh-chau", name: "Công ty TNHH Hành tím Vĩnh Châu", branches: null, weight: 3 },
  { slug: "khach-san-phu-nam", name: "Công ty Cổ phần Khách sạn Phù Nam", branches: null, weight: 2 },
  { slug: "in-bao-bi-my-tu", name: "Công ty Cổ phần In và Bao bì Mỹ Tú", branches: null, weight: 2 },
  { slug: "xang-dau-nga-nam", name: "Công ty Cổ phần Xăng dầu Ngã Năm", branches: null, weight: 2 },
];

const WARDS = [
  { slug: "phuong-1", name: "Phường 1", hamlets: ["Khóm 1", "Khóm 2", "Khóm 3"] },
  { slug: "phuong-2", name: "Phường 2", hamlets: ["Khóm 4", "Khóm 5", "Khóm 6"] },
  { slug: "phuong-5", name: "Phường 5", hamlets: ["Khóm 2", "Khóm 7"] },
  { slug: "phuong-10", name: "Phường 10", hamlets: ["Khóm 3", "Khóm 8"] },
] as const;

const RESIDENCES = [
  "Phường 1, thành phố Sóc Trăng",
  "Phường 2, thành phố Sóc Trăng",
  "Phường 5, thành phố Sóc Trăng",
  "Phường 10, thành phố Sóc Trăng",
  "Thị trấn Mỹ Xuyên, huyện Mỹ Xuyên",
  "Xã An Hiệp, huyện Châu Thành",
  "Thị trấn Kế Sách, huyện Kế Sách",
  "Xã Vĩnh Hải, thị xã Vĩnh Châu",
  "Thị trấn Long Phú, huyện Long Phú",
  "Xã Trung Bình, huyện Trần Đề",
  "Thị trấn Cù Lao Dung, huyện Cù Lao Dung",
  "Phường 1, thị xã Ngã Năm",
] as const;

const OCCUPATIONS = [
  ["Công nhân", 55],
  ["Kỹ thuật viên", 12],
  ["Nhân viên văn phòng", 12],
  ["Kế toán", 5],
  ["Kỹ sư", 6],
  ["Lái xe", 4],
  ["Nhân viên kinh doanh", 6],
] as const;
const EDUCATION = [
  ["12/12", 55],
  ["Trung cấp", 18],
  ["Cao đẳng", 12],
  ["Đại học", 15],
] as const;

type Orgs = {
  organizations: Organization[];
  parentLinks: ParentLink[];
  /** Member-holding units of the bloc, with their grassroots organisation and a weight. */
  blocUnits: { id: string; grassrootsId: string; weight: number }[];
  /** Residential branches of the city Union, where members register and may move to. */
  residentialUnits: string[];
};

function buildOrganizations(random: Random): Orgs {
  const organizations: Organization[] = [];
  const parentLinks: ParentLink[] = [];
  const add = (org: Omit<Organization, "recordedAt">, parentId: string | null) => {
    const recordedAt = toVietnamInstant(vietnamMillis(addDays(org.establishedOn, random.int(3, 20)), 9));
    organizations.push({ ...org, recordedAt });
    if (parentId !== null) {
      parentLinks.push({
        id: `link-${org.id}`,
        childId: org.id,
        parentId,
        from: org.establishedOn,
        recordedAt,
      });
    }
  };
  add(
    {
      id: SOC_TRANG.centralId,
      name: "Trung ương Đoàn TNCS Hồ Chí Minh",
      level: "central",
      establishedOn: "1931-03-26",
    },
    null,
  );
  add(
    {
      id: SOC_TRANG.provinceId,
      name: "Tỉnh đoàn Sóc Trăng",
      level: "provincial",
      establishedOn: "1992-04-01",
    },
    SOC_TRANG.centralId,
  );
  add(
    {
      id: SOC_TRANG.blocId,
      name: "Đoàn Khối doanh nghiệp tỉnh Sóc Trăng",
      shortName: "Đoàn Khối DN",
      englishName: "Sóc Trăng Enterprise Bloc Youth Union",
      level: "district",
      sector: "enterprise",
      area: "urban",
      establishedOn: "2007-10-15",
    },
    SOC_TRANG.provinceId,
  );
  add(
    {
      id: SOC_TRANG.cityId,
      name: "Thành đoàn Sóc Trăng",
      level: "district",
      sector: "residential",
      area: "urban",
      establishedOn: "1992-04-01",
    },
    SOC_TRANG.provinceId,
  );
  const blocUnits: Orgs["blocUnits"] = [];
  for (const plan of ENTERPRISES) {
    const id = `dcs-${plan.slug}`;
    const establishedOn = random.date("2007-11-01", "2007-12-31");
    const isBranch = plan.branches === null;
    add(
      {
        id,
        name: `${isBranch ? "Chi đoàn cơ sở" : "Đoàn cơ sở"} ${plan.name}`,
        level: "grassroots",
        grassrootsKind: isBranch ? "branch" : "union",
        sector: "enterprise",
        area: "urban",
        establishedOn,
      },
      SOC_TRANG.blocId,
    );
    if (plan.branches === null) {
      blocUnits.push({ id, grassrootsId: id, weight: plan.weight });
      continue;
    }
    plan.branches.forEach((branch, i) => {
      const branchId = `cd-${plan.slug}-${i + 1}`;
      add(
        { id: branchId, name: `Chi đoàn ${branch}`, level: "branch", sector: "enterprise", establishedOn },
        id,
      );
      blocUnits.push({ id: branchId, grassrootsId: id, weight: plan.weight / (plan.branches?.length ?? 1) });
    });
  }
  const residentialUnits: string[] = [];
  for (const ward of WARDS) {
    const id = `dcs-thanh-pho-${ward.slug}`;
    add(
      {
        id,
        name: `Đoàn ${ward.name}`,
        level: "grassroots",
        grassrootsKind: "union",
        sector: "residential",
        area: "urban",
        establishedOn: "1995-01-01",
      },
      SOC_TRANG.cityId,
    );
    ward.hamlets.forEach((hamlet, i) => {
      const branchId = `cd-thanh-pho-${ward.slug}-${i + 1}`;
      add(
        {
          id: branchId,
          name: `Chi đoàn ${hamlet}, ${ward.name}`,
          level: "branch",
          sector: "residential",
          establishedOn: "1995-01-01",
        },
        id,
      );
      residentialUnits.push(branchId);
    });
  }
  return { organizations, parentLinks, blocUnits, residentialUnits };
}

type Candidate = { member: Member; bodies: MemberEventBody[] };

/** The 26 March (Union Day) on or after a date, when maturation ceremonies are held. */
function nextUnionDay(date: CalendarDate): CalendarDate {
  const sameYear = `${date.slice(0, 4)}-03-26`;
  return sameYear >= date ? sameYear : `${Number(date.slice(0, 4)) + 1}-03-26`;
}

function generateCandidate(random: Random, orgs: Orgs, index: number): Candidate {
  const id = `st-dv-${String(index).padStart(5, "0")}`;
  const ethnicity: Ethnicity = random.weighted(ETHNICITIES);
  const gender: Gender = random.chance(0.55) ? "female" : "male";
  const birthYear = random.int(1979, 1999);
  const fullBirth = random.date(`${birthYear}-01-01`, `${birthYear}-12-31`);
  const precision = random.weighted([
    ["day", 92],
    ["month", 4],
    ["year", 4],
  ] as const);
  const birthDate =
    precision === "day" ? fullBirth : precision === "month" ? fullBirth.slice(0, 7) : fullBirth.slice(0, 4);
  const { latest: latestBirth } = partialDateBounds(birthDate);
  const pickUnit = () => random.weighted(orgs.blocUnits.map((unit) => [unit.id, unit.weight] as const));
  const bodies: MemberEventBody[] = [];
  const isFromOutside = random.chance(0.35);
  const admissionAge = isFromOutside ? random.int(16, 21) : random.int(18, 27);
  const admissionDate = addDays(addYears(latestBirth, admissionAge), random.int(0, 330));
  let unit: string;
  let cursor: CalendarDate;
  if (isFromOutside) {
    const home = random.pick(orgs.residentialUnits);
    const admitted = admissionDate < "2004-01-01" ? random.date("2004-01-01", "2007-12-31") : admissionDate;
    bodies.push({
      type: "admitted",
      effectiveDate: admitted,
      organizationId: home.replace(/-\d+$/, "").replace("cd-", "dcs-"),
      decisionRef: `${random.int(1, 60)}-NQ/ĐTN`,
      homeUnitId: home,
    });
    const leaves = addDays(admitted < START ? START : admitted, random.int(60, 2400));
    unit = pickUnit();
    bodies.push({ type: "transfer_out", effectiveDate: leaves, fromUnitId: home, toUnitId: unit });
    cursor = addDays(leaves, random.int(3, 45));
    bodies.push({ type: "transfer_in", effectiveDate: cursor, transferOutEventId: "", unitId: unit });
  } else {
    unit = pickUnit();
    cursor = admissionDate < START ? random.date(START, "2009-12-31") : admissionDate;
    const grassroots = orgs.blocUnits.find((candidate) => candidate.id === unit)?.grassrootsId ?? unit;
    bodies.push({
      type: "admitted",
      effectiveDate: cursor,
      organizationId: grassroots,
      decisionRef: `${random.int(1, 40)}-NQ/ĐTN`,
      homeUnitId: unit,
    });
  }
  const maturesOn = nextUnionDay(addYears(latestBirth, 31));
  const willMature = random.chance(0.88);
  for (;;) {
    const next = addDays(cursor, random.int(90, 800));
    if (willMature && maturesOn < next && maturesOn > cursor) {
      if (maturesOn <= END)
        bodies.push({
          type: "matured",
          effectiveDate: maturesOn,
          decisionRef: `${random.int(1, 30)}-QĐ/ĐTN`,
        });
      break;
    }
    if (next > END) break;
    cursor = next;
    const step = random.weighted([
      ["stay", 60],
      ["internal", 8],
      ["postpone", 6],
      ["reward", 8],
      ["reprimand", 1],
      ["out", 6],
      ["removed", 2.5],
      ["deceased", 0.2],
      ["expelled", 0.3],
    ] as const);
    if (step === "internal") {
      const to = pickUnit();
      if (to === unit) continue;
      bodies.push({ type: "transfer_out", effectiveDate: cursor, fromUnitId: unit, toUnitId: to });
      unit = to;
      cursor = addDays(cursor, random.int(2, 40));
      bodies.push({ type: "transfer_in", effectiveDate: cursor, transferOutEventId: "", unitId: to });
    } else if (step === "postpone") {
      const until = addDays(cursor, random.int(60, 360));
      bodies.push({
        type: "activity_postponed",
        effectiveDate: cursor,
        until,
        reason: random.pick(["Đi học tập trung", "Nghỉ thai sản", "Làm việc xa"]),
      });
      cursor = until;
    } else if (step === "reward") {
      bodies.push({
        type: "rewarded",
        effectiveDate: cursor,
        title: random.pick([
          "Giấy khen Đoàn viên xuất sắc",
          "Giấy khen Thanh niên tiên tiến làm theo lời Bác",
          "Bằng khen của Tỉnh đoàn",
        ]),
        organizationId: SOC_TRANG.blocId,
      });
    } else if (step === "reprimand") {
      bodies.push({
        type: "disciplined",
        effectiveDate: cursor,
        form: random.chance(0.7) ? "reprimand" : "warning",
        organizationId: SOC_TRANG.blocId,
        decisionRef: `${random.int(1, 20)}-QĐ/ĐTN`,
      });
    } else if (step === "out") {
      bodies.push({
        type: "transfer_out",
        effectiveDate: cursor,
        fromUnitId: unit,
        toUnitId: random.pick(orgs.residentialUnits),
      });
      // Most are received at home within weeks; a few never report and stay in transit.
      if (random.chance(0.85))
        bodies.push({
          type: "transfer_in",
          effectiveDate: addDays(cursor, random.int(5, 60)),
          transferOutEventId: "",
          unitId: "",
        });
      break;
    } else if (step === "removed") {
      bodies.push({
        type: "removed_from_roll",
        effectiveDate: cursor,
        reason: "Bỏ sinh hoạt nhiều tháng không có lý do",
      });
      break;
    } else if (step === "deceased") {
      bodies.push({ type: "deceased", effectiveDate: cursor });
      break;
    } else if (step === "expelled") {
      bodies.push({
        type: "disciplined",
        effectiveDate: cursor,
        form: "expulsion",
        organizationId: SOC_TRANG.blocId,
        decisionRef: `${random.int(1, 20)}-QĐ/ĐTN`,
      });
      break;
    }
  }
  const member: Member = {
    id,
    fullName: generateFullName(random, gender, ethnicity),
    gender,
    birthDate,
    cardNumber: `ST${String(940_000 + index).padStart(8, "0")}`,
    ethnicity,
    religion: generateReligion(random, ethnicity),
    education: random.weighted(EDUCATION),
    occupation: random.weighted(OCCUPATIONS),
    contact: { phone: `09${random.int(10_000_000, 99_999_999)}` },
    placeOfResidence: random.pick(RESIDENCES),
    createdAt: toVietnamInstant(
      vietnamMillis(bodies[0]?.effectiveDate ?? START, 10) + random.int(2, 12) * 86_400_000,
    ),
  };
  return { member, bodies };
}

/** Writes bodies as events, linking each receipt to the transfer before it; null when a rule refuses one. */
function writeHistory(
  random: Random,
  member: Member,
  bodies: readonly MemberEventBody[],
  options: { isDraft?: boolean } = {},
): MemberEvent[] | null {
  const writer = new MemberHistoryWriter(member.id, random, member.birthDate, {
    date: SOC_TRANG.asOf,
    recordedBy: RECORDED_BY,
  });
  const ordered = [...bodies].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  let pending: { id: string; toUnitId: string } | null = null;
  for (const body of ordered) {
    let next = body;
    if (body.type === "transfer_in") {
      if (pending === null) return null;
      next = { ...body, transferOutEventId: pending.id, unitId: pending.toUnitId };
    }
    if (!writer.add(next, { isTrusted: options.isDraft === true })) return null;
    const written = writer.events[writer.events.length - 1];
    if (written?.type === "transfer_out") pending = { id: written.id, toUnitId: written.toUnitId };
    if (written?.type === "transfer_in") pending = null;
  }
  return writer.events;
}

function timelineOf(events: readonly MemberEvent[]): MemberTimeline {
  return foldMemberEvents(applyMemberCorrections(events));
}

function isOnRollAt(timeline: MemberTimeline, date: CalendarDate): boolean {
  const segment = findSegment(timeline.segments, date);
  return segment !== undefined && isOnRoll(segment.status);
}

/** Residence registrations and ratings, which depend on where the member stands each year. */
function addYearlyBodies(random: Random, orgs: Orgs, timeline: MemberTimeline): MemberEventBody[] {
  const bodies: MemberEventBody[] = [];
  for (let year = 2010; year <= 2017; year++) {
    const yearEnd = year === 2017 ? SOC_TRANG.asOf : endOfYear(year);
    const share = RESIDENCE_SHARE[year];
    const atEnd = findSegment(timeline.segments, yearEnd);
    const inMarch = findSegment(timeline.segments, `${year}-03-01`);
    const segment =
      atEnd !== undefined && isOnRoll(atEnd.status)
        ? atEnd
        : inMarch !== undefined && isOnRoll(inMarch.status)
          ? inMarch
          : undefined;
    if (share !== undefined && segment !== undefined && random.chance(segment === atEnd ? share : 0.9)) {
      const from = laterDate(segment.from, `${year}-01-02`);
      const last = segment.until === null || segment.until > yearEnd ? yearEnd : addDays(segment.until, -1);
      const to = earlierDate(addDays(from, 90), last);
      if (from <= to)
        bodies.push({
          type: "residence_registered",
          effectiveDate: random.date(from, to),
          year,
          organizationId: random.pick(orgs.residentialUnits),
        });
    }
    const ratedOn = `${year}-12-${random.int(15, 27)}`;
    if (isOnRollAt(timeline, ratedOn) && random.chance(0.93)) {
      const level = random.weighted([
        ["excellent", 21],
        ["good", 56],
        ["average", 19],
        ["weak", 4],
      ] as const);
      bodies.push({ type: "rated", effectiveDate: ratedOn, year, level });
    }
  }
  return bodies;
}

function grassrootsOf(orgs: Orgs, unitId: string): string | undefined {
  return orgs.blocUnits.find((unit) => unit.id === unitId)?.grassrootsId;
}

type ReferralOutcome = "admitted" | "admittedLater" | "pending" | "notAdmitted" | "withdrawn";

function buildReferrals(
  random: Random,
  orgs: Orgs,
  members: readonly Member[],
  histories: ReadonlyMap<string, MemberEvent[]>,
): Referral[] {
  const referrals: Referral[] = [];
  const timelines = new Map([...histories].map(([id, events]) => [id, timelineOf(events)]));
  const byMember = new Map<string, Referral[]>();
  const partyMembers = new Set<string>();
  const tryRefer = (
    member: Member,
    window: Period,
    outcome: ReferralOutcome | "earlyAdmitted" | "earlyNotAdmitted",
  ): boolean => {
    const timeline = timelines.get(member.id);
    const events = histories.get(member.id) ?? [];
    if (timeline === undefined || partyMembers.has(member.id)) return false;
    for (let attempt = 0; attempt < 6; attempt++) {
      const referredOn = random.date(window.from, window.to);
      const segment = findSegment(timeline.segments, referredOn);
      if (segment === undefined || segment.status !== "active" || segment.unitId === null) continue;
      const organizationId = grassrootsOf(orgs, segment.unitId);
      if (organizationId === undefined) continue;
      if (member.birthDate === undefined || ageOn(member.birthDate, referredOn).min < 18) continue;
      const input = {
        memberId: member.id,
        organizationId,
        resolutionRef: `${random.int(1, 45)}-NQ/ĐTN`,
        referredOn,
      };
      const others = byMember.get(member.id) ?? [];
      if (
        others.some(
          (other) =>
            other.steps.length > 0 && (other.steps[other.steps.length - 1]?.date ?? "") >= referredOn,
        )
      )
        continue;
      if (
        !validateReferralCreate(input, {
          memberEvents: events,
          birthDate: member.birthDate,
          otherReferrals: others,
        }).ok
      )
        continue;
      const steps: ReferralStep[] = [];
      const step = (stage: ReferralStep["stage"], date: CalendarDate) =>
        steps.push({
          stage,
          date,
          recordedAt: toVietnamInstant(
            Math.min(
              vietnamMillis(addDays(date, random.int(2, 10)), 10),
              date <= SOC_TRANG.asOf ? RECORDED_BY : Number.POSITIVE_INFINITY,
            ),
          ),
          decisionRef: `${random.int(100, 2500)}-QĐ/ĐU`,
        });
      if (outcome === "admitted" || outcome === "earlyAdmitted") {
        const limit = outcome === "admitted" ? SOC_TRANG.asOf : "2013-12-31";
        const latest = earlierDate(addDays(referredOn, 270), limit);
        if (addDays(referredOn, 45) > latest) continue;
        const admittedOn = random.date(addDays(referredOn, 45), latest);
        step("admitted_probationary", admittedOn);
        const review = addDays(addYears(admittedOn, 1), random.int(0, 40));
        if (review <= END) step(random.chance(0.97) ? "recognized_full" : "not_recognized", review);
      } else if (outcome === "admittedLater") {
        step("admitted_probationary", random.date("2017-09-05", "2017-12-20"));
      } else if (outcome === "notAdmitted" || outcome === "withdrawn" || outcome === "earlyNotAdmitted") {
        const limit = outcome === "earlyNotAdmitted" ? "2013-12-31" : END;
        const decided = addDays(referredOn, random.int(60, 240));
        if (decided > limit) continue;
        step(outcome === "withdrawn" ? "withdrawn" : "not_admitted", decided);
      }
      const referral = ReferralSchema.parse({
        id: `st-gt-${String(referrals.length + 1).padStart(4, "0")}`,
        ...input,
        recordedAt: toVietnamInstant(
          Math.min(vietnamMillis(addDays(referredOn, random.int(2, 10)), 9), RECORDED_BY),
        ),
        steps,
      });
      referrals.push(referral);
      byMember.set(member.id, [...others, referral]);
      if (steps.some((s) => s.stage === "admitted_probationary")) partyMembers.add(member.id);
      return true;
    }
    return false;
  };

  const pool = random.shuffle(members);
  let cursor = 0;
  const referMany = (
    count: number,
    window: Period,
    outcome: Parameters<typeof tryRefer>[2],
    chosen: Set<string>,
  ) => {
    let done = 0;
    while (done < count && cursor < pool.length) {
      const member = pool[cursor] as Member;
      cursor += 1;
      if (chosen.has(member.id)) continue;
      if (tryRefer(member, window, outcome)) {
        chosen.add(member.id);
        done += 1;
      }
    }
    if (done < count)
      throw new Error(`Reference builder: only ${done} of ${count} referrals (${outcome}) found a member`);
  };
  // Before the period: decided before it starts, so every admission in the period is a referral of it.
  const early = new Set<string>();
  referMany(58, { from: "2010-03-01", to: "2013-03-31" }, "earlyAdmitted", early);
  referMany(37, { from: "2010-03-01", to: "2013-05-31" }, "earlyNotAdmitted", early);
  const period = SOC_TRANG.referralPeriod;
  const inPeriod = new Set<string>();
  // Some refused before 2014 are referred again in the period.
  for (const id of [...early].slice(58, 70)) {
    const member = members.find((candidate) => candidate.id === id);
    if (member !== undefined && tryRefer(member, { from: "2014-01-01", to: "2016-12-31" }, "admitted"))
      inPeriod.add(id);
  }
  const admittedAgain = inPeriod.size;
  referMany(
    REFERRAL_PLAN.admittedByAsOf - admittedAgain,
    { from: period.from, to: "2017-06-30" },
    "admitted",
    inPeriod,
  );
  referMany(
    REFERRAL_PLAN.admittedAfterAsOf,
    { from: "2017-03-01", to: "2017-08-15" },
    "admittedLater",
    inPeriod,
  );
  referMany(REFERRAL_PLAN.stillPending, { from: "2016-10-01", to: period.to }, "pending", inPeriod);
  referMany(REFERRAL_PLAN.notAdmitted, { from: period.from, to: "2017-03-31" }, "notAdmitted", inPeriod);
  referMany(REFERRAL_PLAN.withdrawn, { from: period.from, to: "2017-03-31" }, "withdrawn", inPeriod);
  // A few refused in the period are referred again later in it: still one member each.
  const refused = referrals.filter(
    (referral) => referral.steps[0]?.stage === "not_admitted" && referral.referredOn >= period.from,
  );
  for (const referral of refused.slice(0, 10)) {
    const member = members.find((candidate) => candidate.id === referral.memberId);
    const decided = referral.steps[0]?.date;
    if (member !== undefined && decided !== undefined && decided < "2017-05-01") {
      tryRefer(member, { from: addDays(decided, 30), to: period.to }, "pending");
    }
  }
  return referrals;
}

function buildOrganizationRatings(random: Random, orgs: Orgs): OrganizationRating[] {
  const ratings: OrganizationRating[] = [];
  const subjects = orgs.organizations.filter((org) => org.id.startsWith("cd-") || org.id.startsWith("dcs-"));
  for (let year = 2010; year <= 2016; year++) {
    for (const org of subjects) {
      if (!random.chance(0.95)) continue;
      const effectiveDate = `${year}-12-${random.int(10, 28)}`;
      ratings.push({
        id: `xl-${org.id}-${year}`,
        organizationId: org.id,
        year,
        levelId: random.weighted([
          ["strong", 58],
          ["good", 30],
          ["average", 10],
          ["weak", 2],
        ] as const),
        effectiveDate,
        recordedAt: toVietnamInstant(vietnamMillis(addDays(effectiveDate, random.int(5, 25)), 10)),
      });
    }
  }
  return ratings;
}

/** A few titles of rewards were mistyped in the registers and corrected after the import. */
function addCorrections(histories: Map<string, MemberEvent[]>): void {
  let corrected = 0;
  for (const [memberId, events] of histories) {
    if (corrected >= 3) return;
    const target = events.find((event) => event.type === "rewarded");
    if (target === undefined || target.type !== "rewarded") continue;
    const { id: _id, memberId: _memberId, recordedAt: _recordedAt, ...body } = target;
    events.push({
      id: `${memberId}-dc1`,
      memberId,
      type: "corrected",
      effectiveDate: target.effectiveDate,
      recordedAt: "2018-03-15T09:30:00+07:00",
      targetEventId: target.id,
      replacement: { ...body, title: "Giấy khen của Ban Thường vụ Đoàn Khối doanh nghiệp tỉnh Sóc Trăng" },
      reason: "Ghi sai tên hình thức khen thưởng khi nhập sổ",
    });
    corrected += 1;
  }
}

/**
 * Builds the Sóc Trăng demo: the provincial Union, the Enterprise Bloc (a district-level unit) with
 * its enterprises and branches, the city Union's residential branches, members with their
 * histories over 2008–2017, residence registrations, referrals to the Party and ratings. The same
 * seed gives the same records; the bloc's published figures of 31 August 2017 follow from them
 * through the metric functions.
 * @example const data = buildSocTrangReference(); data.members.length
 */
export function buildSocTrangReference(options: { seed?: number } = {}): ReferenceDataset {
  const random = createRandom(options.seed ?? 20_170_831);
  const orgs = buildOrganizations(random);
  const members: Member[] = [];
  const histories = new Map<string, MemberEvent[]>();
  let active = 0;
  let others = 0;
  for (let index = 1; active < TARGET_ACTIVE || others < TARGET_OTHERS; index++) {
    if (index > 20_000) throw new Error("Reference builder: too many candidates");
    const candidate = generateCandidate(random, orgs, members.length + 1);
    // A draft, unchecked, to see where the member stands; only kept members are written with the rules.
    const skeleton = writeHistory(random, candidate.member, candidate.bodies, { isDraft: true });
    if (skeleton === null) continue;
    const timeline = timelineOf(skeleton);
    const segment = findSegment(timeline.segments, SOC_TRANG.asOf);
    const unit = segment !== undefined && isOnRoll(segment.status) ? segment.unitId : null;
    const isActiveInBloc = unit !== null && grassrootsOf(orgs, unit) !== undefined;
    if (isActiveInBloc ? active >= TARGET_ACTIVE : others >= TARGET_OTHERS) continue;
    const events = writeHistory(random, candidate.member, [
      ...candidate.bodies,
      ...addYearlyBodies(random, orgs, timeline),
    ]);
    if (events === null) continue;
    if (isActiveInBloc) active += 1;
    else others += 1;
    members.push(candidate.member);
    histories.set(candidate.member.id, events);
  }
  addCorrections(histories);
  const referrals = buildReferrals(random, orgs, members, histories);
  return {
    organizations: orgs.organizations,
    parentLinks: orgs.parentLinks,
    lineageEvents: [],
    members,
    memberEvents: [...histories.values()].flat(),
    referrals,
    organizationRatings: buildOrganizationRatings(random, orgs),
  };
}
