import type { BodyBlock } from "@sodoan/domain";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ArticleBody, isStoredImage } from "./index.js";

const figure = {
  metricId: "members.active",
  organizationId: "doan-khoi-dn",
  asOf: "2017-08-31",
  value: 1587,
  unit: "count",
  computedAt: "2017-09-01T06:00:00Z",
} as const;

const body: BodyBlock[] = [
  { type: "paragraph", text: "Chiều 31/8, hội nghị diễn ra." },
  { type: "heading", level: 3, text: "Kết quả" },
  { type: "figure", label: "đoàn viên đang sinh hoạt", figure },
  {
    type: "figure",
    label: "đoàn viên được giới thiệu được kết nạp",
    figure: {
      ...figure,
      asOf: undefined,
      period: { from: "2014-01-01", to: "2017-08-31" },
      value: 0.588,
      unit: "ratio",
    },
  },
  {
    type: "image",
    src: "/api/v1/public/images/abc",
    alt: "Hội trường",
    width: 800,
    height: 600,
    credit: "Tấn Phát",
  },
  { type: "image", src: "https://example.org/a.png", alt: "Ảnh ngoài", width: 1200, height: 800 },
];

/** Each host's address of an image, as the news viewer and the admin write them. */
const throughSite = (src: string, width?: number) =>
  `${src.replace("/api/v1/public/images/", "/anh/")}${width === undefined ? "" : `?w=${width}`}`;

describe("ArticleBody", () => {
  const html = renderToStaticMarkup(
    <ArticleBody body={body} imageUrl={throughSite} figureHref={(n) => `/so-lieu/${n}`} />,
  );

  it("renders the blocks in order inside the body", () => {
    expect(html).toMatch(
      /^<div class="article-body"><p>Chiều 31\/8, hội nghị diễn ra.<\/p><h3>Kết quả<\/h3>/,
    );
  });

  it("writes figures the Vietnamese way and numbers their source links from 1", () => {
    expect(html).toContain('<strong class="figure-value">1.587</strong> đoàn viên đang sinh hoạt');
    expect(html).toContain("(tính đến 31/08/2017)");
    expect(html).toContain('<strong class="figure-value">58,8%</strong>');
    expect(html).toContain("(từ 01/01/2014 đến 31/08/2017)");
    expect(html).toContain('<a href="/so-lieu/1">Nguồn số liệu</a>');
    expect(html).toContain('<a href="/so-lieu/2">Nguồn số liệu</a>');
  });

  it("asks the host where a stored image lives, in each width the API keeps", () => {
    // The 640 px copy suits most phones.
    expect(html).toContain('src="/anh/abc?w=640"');
    expect(html).toContain('srcSet="/anh/abc?w=320 320w, /anh/abc?w=640 640w, /anh/abc?w=800 800w"');
    expect(html).toContain('<figcaption><span class="image-credit"> Ảnh: Tấn Phát</span></figcaption>');
    // An image stored elsewhere has no narrower copies to offer.
    expect(html).toContain('<img src="https://example.org/a.png" width="1200" height="800" alt="Ảnh ngoài"');
  });

  it("leaves out the source link where the host has no provenance page (a preview)", () => {
    const preview = renderToStaticMarkup(<ArticleBody body={body} imageUrl={(src) => src} />);
    expect(preview).not.toContain("Nguồn số liệu");
    expect(preview).toContain('<strong class="figure-value">1.587</strong>');
  });
});

describe("isStoredImage", () => {
  it.each([
    ["/api/v1/public/images/abc", true],
    ["/api/v1/public/images/abc?w=320", false],
    ["https://example.org/a.png", false],
  ])("%s: %s", (src, stored) => {
    expect(isStoredImage(src)).toBe(stored);
  });
});
