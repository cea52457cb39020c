// A category: its articles, newest first, a page at a time with real links between the pages.
import type { ArticleSummary, Category } from "../server/api-client";
import { ArticleList } from "./article-list";
import { Pagination } from "./pagination";
import { categoryPath } from "./paths";

export type CategoryPageProps = {
  category: string;
  articles: ArticleSummary[];
  page: number;
  pageSize: number;
  total: number;
};

export function CategoryPage({ category, articles, page, pageSize, total }: CategoryPageProps) {
  return (
    <>
      <h1 className="page-title">
        <span className="visually-hidden">Chuyên mục: </span>
        {category}
      </h1>
      <ArticleList articles={articles} />
      <Pagination page={page} pageSize={pageSize} total={total} pathOf={(n) => categoryPath(category, n)} />
    </>
  );
}

/** The categories with their article counts, as links. */
export function CategoryNav({ categories, current }: { categories: Category[]; current?: string }) {
  if (categories.length === 0) return null;
  return (
    <nav className="category-nav" aria-label="Chuyên mục">
      <ul>
        {categories.map(({ category, count }) => (
          <li key={category}>
            <a href={categoryPath(category)} {...(category === current ? { "aria-current": "page" } : {})}>
              {category} <span className="count">({count})</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
