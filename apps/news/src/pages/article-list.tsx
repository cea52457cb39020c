// A list of articles as cards, newest first, as the home, category and search pages show them.
import { formatDate, toVietnamDate } from "@sodoan/domain";
import type { ArticleSummary } from "../server/api-client";
import { articlePath, categoryPath } from "./paths";

export function ArticleList({ articles }: { articles: ArticleSummary[] }) {
  if (articles.length === 0) return <p className="empty">Chưa có bài viết nào.</p>;
  return (
    <ol className="article-list">
      {articles.map((article) => (
        <li key={article.id}>
          <ArticleCard article={article} />
        </li>
      ))}
    </ol>
  );
}

function ArticleCard({ article }: { article: ArticleSummary }) {
  return (
    <article className="article-card">
      <p className="article-meta">
        <a className="article-category" href={categoryPath(article.category)}>
          {article.category}
        </a>
        <span aria-hidden="true"> · </span>
        <time dateTime={article.publishedAt}>{formatDate(toVietnamDate(article.publishedAt), "vi")}</time>
      </p>
      <h2 className="article-title">
        <a href={articlePath(article.slug)}>{article.title}</a>
      </h2>
      {article.lead && <p className="article-lead">{article.lead}</p>}
      <p className="article-source">{article.organizationName}</p>
    </article>
  );
}
