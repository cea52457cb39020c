// A choice among the holders of positions on a conference's day that fills a person's row with their
// name, title and organisation, linked to the term; "typed by hand" stays for guests from outside.
import { type LocalizedText, POSITION_TITLE_LABELS } from "@sodoan/domain";
import { useQueries } from "@tanstack/react-query";
import { type Control, type UseFormSetValue, useWatch } from "react-hook-form";
import { apiGet, queryString } from "../lib/api";
import {
  type ConferenceFormValues,
  type ParticipantRow,
  participantOfRow,
  participantRowOf,
} from "../lib/conference-form";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { useLocale } from "../lib/locale";
import {
  type HeldTerm,
  type Holder,
  holdersFor,
  nearbyOrganizationIds,
  participantOfHolder,
} from "../lib/position-holders";
import { FieldError } from "./field-error";
import { useOrganizations } from "./organization-select";

/** Where a person's row sits in the conference form. */
export type PersonPath = `chairs.${number}` | `speakers.${number}` | `namedGroups.${number}.people.${number}`;

export type PositionHolders = {
  items: Holder[];
  organizationIds: string[];
  date: string | undefined;
  isPending: boolean;
};

/**
 * The holders of positions in the organiser, its parent and its children on the conference's first
 * day, one request per organisation (react-query shares them between the lists); those the user may
 * not read are left out.
 */
export function usePositionHolders(control: Control<ConferenceFormValues>): PositionHolders {
  const [organizerId, startDate] = useWatch({ control, name: ["organizerId", "startDate"] });
  const iso = toIsoDate(startDate);
  const date = isCalendarDate(iso) ? iso : undefined;
  // The same query as the form's own list of organisers, so it costs no second request.
  const organizations = useOrganizations(date ?? new Date().toISOString().slice(0, 10));
  const items = date === undefined ? [] : (organizations.data?.items ?? []);
  const organizationIds = nearbyOrganizationIds(organizerId, items);
  const terms = useQueries({
    queries: organizationIds.map((organizationId) => ({
      queryKey: ["positions", "held", organizationId, date],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<{ items: HeldTerm[] }>(
          `/api/v1/positions${queryString({ organizationId, asOf: date, sort: "title:asc", pageSize: 100 })}`,
          signal,
        ),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const nameOf = (id: string) => items.find((item) => item.id === id)?.name ?? id;
  return {
    items: terms.flatMap((query) =>
      (query.data?.items ?? []).map((term) => ({ term, organizationName: nameOf(term.organizationId) })),
    ),
    organizationIds,
    date,
    isPending: date !== undefined && (organizations.isPending || terms.some((query) => query.isPending)),
  };
}

/** What the picker can offer, said under it. */
function hintOf(holders: PositionHolders, offered: number): LocalizedText {
  if (holders.date === undefined)
    return {
      vi: "Nhập ngày bắt đầu để chọn theo chức vụ.",
      en: "Type the start date to pick from the positions.",
    };
  if (holders.isPending)
    return { vi: "Đang tải người giữ chức vụ…", en: "Loading the holders of positions…" };
  if (offered === 0)
    return {
      vi: "Không có ai giữ chức vụ ở tổ chức chủ trì, cấp trên hay cấp dưới trực tiếp vào ngày này: hãy nhập tay.",
      en: "No one holds a position in the organiser, its parent or its children on this day: type the title.",
    };
  return {
    vi: "Chọn để điền họ tên, chức vụ và đơn vị; nhập tay cho khách mời.",
    en: "Pick to fill the name, title and organisation; type them for a guest.",
  };
}

export function PositionHolderPicker({
  id,
  path,
  control,
  setValue,
  holders,
  error,
}: {
  id: string;
  path: PersonPath;
  /** Why the API refused the term (another person's, or not held that day). */
  error?: string | undefined;
  control: Control<ConferenceFormValues>;
  setValue: UseFormSetValue<ConferenceFormValues>;
  holders: PositionHolders;
}) {
  const { t } = useLocale();
  const row = useWatch({ control, name: path }) as ParticipantRow | undefined;
  const offered = holdersFor(row?.fullName ?? "", holders.items, holders.organizationIds);
  const linked = row === undefined ? "" : (participantOfRow(row).positionTermId ?? "");
  const byOrganization = holders.organizationIds
    .map((organizationId) => offered.filter((holder) => holder.term.organizationId === organizationId))
    .filter((group) => group.length > 0);
  const hint = hintOf(holders, offered.length);

  const pick = (termId: string) => {
    const holder = offered.find((item) => item.term.id === termId);
    if (holder !== undefined) {
      setValue(path, participantRowOf(participantOfHolder(holder)), { shouldDirty: true });
      return;
    }
    // Back to typing: the row keeps what was filled in, without the link to the term.
    const kept = row?.kept;
    if (kept?.positionTermId === undefined) return;
    const { positionTermId: _dropped, ...rest } = kept;
    setValue(`${path}.kept`, rest, { shouldDirty: true });
  };

  return (
    <div className="field">
      <label htmlFor={id}>
        {t({ vi: "Chức vụ vào ngày hội nghị", en: "Position on the conference day" })}
      </label>
      <select
        id={id}
        value={linked}
        onChange={(event) => pick(event.target.value)}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{t({ vi: "— Nhập tay (khách mời) —", en: "— Typed by hand (guest) —" })}</option>
        {linked !== "" && !offered.some((holder) => holder.term.id === linked) && (
          // A term kept from the record that the list no longer offers (another organiser, say).
          <option value={linked}>
            {row?.title} {row?.organizationName} — {row?.fullName}
          </option>
        )}
        {byOrganization.map((group) => (
          <optgroup key={group[0]?.term.organizationId} label={group[0]?.organizationName}>
            {group.map((holder) => (
              <option key={holder.term.id} value={holder.term.id}>
                {t(POSITION_TITLE_LABELS[holder.term.title])} — {holder.term.person.fullName}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {t(hint)}
      </p>
      <FieldError id={`${id}-error`} error={error} testId={`${id}-error`} />
    </div>
  );
}
