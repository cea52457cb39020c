import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ArticleSummary } from "../server/api-client";
import { HomePage } from "./home-page";
import { articlePath, categoryPath } from "./paths";

const article: ArticleSummary = {
  id: "a1",
  slug: "dai-hoi-doan-phuong-ben-nghe",
  title: "Đại hội Đoàn phường Bến Nghé nhiệm kỳ 2024–2027",
  lead: "Đại hội bầu Ban Chấp hành gồm 15 đồng chí.",
  category: "Đại hội",
  organizationName: "Đoàn phường Bến Nghé",
  // 01:30 on 26 March in Vietnam, still 25 March in UTC.
  publishedAt: "2024-03-25T18:30:00.000Z",
};

describe("HomePage", () => {
  it("lists each article with its link, lead, category, source and Vietnamese date", () => {
    const html = renderToStaticMarkup(
      <HomePage articles={[article]} categories={[{ category: "Đại hội", count: 1 }]} />,
    );
    expect(html).toContain('<a href="/bai-viet/dai-hoi-doan-phuong-ben-nghe">Đại hội Đoàn phường Bến Nghé');
    expect(html).toContain("Đại hội bầu Ban Chấp hành gồm 15 đồng chí.");
    expect(html).toContain('<a class="article-category" href="/chuyen-muc/dai-hoi">Đại hội</a>');
    expect(html).toContain('<nav class="category-nav" aria-label="Chuyên mục">');
    expect(html).toContain('<a href="/chuyen-muc/dai-hoi">Đại hội <span class="count">(1)</span></a>');
    expect(html).toContain("Đoàn phường Bến Nghé</p>");
    expect(html).toContain('<time dateTime="2024-03-25T18:30:00.000Z">26/03/2024</time>');
    expect(html).not.toContain("Chưa có bài viết nào.");
  });

  it("keeps the API's order", () => {
    const older = {
      ...article,
      id: "a0",
      slug: "cu",
      title: "Bài cũ",
      publishedAt: "2023-01-01T00:00:00.000Z",
    };
    const html = renderToStaticMarkup(<HomePage articles={[article, older]} categories={[]} />);
    expect(html.indexOf("Bến Nghé nhiệm kỳ")).toBeLessThan(html.indexOf("Bài cũ"));
  });

  it("shows the empty state when there is nothing", () => {
    expect(renderToStaticMarkup(<HomePage articles={[]} categories={[]} />)).toContain(
      "Chưa có bài viết nào.",
    );
  });
});

describe("paths", () => {
  it("escapes what a slug should never hold", () => {
    expect(articlePath("a b/c")).toBe("/bai-viet/a%20b%2Fc");
  });

  it("folds a category to ASCII and gives page 1 no page number", () => {
    expect(categoryPath("Đoàn thể")).toBe("/chuyen-muc/doan-the");
    expect(categoryPath("Đoàn thể", 1)).toBe("/chuyen-muc/doan-the");
    expect(categoryPath("Đoàn thể", 3)).toBe("/chuyen-muc/doan-the?trang=3");
  });
});
