// Links between the pages of a list: real addresses, so that readers and crawlers follow them without script.

export type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** The address of a page of the same list. */
  pathOf: (page: number) => string;
};

/** Number of pages a list of `total` items takes; an empty list still has its first page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function Pagination({ page, pageSize, total, pathOf }: PaginationProps) {
  const last = pageCount(total, pageSize);
  if (last <= 1) return null;
  // The first, the last and the two either side of the current page; gaps shown as an ellipsis.
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label="Phân trang">
      {page > 1 && (
        <a href={pathOf(page - 1)} rel="prev">
          ‹ Trang trước
        </a>
      )}
      <ol>
        {shown.map((n, index) => (
          <li key={n}>
            {index > 0 && n - (shown[index - 1] ?? n) > 1 && <span aria-hidden="true">… </span>}
            {n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={pathOf(n)} aria-label={`Trang ${n}`}>
                {n}
              </a>
            )}
          </li>
        ))}
      </ol>
      {page < last && (
        <a href={pathOf(page + 1)} rel="next">
          Trang sau ›
        </a>
      )}
    </nav>
  );
}
