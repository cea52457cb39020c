// The search page: a plain GET form and the public search's ranked results, accents optional.
import type { SearchPage as SearchResults } from "../server/api-client";
import { Pagination } from "./pagination";
import { articlePath, conferencePath, searchPath } from "./paths";

const KIND_LABELS = { article: "Bài viết", conference: "Hội nghị" } as const;

export function SearchPage({ q, results }: { q: string; results: SearchResults | null }) {
  return (
    <>
      <h1 className="page-title">Tìm kiếm</h1>
      <form className="search-form" method="get" action="/tim-kiem">
        <label htmlFor="tim">Từ khóa (gõ có dấu hoặc không dấu)</label>
        <input id="tim" type="search" name="q" defaultValue={q} required maxLength={200} />
        <button type="submit">Tìm</button>
      </form>
      {results !== null && (
        <section aria-labelledby="ket-qua">
          <h2 id="ket-qua">
            {results.total === 0
              ? `Không tìm thấy kết quả cho “${q}”`
              : `${results.total} kết quả cho “${q}”`}
          </h2>
          {results.items.length > 0 && (
            <ol className="search-results">
              {results.items.map((hit) => (
                <li key={`${hit.kind}-${hit.id}`}>
                  <p className="article-meta">
                    {KIND_LABELS[hit.kind]} · {hit.subtitle.vi}
                  </p>
                  <h3 className="article-title">
                    <a
                      href={hit.kind === "article" ? articlePath(hit.slug ?? hit.id) : conferencePath(hit.id)}
                    >
                      {hit.title}
                    </a>
                  </h3>
                </li>
              ))}
            </ol>
          )}
          <Pagination
            page={results.page}
            pageSize={results.pageSize}
            total={results.total}
            pathOf={(n) => searchPath(q, n)}
          />
        </section>
      )}
    </>
  );
}
