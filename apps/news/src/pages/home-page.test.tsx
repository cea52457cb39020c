import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ArticleSummary } from "../server/api-client";
import { articlePath, HomePage } from "./home-page";

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
    const html = renderToStaticMarkup(<HomePage articles={[article]} />);
    expect(html).toContain('<a href="/bai-viet/dai-hoi-doan-phuong-ben-nghe">Đại hội Đoàn phường Bến Nghé');
    expect(html).toContain("Đại hội bầu Ban Chấp hành gồm 15 đồng chí.");
    expect(html).toContain('<span class="article-category">Đại hội</span>');
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
    const html = renderToStaticMarkup(<HomePage articles={[article, older]} />);
    expect(html.indexOf("Bến Nghé nhiệm kỳ")).toBeLessThan(html.indexOf("Bài cũ"));
  });

  it("shows the empty state when there is nothing", () => {
    expect(renderToStaticMarkup(<HomePage articles={[]} />)).toContain("Chưa có bài viết nào.");
  });
});

describe("articlePath", () => {
  it("escapes what a slug should never hold", () => {
    expect(articlePath("a b/c")).toBe("/bai-viet/a%20b%2Fc");
  });
});
