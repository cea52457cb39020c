// Previous and next page of a list, with where the reader is; the list keeps its page in the URL.
import type { ReactNode } from "react";
import { useLocale } from "../lib/locale";

export function Pager({
  page,
  pages,
  onPage,
  children,
}: {
  page: number;
  pages: number;
  /** Goes to a page: the list writes it into its address. */
  onPage: (page: number) => void;
  /** More controls of the same list, such as its page size. */
  children?: ReactNode;
}) {
  const { t, n } = useLocale();
  return (
    <nav className="pager" aria-label={t({ vi: "Phân trang", en: "Pages" })}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t({ vi: "Trang trước", en: "Previous" })}
      </button>
      <span>
        {t({ vi: "Trang", en: "Page" })} {n(page)} / {n(pages)}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t({ vi: "Trang sau", en: "Next" })}
      </button>
      {children}
    </nav>
  );
}
