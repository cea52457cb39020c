// One organisation as of a date: its facts, where it sits, what it came from and became (lineage),
// its positions and their holders, and the actions that reorganise it for those allowed to.
import {
  type LineageEvent,
  type LocalizedText,
  ORGANIZATION_LEVEL_LABELS,
  SECTOR_LABELS,
  toVietnamDate,
} from "@sodoan/domain";
import { type FormEvent, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { hasPermission, useMe } from "../lib/auth";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { useLocale } from "../lib/locale";
import {
  type OrganizationView,
  useAncestors,
  useChildren,
  useLineage,
  useOrganization,
} from "../lib/organization-view";
import { paths } from "../paths";
import { AuditHistory } from "../ui/audit-history";
import { DateField } from "../ui/date-field";
import { ErrorNotice } from "../ui/error-notice";
import { OrganizationActions } from "./organization-actions";
import { PositionsSection } from "./organization-positions";

export function OrganizationDetailPage() {
  const { id = "" } = useParams();
  const { t, d } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const [dateError, setDateError] = useState<string | undefined>();
  const asOf = search.get("asOf") ?? toVietnamDate(new Date());
  const organization = useOrganization(id, asOf);
  const canWrite = hasPermission(me.data, "organizations.write");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = toIsoDate(String(new FormData(event.currentTarget).get("asOf") ?? ""));
    if (!isCalendarDate(next)) {
      setDateError(t({ vi: "Ngày phải có dạng dd/mm/yyyy", en: "Write the date as dd/mm/yyyy" }));
      return;
    }
    setDateError(undefined);
    setSearch({ asOf: next });
  }

  if (organization.isPending) return <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>;
  if (organization.isError)
    return <ErrorNotice error={organization.error} onRetry={() => void organization.refetch()} />;
  const org = organization.data.data;
  return (
    <section aria-labelledby="organization-title">
      <p>
        <Link to={`${paths.organizations}?asOf=${asOf}`}>
          {t({ vi: "← Cây tổ chức", en: "← Organisation tree" })}
        </Link>
      </p>
      <h2 id="organization-title">{org.name}</h2>
      <form
        className="toolbar"
        onSubmit={submit}
        aria-label={t({ vi: "Chọn ngày xem", en: "Choose the date" })}
      >
        <DateField
          id="organization-asof"
          name="asOf"
          label={t({ vi: "Vào ngày", en: "On" })}
          defaultIso={asOf}
          error={dateError}
        />
        <button type="submit">{t({ vi: "Xem", en: "Show" })}</button>
      </form>
      <Summary org={org} />
      <Ancestors id={id} asOf={asOf} />
      <Children id={id} asOf={asOf} />
      <LineageSection id={id} />
      <PositionsSection organizationId={id} asOf={asOf} canWrite={canWrite} />
      {canWrite && !org.existsAsOf && (
        <p className="notice" data-testid="not-existing">
          {t({
            vi: `Tổ chức không tồn tại vào ngày ${d(asOf)}: chọn một ngày khác để thao tác.`,
            en: `The organisation did not exist on ${d(asOf)}: choose another date to act on it.`,
          })}
        </p>
      )}
      {canWrite && org.existsAsOf && (
        <OrganizationActions org={org} etag={organization.data.etag ?? ""} asOf={asOf} />
      )}
      {hasPermission(me.data, "audit.read") && <AuditHistory entity="organization" id={id} />}
    </section>
  );
}

function Summary({ org }: { org: OrganizationView }) {
  const { t, d } = useLocale();
  return (
    <dl className="summary panel" data-testid="organization-summary">
      <dt>{t({ vi: "Cấp", en: "Level" })}</dt>
      <dd>{t(ORGANIZATION_LEVEL_LABELS[org.level])}</dd>
      <dt>{t({ vi: "Tình trạng", en: "State" })}</dt>
      <dd data-testid="organization-state">
        {org.existsAsOf
          ? t({ vi: "Đang hoạt động", en: "Active" })
          : t({ vi: "Không tồn tại vào ngày này", en: "Not in existence on this date" })}
      </dd>
      <dt>{t({ vi: "Ngày thành lập", en: "Established on" })}</dt>
      <dd>
        {d(org.establishedOn)}
        {org.establishedBy && ` (${org.establishedBy.symbol})`}
      </dd>
      {org.shortName && (
        <>
          <dt>{t({ vi: "Tên viết tắt", en: "Short name" })}</dt>
          <dd>{org.shortName}</dd>
        </>
      )}
      {org.englishName && (
        <>
          <dt>{t({ vi: "Tên tiếng Anh", en: "English name" })}</dt>
          <dd>{org.englishName}</dd>
        </>
      )}
      <dt>{t({ vi: "Khối", en: "Sector" })}</dt>
      <dd>{org.sector ? t(SECTOR_LABELS[org.sector]) : "—"}</dd>
      <dt>{t({ vi: "Mã", en: "Id" })}</dt>
      <dd>
        <code>{org.id}</code>
      </dd>
    </dl>
  );
}

function Ancestors({ id, asOf }: { id: string; asOf: string }) {
  const { t } = useLocale();
  const ancestors = useAncestors(id, asOf);
  const above = ancestors.data?.items.slice(1).reverse() ?? [];
  if (above.length === 0) return null;
  return (
    <nav aria-label={t({ vi: "Trực thuộc", en: "Sits under" })} data-testid="organization-ancestors">
      <p>
        {t({ vi: "Trực thuộc: ", en: "Under: " })}
        {above.map((item, index) => (
          <span key={item.id}>
            {index > 0 && " › "}
            <Link to={`${paths.organization(item.id)}?asOf=${asOf}`}>{item.name}</Link>
          </span>
        ))}
      </p>
    </nav>
  );
}

function Children({ id, asOf }: { id: string; asOf: string }) {
  const { t, d } = useLocale();
  const children = useChildren(id, asOf);
  return (
    <section className="panel" aria-labelledby="children-title">
      <h3 id="children-title">{t({ vi: "Tổ chức trực thuộc", en: "Organisations below" })}</h3>
      {children.isError && <ErrorNotice error={children.error} />}
      {children.data && children.data.items.length === 0 && (
        <p className="subtle">{t({ vi: `Không có vào ngày ${d(asOf)}.`, en: `None on ${d(asOf)}.` })}</p>
      )}
      <ul data-testid="organization-children">
        {children.data?.items.map((child) => (
          <li key={child.id}>
            <Link to={`${paths.organization(child.id)}?asOf=${asOf}`}>{child.name}</Link>{" "}
            <span className="subtle">({t(ORGANIZATION_LEVEL_LABELS[child.level])})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LineageSection({ id }: { id: string }) {
  const { t, d } = useLocale();
  const lineage = useLineage(id);
  return (
    <section className="panel" aria-labelledby="lineage-title">
      <h3 id="lineage-title">{t({ vi: "Quá trình tổ chức", en: "Lineage" })}</h3>
      {lineage.isError && <ErrorNotice error={lineage.error} />}
      {lineage.data && lineage.data.items.length === 0 && (
        <p className="subtle">
          {t({
            vi: "Chưa đổi tên, chuyển, hợp nhất, chia tách hay giải thể.",
            en: "Never renamed, moved, merged, split or dissolved.",
          })}
        </p>
      )}
      <ol className="timeline" data-testid="lineage">
        {lineage.data?.items.map(({ event, names }) => (
          <li key={event.id}>
            <time dateTime={event.effectiveDate}>{d(event.effectiveDate)}</time>{" "}
            <LineageText event={event} names={names} self={id} />
            {event.decidedBy && <span className="subtle"> · {event.decidedBy.symbol}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One lineage event in words, each other organisation linked to its own page. */
function LineageText({
  event,
  names,
  self,
}: {
  event: LineageEvent;
  names: Record<string, string>;
  self: string;
}) {
  const { t } = useLocale();
  const name = (id: string) =>
    id === self ? (
      <strong key={id}>{names[id] ?? id}</strong>
    ) : (
      <Link key={id} to={paths.organization(id)}>
        {names[id] ?? id}
      </Link>
    );
  const list = (ids: readonly string[]) =>
    ids.flatMap((id, index) => (index === 0 ? [name(id)] : [<span key={`${id}-comma`}>, </span>, name(id)]));
  const words = (text: LocalizedText) => t(text);
  switch (event.type) {
    case "renamed":
      return (
        <span>
          {words({ vi: "Đổi tên thành ", en: "Renamed " })}
          <strong>{event.name}</strong>
        </span>
      );
    case "reparented":
      return (
        <span>
          {words({ vi: "Chuyển ", en: "Moved " })}
          {event.fromParentId !== undefined && (
            <>
              {words({ vi: "từ ", en: "from " })}
              {name(event.fromParentId)}{" "}
            </>
          )}
          {words({ vi: "về trực thuộc ", en: "under " })}
          {name(event.toParentId)}
        </span>
      );
    case "merged":
      return (
        <span>
          {words({ vi: "Hợp nhất ", en: "Merged " })}
          {list(event.sourceIds.filter((source) => source !== event.targetId))}
          {words({ vi: " vào ", en: " into " })}
          {name(event.targetId)}
        </span>
      );
    case "split":
      return (
        <span>
          {words({ vi: "Chia tách ", en: "Split " })}
          {name(event.sourceId)}
          {words({ vi: " thành ", en: " into " })}
          {list(event.targetIds)}
          {event.sourceContinues && words({ vi: " (vẫn tiếp tục hoạt động)", en: " (which continues)" })}
        </span>
      );
    case "dissolved":
      return <span>{words({ vi: "Giải thể", en: "Dissolved" })}</span>;
  }
}
