// The article as readers will see it, from the values as typed (saved or not), through the same
// renderer the news viewer uses.
import { ArticleBody, isStoredImage } from "@sodoan/article-renderer";
import { type BlockValues, previewBlocks } from "../lib/article-input";
import { useLocale } from "../lib/locale";

/** Stored images come straight from the API (same origin here), in the width the renderer asks for. */
function imageUrl(src: string, width?: number): string {
  return width === undefined || !isStoredImage(src) ? src : `${src}?w=${width}`;
}

export function ArticlePreview({
  title,
  category,
  lead,
  body,
}: {
  title: string;
  category: string;
  lead: string;
  body: readonly BlockValues[];
}) {
  const { t } = useLocale();
  return (
    <section className="article-preview panel" aria-labelledby="preview-title" data-testid="article-preview">
      <h3 id="preview-title">{t({ vi: "Xem trước", en: "Preview" })}</h3>
      <p className="hint">
        {t({
          vi: "Như bạn đọc sẽ thấy trên trang tin, kể cả những gì chưa lưu.",
          en: "As readers will see it on the news site (in Vietnamese), unsaved changes included.",
        })}
      </p>
      <article lang="vi">
        {category.trim() !== "" && <p className="preview-category">{category}</p>}
        <p className="preview-title">{title.trim() === "" ? "…" : title}</p>
        {lead.trim() !== "" && <p className="preview-lead">{lead}</p>}
        <ArticleBody body={previewBlocks(body)} imageUrl={imageUrl} />
      </article>
    </section>
  );
}
