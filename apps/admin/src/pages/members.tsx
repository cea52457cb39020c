// The member list: paged, sorted and filtered by the API, with every choice kept in the URL, the
// whole filtered set downloadable as CSV.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import { isCalendarDate, toIsoDate, toTypedDate } from "../lib/dates";
import { formatDate } from "../lib/format";
import { useLocale } from "../lib/locale";
import {
  MEMBER_STATUSES,
  type MemberFilters,
  type MemberSortField,
  memberBulkFilter,
  memberExportUrl,
  memberListUrl,
  readMemberFilters,
  writeMemberFilters,
} from "../lib/member-filters";
import { GENDER_LABELS, STATUS_LABELS } from "../lib/member-labels";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/error-notice";
import { OrganizationSelect } from "../ui/organization-select";
import { Pager } from "../ui/pager";

type MemberRow = {
  id: string;
  fullName: string;
  gender?: "male" | "female";
  birthDate?: string;
  cardNumber?: string;
  status: string;
  homeUnitId: string | null;
};

type MemberPage = { items: MemberRow[]; total: number; page: number; pageSize: number };

const column = createColumnHelper<MemberRow>();

// The bulk action carries the event forms and the domain's schemas: loaded when first opened.
const MemberBulkActions = lazy(() => import("./member-bulk-actions"));

/** The columns the API can sort by, by the table's column id. */
const SORT_OF_COLUMN: Record<string, MemberSortField> = {
  fullName: "name",
  birthDate: "birthDate",
  cardNumber: "cardNumber",
};

export function MembersPage() {
  const { t, n, locale } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readMemberFilters(search);
  const update = (change: Partial<MemberFilters>, replace = false) =>
    setSearch(writeMemberFilters({ ...filters, page: 1, ...change }), { replace });

  const canWrite = hasPermission(me.data, "members.write");
  // Once opened, the bulk form stays drawn, so that closing the panel keeps what was typed in it.
  const [bulkOpened, setBulkOpened] = useState(false);
  // Ticked members, kept across pages of one filtered list and dropped when the filters change.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const filterKey = JSON.stringify(memberBulkFilter(filters));
  const [selectionKey, setSelectionKey] = useState(filterKey);
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setSelected(new Set());
  }
  const toggle = (ids: readonly string[], on: boolean) =>
    setSelected((before) => {
      const after = new Set(before);
      for (const id of ids) {
        if (on) after.add(id);
        else after.delete(id);
      }
      return after;
    });

  const list = useQuery({
    queryKey: ["members", "list", memberListUrl(filters)],
    queryFn: ({ signal }) => apiGet<MemberPage>(memberListUrl(filters), signal),
    placeholderData: keepPreviousData,
  });

  const pageIds = list.data?.items.map((row) => row.id) ?? [];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const columns = useMemo(
    () => [
      ...(canWrite
        ? [
            column.display({
              id: "select",
              header: () => (
                <input
                  type="checkbox"
                  aria-label={t({ vi: "Chọn cả trang", en: "Select the whole page" })}
                  checked={allOnPage}
                  onChange={(event) => toggle(pageIds, event.target.checked)}
                />
              ),
              cell: (info) => (
                <input
                  type="checkbox"
                  aria-label={t({
                    vi: `Chọn ${info.row.original.fullName}`,
                    en: `Select ${info.row.original.fullName}`,
                  })}
                  checked={selected.has(info.row.original.id)}
                  onChange={(event) => toggle([info.row.original.id], event.target.checked)}
                />
              ),
            }),
          ]
        : []),
      column.accessor("fullName", {
        header: () => t({ vi: "Họ và tên", en: "Full name" }),
        cell: (info) => <Link to={paths.member(info.row.original.id)}>{info.getValue()}</Link>,
      }),
      column.accessor("gender", {
        header: () => t({ vi: "Giới tính", en: "Gender" }),
        cell: (info) => {
          const gender = info.getValue();
          return gender ? t(GENDER_LABELS[gender]) : "";
        },
      }),
      column.accessor("birthDate", {
        header: () => t({ vi: "Ngày sinh", en: "Date of birth" }),
        cell: (info) => {
          const date = info.getValue();
          return date ? formatDate(date, locale) : "";
        },
      }),
      column.accessor("cardNumber", { header: () => t({ vi: "Số thẻ đoàn", en: "Card number" }) }),
      column.accessor("status", {
        header: () => t({ vi: "Trạng thái", en: "Status" }),
        cell: (info) => t(STATUS_LABELS[info.getValue()] ?? { vi: info.getValue(), en: info.getValue() }),
      }),
      column.accessor("homeUnitId", { header: () => t({ vi: "Chi đoàn", en: "Unit" }) }),
    ],
    [t, locale, canWrite, selected, allOnPage, pageIds],
  );

  const table = useReactTable({
    data: list.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    rowCount: list.data?.total ?? 0,
  });

  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / filters.pageSize));

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t({ vi: "Đoàn viên", en: "Members" })}</h2>
      <Filters filters={filters} onChange={update} />
      <div className="toolbar">
        <p role="status" aria-live="polite" data-testid="member-total">
          {list.data
            ? t({ vi: `${n(list.data.total)} đoàn viên`, en: `${n(list.data.total)} members` })
            : t({ vi: "Đang tải…", en: "Loading…" })}
        </p>
        <a className="button" href={memberExportUrl(filters)} download data-testid="export-csv">
          {t({ vi: "Xuất CSV (toàn bộ danh sách đã lọc)", en: "Export CSV (the whole filtered list)" })}
        </a>
        <Link
          className="button"
          to={`${paths.members}?status=pending_transfer`}
          data-testid="pending-transfers"
        >
          {t({ vi: "Chờ tiếp nhận chuyển sinh hoạt", en: "Transfers waiting to be received" })}
        </Link>
        {canWrite && (
          <>
            <Link className="button" to={paths.newMember}>
              {t({ vi: "Thêm đoàn viên", en: "New member" })}
            </Link>
            <Link className="button" to={paths.importMembers}>
              {t({ vi: "Nhập CSV", en: "Import CSV" })}
            </Link>
          </>
        )}
      </div>
      {canWrite && list.data && (
        <details
          className="panel"
          data-testid="bulk-actions"
          onToggle={(event) => {
            if (event.currentTarget.open) setBulkOpened(true);
          }}
        >
          <summary>
            {t({
              vi: `Thao tác hàng loạt (${n(selected.size)} đã chọn)`,
              en: `Bulk action (${n(selected.size)} selected)`,
            })}
          </summary>
          {bulkOpened && (
            <Suspense fallback={<p>{t({ vi: "Đang tải…", en: "Loading…" })}</p>}>
              <MemberBulkActions
                selectedIds={[...selected]}
                filters={filters}
                total={list.data.total}
                onDone={() => setSelected(new Set())}
              />
            </Suspense>
          )}
        </details>
      )}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      <table className="data" aria-busy={list.isFetching} data-testid="member-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sortField = SORT_OF_COLUMN[header.column.id];
                const sorted = sortField !== undefined && filters.sort.field === sortField;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted ? (filters.sort.direction === "asc" ? "ascending" : "descending") : undefined
                    }
                  >
                    {sortField === undefined ? (
                      label
                    ) : (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() =>
                          update({
                            sort: {
                              field: sortField,
                              direction: sorted && filters.sort.direction === "asc" ? "desc" : "asc",
                            },
                          })
                        }
                      >
                        {label}
                        <span aria-hidden="true">
                          {sorted ? (filters.sort.direction === "asc" ? " ▲" : " ▼") : " ↕"}
                        </span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        page={filters.page}
        pages={pages}
        onPage={(to) => setSearch(writeMemberFilters({ ...filters, page: to }))}
      >
        <label>
          {t({ vi: "Mỗi trang", en: "Per page" })}{" "}
          <select
            value={filters.pageSize}
            onChange={(event) => update({ pageSize: Number(event.target.value) })}
          >
            {[20, 50, 100, 200].map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </Pager>
    </section>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: MemberFilters;
  onChange: (change: Partial<MemberFilters>, replace?: boolean) => void;
}) {
  const { t } = useLocale();
  const [q, setQ] = useState(filters.q);
  const [asOfTyped, setAsOfTyped] = useState(toTypedDate(filters.asOf));
  const latest = useRef(onChange);
  latest.current = onChange;
  // Searching as one types, without a history entry per key nor a request per key.
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => latest.current({ q }, true), 300);
    return () => clearTimeout(timer);
  }, [q, filters.q]);

  return (
    <form
      className="filters"
      aria-label={t({ vi: "Lọc danh sách", en: "Filter the list" })}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor="member-q">{t({ vi: "Tìm theo tên, số thẻ", en: "Search by name, card" })}</label>
        <input
          id="member-q"
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder={t({ vi: "vd. tran ngoc nam", en: "e.g. tran ngoc nam" })}
        />
      </div>
      <div className="field">
        <label htmlFor="member-status">{t({ vi: "Trạng thái", en: "Status" })}</label>
        <select
          id="member-status"
          value={filters.status}
          onChange={(event) => onChange({ status: event.target.value })}
        >
          <option value="">{t({ vi: "Tất cả", en: "All" })}</option>
          {MEMBER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(STATUS_LABELS[status] ?? { vi: status, en: status })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="member-gender">{t({ vi: "Giới tính", en: "Gender" })}</label>
        <select
          id="member-gender"
          value={filters.gender}
          onChange={(event) => onChange({ gender: event.target.value })}
        >
          <option value="">{t({ vi: "Tất cả", en: "All" })}</option>
          <option value="male">{t(GENDER_LABELS.male)}</option>
          <option value="female">{t(GENDER_LABELS.female)}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="member-age-min">{t({ vi: "Tuổi từ", en: "Age from" })}</label>
        <input
          id="member-age-min"
          type="number"
          min={0}
          max={150}
          defaultValue={filters.ageMin}
          onBlur={(event) => onChange({ ageMin: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="member-age-max">{t({ vi: "đến", en: "to" })}</label>
        <input
          id="member-age-max"
          type="number"
          min={0}
          max={150}
          defaultValue={filters.ageMax}
          onBlur={(event) => onChange({ ageMax: event.target.value })}
        />
      </div>
      <OrganizationSelect
        id="member-org"
        name="organizationId"
        asOf={filters.asOf || new Date().toISOString().slice(0, 10)}
        value={filters.organizationId}
        onChange={(organizationId) => onChange({ organizationId })}
        allowEmpty
        label={t({ vi: "Tổ chức", en: "Organisation" })}
      />
      <div className="field">
        <label htmlFor="member-asof">{t({ vi: "Tính đến ngày", en: "As of" })}</label>
        <input
          id="member-asof"
          type="text"
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          size={12}
          value={asOfTyped}
          onChange={(event) => setAsOfTyped(event.target.value)}
          onBlur={() => {
            const iso = toIsoDate(asOfTyped);
            if (asOfTyped.trim() === "") onChange({ asOf: "" });
            else if (isCalendarDate(iso)) onChange({ asOf: iso });
          }}
        />
      </div>
    </form>
  );
}
