// The lifecycle events a cadre records through a form — for one member or for a selection — with
// the fields each needs beyond its date, and the event input those fields make.
import type { DisciplineForm, LocalizedText } from "@sodoan/domain";
import { toIsoDate } from "./dates";

/** The events recorded through a form, with their fields in the order they are asked. */
export const EVENT_FORMS = {
  residence_registered: ["year", "organizationId"],
  activity_postponed: ["until", "reason"],
  activity_resumed: [],
  rated: ["year", "level"],
  rewarded: ["title", "decisionRef"],
  matured: ["decisionRef"],
  transfer_out: ["toUnitId", "note"],
  removed_from_roll: ["reason", "decisionRef"],
  disciplined: ["form", "organizationId", "decisionRef"],
  deceased: [],
  corrected: ["targetEventId", "reason"],
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
  toUnitId: string;
  note: string;
  form: string;
  targetEventId: string;
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
  toUnitId: "",
  note: "",
  form: "",
  targetEventId: "",
};

export const FIELD_LABELS: Record<EventField, LocalizedText> = {
  year: { vi: "Năm", en: "Year" },
  organizationId: { vi: "Tổ chức", en: "Organisation" },
  until: { vi: "Đến ngày (dd/mm/yyyy)", en: "Until (dd/mm/yyyy)" },
  reason: { vi: "Lý do", en: "Reason" },
  level: { vi: "Mức xếp loại", en: "Rating" },
  title: { vi: "Hình thức khen thưởng", en: "Award" },
  decisionRef: { vi: "Số quyết định", en: "Decision" },
  toUnitId: { vi: "Chuyển đến đơn vị", en: "Transfer to" },
  note: { vi: "Ghi chú", en: "Note" },
  form: { vi: "Hình thức kỷ luật", en: "Form of discipline" },
  targetEventId: { vi: "Sự kiện cần hủy bỏ", en: "Event to void" },
};

/** The forms of discipline (khiển trách, cảnh cáo, cách chức, khai trừ). */
export const DISCIPLINE_LABELS: Record<DisciplineForm, LocalizedText> = {
  reprimand: { vi: "Khiển trách", en: "Reprimand" },
  warning: { vi: "Cảnh cáo", en: "Warning" },
  dismissal: { vi: "Cách chức", en: "Dismissal from a position" },
  expulsion: { vi: "Khai trừ", en: "Expulsion" },
};

/** An event of the member's timeline, as a correction names it. */
export type RecordedEvent = { id: string; type: string; effectiveDate: string };

/** What the form cannot ask but an event needs: the unit a transfer leaves, the events a correction may void. */
export type EventContext = { homeUnitId: string | null; events: readonly RecordedEvent[] };

/** The typed values of `fields` as the event's fields: years as numbers, dates as ISO, empty ones left out. */
export function typedFieldsOf(
  values: Omit<EventFormValues, "type">,
  fields: readonly EventField[],
): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field].trim();
    if (value === "") continue;
    typed[field] = field === "year" ? Number(value) : field === "until" ? toIsoDate(value) : value;
  }
  return typed;
}

/** The event the form describes, as the domain's input schema reads it. */
export function eventInputOf(
  values: EventFormValues,
  context: EventContext = { homeUnitId: null, events: [] },
): Record<string, unknown> {
  const input: Record<string, unknown> = {
    type: values.type,
    effectiveDate: toIsoDate(values.effectiveDate),
  };
  Object.assign(input, typedFieldsOf(values, EVENT_FORMS[values.type]));
  if (values.type === "transfer_out" && context.homeUnitId !== null) input.fromUnitId = context.homeUnitId;
  if (values.type === "corrected") {
    // Only voiding is offered here; a correction takes effect on the date of what it voids unless
    // an earlier one is typed.
    input.replacement = null;
    const target = context.events.find((event) => event.id === values.targetEventId);
    if (values.effectiveDate.trim() === "" && target !== undefined)
      input.effectiveDate = target.effectiveDate;
  }
  return input;
}
