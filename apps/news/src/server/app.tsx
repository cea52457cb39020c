// The news viewer as a Hono app: server-rendered pages from the API's public endpoints, their
// stylesheet and images, the comment form's answers, feeds, sitemap and robots.txt.

import { readFile } from "node:fs/promises";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { quotedFiguresOf, slugify } from "@sodoan/domain";
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import type { ReactNode } from "react";
import { ArticlePage, type CommentFormState } from "../pages/article-page";
import { CategoryPage } from "../pages/category-page";
import { ConferencePage } from "../pages/conference-page";
import { NotFoundPage, UnavailablePage } from "../pages/error-pages";
import { HomePage } from "../pages/home-page";
import { Layout, type LayoutProps, SITE_NAME } from "../pages/layout";
import { OrganizationPage } from "../pages/organization-page";
import { pageCount } from "../pages/pagination";
import {
  articlePath,
  categoryPath,
  conferencePath,
  feedPath,
  figurePath,
  organizationPath,
} from "../pages/paths";
import { ProvenancePage } from "../pages/provenance-page";
import { SearchPage } from "../pages/search-page";
import { ApiUnavailableError, type ArticleSummary, createNewsApi, type FigureQuery } from "./api-client";
import { type Assets, DEV_STYLESHEET_PATH } from "./assets";
import { type ChangeFeed, followChanges } from "./change-feed";
import { renderAtom, renderRobots, renderSitemap } from "./feeds";
import { createPageCache, type PageCache, type PageCacheOptions } from "./page-cache";
import { renderDocument } from "./render";
import { createViewCounter, isRobot, type ViewCounter } from "./view-counter";

export type NewsServerOptions = {
  /** The API's origin, called server to server. */
  apiUrl: string;
  /** Where readers reach this site; canonical links are built from it. */
  publicUrl: string;
  assets: Assets;
  /** How long a page waits for the API before it shows the 503 page. */
  apiTimeoutMs?: number;
  /** How many articles or results a category or search page lists. */
  pageSize?: number;
  /**
   * The rendered-page cache, emptied through the API's change feed; `false` renders every request.
   * On by default, and only while the feed is connected.
   */
  cache?: Omit<PageCacheOptions, "now"> | false;
  /** The view counter's batches to the API; `false` counts nothing. */
  views?: { token?: string | undefined; flushMs: number } | false;
};

/** The pages kept and for how long, unless told otherwise. */
export const DEFAULT_PAGE_CACHE = { maxEntries: 1_000, ttlMs: 300_000 } as const;
/** How often view counts go to the API, unless told otherwise. */
export const DEFAULT_VIEW_FLUSH_MS = 10_000;

/** How many articles the home page, a category page and a feed list. */
const HOME_PAGE_SIZE = 20;
const LIST_PAGE_SIZE = 20;
const FEED_SIZE = 30;
/** How many articles the sitemap lists (the API's largest page). */
const SITEMAP_SIZE = 500;
const RELATED_COUNT = 5;
/** Content-hashed file names never change content. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/**
 * Pages change when an article is published, edited or withdrawn: browsers and proxies keep them but
 * ask again each time, which this server answers from its cache, with a 304 when the ETag still holds.
 */
const PAGE_CACHE = "public, max-age=0, must-revalidate";
/** Seconds a reader's browser or a crawler should wait after a 503. */
const RETRY_AFTER_SECONDS = "30";

/**
 * Builds the news server, apart from the entry that listens, so tests call it with `app.request()`.
 *
 * @example
 * const app = createNewsServer({ apiUrl, publicUrl: "https://tin.example.vn", assets: resolveAssets(distDir) });
 */
export function createNewsServer({
  apiUrl,
  publicUrl,
  assets,
  apiTimeoutMs = 5_000,
  pageSize = LIST_PAGE_SIZE,
  cache: cacheOptions = DEFAULT_PAGE_CACHE,
  views: viewOptions = { flushMs: DEFAULT_VIEW_FLUSH_MS },
}: NewsServerOptions) {
  const api = createNewsApi(apiUrl, { timeoutMs: apiTimeoutMs });
  const cache: PageCache | undefined = cacheOptions === false ? undefined : createPageCache(cacheOptions);
  // Off until the feed listens: a page kept while no change can be heard could stay stale.
  cache?.setEnabled(false);
  const changes: ChangeFeed | undefined =
    cache === undefined
      ? undefined
      : followChanges(apiUrl, {
          onConnect: () => cache.setEnabled(true),
          onDisconnect: () => cache.setEnabled(false),
          onChange: () => cache.clear(),
        });
  const views: ViewCounter | undefined =
    viewOptions === false
      ? undefined
      : createViewCounter({
          apiUrl,
          token: viewOptions.token,
          flushMs: viewOptions.flushMs,
          timeoutMs: apiTimeoutMs,
        });
  const canonical = (pathname: string) => new URL(pathname, publicUrl).href;

  type PageMeta = Omit<LayoutProps, "stylesheets" | "children" | "canonicalUrl"> & { path?: string };
  const page = (
    c: Context,
    status: 200 | 400 | 404 | 429 | 500 | 503,
    content: ReactNode,
    meta: PageMeta = {},
  ) => {
    const { path, ...layout } = meta;
    const html = renderDocument(
      <Layout
        stylesheets={assets.stylesheets}
        {...layout}
        feeds={[{ title: SITE_NAME, href: feedPath() }, ...(layout.feeds ?? [])]}
        {...(path ? { canonicalUrl: canonical(path) } : {})}
      >
        {content}
      </Layout>,
    );
    return c.html(html, status);
  };
  const notFound = (c: Context) =>
    page(c, 404, <NotFoundPage />, { title: "Không tìm thấy trang", noIndex: true });
  /** `?trang=N` as a page number; anything else is page 1. */
  const pageNumber = (c: Context) => {
    const n = Number(c.req.query("trang") ?? "1");
    return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
  };
  /** A category's name from its folded slug, through the API's list. */
  const findCategory = async (slug: string) =>
    (await api.categories()).find(({ category }) => slugify(category) === slug)?.category;

  const app = new Hono();
  // Counted in front of the cache, so that a page served from it is still a view.
  app.use("/bai-viet/:slug", async (c, next) => {
    // Read before `next()`: afterwards the parameters are those of the last handler that ran.
    const slug = c.req.param("slug");
    await next();
    const status = c.res.status;
    if (
      views !== undefined &&
      c.req.method === "GET" &&
      (status === 200 || status === 304) &&
      c.req.query("binh-luan") === undefined &&
      !isRobot(c.req.header("User-Agent"))
    )
      views.count(slug);
  });
  // In front of the rest: a page it holds is answered without them, with the headers they set.
  if (cache !== undefined) app.use(cache.middleware);
  app.use(compress());
  // Weak, because the tag is computed before compression changes the bytes.
  app.use(etag({ weak: true }));
  app.use(
    secureHeaders({
      // The pages run no script and load nothing from elsewhere.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  if (assets.mode === "built") {
    // Set after the file is found: a header set inside serveStatic can miss the response it built.
    app.use("/assets/*", async (c, next) => {
      await next();
      if (c.res.ok) c.header("Cache-Control", IMMUTABLE);
    });
    app.use("/assets/*", serveStatic({ root: assets.distDir }));
  } else {
    const { stylesheetFile } = assets;
    app.get(DEV_STYLESHEET_PATH, async (c) => {
      c.header("Cache-Control", "no-cache");
      return c.body(await readFile(stylesheetFile, "utf8"), 200, {
        "Content-Type": "text/css; charset=utf-8",
      });
    });
  }

  app.get("/", async (c) => {
    const [{ items }, categories] = await Promise.all([
      api.latestArticles({ page: 1, pageSize: HOME_PAGE_SIZE }),
      api.categories(),
    ]);
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <HomePage articles={items} categories={categories} />, { path: "/" });
  });

  app.get("/bai-viet/:slug", async (c) => {
    const slug = c.req.param("slug");
    const article = await api.article(slug);
    if (article === null) return notFound(c);
    const [related, comments] = await Promise.all([api.related(slug, RELATED_COUNT), api.comments(slug)]);
    const commentForm: CommentFormState =
      c.req.query("binh-luan") === "cho-duyet" ? { kind: "pending" } : { kind: "idle" };
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <ArticlePage {...{ article, related, comments, commentForm }} />, {
      title: article.title,
      description: article.lead,
      path: articlePath(article.slug),
      ogType: "article",
      feeds: [{ title: `${SITE_NAME}: ${article.category}`, href: feedPath(article.category) }],
      jsonLd: {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        headline: article.title,
        description: article.lead,
        datePublished: article.publishedAt,
        articleSection: article.category,
        inLanguage: "vi",
        mainEntityOfPage: canonical(articlePath(article.slug)),
        ...(article.author ? { author: { "@type": "Person", name: article.author } } : {}),
        publisher: { "@type": "Organization", name: article.organizationName },
        ...(article.body.some((block) => block.type === "image")
          ? {
              image: article.body.flatMap((block) =>
                block.type === "image" ? [canonical(imagePathOf(block.src))] : [],
              ),
            }
          : {}),
      },
    });
  });

  app.post("/bai-viet/:slug/binh-luan", async (c) => {
    const slug = c.req.param("slug");
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? form[name] : "");
    const input = { authorName: field("authorName"), body: field("body"), website: field("website") };
    const outcome = await api.postComment(slug, input, readerAddress(c));
    c.header("Cache-Control", "no-store");
    if (outcome.kind === "pending")
      return c.redirect(`${articlePath(slug)}?binh-luan=cho-duyet#binh-luan`, 303);
    const article = await api.article(slug);
    if (article === null) return notFound(c);
    const [related, comments] = await Promise.all([api.related(slug, RELATED_COUNT), api.comments(slug)]);
    let commentForm: CommentFormState;
    if (outcome.kind === "closed") commentForm = { kind: "closed" };
    else if (outcome.kind === "limited") {
      c.header("Retry-After", String(outcome.retryAfterSeconds));
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      commentForm = { kind: "limited", minutes, authorName: input.authorName, body: input.body };
    } else
      commentForm = {
        kind: "invalid",
        messages: outcome.issues.map((issue) => `${fieldLabel(issue.path[0])}${issue.message}`),
        authorName: input.authorName,
        body: input.body,
      };
    const status = outcome.kind === "limited" ? 429 : 400;
    return page(c, status, <ArticlePage {...{ article, related, comments, commentForm }} />, {
      title: article.title,
      path: articlePath(article.slug),
      noIndex: true,
    });
  });

  app.get("/bai-viet/:slug/so-lieu/:n", async (c) => {
    const article = await api.article(c.req.param("slug"));
    const n = Number(c.req.param("n"));
    const blocks = article?.body.flatMap((block) => (block.type === "figure" ? [block] : [])) ?? [];
    const block = Number.isInteger(n) ? blocks[n - 1] : undefined;
    if (article === null || block === undefined) return notFound(c);
    const [figure] = quotedFiguresOf({ body: [block] });
    if (figure === undefined) return notFound(c);
    const query: FigureQuery = {
      organizationId: figure.organizationId,
      // A period's figure is read on the tree at the period's end, as the API does for a flow.
      asOf: figure.asOf ?? figure.period?.to ?? "",
      ...(figure.period ? { from: figure.period.from, to: figure.period.to } : {}),
    };
    const today = await api.figure(figure.metricId, query);
    c.header("Cache-Control", PAGE_CACHE);
    return page(
      c,
      200,
      <ProvenancePage article={article} figure={figure} label={block.label} today={today} />,
      {
        title: `Nguồn số liệu: ${block.label}`,
        description: `Số liệu “${block.label}” trong bài ${article.title}: được tính thế nào, từ hồ sơ nào.`,
        path: figurePath(article.slug, n),
      },
    );
  });

  app.get("/chuyen-muc/:slug", async (c) => {
    const category = await findCategory(c.req.param("slug"));
    if (category === undefined) return notFound(c);
    const current = pageNumber(c);
    const list = await api.latestArticles({ page: current, pageSize, category });
    if (current > pageCount(list.total, pageSize)) return notFound(c);
    c.header("Cache-Control", PAGE_CACHE);
    return page(
      c,
      200,
      <CategoryPage
        category={category}
        articles={list.items}
        page={current}
        pageSize={pageSize}
        total={list.total}
      />,
      {
        title: current > 1 ? `${category} (trang ${current})` : category,
        description: `Tin bài chuyên mục ${category}.`,
        path: categoryPath(category, current),
        feeds: [{ title: `${SITE_NAME}: ${category}`, href: feedPath(category) }],
      },
    );
  });

  app.get("/chuyen-muc/:slug/feed.xml", async (c) => {
    const category = await findCategory(c.req.param("slug"));
    if (category === undefined) return notFound(c);
    const { items } = await api.latestArticles({ page: 1, pageSize: FEED_SIZE, category });
    return atom(c, `${SITE_NAME}: ${category}`, feedPath(category), categoryPath(category), items);
  });

  app.get("/feed.xml", async (c) => {
    const { items } = await api.latestArticles({ page: 1, pageSize: FEED_SIZE });
    return atom(c, SITE_NAME, feedPath(), "/", items);
  });

  const atom = (c: Context, title: string, self: string, pagePath: string, articles: ArticleSummary[]) => {
    c.header("Cache-Control", PAGE_CACHE);
    const body = renderAtom({
      title,
      selfUrl: canonical(self),
      pageUrl: canonical(pagePath),
      articles,
      urlOf: (article) => canonical(articlePath(article.slug)),
    });
    return c.body(body, 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
  };

  app.get("/sitemap.xml", async (c) => {
    const [{ items }, categories, conferences] = await Promise.all([
      api.latestArticles({ page: 1, pageSize: SITEMAP_SIZE }),
      api.categories(),
      api.conferences({ page: 1, pageSize: SITEMAP_SIZE }),
    ]);
    c.header("Cache-Control", PAGE_CACHE);
    const body = renderSitemap([
      { url: canonical("/"), ...(items[0] ? { lastModified: items[0].publishedAt } : {}) },
      ...categories.map(({ category }) => ({ url: canonical(categoryPath(category)) })),
      ...items.map((article) => ({
        url: canonical(articlePath(article.slug)),
        lastModified: article.publishedAt,
      })),
      ...conferences.items.map((conference) => ({ url: canonical(conferencePath(conference.id)) })),
    ]);
    return c.body(body, 200, { "Content-Type": "application/xml; charset=utf-8" });
  });

  app.get("/robots.txt", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.text(renderRobots(canonical("/sitemap.xml")));
  });

  app.get("/hoi-nghi/:id", async (c) => {
    const conference = await api.conference(c.req.param("id"));
    if (conference === null) return notFound(c);
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <ConferencePage conference={conference} />, {
      title: conference.title,
      description: `${conference.title} của ${conference.organizerName}: thành phần, văn bản được xem xét, kết luận và chỉ đạo.`,
      path: conferencePath(conference.id),
    });
  });

  app.get("/to-chuc/:id", async (c) => {
    const organization = await api.organization(c.req.param("id"));
    if (organization === null) return notFound(c);
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <OrganizationPage organization={organization} />, {
      title: organization.name,
      description: `${organization.name}: tổ chức trực thuộc và số liệu đoàn viên công khai, kèm nguồn của từng số liệu.`,
      path: organizationPath(organization.id),
    });
  });

  app.get("/tim-kiem", async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const results = q === "" ? null : await api.search({ q, page: pageNumber(c), pageSize });
    c.header("Cache-Control", PAGE_CACHE);
    return page(c, 200, <SearchPage q={q} results={results} />, {
      title: q === "" ? "Tìm kiếm" : `Tìm “${q}”`,
      path: "/tim-kiem",
      noIndex: true,
      query: q,
    });
  });

  // Article images, fetched from the API for readers, who never reach it themselves.
  app.get("/anh/:id", async (c) => {
    const url = new URL(`/api/v1/public/images/${encodeURIComponent(c.req.param("id"))}`, apiUrl);
    const width = c.req.query("w");
    if (width !== undefined) url.searchParams.set("w", width);
    const tag = c.req.header("If-None-Match");
    let response: Response;
    try {
      response = await fetch(url, {
        headers: tag ? { "If-None-Match": tag } : {},
        signal: AbortSignal.timeout(apiTimeoutMs),
      });
    } catch (error) {
      throw new ApiUnavailableError(`API unreachable at ${apiUrl} (an image)`, { cause: error });
    }
    if (response.status === 404 || response.status === 400) return notFound(c);
    if (response.status >= 500) throw new ApiUnavailableError(`API answered ${response.status} for an image`);
    const headers = new Headers();
    for (const name of ["Content-Type", "Cache-Control", "ETag", "Content-Length"]) {
      const value = response.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return new Response(response.body, { status: response.status, headers });
  });

  app.notFound(notFound);

  app.onError((error, c) => {
    c.header("Cache-Control", "no-store");
    if (error instanceof ApiUnavailableError) {
      console.warn(`${c.req.method} ${c.req.path}: ${error.message}`);
      c.header("Retry-After", RETRY_AFTER_SECONDS);
      return page(c, 503, <UnavailablePage />, { title: "Tạm thời gián đoạn", noIndex: true });
    }
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return page(c, 500, <UnavailablePage />, { title: "Tạm thời gián đoạn", noIndex: true });
  });

  return Object.assign(app, {
    cache,
    changes,
    views,
    /** Stops following the change feed and sends the views still counted. */
    async close() {
      changes?.stop();
      await views?.stop();
    },
  });
}

/** Where an image a body block names is served to readers. */
function imagePathOf(src: string): string {
  return src.replace(/^\/api\/v1\/public\/images\//, "/anh/");
}

/**
 * The reader's address as this server sees it, after any proxies in front of it: passed on so that
 * the API limits comments per reader, not per news server.
 */
function readerAddress(c: Context): string | undefined {
  const forwarded = c.req.header("X-Forwarded-For");
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    // No socket when the app is called in process (tests).
  }
  const chain = [forwarded, remote].filter((part): part is string => Boolean(part));
  return chain.length > 0 ? chain.join(", ") : undefined;
}

const FIELD_LABELS: Record<string, string> = { authorName: "Họ và tên: ", body: "Nội dung: " };

function fieldLabel(field: string | undefined): string {
  return FIELD_LABELS[field ?? ""] ?? "";
}
