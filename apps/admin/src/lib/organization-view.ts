// An organisation as the API answers for a date, and the reads of the organisation page, shared by
// the page and its action forms so that both use the same cache entries.
import { type LineageEvent, ORGANIZATION_LEVELS, type OrganizationLevel, type Sector } from "@sodoan/domain";
import { useQueries, useQuery } from "@tanstack/react-query";
import { apiGet, apiRequest, queryString } from "./api";

export type OrganizationView = {
  id: string;
  name: string;
  shortName?: string;
  englishName?: string;
  level: OrganizationLevel;
  /** A grassroots unit that is itself a branch (Chi đoàn cơ sở) has nothing below it. */
  grassrootsKind?: "union" | "branch";
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

/**
 * The organisations that could sit above one of `level` on a date: the one or two levels above it
 * (a branch under a section or a grassroots unit, a grassroots unit under a district or a
 * province). The domain's rules decide; this only keeps the choice short.
 */
export function useParentCandidates(level: OrganizationLevel, asOf: string) {
  const index = ORGANIZATION_LEVELS.indexOf(level);
  const levels = ORGANIZATION_LEVELS.slice(Math.max(0, index - 2), index);
  const results = useQueries({
    queries: levels.map((parentLevel) => ({
      queryKey: ["organizations", "level", parentLevel, asOf],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<{ items: OrganizationView[] }>(
          `/api/v1/organizations${queryString({ asOf, level: parentLevel, pageSize: 500, sort: "name:asc" })}`,
          signal,
        ),
    })),
  });
  return results.flatMap((result) => result.data?.items ?? []);
}

/** The organisation as of another date than the page's: a merger's or split's new units sit under its parent then. */
export async function organizationOn(id: string, asOf: string): Promise<OrganizationView> {
  return apiGet<OrganizationView>(path(id, queryString({ asOf })));
}
