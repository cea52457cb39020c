// One article: its editor (If-Match, so no update is lost) with the live preview, the moves between
// stages that its status and the user's permissions allow, and its readers' comments to moderate.
import { ARTICLE_STATUS_LABELS, type LocalizedText } from "@sodoan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { apiRequest } from "../lib/api";
import { type ArticleRecord, articleQueryKey, articleValuesOf } from "../lib/article-input";
import { hasPermission, useMe } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ArticleForm } from "../ui/article-form";
import { ArticlePreview } from "../ui/article-preview";
import { AuditHistory } from "../ui/audit-history";
import { CommentModeration } from "../ui/comment-moderation";
import { ErrorNotice } from "../ui/error-notice";
import { PublicationActions } from "../ui/publication-actions";

function useArticle(id: string) {
  return useQuery({
    queryKey: articleQueryKey(id),
    queryFn: ({ signal }) =>
      apiRequest<ArticleRecord>(`/api/v1/articles/${encodeURIComponent(id)}`, { signal }),
  });
}

export function ArticleEditPage() {
  const { id = "" } = useParams();
  const { t, dt } = useLocale();
  const me = useMe();
  const queryClient = useQueryClient();
  const article = useArticle(id);
  const [dirty, setDirty] = useState(false);

  if (article.isPending) return <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>;
  if (article.isError) return <ErrorNotice error={article.error} onRetry={() => void article.refetch()} />;
  const record = article.data.data;
  const canWrite = hasPermission(me.data, "content.write");
  const moments: [string | undefined, LocalizedText][] = [
    [record.publishAt, { vi: "Hẹn đăng lúc", en: "Scheduled for" }],
    [record.publishedAt, { vi: "Đăng lúc", en: "Published at" }],
    [record.withdrawnAt, { vi: "Gỡ lúc", en: "Withdrawn at" }],
  ];
  return (
    <section aria-labelledby="article-heading">
      <p>
        <Link to={paths.articles}>{t({ vi: "← Danh sách bài viết", en: "← Article list" })}</Link>
      </p>
      {/* Not "article-title": that id is the editor's title input (idPrefix "article"), its label's target. */}
      <h2 id="article-heading">{record.title}</h2>
      <dl className="summary" data-testid="article-summary">
        <dt>{t({ vi: "Tình trạng", en: "Status" })}</dt>
        <dd data-testid="article-status">{t(ARTICLE_STATUS_LABELS[record.status])}</dd>
        {moments.map(([at, label]) =>
          at === undefined ? null : (
            <div key={label.en} className="summary-pair">
              <dt>{t(label)}</dt>
              <dd>{dt(at)} (GMT+7)</dd>
            </div>
          ),
        )}
        <dt>{t({ vi: "Đường dẫn", en: "Slug" })}</dt>
        <dd>{record.slug}</dd>
      </dl>
      {canWrite ? (
        <>
          <PublicationActions id={id} status={record.status} etag={article.data.etag ?? ""} dirty={dirty} />
          <ArticleForm
            key={id}
            idPrefix="article"
            initial={articleValuesOf(record)}
            articleId={id}
            schema="update"
            submitLabel={{ vi: "Lưu thay đổi", en: "Save changes" }}
            onDirtyChange={setDirty}
            onReload={() => article.refetch()}
            stored={{
              url: `/api/v1/articles/${encodeURIComponent(id)}`,
              // The version whose ETag a save sends: the query's, until a reload takes the latest.
              read: () => queryClient.getQueryData<typeof article.data>(articleQueryKey(id))?.data,
            }}
            save={async (input) => {
              // The ETag of the version this page last read: a newer one elsewhere answers 412.
              const saved = await apiRequest<ArticleRecord>(`/api/v1/articles/${encodeURIComponent(id)}`, {
                method: "PATCH",
                json: input,
                ifMatch: queryClient.getQueryData<typeof article.data>(articleQueryKey(id))?.etag ?? "",
              });
              queryClient.setQueryData(articleQueryKey(id), saved);
              void queryClient.invalidateQueries({ queryKey: ["articles"] });
            }}
          />
        </>
      ) : (
        <ArticlePreview
          title={record.title}
          category={record.category}
          lead={record.lead}
          body={articleValuesOf(record).body}
        />
      )}
      {hasPermission(me.data, "comments.moderate") && <CommentModeration articleId={id} />}
      {hasPermission(me.data, "audit.read") && <AuditHistory entity="article" id={id} />}
    </section>
  );
}
