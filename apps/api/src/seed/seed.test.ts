// The demo data through the API: the Sóc Trăng figures of 2017 and the Hà Nam conference of 2021
// served from records, the articles quoting what the metrics compute, one load only, and the same
// data from the same seed.
import { type Conference, formatPercent, type QuotedFigure } from "@sodoan/domain";
import { SOC_TRANG } from "@sodoan/domain/reference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { createTestDatabase, hasTestPostgres, testDrivers } from "../db/test-database.js";
import type { DocumentView } from "../routes/documents.js";
import { DEMO_ACCOUNTS, DEMO_ADMINISTRATOR, type DemoAccount } from "./accounts.js";
import { DatabaseNotEmptyError, isDatabaseEmpty, seedDemoData } from "./index.js";

/** Seeding writes thousands of records through the routes: minutes on two busy cores, not seconds. */
const SEED_TIMEOUT = 300_000;
const NOW = new Date("2026-12-01T03:00:00Z");
const bloc = SOC_TRANG.blocId;
const period = `from=${SOC_TRANG.referralPeriod.from}&to=${SOC_TRANG.referralPeriod.to}`;

type Rate = { numerator: number; denominator: number; rate: number };
type Page<T> = { items: T[]; total: number };
type ArticleBody = { type: string; figure?: QuotedFigure }[];
type PublicArticle = {
  slug: string;
  title: string;
  conferenceId?: string;
  body: ArticleBody;
  publishedAt: string;
};

/** Signs in through the login route; the Cookie header of the session. */
async function signInAs(app: ReturnType<typeof createApp>, account: { email: string; password: string }) {
  const response = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
}

async function seeded(driver: (typeof testDrivers)[number]) {
  const database = await createTestDatabase(driver);
  await seedDemoData(database);
  const app = createApp({ database, now: () => NOW });
  const cookie = await signInAs(app, DEMO_ADMINISTRATOR);
  const get = async <T>(path: string): Promise<T> => {
    const response = await app.request(path, { headers: { Cookie: cookie } });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as T;
  };
  return { database, app, get };
}

/** One seeded database per driver for the whole file: seeding is the slow part. */
const seededOn = new Map<string, Promise<Awaited<ReturnType<typeof seeded>>>>();
function seededDatabase(driver: (typeof testDrivers)[number]) {
  let demo = seededOn.get(driver);
  if (demo === undefined) {
    demo = seeded(driver);
    seededOn.set(driver, demo);
  }
  return demo;
}
afterAll(async () => {
  for (const demo of seededOn.values()) await (await demo).database.drop();
});

describe.each(testDrivers)("the demo data on %s", (driver) => {
  let demo: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    demo = await seededDatabase(driver);
  }, SEED_TIMEOUT);

  it("gives the Sóc Trăng Enterprise Bloc 1.587 active members as of 31/08/2017, in the metrics and in public", async () => {
    const figure = await demo.get<{ result: { value: { count: number } } }>(
      `/api/v1/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31`,
    );
    expect(figure.result.value.count).toBe(1587);
    const open = await demo.get<{ value: { count: number } }>(
      `/api/v1/public/metrics/members.active?organizationId=${bloc}&asOf=2017-08-31`,
    );
    expect(open.value.count).toBe(1587);
  });

  it.each(SOC_TRANG.residenceYears)(
    "in %i, has over 95 per cent of the bloc registered at their place of residence",
    async (year) => {
      const figure = await demo.get<{ result: { value: Rate } }>(
        `/api/v1/metrics/members.residence_registration_rate?organizationId=${bloc}&asOf=2017-08-31&year=${year}`,
      );
      expect(figure.result.value.rate).toBeGreaterThan(0.95);
      expect(figure.result.value.rate).toBeLessThanOrEqual(1);
    },
  );

  it("has 582 referred to the Party from 01/01/2014 to 31/08/2017 and 342 of them admitted (58,8%)", async () => {
    const referred = await demo.get<{ result: { value: number } }>(
      `/api/v1/metrics/referrals.referred?organizationId=${bloc}&${period}`,
    );
    expect(referred.result.value).toBe(582);
    const admitted = await demo.get<{ result: { value: number } }>(
      `/api/v1/metrics/referrals.party_admissions?organizationId=${bloc}&${period}`,
    );
    expect(admitted.result.value).toBe(342);
    const cohort = await demo.get<{ result: { value: Rate } }>(
      `/api/v1/metrics/referrals.cohort_admission_rate?organizationId=${bloc}&${period}&asOf=2017-08-31`,
    );
    expect(cohort.result.value).toMatchObject({ numerator: 342, denominator: 582 });
    expect(formatPercent(cohort.result.value.rate, "vi")).toBe("58,8%");
    const open = await demo.get<{ value: Rate }>(
      `/api/v1/public/metrics/referrals.cohort_admission_rate?organizationId=${bloc}&${period}&asOf=2017-08-31`,
    );
    expect(open.value).toMatchObject({ numerator: 342, denominator: 582 });
  });

  it("records the Hà Nam conference of 25/11/2021: chair, speaker, both Conclusions with their dates and sources, directives", async () => {
    const list = await demo.get<Page<{ id: string; kind: string }>>(
      "/api/v1/conferences?organizationId=tinh-doan-ha-nam&from=2021-11-25&to=2021-11-25",
    );
    expect(list.items.map((item) => item.kind)).toEqual(["extended_standing_committee"]);
    const conference = await demo.get<Conference>(`/api/v1/conferences/${list.items[0]?.id}`);
    expect(conference).toMatchObject({ startDate: "2021-11-25", endDate: "2021-11-25", session: "morning" });
    expect(conference.chairs).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ fullName: "Trần Ngọc Nam" }),
        title: "Bí thư",
        organizationName: "Tỉnh đoàn Hà Nam",
        // The title names the term it comes from, which the API checked was held that day.
        positionTermId: expect.any(String),
      }),
    ]);
    expect(conference.speakers).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ fullName: "Nguyễn Thị Phương Quỳnh" }),
        title: "Phó Bí thư Thường trực",
      }),
    ]);
    // Delegates of every district-level unit, titled from their terms with the unit's name of the day.
    const delegates = conference.attendees.find((group) => group.kind === "people");
    const names = delegates?.kind === "people" ? delegates.people.map((p) => p.organizationName) : [];
    expect(names).toHaveLength(6);
    expect(names).toContain("Thị đoàn Duy Tiên");
    expect(conference.documentsReviewed.map((doc) => doc.symbol)).toEqual([
      "07-KL/TWĐTN-BTC",
      "08-KL/TWĐTN-BTC",
    ]);
    const conclusion08 = await demo.get<DocumentView>(
      `/api/v1/documents/${conference.documentsReviewed[1]?.documentId}`,
    );
    expect(conclusion08.hasConflictingDates).toBe(true);
    expect(conclusion08.claimedDates.map((claim) => claim.date)).toEqual(["2019-02-14", "2019-03-05"]);
    for (const claim of conclusion08.claimedDates) expect(claim.sources[0]).toBeTruthy();
    expect(conference.directives).toHaveLength(5);
    expect(conference.directives.map((d) => d.text).join(" ")).toMatch(/bí thư chi đoàn.*chi đoàn mạnh/s);
    // The first two were followed up by the interim review of July 2022.
    const followed = conference.directives.filter((directive) => directive.followedUpBy !== undefined);
    expect(followed).toHaveLength(2);
    const review = await demo.get<Conference>(
      `/api/v1/conferences/${followed[0]?.followedUpBy?.conferenceId}`,
    );
    expect(review.kind).toBe("interim_review");
  });

  it("publishes the articles on both conferences, linked to them, quoting figures equal to the metrics", async () => {
    const list = await demo.get<Page<{ slug: string }>>("/api/v1/public/articles?pageSize=50");
    expect(list.total).toBeGreaterThanOrEqual(5);
    const conferencesReported = new Set<string>();
    let figures = 0;
    for (const { slug } of list.items) {
      const article = await demo.get<PublicArticle>(`/api/v1/public/articles/${slug}`);
      if (article.conferenceId !== undefined) conferencesReported.add(article.conferenceId);
      for (const block of article.body) {
        if (block.figure === undefined) continue;
        const figure = block.figure;
        // Asked as known at the moment it was computed, the metric gives the quoted value exactly.
        expect(figure.knownAt).toBe(figure.computedAt);
        const query = new URLSearchParams({
          organizationId: figure.organizationId,
          knownAt: figure.knownAt ?? "",
        });
        if (figure.asOf !== undefined) query.set("asOf", figure.asOf);
        if (figure.period !== undefined) {
          query.set("from", figure.period.from);
          query.set("to", figure.period.to);
          query.set("asOf", figure.period.to);
        }
        const recomputed = await demo.get<{ result: { value: number | { count?: number; rate?: number } } }>(
          `/api/v1/metrics/${figure.metricId}?${query}`,
        );
        const value = recomputed.result.value;
        expect(typeof value === "number" ? value : figure.unit === "ratio" ? value.rate : value.count).toBe(
          figure.value,
        );
        figures += 1;
      }
    }
    expect(figures).toBeGreaterThanOrEqual(12);
    const socTrang = await demo.get<PublicArticle>(
      "/api/v1/public/articles/doan-khoi-doanh-nghiep-soc-trang-ban-cach-nang-chat-luong-co-so-doan",
    );
    expect(socTrang.publishedAt).toBe("2017-09-01T06:00:00.000Z");
    const quoted = socTrang.body.flatMap((block) => (block.figure === undefined ? [] : [block.figure]));
    expect(quoted.find((figure) => figure.metricId === "members.active")?.value).toBe(1587);
    expect(quoted.find((figure) => figure.metricId === "referrals.referred")?.value).toBe(582);
    expect(quoted.find((figure) => figure.metricId === "referrals.party_admissions")?.value).toBe(342);
    const conference = await demo.get<{ title: string; articles: { slug: string }[]; attendees: unknown[] }>(
      `/api/v1/public/conferences/${socTrang.conferenceId}`,
    );
    expect(conference.articles.map((a) => a.slug)).toContain(socTrang.slug);
    const haNam = await demo.get<Page<{ id: string }>>(
      "/api/v1/conferences?organizationId=tinh-doan-ha-nam&from=2021-11-25&to=2021-11-25",
    );
    expect(conferencesReported.has(haNam.items[0]?.id ?? "")).toBe(true);
    expect(conferencesReported.size).toBeGreaterThanOrEqual(4);
  });

  it("records the reorganisation of 1 July 2025 as lineage events, each date answered with its own tree", async () => {
    const path = async (id: string, asOf: string) =>
      (
        await demo.get<{ items: { id: string }[] }>(`/api/v1/organizations/${id}/ancestors?asOf=${asOf}`)
      ).items.map((item) => item.id);
    const enterprise = "dcs-thuy-san-ba-xuyen";
    expect(await path(enterprise, "2017-08-31")).toEqual([
      enterprise,
      bloc,
      SOC_TRANG.provinceId,
      SOC_TRANG.centralId,
    ]);
    expect(await path(enterprise, "2025-07-01")).toEqual([
      enterprise,
      "thanh-doan-can-tho",
      SOC_TRANG.centralId,
    ]);
    for (const id of [SOC_TRANG.provinceId, bloc, "tinh-doan-ha-nam", "thi-doan-phu-ly"]) {
      const view = await demo.get<{ existsAsOf: boolean }>(`/api/v1/organizations/${id}?asOf=2025-07-01`);
      expect(view.existsAsOf, id).toBe(false);
    }
    // No district level left under the merged province; in 2021 Hà Nam still had its six.
    const levels = async (id: string, asOf: string) =>
      (
        await demo.get<{ items: { level: string }[] }>(`/api/v1/organizations/${id}/children?asOf=${asOf}`)
      ).items.map((item) => item.level);
    const ninhBinh = await levels("tinh-doan-ninh-binh", "2025-07-01");
    expect(ninhBinh.length).toBeGreaterThanOrEqual(18);
    expect(new Set(ninhBinh)).toEqual(new Set(["grassroots"]));
    expect(await levels("tinh-doan-ha-nam", "2021-11-25")).toEqual(Array(6).fill("district"));
  });

  it("holds the demo accounts, each reaching what its role and scope allow", async () => {
    const as = async (email: string, path: string) => {
      const account = [DEMO_ADMINISTRATOR, ...DEMO_ACCOUNTS].find((a) => a.email === email);
      if (account === undefined) throw new Error(email);
      const cookie = await signInAs(demo.app, account);
      return (await demo.app.request(path, { headers: { Cookie: cookie } })).status;
    };
    const haNamMembers = "/api/v1/members?organizationId=tinh-doan-ha-nam&asOf=2021-11-25";
    const blocMembers = `/api/v1/members?organizationId=${bloc}&asOf=2017-08-31`;
    expect(await as("admin@sodoan.vn", haNamMembers)).toBe(200);
    expect(await as("soctrang@sodoan.vn", blocMembers)).toBe(200);
    // Outside the bloc's subtree: as if it did not exist.
    expect(await as("soctrang@sodoan.vn", haNamMembers)).toBe(404);
    // An editor keeps articles and conferences, not member records.
    expect(await as("hanam@sodoan.vn", haNamMembers)).toBe(403);
    expect(await as("hanam@sodoan.vn", "/api/v1/conferences?organizationId=tinh-doan-ha-nam")).toBe(200);
    // The province was merged into Cần Thơ in 2025; its viewer still reads its history.
    expect(await as("viewer@sodoan.vn", blocMembers)).toBe(200);
    expect(await as("viewer@sodoan.vn", `/api/v1/members/${"x"}`)).toBe(404);
    const write = await demo.app.request("/api/v1/members", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Cookie: await signInAs(demo.app, DEMO_ACCOUNTS[2] as DemoAccount),
      },
      body: "{}",
    });
    expect(write.status).toBe(403);
    // Each sign-in checks a password hashed at the production cost: seconds on two busy cores.
  }, 120_000);

  it("says who recorded the demo data through the routes, and when, in the audit trail", async () => {
    const history = await demo.get<{
      items: { action: string; at: string; actor: { email: string } | null; table: string }[];
    }>("/api/v1/audit?entity=organization&id=tinh-doan-ha-nam&pageSize=500");
    const created = history.items.find(
      (event) => event.table === "organization" && event.action === "insert",
    );
    expect(created?.actor?.email).toBe(DEMO_ADMINISTRATOR.email);
    // Recorded on the seed's historical clock, as the record's own recording time.
    expect(Number(created?.at.slice(0, 4))).toBeLessThan(2025);
    expect(history.items.every((event) => event.actor?.email === DEMO_ADMINISTRATOR.email)).toBe(true);
  });

  it("refuses to seed a database that holds records, and changes nothing", async () => {
    const before = await demo.get<Page<unknown>>("/api/v1/articles");
    expect(await isDatabaseEmpty(demo.database.db)).toBe(false);
    await expect(seedDemoData(demo.database)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    const after = await demo.get<Page<unknown>>("/api/v1/articles");
    expect(after.total).toBe(before.total);
  });
});

describe("the demo data's seed", () => {
  let first: Awaited<ReturnType<typeof seeded>>;
  let second: Awaited<ReturnType<typeof seeded>>;
  // The same seed on the other driver when there is one, else a second embedded database.
  beforeAll(async () => {
    first = await seededDatabase("pglite");
    second = hasTestPostgres ? await seededDatabase("postgres") : await seeded("pglite");
  }, SEED_TIMEOUT);
  afterAll(async () => {
    if (!hasTestPostgres) await second?.database.drop();
  });

  /** What the API serves, with the ids the routes draw at random blanked and each list in a fixed order. */
  async function snapshot(demo: Awaited<ReturnType<typeof seeded>>) {
    const paths = [
      "/api/v1/organizations?asOf=2024-12-31&pageSize=500",
      "/api/v1/members?asOf=2024-12-31&pageSize=500&sort=name:asc",
      "/api/v1/referrals?pageSize=500",
      "/api/v1/positions?pageSize=500",
      "/api/v1/documents",
      "/api/v1/conferences",
      "/api/v1/articles?pageSize=50",
      "/api/v1/public/articles?pageSize=50",
    ];
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const pages = await Promise.all(paths.map((path) => demo.get<Page<unknown>>(path)));
    return pages.map((page) => page.items.map((item) => JSON.stringify(item).replace(uuid, "<id>")).sort());
  }

  it("gives the same data from the same seed", async () => {
    const a = await snapshot(first);
    expect(a.flat().length).toBeGreaterThan(1000);
    expect(await snapshot(second)).toEqual(a);
  });
});
