// The member list's filters, paging and order as they live in the page's URL, and as the API reads
// them (the same parameters serve the list and its CSV export).
import { queryString } from "./api";

export const MEMBER_STATUSES = [
  "active",
  "postponed",
  "pending_transfer",
  "matured",
  "removed",
  "expelled",
  "deceased",
  "not_admitted",
] as const;

export const MEMBER_SORT_FIELDS = ["name", "birthDate", "cardNumber"] as const;
export type MemberSortField = (typeof MEMBER_SORT_FIELDS)[number];

export type MemberFilters = {
  q: string;
  status: string;
  gender: string;
  ageMin: string;
  ageMax: string;
  organizationId: string;
  asOf: string;
  sort: { field: MemberSortField; direction: "asc" | "desc" };
  page: number;
  pageSize: number;
};

const FILTER_KEYS = ["q", "status", "gender", "ageMin", "ageMax", "organizationId", "asOf"] as const;

/** Reads the filters from the URL, falling back to the API's defaults for what is missing or unknown. */
export function readMemberFilters(search: URLSearchParams): MemberFilters {
  const [field, direction] = (search.get("sort") ?? "name:asc").split(":");
  const page = Number(search.get("page") ?? "1");
  const pageSize = Number(search.get("pageSize") ?? "50");
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, search.get(key) ?? ""])) as Record<
    (typeof FILTER_KEYS)[number],
    string
  >;
  return {
    ...filters,
    sort: {
      field: (MEMBER_SORT_FIELDS as readonly string[]).includes(field ?? "")
        ? (field as MemberSortField)
        : "name",
      direction: direction === "desc" ? "desc" : "asc",
    },
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: [20, 50, 100, 200].includes(pageSize) ? pageSize : 50,
  };
}

/** Writes the filters back into URL parameters, leaving out the defaults. */
export function writeMemberFilters(filters: MemberFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key] !== "") search.set(key, filters[key]);
  const sort = `${filters.sort.field}:${filters.sort.direction}`;
  if (sort !== "name:asc") search.set("sort", sort);
  if (filters.page !== 1) search.set("page", String(filters.page));
  if (filters.pageSize !== 50) search.set("pageSize", String(filters.pageSize));
  return search;
}

function apiFilterParams(filters: MemberFilters) {
  return {
    q: filters.q,
    status: filters.status,
    gender: filters.gender,
    ageMin: filters.ageMin,
    ageMax: filters.ageMax,
    organizationId: filters.organizationId,
    asOf: filters.asOf,
    sort: `${filters.sort.field}:${filters.sort.direction}`,
  };
}

/** The API address of one page of the list. */
export function memberListUrl(filters: MemberFilters): string {
  return `/api/v1/members${queryString({ ...apiFilterParams(filters), page: filters.page, pageSize: filters.pageSize })}`;
}

/** The API address of the whole filtered list as CSV: every page, the same filters and order. */
export function memberExportUrl(filters: MemberFilters): string {
  return `/api/v1/members/export.csv${queryString(apiFilterParams(filters))}`;
}

/**
 * The filters as a bulk action's JSON body names the whole filtered list: the given ones only, the
 * ages as numbers (no sort nor page: the action takes every member the filters find).
 */
export function memberBulkFilter(filters: MemberFilters): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === "") continue;
    body[key] = key === "ageMin" || key === "ageMax" ? Number(value) : value;
  }
  return body;
}
