// An organisation as the public sees it: its place in the tree on a date, and a few aggregate figures
// (small groups hidden) with where each comes from. No member appears here.

import { describeFigureTime, formatFigureValue } from "@sodoan/article-renderer";
import { formatDate, formatDateTime, formatNumber, ORGANIZATION_LEVEL_LABELS } from "@sodoan/domain";
import type { PublicOrganization } from "../server/api-client";
import { quotedNumberOf } from "./figures";
import { organizationPath } from "./paths";

type Figure = PublicOrganization["figures"][number];

/** Rates are written as percentages; everything else the page shows is a count. */
const RATE_METRICS = new Set(["members.residence_registration_rate"]);

export function OrganizationPage({ organization }: { organization: PublicOrganization }) {
  const level = ORGANIZATION_LEVEL_LABELS[organization.level].vi;
  return (
    <article aria-labelledby="tieu-de">
      <p className="article-meta">{level}</p>
      <h1 id="tieu-de" className="page-title">
        {organization.name}
      </h1>
      <dl className="facts">
        <div>
          <dt>Số liệu tính đến</dt>
          <dd>{formatDate(organization.asOf, "vi")}</dd>
        </div>
        {organization.parent && (
          <div>
            <dt>Trực thuộc</dt>
            <dd>
              <a href={organizationPath(organization.parent.id)}>{organization.parent.name}</a>
            </dd>
          </div>
        )}
      </dl>
      {!organization.existsAsOf && (
        <p className="notice">Tổ chức chưa thành lập hoặc đã giải thể vào ngày này.</p>
      )}
      {organization.figures.length > 0 && (
        <section aria-labelledby="so-lieu">
          <h2 id="so-lieu">Số liệu công khai</h2>
          <p className="form-hint">
            Tính từ hồ sơ đoàn viên của tổ chức và các tổ chức trực thuộc. Nhóm dưới{" "}
            {organization.figures[0]?.threshold ?? 5} người không được công bố để bảo vệ thông tin cá nhân.
          </p>
          {organization.figures.map((figure) => (
            <OrganizationFigure key={figure.metricId} figure={figure} />
          ))}
        </section>
      )}
      {organization.children.length > 0 && (
        <section aria-labelledby="truc-thuoc">
          <h2 id="truc-thuoc">Tổ chức trực thuộc ({formatNumber(organization.children.length, "vi")})</h2>
          <ul>
            {organization.children.map((child) => (
              <li key={child.id}>
                <a href={organizationPath(child.id)}>{child.name}</a>{" "}
                <span className="figure-time">({ORGANIZATION_LEVEL_LABELS[child.level].vi})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** The anchor of a figure's provenance on the organisation page. */
export function figureAnchor(metricId: string): string {
  return `nguon-${metricId.replace(/[^a-z0-9]+/gi, "-")}`;
}

function OrganizationFigure({ figure }: { figure: Figure }) {
  const unit = RATE_METRICS.has(figure.metricId) ? "ratio" : "count";
  const value = quotedNumberOf(figure.value, unit);
  const { provenance } = figure;
  const time = describeFigureTime({
    ...(provenance.asOf === undefined ? {} : { asOf: provenance.asOf }),
    ...(provenance.period === undefined ? {} : { period: provenance.period }),
  });
  return (
    <aside className="quoted-figure" aria-label="Số liệu">
      <p>
        <strong className="figure-value">
          {value === null ? "Không công bố" : formatFigureValue(value, unit)}
        </strong>{" "}
        {figure.counts.vi}
        {figure.query.year !== undefined && unit === "ratio" ? ` năm ${figure.query.year}` : ""}{" "}
        <span className="figure-time">({time})</span>
      </p>
      {value === null && <p className="form-hint">Nhóm quá nhỏ để công bố mà không lộ thông tin cá nhân.</p>}
      <details className="figure-source" id={figureAnchor(figure.metricId)}>
        <summary>Nguồn số liệu</summary>
        <dl className="facts">
          <div>
            <dt>Chỉ số</dt>
            <dd>
              <code>{provenance.metricId}</code>, phiên bản {provenance.metricVersion}
            </dd>
          </div>
          <div>
            <dt>Số hồ sơ được đếm</dt>
            <dd>{formatNumber(provenance.recordsCounted, "vi")}</dd>
          </div>
          <div>
            <dt>Tính lúc</dt>
            <dd>{formatDateTime(provenance.computedAt, "vi")}</dd>
          </div>
        </dl>
      </details>
    </aside>
  );
}
