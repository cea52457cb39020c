// The home page: the latest published articles, newest first.
import { formatDate, toVietnamDate } from "@sodoan/domain";
import type { ArticleSummary } from "../server/api-client";

export function HomePage({ articles }: { articles: ArticleSummary[] }) {
  return (
    <>
      <h1 className="page-title">Tin mới nhất</h1>
      {articles.length === 0 ? (
        <p className="empty">Chưa có bài viết nào.</p>
      ) : (
        <ol className="article-list">
          {articles.map((article) => (
            <li key={article.id}>
              <ArticleCard article={article} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function ArticleCard({ article }: { article: ArticleSummary }) {
  return (
    <article className="article-card">
      <p className="article-meta">
        <span className="article-category">{article.category}</span>
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

/** Article pages live at /bai-viet/<slug>. */
export function articlePath(slug: string): string {
  return `/bai-viet/${encodeURIComponent(slug)}`;
}
