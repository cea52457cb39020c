// An organisation as the API answers for a date, and the reads of the organisation page, shared by
// the page and its action forms so that both use the same cache entries.
import type { LineageEvent, OrganizationLevel, Sector } from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiGet, apiRequest, queryString } from "./api";

export type OrganizationView = {
  id: string;
  name: string;
  shortName?: string;
  englishName?: string;
  level: OrganizationLevel;
  sector?: Sector;
  area?: "urban" | "rural";
  establishedOn: string;
  establishedBy?: { symbol: string };
  asOf: string;
  existsAsOf: boolean;
  parentId: string | null;
  version: number;
};

export type LineageHistory = {
  organizationId: string;
  items: { event: LineageEvent; names: Record<string, string> }[];
};

const path = (id: string, rest = "") => `/api/v1/organizations/${encodeURIComponent(id)}${rest}`;

/** The organisation as of a date, with its ETag for the actions on it. */
export function useOrganization(id: string, asOf: string) {
  return useQuery({
    queryKey: ["organizations", "detail", id, asOf],
    queryFn: ({ signal }) => apiRequest<OrganizationView>(path(id, queryString({ asOf })), { signal }),
  });
}

/** Its children as of a date. */
export function useChildren(id: string, asOf: string) {
  return useQuery({
    queryKey: ["organizations", "children", id, asOf],
    queryFn: ({ signal }) =>
      apiGet<{ items: OrganizationView[] }>(path(id, `/children${queryString({ asOf })}`), signal),
  });
}

/** The path to the root as of a date, the organisation first. */
export function useAncestors(id: string, asOf: string) {
  return useQuery({
    queryKey: ["organizations", "ancestors", id, asOf],
    queryFn: ({ signal }) =>
      apiGet<{ items: OrganizationView[] }>(path(id, `/ancestors${queryString({ asOf })}`), signal),
  });
}

export function useLineage(id: string) {
  return useQuery({
    queryKey: ["organizations", "lineage", id],
    queryFn: ({ signal }) => apiGet<LineageHistory>(path(id, "/lineage"), signal),
  });
}

/** The current ETag of an organisation, read just before an action that changes several at once. */
export async function currentEtag(id: string): Promise<string> {
  return (await apiRequest<OrganizationView>(path(id))).etag ?? "";
}
