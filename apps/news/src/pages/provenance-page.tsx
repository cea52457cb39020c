// Where a quoted figure comes from: what was counted, over which organisation and time, by which
// metric, and whether today's computation still gives the value published, with both when not.

import { describeFigureTime, formatFigureValue } from "@sodoan/article-renderer";
import { compareQuotedFigure, formatDateTime, formatNumber, type QuotedFigure } from "@sodoan/domain";
import type { PublicArticle, PublicFigure } from "../server/api-client";
import { quotedNumberOf } from "./figures";
import { articlePath, organizationPath } from "./paths";

export type ProvenancePageProps = {
  article: Pick<PublicArticle, "slug" | "title" | "organizationId" | "organizationName" | "publishedAt">;
  figure: QuotedFigure;
  label: string;
  /** Today's computation, or null when the API no longer gives it to the public. */
  today: PublicFigure | null;
};

export function ProvenancePage({ article, figure, label, today }: ProvenancePageProps) {
  const quoted = formatFigureValue(figure.value, figure.unit);
  const recomputed = today === null ? null : quotedNumberOf(today.value, figure.unit);
  const comparison = recomputed === null ? null : compareQuotedFigure(figure, recomputed);
  // The organisation's name is known when it is the article's own; otherwise its identifier is shown.
  const organization =
    figure.organizationId === article.organizationId ? article.organizationName : figure.organizationId;
  return (
    <article aria-labelledby="tieu-de">
      <p className="article-meta">Nguồn số liệu</p>
      <h1 id="tieu-de" className="page-title">
        {quoted} {label}
      </h1>
      <p>
        Số liệu được trích trong bài <a href={articlePath(article.slug)}>{article.title}</a>, đăng lúc{" "}
        {formatDateTime(article.publishedAt, "vi")}.
      </p>
      <dl className="facts">
        <div>
          <dt>Điều được đếm</dt>
          <dd>{today?.metric.counts.vi ?? figure.metricId}</dd>
        </div>
        <div>
          <dt>Tổ chức</dt>
          <dd>
            <a href={organizationPath(figure.organizationId)}>{organization}</a> (gồm các tổ chức trực thuộc)
          </dd>
        </div>
        <div>
          <dt>Thời điểm</dt>
          <dd>{describeFigureTime(figure)}</dd>
        </div>
        <div>
          <dt>Chỉ số</dt>
          <dd>
            <code>{figure.metricId}</code>, phiên bản {figure.metricVersion ?? today?.metric.version ?? "—"}
          </dd>
        </div>
        <div>
          <dt>Giá trị khi đăng bài</dt>
          <dd>
            {quoted}, tính lúc{" "}
            <time dateTime={figure.computedAt}>{formatDateTime(figure.computedAt, "vi")}</time>
            {figure.knownAt && (
              <>
                {" "}
                theo hồ sơ ghi nhận đến{" "}
                <time dateTime={figure.knownAt}>{formatDateTime(figure.knownAt, "vi")}</time>
              </>
            )}
          </dd>
        </div>
        {today !== null && (
          <>
            <div>
              <dt>Tính lại hôm nay</dt>
              <dd>
                {recomputed === null
                  ? `không công bố (nhóm dưới ${formatNumber(today.threshold, "vi")} người được ẩn)`
                  : formatFigureValue(recomputed, figure.unit)}
                , tính lúc{" "}
                <time dateTime={today.provenance.computedAt}>
                  {formatDateTime(today.provenance.computedAt, "vi")}
                </time>
              </dd>
            </div>
            <div>
              <dt>Số hồ sơ được tính</dt>
              <dd>{formatNumber(today.provenance.recordsCounted, "vi")}</dd>
            </div>
          </>
        )}
      </dl>
      {today === null && (
        <p className="notice">
          Hiện không tính lại được số liệu này cho công chúng; số trong bài là số đã công bố.
        </p>
      )}
      {comparison?.isChanged && recomputed !== null && (
        <section className="notice notice-change" aria-labelledby="dinh-chinh">
          <h2 id="dinh-chinh">Số liệu đã được đính chính</h2>
          <p>
            Khi đăng bài: <strong>{quoted}</strong>. Tính lại hôm nay:{" "}
            <strong>{formatFigureValue(recomputed, figure.unit)}</strong>.
          </p>
          <p>
            Lý do: sau khi bài được đăng, hồ sơ có hiệu lực từ trước ngày tính đã được bổ sung hoặc sửa lại
            (đính chính có hiệu lực về trước), nên phép tính hôm nay cho kết quả khác. Bài viết giữ nguyên số
            đã công bố.
          </p>
        </section>
      )}
      {comparison && !comparison.isChanged && (
        <p className="notice" role="status">
          Tính lại hôm nay vẫn cho đúng số đã công bố.
        </p>
      )}
      <p>
        <a href={articlePath(article.slug)}>‹ Về bài viết</a>
      </p>
    </article>
  );
}
