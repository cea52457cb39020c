// The lifecycle events a cadre records through a form — for one member or for a selection — with
// the fields each needs beyond its date, and the event input those fields make.
import type { LocalizedText } from "@sodoan/domain";
import { toIsoDate } from "./dates";

/** The events recorded through a form, with their fields in the order they are asked. */
export const EVENT_FORMS = {
  residence_registered: ["year", "organizationId"],
  activity_postponed: ["until", "reason"],
  activity_resumed: [],
  rated: ["year", "level"],
  rewarded: ["title", "decisionRef"],
  matured: ["decisionRef"],
} as const;
export type EventFormType = keyof typeof EVENT_FORMS;
export type EventField = (typeof EVENT_FORMS)[EventFormType][number];

/** Events that make sense for many members at once: none names another record of the member. */
export const BULK_EVENT_TYPES = [
  "residence_registered",
  "rated",
  "rewarded",
  "matured",
] as const satisfies readonly EventFormType[];

export type EventFormValues = {
  type: EventFormType;
  effectiveDate: string;
  year: string;
  organizationId: string;
  until: string;
  reason: string;
  level: string;
  title: string;
  decisionRef: string;
};

export const EMPTY_EVENT_VALUES: Omit<EventFormValues, "type"> = {
  effectiveDate: "",
  year: "",
  organizationId: "",
  until: "",
  reason: "",
  level: "",
  title: "",
  decisionRef: "",
};

export const FIELD_LABELS: Record<EventField, LocalizedText> = {
  year: { vi: "Năm", en: "Year" },
  organizationId: { vi: "Tổ chức", en: "Organisation" },
  until: { vi: "Đến ngày (dd/mm/yyyy)", en: "Until (dd/mm/yyyy)" },
  reason: { vi: "Lý do", en: "Reason" },
  level: { vi: "Mức xếp loại", en: "Rating" },
  title: { vi: "Hình thức khen thưởng", en: "Award" },
  decisionRef: { vi: "Số quyết định", en: "Decision" },
};

/** The event the form describes, as the domain's input schema reads it. */
export function eventInputOf(values: EventFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {
    type: values.type,
    effectiveDate: toIsoDate(values.effectiveDate),
  };
  for (const field of EVENT_FORMS[values.type]) {
    const value = values[field].trim();
    if (value === "") continue;
    input[field] = field === "year" ? Number(value) : field === "until" ? toIsoDate(value) : value;
  }
  return input;
}
