// An article: its facts, its body (rendered by the renderer the admin's preview shares, with each
// quoted figure linked to where it comes from), related articles, approved comments and the comment form.
import { ArticleBody } from "@sodoan/article-renderer";
import { formatDateTime, formatNumber } from "@sodoan/domain";
import type { ArticleSummary, PublicArticle, PublicComment } from "../server/api-client";
import {
  articlePath,
  categoryPath,
  commentPath,
  conferencePath,
  figurePath,
  imagePath,
  organizationPath,
} from "./paths";

/** What the comment form shows after a reader sent it. */
export type CommentFormState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "invalid"; messages: string[]; authorName: string; body: string }
  | { kind: "closed" }
  /** The API's limit per reader was reached: what they wrote is kept for later. */
  | { kind: "limited"; minutes: number; authorName: string; body: string };

export type ArticlePageProps = {
  article: PublicArticle;
  related: ArticleSummary[];
  comments: PublicComment[];
  commentForm: CommentFormState;
};

export function ArticlePage({ article, related, comments, commentForm }: ArticlePageProps) {
  return (
    <>
      <article className="article" aria-labelledby="tieu-de">
        <header>
          <p className="article-meta">
            <a className="article-category" href={categoryPath(article.category)}>
              {article.category}
            </a>
          </p>
          <h1 id="tieu-de" className="page-title">
            {article.title}
          </h1>
          <dl className="article-facts">
            <div>
              <dt>Đơn vị</dt>
              <dd>
                <a href={organizationPath(article.organizationId)}>{article.organizationName}</a>
              </dd>
            </div>
            {article.author && (
              <div>
                <dt>Tác giả</dt>
                <dd>{article.author}</dd>
              </div>
            )}
            {article.source && (
              <div>
                <dt>Nguồn</dt>
                <dd>
                  {article.source.url ? (
                    <a href={article.source.url}>{article.source.name}</a>
                  ) : (
                    article.source.name
                  )}
                </dd>
              </div>
            )}
            <div>
              <dt>Đăng lúc</dt>
              <dd>
                <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt, "vi")}</time>{" "}
                (GMT+7)
              </dd>
            </div>
            <div>
              <dt>Lượt xem</dt>
              <dd className="article-views">{formatNumber(article.views, "vi")}</dd>
            </div>
          </dl>
          <p className="article-lead">{article.lead}</p>
        </header>
        <ArticleBody
          body={article.body}
          imageUrl={imagePath}
          figureHref={(n) => figurePath(article.slug, n)}
        />
        {article.conferenceId && (
          <p className="article-conference">
            <a href={conferencePath(article.conferenceId)}>Xem hồ sơ hội nghị được đưa tin</a>
          </p>
        )}
      </article>
      {related.length > 0 && (
        <section className="related" aria-labelledby="bai-lien-quan">
          <h2 id="bai-lien-quan">Bài cùng chuyên mục</h2>
          <ul>
            {related.map((item) => (
              <li key={item.id}>
                <a href={articlePath(item.slug)}>{item.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Comments slug={article.slug} comments={comments} form={commentForm} />
    </>
  );
}

function Comments({
  slug,
  comments,
  form,
}: {
  slug: string;
  comments: PublicComment[];
  form: CommentFormState;
}) {
  const invalid = form.kind === "invalid" ? form : undefined;
  const kept = form.kind === "invalid" || form.kind === "limited" ? form : undefined;
  return (
    <section className="comments" id="binh-luan" aria-labelledby="tieu-de-binh-luan">
      <h2 id="tieu-de-binh-luan">Bình luận ({comments.length})</h2>
      {comments.length === 0 ? (
        <p className="empty">Chưa có bình luận nào được duyệt.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="comment-meta">
                <strong>{comment.authorName}</strong> ·{" "}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, "vi")}</time>
              </p>
              <p>{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {form.kind === "pending" && (
        <p className="notice" role="status">
          Cảm ơn bạn! Bình luận đã được gửi và đang chờ duyệt.
        </p>
      )}
      {form.kind === "closed" && (
        <p className="notice" role="alert">
          Bài viết này không nhận bình luận.
        </p>
      )}
      {form.kind === "limited" && (
        <p className="notice notice-error" role="alert">
          Bạn gửi quá nhiều bình luận trong thời gian ngắn. Xin thử lại sau khoảng {form.minutes} phút.
        </p>
      )}
      {invalid && (
        <div className="notice notice-error" role="alert">
          <p>Bình luận chưa được gửi:</p>
          <ul>
            {invalid.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="comment-form" method="post" action={commentPath(slug)}>
        <h3>Gửi bình luận</h3>
        <p className="form-hint">Bình luận được đăng sau khi ban biên tập duyệt.</p>
        <label htmlFor="ten">Họ và tên</label>
        <input
          id="ten"
          name="authorName"
          required
          maxLength={80}
          autoComplete="name"
          defaultValue={kept?.authorName}
        />
        <label htmlFor="binh-luan-noi-dung">Nội dung</label>
        <textarea
          id="binh-luan-noi-dung"
          name="body"
          required
          maxLength={2000}
          rows={5}
          defaultValue={kept?.body}
        />
        {/* Hidden from people and screen readers; a robot that fills every field fills this one. */}
        <div className="hp" aria-hidden="true">
          <label htmlFor="website">Để trống ô này</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit">Gửi bình luận</button>
      </form>
    </section>
  );
}
