// A choice among the conferences the user may see, newest first, or none: what an article reports on.
import type { Conference } from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiGet, apiRequest, queryString } from "../lib/api";
import { useLocale } from "../lib/locale";
import { FieldError } from "./field-error";

export type ConferenceOption = { id: string; title: string; startDate: string };

/** The API's list caps a page at 500: the newest, which are the ones an article is written about. */
const OPTIONS_URL = `/api/v1/conferences${queryString({ pageSize: 500, sort: "startsOn:desc" })}`;

function useConferenceOptions() {
  return useQuery({
    // Under the list's key, so that a conference saved elsewhere refreshes the choice too.
    queryKey: ["conferences", "list", OPTIONS_URL],
    queryFn: ({ signal }) => apiGet<{ items: ConferenceOption[] }>(OPTIONS_URL, signal),
    staleTime: 5 * 60_000,
  });
}

/** The chosen conference when the list does not hold it (an older one): read on its own for its title. */
function useChosenConference(id: string, listed: boolean) {
  return useQuery({
    queryKey: ["conferences", "detail", id],
    queryFn: ({ signal }) =>
      apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(id)}`, { signal }),
    enabled: id !== "" && !listed,
    retry: false,
  });
}

export function ConferenceSelect({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
}) {
  const { t, d } = useLocale();
  const options = useConferenceOptions();
  const items = options.data?.items ?? [];
  const listed = items.some((item) => item.id === value);
  const chosen = useChosenConference(value, listed || options.isPending);
  const nameOf = (item: ConferenceOption) => `${item.title} (${d(item.startDate)})`;
  const chosenRecord = chosen.data?.data;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-busy={options.isPending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t({ vi: "— Không gắn hội nghị —", en: "— No conference —" })}</option>
        {value !== "" && !listed && (
          <option value={value}>{chosenRecord ? nameOf(chosenRecord) : value}</option>
        )}
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {nameOf(item)}
          </option>
        ))}
      </select>
      {options.isError && (
        <p className="hint">
          {t({
            vi: "Không tải được danh sách hội nghị.",
            en: "The list of conferences could not be loaded.",
          })}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
