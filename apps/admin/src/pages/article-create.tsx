// A new article, saved as a draft; the editor then opens on it, where images can be uploaded and the
// article published.
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { apiRequest } from "../lib/api";
import { EMPTY_ARTICLE } from "../lib/article-input";
import { useMe } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ArticleForm } from "../ui/article-form";

export function ArticleCreatePage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Most articles report on the editor's own organisation: it is chosen to begin with.
  const organizationId = useMe().data?.scope?.organizationId ?? "";
  return (
    <section aria-labelledby="article-create-title">
      <h2 id="article-create-title">{t({ vi: "Viết bài mới", en: "New article" })}</h2>
      <ArticleForm
        idPrefix="article"
        initial={{ ...EMPTY_ARTICLE, organizationId }}
        schema="create"
        submitLabel={{ vi: "Lưu bản nháp", en: "Save the draft" }}
        save={async (input) => {
          const { data } = await apiRequest<{ id: string }>("/api/v1/articles", {
            method: "POST",
            json: input,
          });
          await queryClient.invalidateQueries({ queryKey: ["articles"] });
          void navigate(paths.article(data.id));
        }}
      />
    </section>
  );
}
