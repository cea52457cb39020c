// The frame of every page: head, site header and footer. Vietnamese only; no script at all.
import type { ReactNode } from "react";

export const SITE_NAME = "Tin tức Đoàn";
const SITE_TAGLINE = "Đoàn Thanh niên Cộng sản Hồ Chí Minh";
const SITE_DESCRIPTION =
  "Tin tức hoạt động của các tổ chức Đoàn Thanh niên Cộng sản Hồ Chí Minh: đại hội, phong trào, gương thanh niên tiêu biểu.";

export type LayoutProps = {
  /** The page's own title; the site name follows it. Absent on the home page. */
  title?: string;
  description?: string;
  /** Absolute URL of the page, for search engines and shared links. */
  canonicalUrl?: string;
  /** Open Graph's kind of page. */
  ogType?: "website" | "article";
  /** Structured data for search engines (schema.org), written as JSON-LD. */
  jsonLd?: Record<string, unknown>;
  /** Atom feeds a reader's feed app finds from this page, site feed first. */
  feeds?: { title: string; href: string }[];
  /** Pages a search engine should not list (a search's results, an error). */
  noIndex?: boolean;
  /** The search box keeps what was searched. */
  query?: string;
  stylesheets: string[];
  children: ReactNode;
};

export function Layout({
  title,
  description = SITE_DESCRIPTION,
  canonicalUrl,
  ogType = "website",
  jsonLd,
  feeds = [],
  noIndex = false,
  query,
  stylesheets,
  children,
}: LayoutProps) {
  const fullTitle = title ? `${title} — ${SITE_NAME}` : `${SITE_NAME} — ${SITE_TAGLINE}`;
  const shareTitle = title ?? SITE_NAME;
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        {canonicalUrl && <link rel="canonical" href={canonicalUrl} />}
        {noIndex && <meta name="robots" content="noindex" />}
        <meta property="og:site_name" content={SITE_NAME} />
        <meta property="og:locale" content="vi_VN" />
        <meta property="og:type" content={ogType} />
        <meta property="og:title" content={shareTitle} />
        <meta property="og:description" content={description} />
        {canonicalUrl && <meta property="og:url" content={canonicalUrl} />}
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={shareTitle} />
        <meta name="twitter:description" content={description} />
        {feeds.map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type="application/atom+xml"
            title={feed.title}
            href={feed.href}
          />
        ))}
        <meta name="theme-color" content="#0b4ea2" />
        {/* No favicon request on every page until the site has one. */}
        <link rel="icon" href="data:," />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {jsonLd && (
          // Data, not a program: browsers never run this type, and the policy allows no script.
          <script
            type="application/ld+json"
            // JSON with "<" escaped cannot close the element.
            dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
          />
        )}
      </head>
      <body>
        <a className="skip-link" href="#noi-dung">
          Chuyển đến nội dung
        </a>
        <header className="site-header">
          <div className="container">
            <a className="site-name" href="/">
              <span className="site-mark" aria-hidden="true">
                Đ
              </span>
              <span>
                <span className="site-title">{SITE_NAME}</span>
                <span className="site-tagline">{SITE_TAGLINE}</span>
              </span>
            </a>
            <form className="site-search" method="get" action="/tim-kiem">
              <label htmlFor="tu-khoa" className="visually-hidden">
                Tìm kiếm tin bài
              </label>
              <input id="tu-khoa" type="search" name="q" defaultValue={query} placeholder="Tìm tin bài…" />
              <button type="submit">Tìm</button>
            </form>
          </div>
        </header>
        <main id="noi-dung" className="container site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>
              {SITE_NAME} · {SITE_TAGLINE} · <a href="/feed.xml">Tin mới (Atom)</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
