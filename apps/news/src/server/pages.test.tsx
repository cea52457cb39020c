import { gzipSync } from "node:zlib";
import { formatDateTime } from "@sodoan/domain";
import { type StartedApi, startApi } from "@sodoan/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsServer } from "./app";
import { sourceAssets } from "./assets";
import { apiWriter, type NewsFixtures, writeNewsFixtures } from "./test-fixtures";

const PUBLIC_URL = "https://tintuc.doan.example";

let api: StartedApi;
let fixtures: NewsFixtures;
let app: ReturnType<typeof createNewsServer>;

beforeAll(async () => {
  // An empty API: the pages are checked against the fixtures alone, not the demo data.
  api = await startApi({ env: { DEMO_DATA: "off" } });
  fixtures = await writeNewsFixtures(api.url);
  // Three to a page, so that the four articles of the category take two pages.
  // Uncached and counting no views: these tests read what the API holds at once; the cache has its own.
  app = createNewsServer({
    apiUrl: api.url,
    publicUrl: PUBLIC_URL,
    assets: sourceAssets(),
    pageSize: 3,
    cache: false,
    views: false,
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await api?.stop();
});

const html = async (path: string, status = 200) => {
  const response = await app.request(path);
  expect(response.status, path).toBe(status);
  return response.text();
};

/** Every script element is data (JSON-LD), never a program. */
function expectNoProgram(page: string) {
  const scripts = page.match(/<script[^>]*>/g) ?? [];
  for (const script of scripts) expect(script).toBe('<script type="application/ld+json">');
}

describe("an article page", () => {
  let page: string;
  let published: { publishedAt: string };

  beforeAll(async () => {
    page = await html(`/bai-viet/${fixtures.slug}`);
    published = (await (await fetch(`${api.url}/api/v1/public/articles/${fixtures.slug}`)).json()) as {
      publishedAt: string;
    };
  });

  it("gives the title, category, organisation, source, author and the time in Vietnam", () => {
    expect(page).toContain(`<h1 id="tieu-de" class="page-title">${fixtures.title}</h1>`);
    expect(page).toContain('<a class="article-category" href="/chuyen-muc/doan-the">Đoàn thể</a>');
    expect(page).toContain(
      `<dt>Đơn vị</dt><dd><a href="/to-chuc/${fixtures.provinceId}">Tỉnh đoàn Sóc Trăng</a></dd>`,
    );
    expect(page).toContain("<dt>Tác giả</dt><dd>Tấn Phát</dd>");
    expect(page).toContain('<a href="https://baosoctrang.example/bai-viet">Báo Sóc Trăng</a>');
    expect(page).toContain(
      `<time dateTime="${published.publishedAt}">${formatDateTime(published.publishedAt, "vi")}</time> (GMT+7)`,
    );
    expect(page).toContain("Hội nghị chuyên đề bàn cách giữ nếp sinh hoạt ở các chi đoàn doanh nghiệp.");
  });

  it("renders each body block: paragraph, heading, quote, and the image in its sizes through this site", () => {
    expect(page).toContain("<p>Chiều 31/8, hội nghị chuyên đề diễn ra tại hội trường Tỉnh đoàn.</p>");
    expect(page).toContain("<h2>Kết quả sinh hoạt</h2>");
    expect(page).toContain("<blockquote><p>Chi đoàn mạnh thì cơ sở mạnh.</p><footer>— Đàm Mỹ Anh</footer>");
    const image = `/anh/${fixtures.imageId}`;
    expect(page).toContain(`src="${image}?w=640"`);
    expect(page).toContain(
      `srcSet="${image}?w=320 320w, ${image}?w=640 640w, ${image}?w=1024 1024w, ${image}?w=1200 1200w"`,
    );
    expect(page).toMatch(/sizes="[^"]+" width="1200" height="800" alt="Đại biểu dự hội nghị chuyên đề"/);
    expect(page).toContain('<figcaption>Quang cảnh hội nghị<span class="image-credit"> Ảnh: Tấn Phát</span>');
  });

  it("quotes the figure as the API computed it, with its 'Nguồn số liệu' link", () => {
    expect(fixtures.quotedActiveMembers).toBe(6);
    expect(page).toContain('<strong class="figure-value">6</strong> đoàn viên đang sinh hoạt');
    expect(page).toContain("(tính đến 31/08/2017)");
    expect(page).toContain(`<a href="/bai-viet/${fixtures.slug}/so-lieu/1">Nguồn số liệu</a>`);
    expect(page).toContain(`<a href="/hoi-nghi/${fixtures.conferenceId}">`);
  });

  it("lists related articles of the same category, newest first", () => {
    const related = page.slice(page.indexOf("Bài cùng chuyên mục"));
    const links = [...related.matchAll(/<a href="\/bai-viet\/([^"]+)">/g)].map((match) => match[1]);
    expect(links).toEqual(fixtures.categorySlugs.slice(1));
  });

  it("carries its canonical URL, Open Graph, Twitter, feed discovery and NewsArticle JSON-LD, and no program", () => {
    const url = `${PUBLIC_URL}/bai-viet/${fixtures.slug}`;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain(`<title>${fixtures.title} — Tin tức Đoàn</title>`);
    expect(page).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(page).toContain('<meta property="og:type" content="article"/>');
    expect(page).toContain(`<meta property="og:url" content="${url}"/>`);
    expect(page).toContain(`<meta name="twitter:title" content="${fixtures.title}"/>`);
    expect(page).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Tin tức Đoàn" href="/feed.xml"/>',
    );
    expect(page).toContain('href="/chuyen-muc/doan-the/feed.xml"');
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(page)?.[1] ?? "{}";
    expect(JSON.parse(jsonLd)).toMatchObject({
      "@type": "NewsArticle",
      headline: fixtures.title,
      datePublished: published.publishedAt,
      author: { name: "Tấn Phát" },
      mainEntityOfPage: url,
      image: [`${PUBLIC_URL}/anh/${fixtures.imageId}`],
    });
    expectNoProgram(page);
  });

  it("stays within the budget: HTML and CSS at most 30 KB gzip, with no script to run", async () => {
    const css = await (await app.request("/styles/site.css")).text();
    const bytes = gzipSync(page).byteLength + gzipSync(css).byteLength;
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    expectNoProgram(page);
  });

  it("serves the article's images from the API, the width asked for, cached for good", async () => {
    const narrow = await app.request(`/anh/${fixtures.imageId}?w=320`);
    expect(narrow.status).toBe(200);
    expect(narrow.headers.get("content-type")).toBe("image/webp");
    expect(narrow.headers.get("cache-control")).toContain("immutable");
    expect((await narrow.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await app.request("/anh/khong-co")).status).toBe(404);
  });

  it("answers an unknown slug with the helpful 404 page, kept out of search engines", async () => {
    const page = await html("/bai-viet/khong-co-bai-nay", 404);
    expect(page).toContain("Không tìm thấy trang");
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).toContain('<a href="/">Về trang chủ</a>');
    expect(page).toContain('<label for="tim-bai">Tìm bài viết (gõ có dấu hoặc không dấu)</label>');
  });
});

describe("category pages", () => {
  it("list the category's articles a page at a time with real links between the pages", async () => {
    const first = await html("/chuyen-muc/doan-the");
    expect(first).toContain("Chuyên mục: </span>Đoàn thể</h1>");
    const slugsOf = (page: string) =>
      [...page.matchAll(/<h2 class="article-title"><a href="\/bai-viet\/([^"]+)">/g)].map(
        (match) => match[1],
      );
    expect(slugsOf(first)).toEqual(fixtures.categorySlugs.slice(0, 3));
    expect(first).toContain('<a href="/chuyen-muc/doan-the?trang=2" rel="next">');
    expect(first).toContain('<span aria-current="page">1</span>');
    expect(first).toContain(`<link rel="canonical" href="${PUBLIC_URL}/chuyen-muc/doan-the"/>`);

    const second = await html("/chuyen-muc/doan-the?trang=2");
    expect(slugsOf(second)).toEqual(fixtures.categorySlugs.slice(3));
    expect(second).toContain('<a href="/chuyen-muc/doan-the" rel="prev">');
    expect(second).not.toContain('rel="next"');
    expect(second).toContain(`<link rel="canonical" href="${PUBLIC_URL}/chuyen-muc/doan-the?trang=2"/>`);

    await html("/chuyen-muc/doan-the?trang=3", 404);
    await html("/chuyen-muc/khong-co", 404);
  });

  it("are linked from the home page with their counts", async () => {
    const home = await html("/");
    expect(home).toContain('<a href="/chuyen-muc/doan-the">Đoàn thể <span class="count">(4)</span></a>');
  });
});

describe("the provenance page of a quoted figure", () => {
  it("says what was counted, where, as of when, by which metric, and that today gives the same", async () => {
    const page = await html(`/bai-viet/${fixtures.slug}/so-lieu/1`);
    expect(page).toContain("<dt>Điều được đếm</dt><dd>Đoàn viên trong danh sách sinh hoạt");
    expect(page).toContain(
      `<dd><a href="/to-chuc/${fixtures.provinceId}">Tỉnh đoàn Sóc Trăng</a> (gồm các tổ chức trực thuộc)</dd>`,
    );
    expect(page).toContain("<dd>tính đến 31/08/2017</dd>");
    expect(page).toContain("<code>members.active</code>, phiên bản 1");
    expect(page).toContain("<dt>Số hồ sơ được tính</dt><dd>6</dd>");
    expect(page).toContain("Tính lại hôm nay vẫn cho đúng số đã công bố.");
    expect(page).not.toContain("Số liệu đã được đính chính");
    expect(page).toContain(`<a href="/bai-viet/${fixtures.slug}">‹ Về bài viết</a>`);
    await html(`/bai-viet/${fixtures.slug}/so-lieu/2`, 404);
  });

  it("shows both values with the reason when a back-dated record changes today's computation", async () => {
    // A member admitted in 2015 but recorded only now: a correction that takes effect in the past.
    await apiWriter(api.url).member("Kim Thị Sa", "2015-03-26", fixtures.grassrootsId, fixtures.branchId);
    const page = await html(`/bai-viet/${fixtures.slug}/so-lieu/1`);
    expect(page).toContain('<h2 id="dinh-chinh">Số liệu đã được đính chính</h2>');
    expect(page).toContain("Khi đăng bài: <strong>6</strong>. Tính lại hôm nay: <strong>7</strong>.");
    expect(page).toContain("đính chính có hiệu lực về trước");
    // The article itself keeps the value it published.
    expect(await html(`/bai-viet/${fixtures.slug}`)).toContain('<strong class="figure-value">6</strong>');
  });
});

describe("the organisation page", () => {
  it("shows its place in the tree and its public figures with their sources, and no member", async () => {
    const page = await html(`/to-chuc/${fixtures.provinceId}`);
    expect(page).toContain('<h1 id="tieu-de" class="page-title">Tỉnh đoàn Sóc Trăng</h1>');
    expect(page).toContain('<p class="article-meta">Cấp tỉnh</p>');
    expect(page).toMatch(/<dt>Trực thuộc<\/dt><dd><a href="\/to-chuc\/[^"]+">Trung ương Đoàn<\/a><\/dd>/);
    expect(page).toContain(`<a href="/to-chuc/${fixtures.grassrootsId}">Đoàn cơ sở Công ty Cấp nước</a>`);
    expect(page).toContain(`<link rel="canonical" href="${PUBLIC_URL}/to-chuc/${fixtures.provinceId}"/>`);
    // The same figure the API gives the public, written the Vietnamese way, with where it comes from.
    const today = (await (
      await fetch(`${api.url}/api/v1/public/metrics/members.active?organizationId=${fixtures.provinceId}`)
    ).json()) as { value: { count: number } };
    expect(page).toContain(`<strong class="figure-value">${today.value.count}</strong>`);
    expect(page).toContain("<summary>Nguồn số liệu</summary>");
    expect(page).toContain("<code>members.active</code>");
    for (const name of ["Lâm Thị Hoa", "Trần Thị Mai", "Đỗ Thị Ngọc"]) expect(page).not.toContain(name);
    expectNoProgram(page);
  });

  it("answers an unknown organisation with the 404 page", async () => {
    await html("/to-chuc/khong-co-to-chuc-nay", 404);
  });
});

describe("the conference page", () => {
  it("gives the organiser, date and session, chair and speaker with titles, documents, conclusions and directives", async () => {
    const page = await html(`/hoi-nghi/${fixtures.conferenceId}`);
    expect(page).toContain('<p class="article-meta">Hội nghị chuyên đề</p>');
    expect(page).toContain(
      `<dt>Đơn vị tổ chức</dt><dd><a href="/to-chuc/${fixtures.provinceId}">Tỉnh đoàn Sóc Trăng</a></dd>`,
    );
    expect(page).toContain("Buổi chiều ngày 31/08/2017");
    expect(page).toContain("<strong>Đàm Mỹ Anh</strong>, Phó Bí thư Đoàn Khối Doanh nghiệp");
    expect(page).toContain("<strong>Huỳnh Công Trí</strong>, Phó Bí thư Đảng ủy Khối Doanh nghiệp");
    expect(page).toContain("<strong>Kết luận số 08-KL/TWĐTN-BTC</strong> ngày 05/03/2019");
    expect(page).toContain("<li>Các cơ sở Đoàn duy trì sinh hoạt chi đoàn định kỳ hằng tháng.</li>");
    expect(page).toContain("Đào tạo bí thư chi đoàn mới (hạn 31/12/2017)");
    expect(page).toContain(`<a href="/bai-viet/${fixtures.slug}">${fixtures.title}</a>`);
    await html("/hoi-nghi/khong-co", 404);
  });
});

describe("the search page", () => {
  it("is a plain GET form that finds an article without its diacritics", async () => {
    const empty = await html("/tim-kiem");
    expect(empty).toContain('<form class="search-form" action="/tim-kiem" method="get">');
    expect(empty).not.toContain("kết quả cho");
    const page = await html(`/tim-kiem?q=${encodeURIComponent("doan khoi doanh nghiep")}`);
    expect(page).toContain("1 kết quả cho “doan khoi doanh nghiep”");
    expect(page).toContain(`<a href="/bai-viet/${fixtures.slug}">${fixtures.title}</a>`);
    expect(page).toContain('value="doan khoi doanh nghiep"');
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    const none = await html(`/tim-kiem?q=${encodeURIComponent("không có gì như thế")}`);
    expect(none).toContain("Không tìm thấy kết quả");
  });
});

describe("the comment form", () => {
  const post = (fields: Record<string, string>) =>
    app.request(`/bai-viet/${fixtures.slug}/binh-luan`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  const stored = async () =>
    apiWriter(api.url).get<{ id: string; authorName: string }[]>(
      `/api/v1/articles/${fixtures.articleId}/comments`,
    );

  it("sends a comment for moderation, says it waits, and shows it once approved", async () => {
    const response = await post({
      authorName: "Thu Trang",
      body: "Mong chi đoàn giữ nếp sinh hoạt này.",
      website: "",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/bai-viet/${fixtures.slug}?binh-luan=cho-duyet#binh-luan`);
    const waiting = await html(`/bai-viet/${fixtures.slug}?binh-luan=cho-duyet`);
    expect(waiting).toContain("Bình luận đã được gửi và đang chờ duyệt.");
    expect(waiting).not.toContain("Mong chi đoàn giữ nếp");

    const [comment] = await stored();
    expect(comment?.authorName).toBe("Thu Trang");
    await apiWriter(api.url).send(
      "POST",
      `/api/v1/comments/${comment?.id}/moderate`,
      { decision: "approved" },
      { "If-Match": '"v1"' },
    );
    const shown = await html(`/bai-viet/${fixtures.slug}`);
    expect(shown).toContain("Bình luận (1)");
    expect(shown).toContain("<strong>Thu Trang</strong>");
    expect(shown).toContain("<p>Mong chi đoàn giữ nếp sinh hoạt này.</p>");
  });

  it("tells a robot that filled the hidden field the same, and stores nothing", async () => {
    const before = (await stored()).length;
    const response = await post({ authorName: "Bot", body: "Quảng cáo", website: "http://spam.example" });
    expect(response.status).toBe(303);
    expect((await stored()).length).toBe(before);
  });

  it("tells a reader who sent too many comments to wait, with 429 and Retry-After, keeping the text", async () => {
    // Each reader has their own count at the API, through the address this server passes on.
    const slug = fixtures.categorySlugs[1] ?? "";
    const send = (n: number) =>
      app.request(`/bai-viet/${slug}/binh-luan`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.50" },
        body: new URLSearchParams({ authorName: "Minh", body: `Bình luận thứ ${n}` }).toString(),
      });
    // The API's default: five comments per address in ten minutes.
    for (const n of [1, 2, 3, 4, 5]) expect((await send(n)).status).toBe(303);
    const refused = await send(6);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const page = await refused.text();
    expect(page).toContain("Bạn gửi quá nhiều bình luận trong thời gian ngắn.");
    expect(page).toContain(">Bình luận thứ 6</textarea>");
    // Another reader is not held back.
    const other = await app.request(`/bai-viet/${slug}/binh-luan`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.51.100.60" },
      body: new URLSearchParams({ authorName: "Lan", body: "Cảm ơn" }).toString(),
    });
    expect(other.status).toBe(303);
  });

  it("shows the API's reasons in Vietnamese and keeps what the reader wrote", async () => {
    const response = await post({ authorName: "", body: "Nội dung giữ lại" });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Bình luận chưa được gửi:");
    expect(page).toContain("<li>Họ và tên: ");
    expect(page).toContain(">Nội dung giữ lại</textarea>");
  });
});

describe("what every page tells search engines and link previews", () => {
  /** The pages readers land on from outside, by the canonical path each must name. */
  const pages = () => [
    { path: "/", canonical: "/" },
    { path: `/bai-viet/${fixtures.slug}`, canonical: `/bai-viet/${fixtures.slug}` },
    { path: `/bai-viet/${fixtures.slug}/so-lieu/1`, canonical: `/bai-viet/${fixtures.slug}/so-lieu/1` },
    { path: "/chuyen-muc/doan-the", canonical: "/chuyen-muc/doan-the" },
    { path: `/hoi-nghi/${fixtures.conferenceId}`, canonical: `/hoi-nghi/${fixtures.conferenceId}` },
    { path: `/to-chuc/${fixtures.provinceId}`, canonical: `/to-chuc/${fixtures.provinceId}` },
    { path: "/tim-kiem?q=doan", canonical: "/tim-kiem" },
  ];

  it("is Vietnamese, with a title, a description, its canonical URL, Open Graph, Twitter and the site feed", async () => {
    for (const { path, canonical } of pages()) {
      const page = await html(path);
      expect(page, path).toContain('<html lang="vi">');
      expect(page, path).toMatch(/<title>[^<]+ — Tin tức Đoàn|<title>Tin tức Đoàn — /);
      expect(page, path).toMatch(/<meta name="description" content="[^"]{20,}"\/>/);
      expect(page, path).toContain(`<link rel="canonical" href="${PUBLIC_URL}${canonical}"/>`);
      expect(page, path).toContain(`<meta property="og:url" content="${PUBLIC_URL}${canonical}"/>`);
      for (const meta of ["og:title", "og:description", "og:type", "og:locale"])
        expect(page, path).toContain(`<meta property="${meta}" content="`);
      for (const meta of ["twitter:card", "twitter:title", "twitter:description"])
        expect(page, path).toContain(`<meta name="${meta}" content="`);
      expect(page, path).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Tin tức Đoàn" href="/feed.xml"/>',
      );
      expectNoProgram(page);
    }
  });

  it("offers a category's own feed on its page and its articles", async () => {
    const feed =
      '<link rel="alternate" type="application/atom+xml" title="Tin tức Đoàn: Đoàn thể" href="/chuyen-muc/doan-the/feed.xml"/>';
    expect(await html("/chuyen-muc/doan-the")).toContain(feed);
    expect(await html(`/bai-viet/${fixtures.slug}`)).toContain(feed);
  });

  it("keeps search results and the 404 page out of search engines, and the 404 page helps on", async () => {
    expect(await html("/tim-kiem?q=doan")).toContain('<meta name="robots" content="noindex"/>');
    const missing = await html("/bai-viet/bai-khong-co", 404);
    expect(missing).toContain('<meta name="robots" content="noindex"/>');
    expect(missing).toContain('<html lang="vi">');
    expect(missing).toContain('<form class="search-form" action="/tim-kiem" method="get">');
    expect(missing).toContain('<a href="/">Về trang chủ</a>');
  });
});

describe("feeds, sitemap and robots.txt", () => {
  it("give the site's Atom feed and each category's, with absolute links", async () => {
    const response = await app.request("/feed.xml");
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = await response.text();
    expect(feed).toContain(`<link rel="self" href="${PUBLIC_URL}/feed.xml"/>`);
    expect(feed).toContain(`<id>${PUBLIC_URL}/bai-viet/${fixtures.slug}</id>`);
    expect(feed).toContain(`<title>${fixtures.title}</title>`);
    const category = await html("/chuyen-muc/doan-the/feed.xml");
    expect(category).toContain("<title>Tin tức Đoàn: Đoàn thể</title>");
    expect(category.match(/<entry>/g)).toHaveLength(4);
    await html("/chuyen-muc/khong-co/feed.xml", 404);
  });

  it("list every published article in the sitemap, which robots.txt names", async () => {
    const sitemap = await html("/sitemap.xml");
    for (const slug of fixtures.categorySlugs)
      expect(sitemap).toContain(`<loc>${PUBLIC_URL}/bai-viet/${slug}</loc>`);
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/chuyen-muc/doan-the</loc>`);
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/hoi-nghi/${fixtures.conferenceId}</loc>`);
    const robots = await html("/robots.txt");
    expect(robots).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });
});

describe("pages kept in the cache, emptied through the API's change feed", () => {
  let cached: ReturnType<typeof createNewsServer>;
  const writer = () => apiWriter(api.url);

  beforeAll(async () => {
    // As served: cached, and counting views, sent when the test says so.
    cached = createNewsServer({
      apiUrl: api.url,
      publicUrl: PUBLIC_URL,
      assets: sourceAssets(),
      views: { flushMs: 0 },
    });
    await cached.changes?.ready;
  });
  afterAll(async () => {
    await cached?.close();
  });

  const read = async (path: string, headers: Record<string, string> = {}) => {
    const response = await cached.request(path, { headers });
    return { status: response.status, text: await response.text(), cache: response.headers.get("x-cache") };
  };
  /** The change reaches this server through the feed a moment after the API answered the write. */
  const eventually = (path: string, check: (page: Awaited<ReturnType<typeof read>>) => boolean) =>
    expect.poll(async () => check(await read(path)), { timeout: 10_000, interval: 50 }).toBe(true);

  it("shows a newly published article, an edit and a withdrawal without a restart", async () => {
    await read("/");
    expect((await read("/")).cache).toBe("HIT");
    // A page from the cache carries the headers it was rendered with, the security policy too.
    const hit = await cached.request("/", { headers: { "Accept-Encoding": "gzip" } });
    expect(hit.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(hit.headers.get("content-encoding")).toBe("gzip");
    expect(hit.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");

    const title = "Tuổi trẻ Sóc Trăng ra quân tình nguyện hè";
    const created = await writer().publish({
      title,
      category: "Tình nguyện",
      organizationId: fixtures.grassrootsId,
      lead: "Đoàn viên dọn vệ sinh kênh rạch và sửa nhà cho người già.",
      body: [{ type: "paragraph", text: "Chiến dịch kéo dài hai tháng." }],
    });
    await eventually("/", (page) => page.text.includes(title));
    const path = `/bai-viet/${created.slug}`;
    expect((await read(path)).status).toBe(200);
    expect((await read(path)).cache).toBe("HIT");

    await writer().send(
      "PATCH",
      `/api/v1/articles/${created.id}`,
      { lead: "Đoàn viên sửa mười căn nhà cho người già neo đơn." },
      { "If-Match": '"v2"' },
    );
    await eventually(path, (page) => page.text.includes("sửa mười căn nhà"));

    await writer().send("POST", `/api/v1/articles/${created.id}/withdraw`, undefined, { "If-Match": '"v3"' });
    await eventually(path, (page) => page.status === 404);
    expect((await read("/")).text).not.toContain(title);
    expect((await read("/feed.xml")).text).not.toContain(title);
  });

  it("shows a comment once a moderator approves it", async () => {
    const slug = fixtures.categorySlugs[2] ?? "";
    const path = `/bai-viet/${slug}`;
    expect((await read(path)).text).toContain("Chưa có bình luận nào được duyệt.");
    expect((await read(path)).cache).toBe("HIT");
    const posted = await cached.request(`${path}/binh-luan`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ authorName: "Hồng Nhung", body: "Chi đoàn sinh hoạt rất đều." }).toString(),
    });
    expect(posted.status).toBe(303);
    const summaries = await writer().get<{ items: { id: string; slug: string }[] }>(
      "/api/v1/articles?pageSize=50",
    );
    const articleId = summaries.items.find((item) => item.slug === slug)?.id;
    const [comment] = await writer().get<{ id: string }[]>(`/api/v1/articles/${articleId}/comments`);
    await writer().send(
      "POST",
      `/api/v1/comments/${comment?.id}/moderate`,
      { decision: "approved" },
      { "If-Match": '"v1"' },
    );
    await eventually(path, (page) => page.text.includes("Chi đoàn sinh hoạt rất đều."));
  });

  it("counts every view, from the cache or not, and sends them to the API in one batch", async () => {
    const slug = fixtures.categorySlugs[3] ?? "";
    const views = async () =>
      ((await (await fetch(`${api.url}/api/v1/public/articles/${slug}`)).json()) as { views: number }).views;
    const before = await views();
    const first = await cached.request(`/bai-viet/${slug}`);
    const tag = first.headers.get("etag") ?? "";
    await cached.request(`/bai-viet/${slug}`);
    // A reader who revalidates is a reader too.
    expect((await cached.request(`/bai-viet/${slug}`, { headers: { "If-None-Match": tag } })).status).toBe(
      304,
    );
    // A crawler is not.
    await cached.request(`/bai-viet/${slug}`, { headers: { "User-Agent": "Googlebot/2.1" } });
    expect(cached.views?.pending().get(slug)).toBe(3);
    await cached.views?.flush();
    expect(cached.views?.pending().size).toBe(0);
    expect(await views()).toBe(before + 3);
    // The page shows the count once it is rendered again.
    cached.cache?.clear();
    expect((await read(`/bai-viet/${slug}`)).text).toContain(`<dd class="article-views">${before + 3}</dd>`);
  });
});
