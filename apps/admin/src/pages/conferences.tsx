// The conference records of the user's organisations: searched by title without diacritics, filtered
// by organiser, kind and dates, newest first, paged by the API, with every choice kept in the URL.
import { CONFERENCE_KIND_LABELS, type ConferenceKind } from "@sodoan/domain";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import { isCalendarDate, toIsoDate, toTypedDate } from "../lib/dates";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/error-notice";
import { OrganizationSelect, useOrganizations } from "../ui/organization-select";
import { Pager } from "../ui/pager";

type ConferenceSummary = {
  id: string;
  organizerId: string;
  kind: ConferenceKind;
  title: string;
  startDate: string;
  endDate: string;
};

const PAGE_SIZE = 50;
const FILTER_KEYS = ["q", "organizationId", "kind", "from", "to", "sort"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string> & { page: number };

function readFilters(search: URLSearchParams): Filters {
  const page = Number(search.get("page") ?? "1");
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, search.get(key) ?? ""])) as Record<
    (typeof FILTER_KEYS)[number],
    string
  >;
  return { ...filters, page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

export function ConferencesPage() {
  const { t, d, n } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const update = (change: Partial<Filters>, replace = false) =>
    // Any other change goes back to the first page, which the address leaves out.
    setSearch(
      queryString({ ...filters, ...change, page: (change.page ?? 1) > 1 ? change.page : undefined }),
      {
        replace,
      },
    );
  const today = new Date().toISOString().slice(0, 10);

  const url = `/api/v1/conferences${queryString({
    q: filters.q,
    organizationId: filters.organizationId,
    kind: filters.kind,
    from: filters.from,
    to: filters.to,
    sort: filters.sort,
    page: filters.page,
    pageSize: PAGE_SIZE,
  })}`;
  const list = useQuery({
    queryKey: ["conferences", "list", url],
    queryFn: ({ signal }) => apiGet<{ items: ConferenceSummary[]; total: number }>(url, signal),
    placeholderData: keepPreviousData,
  });
  const nameOf = useOrganizerNames(list.data?.items ?? [], today);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const sortedByTitle = filters.sort.startsWith("title");

  return (
    <section aria-labelledby="conferences-title">
      <h2 id="conferences-title">{t({ vi: "Hội nghị", en: "Conferences" })}</h2>
      <Filters filters={filters} onChange={update} today={today} />
      <div className="toolbar">
        <p role="status" aria-live="polite" data-testid="conference-total">
          {list.data
            ? t({ vi: `${n(list.data.total)} hội nghị`, en: `${n(list.data.total)} conferences` })
            : t({ vi: "Đang tải…", en: "Loading…" })}
        </p>
        {hasPermission(me.data, "content.write") && (
          <Link className="button" to={paths.newConference}>
            {t({ vi: "Ghi hội nghị mới", en: "Record a conference" })}
          </Link>
        )}
      </div>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      <table className="data" aria-busy={list.isFetching} data-testid="conference-table">
        <thead>
          <tr>
            <th
              scope="col"
              aria-sort={
                sortedByTitle ? (filters.sort === "title:desc" ? "descending" : "ascending") : undefined
              }
            >
              <button
                type="button"
                className="sort-button"
                onClick={() => update({ sort: filters.sort === "title:asc" ? "title:desc" : "title:asc" })}
              >
                {t({ vi: "Tên hội nghị", en: "Title" })}
                <span aria-hidden="true">
                  {sortedByTitle ? (filters.sort === "title:desc" ? " ▼" : " ▲") : " ↕"}
                </span>
              </button>
            </th>
            <th scope="col">{t({ vi: "Loại", en: "Kind" })}</th>
            <th scope="col">{t({ vi: "Tổ chức chủ trì", en: "Organiser" })}</th>
            <th
              scope="col"
              aria-sort={
                sortedByTitle ? undefined : filters.sort === "startsOn:asc" ? "ascending" : "descending"
              }
            >
              <button
                type="button"
                className="sort-button"
                onClick={() => update({ sort: filters.sort === "startsOn:asc" ? "" : "startsOn:asc" })}
              >
                {t({ vi: "Ngày", en: "Date" })}
                <span aria-hidden="true">
                  {sortedByTitle ? " ↕" : filters.sort === "startsOn:asc" ? " ▲" : " ▼"}
                </span>
              </button>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((conference) => (
            <tr key={conference.id}>
              <td>
                <Link to={paths.conference(conference.id)}>{conference.title}</Link>
              </td>
              <td>{t(CONFERENCE_KIND_LABELS[conference.kind])}</td>
              <td>{nameOf(conference.organizerId)}</td>
              <td>
                {d(conference.startDate)}
                {conference.endDate !== conference.startDate && ` – ${d(conference.endDate)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={filters.page} pages={pages} onPage={(to) => update({ page: to })} />
    </section>
  );
}

/**
 * The organisers' names: from today's tree, or, for an organisation merged or dissolved since, as it
 * stood on the day of one of its conferences (one request per such organisation).
 */
function useOrganizerNames(rows: readonly ConferenceSummary[], today: string): (id: string) => string {
  const organizations = useOrganizations(today);
  const known = new Map(organizations.data?.items.map((item) => [item.id, item.name]));
  const missing = new Map<string, string>();
  for (const row of rows) if (!known.has(row.organizerId)) missing.set(row.organizerId, row.startDate);
  const former = useQueries({
    queries: organizations.data
      ? [...missing].map(([id, asOf]) => ({
          queryKey: ["organizations", "one", id, asOf],
          queryFn: ({ signal }: { signal: AbortSignal }) =>
            apiGet<{ id: string; name: string }>(
              `/api/v1/organizations/${encodeURIComponent(id)}${queryString({ asOf })}`,
              signal,
            ),
          staleTime: 5 * 60_000,
        }))
      : [],
  });
  for (const answer of former) if (answer.data) known.set(answer.data.id, answer.data.name);
  return (id) => known.get(id) ?? id;
}

function Filters({
  filters,
  onChange,
  today,
}: {
  filters: Filters;
  onChange: (change: Partial<Filters>, replace?: boolean) => void;
  today: string;
}) {
  const { t } = useLocale();
  const [q, setQ] = useState(filters.q);
  const latest = useRef(onChange);
  latest.current = onChange;
  // Searching as one types, without a history entry per key nor a request per key.
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => latest.current({ q }, true), 300);
    return () => clearTimeout(timer);
  }, [q, filters.q]);
  const dateInput = (key: "from" | "to", id: string, label: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        size={12}
        defaultValue={toTypedDate(filters[key])}
        onBlur={(event) => {
          const typed = event.target.value.trim();
          const iso = toIsoDate(typed);
          if (typed === "") onChange({ [key]: "" });
          else if (isCalendarDate(iso)) onChange({ [key]: iso });
        }}
      />
    </div>
  );
  return (
    <form
      className="filters"
      aria-label={t({ vi: "Lọc hội nghị", en: "Filter the conferences" })}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor="conference-q">{t({ vi: "Tìm theo tên", en: "Search by title" })}</label>
        <input id="conference-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      {/* The organisers to choose from stand as on the end of the dates asked: a bloc dissolved since is there. */}
      <OrganizationSelect
        id="conference-org"
        name="organizationId"
        asOf={filters.to || filters.from || today}
        value={filters.organizationId}
        onChange={(organizationId) => onChange({ organizationId })}
        allowEmpty
        label={t({ vi: "Tổ chức chủ trì", en: "Organiser" })}
      />
      <div className="field">
        <label htmlFor="conference-kind">{t({ vi: "Loại", en: "Kind" })}</label>
        <select
          id="conference-kind"
          value={filters.kind}
          onChange={(event) => onChange({ kind: event.target.value })}
        >
          <option value="">{t({ vi: "Tất cả", en: "All" })}</option>
          {(Object.keys(CONFERENCE_KIND_LABELS) as ConferenceKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {t(CONFERENCE_KIND_LABELS[kind])}
            </option>
          ))}
        </select>
      </div>
      {dateInput("from", "conference-from", t({ vi: "Từ ngày", en: "From" }))}
      {dateInput("to", "conference-to", t({ vi: "Đến ngày", en: "To" }))}
    </form>
  );
}
