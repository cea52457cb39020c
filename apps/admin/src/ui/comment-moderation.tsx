// Readers' comments on an article: those waiting are approved or rejected here; approved ones are
// marked (and can still be taken down), rejected ones stay listed for the record.
import { COMMENT_STATUS_LABELS, type CommentStatus, type LocalizedText } from "@sodoan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError, apiGet, apiRequest } from "../lib/api";
import { useLocale } from "../lib/locale";
import { ErrorNotice } from "./error-notice";

type AdminComment = {
  id: string;
  authorName: string;
  body: string;
  status: CommentStatus;
  createdAt: string;
  moderatedAt: string | null;
  version: number;
};

/** Waiting comments first, then the decided ones, each group oldest first (as the API sends them). */
const ORDER: Record<CommentStatus, number> = { pending: 0, approved: 1, rejected: 2 };

export function CommentModeration({ articleId }: { articleId: string }) {
  const { t, n, dt } = useLocale();
  const queryClient = useQueryClient();
  const key = ["articles", "comments", articleId];
  const comments = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<AdminComment[]>(`/api/v1/articles/${encodeURIComponent(articleId)}/comments`, signal),
  });
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(comment: AdminComment, decision: "approved" | "rejected") {
    setFailure(null);
    setBusy(comment.id);
    try {
      await apiRequest(`/api/v1/comments/${encodeURIComponent(comment.id)}/moderate`, {
        method: "POST",
        json: { decision },
        // The comment's version as listed: someone else's decision in between answers 412.
        ifMatch: `"v${comment.version}"`,
      });
    } catch (caught) {
      setFailure(
        caught instanceof ApiRequestError
          ? caught.localized
          : { vi: "Không ghi được quyết định.", en: "The decision could not be recorded." },
      );
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: key });
    }
  }

  const items = [...(comments.data ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const waiting = items.filter((item) => item.status === "pending").length;
  return (
    <section className="panel" aria-labelledby="comments-title" data-testid="comments">
      <h3 id="comments-title">
        {t({ vi: "Bình luận của bạn đọc", en: "Readers' comments" })}{" "}
        <span className="subtle">({t({ vi: `${n(waiting)} chờ duyệt`, en: `${n(waiting)} waiting` })})</span>
      </h3>
      <button type="button" onClick={() => void comments.refetch()} disabled={comments.isFetching}>
        {t({ vi: "Tải lại bình luận", en: "Reload the comments" })}
      </button>
      {comments.isError && <ErrorNotice error={comments.error} onRetry={() => void comments.refetch()} />}
      {failure && (
        <p className="notice notice-error" role="alert">
          {t(failure)}
        </p>
      )}
      {comments.data && items.length === 0 && (
        <p className="hint">{t({ vi: "Chưa có bình luận nào.", en: "No comments yet." })}</p>
      )}
      <ul className="comment-list">
        {items.map((comment) => (
          <li key={comment.id} className={`comment comment-${comment.status}`} data-testid="comment">
            <p className="comment-meta">
              <strong>{comment.authorName}</strong> · {dt(comment.createdAt)} ·{" "}
              <span className={`badge badge-${comment.status}`}>
                {t(COMMENT_STATUS_LABELS[comment.status])}
              </span>
            </p>
            <p>{comment.body}</p>
            <div className="toolbar">
              {comment.status === "pending" && (
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void decide(comment, "approved")}
                >
                  {t({ vi: "Duyệt", en: "Approve" })}
                </button>
              )}
              {comment.status !== "rejected" && (
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void decide(comment, "rejected")}
                >
                  {comment.status === "pending"
                    ? t({ vi: "Từ chối", en: "Reject" })
                    : t({ vi: "Gỡ bình luận", en: "Take down" })}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
