// The inputs of one lifecycle event beyond its type and date: the fields `EVENT_FORMS` asks for its
// type, organisations, forms of discipline and earlier events chosen from lists, anything else typed.
import type { DisciplineForm } from "@sodoan/domain";
import type { FieldPath, UseFormRegister } from "react-hook-form";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import {
  DISCIPLINE_LABELS,
  type EventField,
  type EventFormValues,
  FIELD_LABELS,
  type RecordedEvent,
} from "../lib/member-events";
import { EVENT_LABELS } from "../lib/member-labels";
import { FieldError } from "./field-error";
import { TextField } from "./text-field";

const CHOSEN = ["organizationId", "toUnitId", "form", "targetEventId"] as const;
type ChosenField = (typeof CHOSEN)[number];

function isChosen(field: string): field is ChosenField {
  return (CHOSEN as readonly string[]).includes(field);
}

export function EventFields<T extends Omit<EventFormValues, "type">>({
  fields,
  register,
  errors,
  organizations,
  events = [],
  idPrefix = "event",
}: {
  /** The fields to ask, in order: `EVENT_FORMS` of the event's type. */
  fields: readonly EventField[];
  /** A form of the event's fields; a correction's form has its own reason besides. */
  register: UseFormRegister<T>;
  errors: FieldErrors;
  organizations: readonly { id: string; name: string }[];
  /** The member's events a correction may void. */
  events?: readonly RecordedEvent[];
  /** Keeps ids unique when two event forms share a page. */
  idPrefix?: string;
}) {
  const { t, d } = useLocale();
  // Every form this serves holds the event's fields under their own names.
  const registered = (field: EventField) => register(field as FieldPath<T>);
  const options = (field: ChosenField) => {
    if (field === "form")
      return (Object.keys(DISCIPLINE_LABELS) as DisciplineForm[]).map((form) => (
        <option key={form} value={form}>
          {t(DISCIPLINE_LABELS[form])}
        </option>
      ));
    if (field === "targetEventId")
      return events.map((event) => (
        <option key={event.id} value={event.id}>
          {d(event.effectiveDate)} — {t(EVENT_LABELS[event.type] ?? { vi: event.type, en: event.type })}
        </option>
      ));
    return organizations.map((unit) => (
      <option key={unit.id} value={unit.id}>
        {unit.name}
      </option>
    ));
  };
  return fields.map((field) =>
    isChosen(field) ? (
      <div className="field" key={field}>
        <label htmlFor={`${idPrefix}-${field}`}>{t(FIELD_LABELS[field])}</label>
        <select
          id={`${idPrefix}-${field}`}
          {...registered(field)}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? `${idPrefix}-${field}-error` : undefined}
        >
          <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
          {options(field)}
        </select>
        <FieldError id={`${idPrefix}-${field}-error`} error={errors[field]} />
      </div>
    ) : (
      <TextField
        key={field}
        id={`${idPrefix}-${field}`}
        label={t(FIELD_LABELS[field])}
        registration={registered(field)}
        error={errors[field]}
      />
    ),
  );
}
