// The articles of the user's organisations: searched without diacritics, filtered by status, newest
// first, paged by the API; each title opens the article's editor.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/error-notice";
import { Pager } from "../ui/pager";

type Article = {
  id: string;
  slug: string;
  title: string;
  category: string;
  organizationId: string;
  status: "draft" | "scheduled" | "published" | "withdrawn";
  publishedAt: string | null;
};

const STATUS_LABELS: Record<Article["status"], { vi: string; en: string }> = {
  draft: { vi: "Bản nháp", en: "Draft" },
  scheduled: { vi: "Hẹn giờ đăng", en: "Scheduled" },
  published: { vi: "Đã đăng", en: "Published" },
  withdrawn: { vi: "Đã gỡ", en: "Withdrawn" },
};

const PAGE_SIZE = 50;

export function ArticlesPage() {
  const { t, n, dt } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const status = search.get("status") ?? "";
  const page = Math.max(1, Number(search.get("page") ?? "1") || 1);
  const [typed, setTyped] = useState(q);
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => setSearch(queryString({ q: typed, status }), { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [typed, q, status, setSearch]);

  const url = `/api/v1/articles${queryString({ q, status, page, pageSize: PAGE_SIZE })}`;
  const articles = useQuery({
    queryKey: ["articles", url],
    queryFn: ({ signal }) => apiGet<{ items: Article[]; total: number }>(url, signal),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((articles.data?.total ?? 0) / PAGE_SIZE));

  return (
    <section aria-labelledby="articles-title">
      <h2 id="articles-title">{t({ vi: "Bài viết", en: "Articles" })}</h2>
      {hasPermission(me.data, "content.write") && (
        <p>
          <Link to={paths.newArticle}>{t({ vi: "Viết bài mới", en: "Write a new article" })}</Link>
        </p>
      )}
      <form
        className="filters"
        aria-label={t({ vi: "Lọc bài viết", en: "Filter the articles" })}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="article-q">{t({ vi: "Tìm theo tiêu đề", en: "Search by title" })}</label>
          <input
            id="article-q"
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="article-status">{t({ vi: "Tình trạng", en: "Status" })}</label>
          <select
            id="article-status"
            value={status}
            onChange={(event) => setSearch(queryString({ q, status: event.target.value }))}
          >
            <option value="">{t({ vi: "Tất cả", en: "All" })}</option>
            {(Object.keys(STATUS_LABELS) as Article["status"][]).map((key) => (
              <option key={key} value={key}>
                {t(STATUS_LABELS[key])}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" data-testid="article-total">
        {articles.data
          ? t({ vi: `${n(articles.data.total)} bài viết`, en: `${n(articles.data.total)} articles` })
          : ""}
      </p>
      {articles.isError && <ErrorNotice error={articles.error} onRetry={() => void articles.refetch()} />}
      <table className="data" data-testid="article-table">
        <thead>
          <tr>
            <th scope="col">{t({ vi: "Tiêu đề", en: "Title" })}</th>
            <th scope="col">{t({ vi: "Chuyên mục", en: "Category" })}</th>
            <th scope="col">{t({ vi: "Tình trạng", en: "Status" })}</th>
            <th scope="col">{t({ vi: "Đăng lúc", en: "Published" })}</th>
          </tr>
        </thead>
        <tbody>
          {articles.data?.items.map((article) => (
            <tr key={article.id}>
              <td>
                <Link to={paths.article(article.id)}>{article.title}</Link>
              </td>
              <td>{article.category}</td>
              <td>{t(STATUS_LABELS[article.status])}</td>
              <td>{article.publishedAt ? dt(article.publishedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} onPage={(to) => setSearch(queryString({ q, status, page: to }))} />
    </section>
  );
}
