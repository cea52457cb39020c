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
  stylesheets: string[];
  children: ReactNode;
};

export function Layout({
  title,
  description = SITE_DESCRIPTION,
  canonicalUrl,
  stylesheets,
  children,
}: LayoutProps) {
  const fullTitle = title ? `${title} — ${SITE_NAME}` : `${SITE_NAME} — ${SITE_TAGLINE}`;
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        {canonicalUrl && <link rel="canonical" href={canonicalUrl} />}
        <meta name="theme-color" content="#0b4ea2" />
        {/* No favicon request on every page until the site has one. */}
        <link rel="icon" href="data:," />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
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
          </div>
        </header>
        <main id="noi-dung" className="container site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>
              {SITE_NAME} · {SITE_TAGLINE}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
