// A choice among the organisations the user may see, as they stood on a date.
import { useQuery } from "@tanstack/react-query";
import { apiGet, queryString } from "../lib/api";
import { useLocale } from "../lib/locale";

export type OrganizationOption = { id: string; name: string; level: string; parentId: string | null };

/** `includeEnded` adds those dissolved or merged by then: an article may report on one of them. */
export function useOrganizations(asOf: string, { includeEnded = false }: { includeEnded?: boolean } = {}) {
  return useQuery({
    queryKey: ["organizations", "all", asOf, includeEnded],
    queryFn: ({ signal }) =>
      apiGet<{ items: OrganizationOption[]; total: number }>(
        `/api/v1/organizations${queryString({
          asOf,
          pageSize: 500,
          sort: "level:asc,name:asc",
          includeEnded: includeEnded ? "true" : undefined,
        })}`,
        signal,
      ),
    staleTime: 5 * 60_000,
  });
}

export function OrganizationSelect({
  id,
  name,
  asOf,
  value,
  onChange,
  allowEmpty,
  label,
}: {
  id: string;
  name: string;
  asOf: string;
  value: string;
  onChange?: (value: string) => void;
  allowEmpty?: boolean;
  label: string;
}) {
  const { t } = useLocale();
  const organizations = useOrganizations(asOf);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        aria-busy={organizations.isPending}
      >
        {allowEmpty && <option value="">{t({ vi: "Tất cả trong phạm vi", en: "All in scope" })}</option>}
        {!organizations.data?.items.some((item) => item.id === value) && value !== "" && (
          <option value={value}>{value}</option>
        )}
        {organizations.data?.items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </div>
  );
}
