// The home page: the latest published articles, newest first, and the categories to read by.
import type { ArticleSummary, Category } from "../server/api-client";
import { ArticleList } from "./article-list";
import { CategoryNav } from "./category-page";

export function HomePage({ articles, categories }: { articles: ArticleSummary[]; categories: Category[] }) {
  return (
    <>
      <h1 className="page-title">Tin mới nhất</h1>
      <CategoryNav categories={categories} />
      <ArticleList articles={articles} />
    </>
  );
}
