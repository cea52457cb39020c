// The machine-read documents of the site: Atom feeds, the sitemap and robots.txt.
import type { ArticleSummary } from "./api-client";

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

export type AtomFeed = {
  title: string;
  /** The feed's own absolute address. */
  selfUrl: string;
  /** The page the feed follows. */
  pageUrl: string;
  articles: ArticleSummary[];
  /** An article's absolute address. */
  urlOf: (article: ArticleSummary) => string;
};

/** An Atom 1.0 feed of articles, newest first; updated when the newest was published. */
export function renderAtom({ title, selfUrl, pageUrl, articles, urlOf }: AtomFeed): string {
  const updated = articles[0]?.publishedAt ?? new Date(0).toISOString();
  const entries = articles.map(
    (article) => `  <entry>
    <title>${xml(article.title)}</title>
    <link href="${xml(urlOf(article))}"/>
    <id>${xml(urlOf(article))}</id>
    <published>${article.publishedAt}</published>
    <updated>${article.publishedAt}</updated>
    <author><name>${xml(article.organizationName)}</name></author>
    <category term="${xml(article.category)}"/>
    <summary>${xml(article.lead)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <title>${xml(title)}</title>
  <link rel="self" href="${xml(selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(pageUrl)}"/>
  <id>${xml(selfUrl)}</id>
  <updated>${updated}</updated>
${entries.join("\n")}
</feed>
`;
}

/** A sitemap of absolute addresses, each with its last change when known. */
export function renderSitemap(entries: { url: string; lastModified?: string }[]): string {
  const urls = entries.map(
    ({ url, lastModified }) =>
      `  <url><loc>${xml(url)}</loc>${lastModified ? `<lastmod>${lastModified}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>
`;
}

/** Everything may be crawled but the search results and the comment form's answers. */
export function renderRobots(sitemapUrl: string): string {
  return `User-agent: *
Disallow: /tim-kiem
Disallow: /*/binh-luan
Allow: /

Sitemap: ${sitemapUrl}
`;
}
