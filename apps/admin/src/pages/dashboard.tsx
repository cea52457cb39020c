// The dashboard: the figures of the user's organisation as of a chosen date, each with where it
// comes from, the structure charts (loaded on their own) and the roll-up over the children.

import { useQueries, useQuery } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { useMe } from "../lib/auth";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { toVietnamDate } from "../lib/format";
import { useLocale } from "../lib/locale";
import {
  BUCKET_LABELS,
  DASHBOARD_FIGURES,
  type DashboardQuery,
  type DistributionValue,
  fetchMetric,
  figureOf,
  type MetricAnswer,
  type Provenance,
} from "../lib/metrics";
import { DateField } from "../ui/date-field";
import { ErrorNotice } from "../ui/error-notice";
import { OrganizationSelect, useOrganizations } from "../ui/organization-select";

/** The chart library is large: it is downloaded only once the figures are on screen. */
const StructureChart = lazy(() => import("../ui/structure-chart"));

export function DashboardPage() {
  const { t, d } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const [dateError, setDateError] = useState<string | undefined>();
  const scopeId = me.data?.scope?.organizationId;
  const today = toVietnamDate(new Date());
  // An organisation that has ended (merged away, dissolved) has no figures today: its dashboard
  // opens on its last day instead.
  const ended = useQuery({
    queryKey: ["organizations", "last-day", scopeId],
    queryFn: ({ signal }) =>
      apiGet<{ lastDay: string | null }>(
        `/api/v1/organizations/${encodeURIComponent(scopeId ?? "")}${queryString({ asOf: today })}`,
        signal,
      ),
    enabled: scopeId !== undefined,
  });
  const lastDay = ended.data?.lastDay ?? null;
  const asOf = search.get("asOf") ?? (lastDay !== null && lastDay < today ? lastDay : today);
  const waitingForDefault = scopeId !== undefined && !search.has("asOf") && ended.isPending;
  const from = search.get("from") ?? `${asOf.slice(0, 4)}-01-01`;
  const organizations = useOrganizations(asOf);
  const organizationId = search.get("org") ?? scopeId ?? organizations.data?.items[0]?.id ?? "";
  const query: DashboardQuery = { organizationId, asOf, from };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const nextAsOf = toIsoDate(String(form.get("asOf") ?? ""));
    const nextFrom = toIsoDate(String(form.get("from") ?? ""));
    if (!isCalendarDate(nextAsOf) || !isCalendarDate(nextFrom)) {
      setDateError(t({ vi: "Ngày phải có dạng dd/mm/yyyy", en: "Write the date as dd/mm/yyyy" }));
      return;
    }
    setDateError(undefined);
    const next = new URLSearchParams(search);
    next.set("asOf", nextAsOf);
    // A period cannot end before it starts: a date moved back before the period's start takes the
    // period back to the start of its own year.
    next.set("from", nextFrom <= nextAsOf ? nextFrom : `${nextAsOf.slice(0, 4)}-01-01`);
    const org = form.get("org");
    if (typeof org === "string" && org !== "") next.set("org", org);
    setSearch(next);
  }

  // The date fields take their first value from that default: shown before it arrives, they would
  // be re-created when it does and drop a date the user had begun to type.
  if (waitingForDefault) {
    return (
      <section aria-labelledby="dashboard-title">
        <h2 id="dashboard-title">{t({ vi: "Tổng quan", en: "Dashboard" })}</h2>
        <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t({ vi: "Tổng quan", en: "Dashboard" })}</h2>
      <form
        className="toolbar"
        onSubmit={submit}
        aria-label={t({ vi: "Chọn ngày xem", en: "Choose the date" })}
      >
        {scopeId === undefined && (
          <OrganizationSelect
            id="dashboard-org"
            name="org"
            asOf={asOf}
            value={organizationId}
            label={t({ vi: "Tổ chức", en: "Organisation" })}
          />
        )}
        <DateField
          id="dashboard-from"
          name="from"
          label={t({ vi: "Từ ngày (kỳ)", en: "Period from" })}
          defaultIso={from}
        />
        <DateField
          id="dashboard-asof"
          name="asOf"
          label={t({ vi: "Tính đến ngày", en: "As of" })}
          defaultIso={asOf}
          error={dateError}
        />
        <button type="submit">{t({ vi: "Xem", en: "Show" })}</button>
      </form>
      {lastDay !== null && (
        <p className="notice" data-testid="last-day">
          {t({
            vi: `Tổ chức này đã chấm dứt hoạt động sau ngày ${d(lastDay)}.`,
            en: `This organisation ended after ${d(lastDay)}.`,
          })}{" "}
          {asOf > lastDay && (
            <Link to={`?${new URLSearchParams({ ...Object.fromEntries(search), asOf: lastDay })}`}>
              {t({ vi: `Xem số liệu ngày ${d(lastDay)}`, en: `See the figures of ${d(lastDay)}` })}
            </Link>
          )}
        </p>
      )}
      {organizationId === "" ? (
        <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>
      ) : (
        <Figures query={query} />
      )}
    </section>
  );
}

function Figures({ query }: { query: DashboardQuery }) {
  const { t, n, pct, d } = useLocale();
  // One query per figure: a figure the API refuses does not hide the others.
  const figures = useQueries({
    queries: DASHBOARD_FIGURES.map((figure) => ({
      queryKey: ["dashboard", "figure", figure.id, query],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchMetric(figure.id, figure.question, query, { signal }),
    })),
  });
  return (
    <>
      <p className="subtle">
        {t({ vi: "Số liệu tính đến ngày", en: "Figures as of" })} {d(query.asOf)} ·{" "}
        {t({ vi: "kỳ từ", en: "period from" })} {d(query.from)}
      </p>
      <ul className="figures" aria-busy={figures.some((figure) => figure.isPending)}>
        {DASHBOARD_FIGURES.map((figure, index) => {
          const state = figures[index];
          const answer = state?.data;
          const shown = answer ? figureOf(answer.result.value, { n, pct }) : undefined;
          return (
            <li key={figure.id} className="figure" data-testid={`figure-${figure.id}`}>
              <h3>{t(figure.label)}</h3>
              {state?.isError && <ErrorNotice error={state.error} onRetry={() => void state.refetch()} />}
              <p className="figure-value">{shown?.main ?? (state?.isError ? "—" : "…")}</p>
              {shown?.detail && <p className="subtle">{shown.detail}</p>}
              {answer && <ProvenanceDisclosure provenance={answer.result.provenance} />}
            </li>
          );
        })}
      </ul>
      <Structures query={query} />
      <RollUp query={query} />
    </>
  );
}

/** Where a figure comes from, shown when asked: what it counts, how many records, when computed. */
export function ProvenanceDisclosure({ provenance }: { provenance: Provenance }) {
  const { t, n, d, dt } = useLocale();
  return (
    <details className="provenance">
      <summary>{t({ vi: "Nguồn gốc số liệu", en: "Where this comes from" })}</summary>
      <dl>
        <dt>{t({ vi: "Đếm", en: "Counts" })}</dt>
        <dd>{t(provenance.counts)}</dd>
        <dt>{t({ vi: "Số bản ghi", en: "Records counted" })}</dt>
        <dd>{n(provenance.recordsCounted)}</dd>
        {provenance.period ? (
          <>
            <dt>{t({ vi: "Kỳ", en: "Period" })}</dt>
            <dd>
              {d(provenance.period.from)} – {d(provenance.period.to)}
            </dd>
          </>
        ) : (
          provenance.asOf && (
            <>
              <dt>{t({ vi: "Tính đến", en: "As of" })}</dt>
              <dd>{d(provenance.asOf)}</dd>
            </>
          )
        )}
        <dt>{t({ vi: "Chỉ số", en: "Metric" })}</dt>
        <dd>
          <code>
            {provenance.metricId} v{provenance.metricVersion}
          </code>
        </dd>
        <dt>{t({ vi: "Tính lúc", en: "Computed at" })}</dt>
        <dd>{dt(provenance.computedAt)}</dd>
      </dl>
    </details>
  );
}

function Structures({ query }: { query: DashboardQuery }) {
  const { t, n } = useLocale();
  const structures = useQuery({
    queryKey: ["dashboard", "structures", query],
    queryFn: ({ signal }) =>
      Promise.all([
        fetchMetric<DistributionValue>("members.age_structure", "stock", query, { signal }),
        fetchMetric<DistributionValue>("members.gender_structure", "stock", query, { signal }),
      ]),
  });
  if (structures.isError) return <ErrorNotice error={structures.error} />;
  const parts: [string, { vi: string; en: string }, MetricAnswer<DistributionValue> | undefined][] = [
    ["age", { vi: "Cơ cấu độ tuổi", en: "Age structure" }, structures.data?.[0]],
    ["gender", { vi: "Cơ cấu giới tính", en: "Gender structure" }, structures.data?.[1]],
  ];
  return (
    <div className="structures">
      {parts.map(([key, title, answer]) => (
        <section key={key} className="panel" aria-labelledby={`structure-${key}`}>
          <h3 id={`structure-${key}`}>{t(title)}</h3>
          {answer === undefined ? (
            <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>
          ) : (
            <>
              <Suspense
                fallback={<p role="status">{t({ vi: "Đang tải biểu đồ…", en: "Loading the chart…" })}</p>}
              >
                <StructureChart
                  data={Object.entries(answer.result.value.buckets).map(([bucket, count]) => ({
                    name: t(BUCKET_LABELS[bucket] ?? { vi: bucket, en: bucket }),
                    count,
                  }))}
                  label={t(title)}
                />
              </Suspense>
              <table className="compact">
                <caption className="visually-hidden">{t(title)}</caption>
                <tbody>
                  {Object.entries(answer.result.value.buckets).map(([bucket, count]) => (
                    <tr key={bucket}>
                      <th scope="row">{t(BUCKET_LABELS[bucket] ?? { vi: bucket, en: bucket })}</th>
                      <td className="number">{n(count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ProvenanceDisclosure provenance={answer.result.provenance} />
            </>
          )}
        </section>
      ))}
    </div>
  );
}

type ChildOrganization = { id: string; name: string };

function RollUp({ query }: { query: DashboardQuery }) {
  const { t, n } = useLocale();
  const rollUp = useQuery({
    queryKey: ["dashboard", "roll-up", query],
    queryFn: async ({ signal }) => {
      const [active, children] = await Promise.all([
        fetchMetric<{ count: number; postponed: number }>("members.active", "stock", query, {
          rollUp: true,
          signal,
        }),
        fetchChildren(query, signal),
      ]);
      return { active, names: new Map(children.map((child) => [child.id, child.name])) };
    },
  });
  return (
    <section className="panel" aria-labelledby="rollup-title">
      <h3 id="rollup-title">{t({ vi: "Theo tổ chức trực thuộc", en: "By child organisation" })}</h3>
      {rollUp.isError && <ErrorNotice error={rollUp.error} />}
      {rollUp.data?.active.rollUp && (
        <table data-testid="rollup">
          <thead>
            <tr>
              <th scope="col">{t({ vi: "Tổ chức", en: "Organisation" })}</th>
              <th scope="col" className="number">
                {t({ vi: "Đoàn viên", en: "Members" })}
              </th>
              <th scope="col" className="number">
                {t({ vi: "Tạm hoãn", en: "Postponed" })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rollUp.data.active.rollUp.children.map((child) => (
              <tr key={child.provenance.organizationId}>
                <th scope="row">
                  {rollUp.data.names.get(child.provenance.organizationId) ?? child.provenance.organizationId}
                </th>
                <td className="number">{n(child.value.count)}</td>
                <td className="number">{n(child.value.postponed)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t({ vi: "Trực tiếp của tổ chức", en: "The organisation's own" })}</th>
              <td className="number">{n(rollUp.data.active.rollUp.own.value.count)}</td>
              <td className="number">{n(rollUp.data.active.rollUp.own.value.postponed)}</td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t({ vi: "Tổng", en: "Total" })}</th>
              <td className="number">{n(rollUp.data.active.rollUp.total.value.count)}</td>
              <td className="number">{n(rollUp.data.active.rollUp.total.value.postponed)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

async function fetchChildren(query: DashboardQuery, signal: AbortSignal): Promise<ChildOrganization[]> {
  const page = await apiGet<{ items: ChildOrganization[] }>(
    `/api/v1/organizations${queryString({ parentId: query.organizationId, asOf: query.asOf, pageSize: 500 })}`,
    signal,
  );
  return page.items;
}
