import { type Article, compareVietnamese, type Organization, type ParentLink } from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { articleInput, conferenceInput } from "../content/test-fixtures.js";
import { insertOrganizationRecords } from "../db/queries/organizations.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import { json, memberInput } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";
import type { PublicSearch } from "./public.js";
import type { SearchHitBody } from "./search.js";

/**
 * Two provinces: Sóc Trăng > Đoàn Khối Doanh nghiệp > a grassroots union > five branches whose
 * names begin with A, Ă, Â, D and Đ; and Hà Nam > a Chi đoàn cơ sở.
 */
const ORG = {
  soc: "tinh-doan-soc-trang",
  bloc: "doan-khoi-doanh-nghiep",
  water: "doan-co-so-cap-nuoc",
  an: "chi-doan-an-phu",
  battery: "chi-doan-ac-quy",
  hamlet: "chi-doan-ap-moi",
  pharma: "chi-doan-duoc-pham",
  power: "chi-doan-dien-luc",
  haNam: "tinh-doan-ha-nam",
  dongVan: "chi-doan-co-so-dong-van",
} as const;

const RECORDED = "2000-01-01T00:00:00Z";

function org(id: string, name: string, level: Organization["level"], extra: Partial<Organization> = {}) {
  return { id, name, level, establishedOn: "2000-01-01", recordedAt: RECORDED, ...extra } as Organization;
}

function link(childId: string, parentId: string): ParentLink {
  return { id: `${childId}-in-${parentId}`, childId, parentId, from: "2000-01-01", recordedAt: RECORDED };
}

const organizations = [
  org(ORG.soc, "Tỉnh đoàn Sóc Trăng", "provincial"),
  org(ORG.bloc, "Đoàn Khối Doanh nghiệp", "district"),
  org(ORG.water, "Đoàn cơ sở Công ty Cấp nước Sóc Trăng", "grassroots", { grassrootsKind: "union" }),
  // Created in an order that is neither the Vietnamese one nor that of code points.
  org(ORG.power, "Chi đoàn Điện lực", "branch"),
  org(ORG.hamlet, "Chi đoàn Ấp Mới", "branch"),
  org(ORG.pharma, "Chi đoàn Dược phẩm", "branch"),
  org(ORG.battery, "Chi đoàn Ắc quy", "branch"),
  org(ORG.an, "Chi đoàn An Phú", "branch"),
  org(ORG.haNam, "Tỉnh đoàn Hà Nam", "provincial"),
  org(ORG.dongVan, "Chi đoàn cơ sở Đồng Văn", "grassroots", { grassrootsKind: "branch" }),
];

const parentLinks = [
  link(ORG.bloc, ORG.soc),
  link(ORG.water, ORG.bloc),
  ...[ORG.an, ORG.battery, ORG.hamlet, ORG.pharma, ORG.power].map((id) => link(id, ORG.water)),
  link(ORG.dongVan, ORG.haNam),
];

type Hit = SearchHitBody;

describe.each(testDrivers)("search on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const members: Record<string, MemberDetail> = {};
  const ids: Record<string, string> = {};

  async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await app.request(path, json("POST", body, headers));
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  }

  async function addMember(fullName: string, homeUnitId: string, birthDate = "1995-04-12") {
    const admittingOrganizationId = homeUnitId === ORG.dongVan ? ORG.haNam : ORG.water;
    members[fullName] = await post<MemberDetail>(
      "/api/v1/members",
      memberInput({
        fullName,
        birthDate,
        admission: { date: "2012-03-26", decisionRef: "15-NQ/ĐTN", admittingOrganizationId, homeUnitId },
      }),
    );
  }

  async function search(query: string): Promise<Page<Hit>> {
    const response = await app.request(`/api/v1/search?${query}`);
    expect(response.status, query).toBe(200);
    return (await response.json()) as Page<Hit>;
  }

  const titles = (page: Page<Hit>) => page.items.map((hit) => hit.title);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-26T03:00:00Z") });
    await insertOrganizationRecords(database.db, { organizations, parentLinks, lineageEvents: [] });

    await addMember("Trần Ngọc Nam", ORG.an);
    await addMember("Trần Ngọc Năm", ORG.dongVan, "1990-02-01");
    await addMember("Trần Ngọc Nam Phương", ORG.pharma, "1996");
    await addMember("Lê Trần Ngọc Nam", ORG.power);
    await addMember("Trần Ngọc Lâm", ORG.hamlet);
    for (const [name, unit] of [
      ["Đặng Văn Bình", ORG.power],
      ["Dương Văn Bình", ORG.pharma],
      ["Âu Thị Bình", ORG.hamlet],
      ["An Văn Bình", ORG.battery],
    ] as const) {
      await addMember(name, unit);
    }
    // Trần Ngọc Lâm moves from Sóc Trăng to Hà Nam in January 2020.
    const lam = members["Trần Ngọc Lâm"] as MemberDetail;
    const out = await post<{ event: { id: string } }>(
      `/api/v1/members/${lam.id}/events`,
      { type: "transfer_out", effectiveDate: "2020-01-10", fromUnitId: ORG.hamlet, toUnitId: ORG.dongVan },
      { "If-Match": '"v1"' },
    );
    await post(
      `/api/v1/members/${lam.id}/events`,
      {
        type: "transfer_in",
        effectiveDate: "2020-01-20",
        transferOutEventId: out.event.id,
        unitId: ORG.dongVan,
      },
      { "If-Match": '"v2"' },
    );

    const thematic = await post<{ id: string }>(
      "/api/v1/conferences",
      conferenceInput(ORG.bloc, {
        kind: "thematic",
        title: "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn",
        startDate: "2017-08-31",
        endDate: "2017-08-31",
        session: "afternoon",
      }),
    );
    const standing = await post<{ id: string }>(
      "/api/v1/conferences",
      conferenceInput(ORG.haNam, { title: "Hội nghị Ban Thường vụ mở rộng, đồng chí Trần Ngọc Nam chủ trì" }),
    );
    ids.thematic = thematic.id;
    ids.standing = standing.id;
    const publish = async (article: Article) =>
      post<Article>(`/api/v1/articles/${article.id}/publish`, undefined, { "If-Match": '"v1"' });
    const bloc = await post<Article>(
      "/api/v1/articles",
      articleInput(ORG.bloc, {
        title: "Đoàn Khối Doanh nghiệp bàn cách nâng chất lượng cơ sở",
        category: "Đoàn thể",
        conferenceId: thematic.id,
      }),
    );
    ids.blocArticle = (await publish(bloc)).id;
    const draft = await post<Article>(
      "/api/v1/articles",
      articleInput(ORG.bloc, { title: "Bản nháp: Trần Ngọc Nam thăm Đoàn Khối", category: "Đoàn thể" }),
    );
    ids.draft = draft.id;
    const haNam = await post<Article>(
      "/api/v1/articles",
      articleInput(ORG.haNam, {
        title: "Tỉnh đoàn Hà Nam họp Ban Thường vụ mở rộng",
        category: "Hội nghị",
        conferenceId: standing.id,
      }),
    );
    ids.haNamArticle = (await publish(haNam)).id;
  });
  afterAll(() => database.drop());

  it("finds 'Trần Ngọc Nam' by 'tran ngoc nam': exact matches first, then beginnings, words, near spellings", async () => {
    const page = await search("q=tran ngoc nam");
    expect(page.items.map((hit) => [hit.kind, hit.title, hit.rank])).toEqual([
      ["member", "Trần Ngọc Nam", 4],
      ["member", "Trần Ngọc Năm", 4],
      ["member", "Trần Ngọc Nam Phương", 3],
      ["article", "Bản nháp: Trần Ngọc Nam thăm Đoàn Khối", 2],
      ["conference", "Hội nghị Ban Thường vụ mở rộng, đồng chí Trần Ngọc Nam chủ trì", 2],
      ["member", "Lê Trần Ngọc Nam", 2],
      ["member", "Trần Ngọc Lâm", expect.any(Number)],
    ]);
    const near = page.items.at(-1)?.rank ?? 1;
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(1);
    expect(page.total).toBe(7);
    expect(page.items[0]).toMatchObject({
      id: members["Trần Ngọc Nam"]?.id,
      subtitle: { vi: "Chi đoàn An Phú · sinh 1995", en: "Chi đoàn An Phú · born 1995" },
    });
    // The same with the accents typed, in capitals.
    expect(await search("q=TRẦN NGỌC NAM")).toEqual(page);
  });

  it("finds 'Đoàn Khối Doanh nghiệp' by 'doan khoi', and Đ and D each by the other", async () => {
    const page = await search("q=doan khoi");
    expect(page.items.map((hit) => [hit.kind, hit.title, hit.rank])).toEqual([
      ["organization", "Đoàn Khối Doanh nghiệp", 3],
      ["article", "Đoàn Khối Doanh nghiệp bàn cách nâng chất lượng cơ sở", 3],
      ["article", "Bản nháp: Trần Ngọc Nam thăm Đoàn Khối", 2],
    ]);
    expect(page.items[0]?.subtitle).toEqual({ vi: "Cấp huyện", en: "District level" });
    expect(page.items[1]?.subtitle).toEqual({ vi: "Đoàn thể · 26/11/2021", en: "Đoàn thể · 26 Nov 2021" });
    expect(await search("q=Đoàn Khối")).toEqual(page);
    expect(titles(await search("q=đương&kinds=member"))).toEqual(["Dương Văn Bình"]);
    expect(titles(await search("q=dang&kinds=member"))).toEqual(["Đặng Văn Bình"]);
  });

  it("orders equal ranks the Vietnamese way: A, Ă, Â, D, Đ; people by given name, then family name", async () => {
    const branches = await search(`q=chi doan&kinds=organization&organizationId=${ORG.water}`);
    expect(branches.items.map((hit) => [hit.title, hit.rank])).toEqual([
      ["Chi đoàn An Phú", 3],
      ["Chi đoàn Ắc quy", 3],
      ["Chi đoàn Ấp Mới", 3],
      ["Chi đoàn Dược phẩm", 3],
      ["Chi đoàn Điện lực", 3],
      // A near spelling ("doan co") comes after every match of the words.
      ["Đoàn cơ sở Công ty Cấp nước Sóc Trăng", expect.closeTo(0.667, 3)],
    ]);
    expect(branches.items[0]?.subtitle).toEqual({ vi: "Chi đoàn", en: "Branch" });
    const people = await search("q=binh&kinds=member");
    expect(people.items.map((hit) => [hit.title, hit.rank])).toEqual([
      ["An Văn Bình", 2],
      ["Âu Thị Bình", 2],
      ["Dương Văn Bình", 2],
      ["Đặng Văn Bình", 2],
    ]);
  });

  it("orders many equal ranks as the domain's compareVietnamese does, then by id", async () => {
    // Syllables that differ only by the letters and tones Vietnamese orders its own way.
    const syllables = [
      "an",
      "ăn",
      "ân",
      "ấn",
      "ản",
      "dan",
      "đan",
      "dân",
      "đàn",
      "o",
      "ô",
      "ơ",
      "ổ",
      "u",
      "ư",
      "ừ",
    ];
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return syllables[seed % syllables.length] ?? "";
    };
    const names = Array.from(
      { length: 40 },
      (_, i) => `Chi đoàn ${next()} ${next()} ${i % 3 === 0 ? "A" : "a"}`,
    );
    // One name twice, stored in the opposite order of their ids.
    names[39] = names[0] ?? "";
    const unit = "doan-co-so-thu-thu-tu";
    const idOf = (i: number) => `${unit}-${99 - i}`;
    await insertOrganizationRecords(database.db, {
      organizations: [
        org(unit, "Đoàn cơ sở thử thứ tự", "grassroots", { grassrootsKind: "union" }),
        ...names.map((name, i) => org(idOf(i), name, "branch")),
      ],
      parentLinks: [link(unit, ORG.bloc), ...names.map((_, i) => link(idOf(i), unit))],
      lineageEvents: [],
    });
    const page = await search(`q=chi doan&kinds=organization&organizationId=${unit}&pageSize=100`);
    const prefixed = page.items.filter((hit) => hit.rank === 3);
    expect(prefixed.map((hit) => hit.title)).toEqual([...names].sort(compareVietnamese));
    // Equal names fall back on their ids.
    expect(prefixed.filter((hit) => hit.title === names[0]).map((hit) => hit.id)).toEqual([
      idOf(39),
      idOf(0),
    ]);
  });

  it("pages the ranked list and counts it whole", async () => {
    const all = await search("q=binh&kinds=member");
    const first = await search("q=binh&kinds=member&pageSize=3");
    const second = await search("q=binh&kinds=member&pageSize=3&page=2");
    const past = await search("q=binh&kinds=member&pageSize=3&page=3");
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect(second.items).toHaveLength(1);
    expect(past).toEqual({ items: [], total: 4, page: 3, pageSize: 3 });
  });

  it("keeps to an organisation's subtree on a date, members by their home unit on that date", async () => {
    const bloc = await search(`q=tran ngoc&organizationId=${ORG.bloc}&asOf=2021-11-26`);
    expect(titles(bloc)).toEqual([
      "Trần Ngọc Nam",
      "Trần Ngọc Nam Phương",
      "Bản nháp: Trần Ngọc Nam thăm Đoàn Khối",
      "Lê Trần Ngọc Nam",
    ]);
    expect(bloc.total).toBe(4);
    const haNam = await search(`q=tran ngoc&organizationId=${ORG.haNam}&asOf=2021-11-26`);
    expect(titles(haNam)).toEqual([
      "Trần Ngọc Lâm",
      "Trần Ngọc Năm",
      "Hội nghị Ban Thường vụ mở rộng, đồng chí Trần Ngọc Nam chủ trì",
    ]);
    // Before his transfer, Trần Ngọc Lâm was in the bloc's subtree, and not in Hà Nam's.
    const before = await search(`q=lam&kinds=member&organizationId=${ORG.bloc}&asOf=2019-06-01`);
    expect(titles(before)).toEqual(["Trần Ngọc Lâm"]);
    expect(before.items[0]?.subtitle.vi).toBe("Chi đoàn Ấp Mới · sinh 1995");
    const after = await search(`q=lam&kinds=member&organizationId=${ORG.bloc}&asOf=2021-11-26`);
    expect(after).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    // An organisation that does not exist on the date has nothing below it.
    expect((await search(`q=tran&organizationId=${ORG.bloc}&asOf=1999-01-01`)).total).toBe(0);
  });

  it("shows the public only published articles and the conferences they report on, never people", async () => {
    const response = await app.request("/api/v1/public/search?q=tran ngoc nam");
    expect(response.status).toBe(200);
    const body = (await response.json()) as PublicSearch;
    expect(body.items.map((hit) => [hit.kind, hit.id])).toEqual([["conference", ids.standing]]);
    const bloc = (await (await app.request("/api/v1/public/search?q=doan khoi")).json()) as PublicSearch;
    expect(bloc.items).toEqual([
      expect.objectContaining({ kind: "article", id: ids.blocArticle, rank: 3, slug: expect.any(String) }),
    ]);
    for (const query of ["tran", "binh", "chi doan", "doan", "ban nhap"]) {
      const found = (await (
        await app.request(`/api/v1/public/search?q=${query}&pageSize=500`)
      ).json()) as PublicSearch;
      for (const hit of found.items) {
        expect(["article", "conference"], query).toContain(hit.kind);
        expect(hit.id, query).not.toBe(ids.draft);
      }
      const text = JSON.stringify(found);
      for (const member of Object.values(members)) expect(text, query).not.toContain(member.id);
    }
    const people = await app.request("/api/v1/public/search?q=tran&kinds=member");
    expect(people.status).toBe(400);
  });

  it.each([
    ["no q", "", ["q"]],
    ["an empty q", "q=", ["q"]],
    ["a blank q", "q=%20%20%20", ["q"]],
    ["a q of accents alone", "q=%CC%81", ["q"]],
    ["a q too long", `q=${"a".repeat(201)}`, ["q"]],
    ["a NUL in q", "q=tran%00nam", ["q"]],
    ["an unknown kind", "q=nam&kinds=member,people", ["kinds"]],
    ["an impossible date", "q=nam&asOf=2017-02-30", ["asOf"]],
    ["a page too large", "q=nam&pageSize=501", ["pageSize"]],
  ])("refuses %s with 400 and the error body in both languages", async (_, query, path) => {
    for (const base of ["/api/v1/search", "/api/v1/public/search"]) {
      if (base.includes("public") && path[0] === "asOf") continue;
      const response = await app.request(`${base}?${query}`);
      expect(response.status, `${base}?${query}`).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
      for (const issue of error.issues) expect(issue.message.vi && issue.message.en).toBeTruthy();
    }
  });
});
