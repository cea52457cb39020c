// A correction (đính chính) that puts another body in place of an event: the event's own fields
// prefilled with what it says now, and the `corrected` event those fields make.

import { toIsoDate, toTypedDate } from "./dates";
import type { FieldErrors } from "./form-errors";
import {
  EMPTY_EVENT_VALUES,
  EVENT_FORMS,
  type EventField,
  type EventFormValues,
  typedFieldsOf,
} from "./member-events";

/** An event of the timeline as the API answers it, corrections applied. */
export type TimelineEvent = { id: string; type: string; effectiveDate: string; recordedAt: string } & Record<
  string,
  unknown
>;

/** The correction form: the replaced event's fields, and why it is corrected. */
export type CorrectionFormValues = Omit<EventFormValues, "type"> & { correctionReason: string };

/**
 * The fields a correction offers for an event of `type`: those of its own form. An admission or a
 * receipt, recorded elsewhere, has only its date corrected here; its other fields are kept.
 */
export function correctableFieldsOf(type: string): readonly EventField[] {
  if (type === "corrected" || !Object.hasOwn(EVENT_FORMS, type)) return [];
  return EVENT_FORMS[type as keyof typeof EVENT_FORMS];
}

/** The correction form prefilled with what `event` says now. */
export function correctionValuesOf(event: TimelineEvent): CorrectionFormValues {
  const values: CorrectionFormValues = {
    ...EMPTY_EVENT_VALUES,
    effectiveDate: toTypedDate(event.effectiveDate),
    correctionReason: "",
  };
  for (const field of correctableFieldsOf(event.type)) {
    const value = event[field];
    if (value === undefined || value === null) continue;
    values[field] = field === "until" ? toTypedDate(String(value)) : String(value);
  }
  return values;
}

/**
 * The `corrected` event that puts what the form says in place of `event`. Fields the form does not
 * offer (the unit a transfer leaves, a position) are kept from the event. The correction takes
 * effect on the earlier of the two dates, as the domain requires, so that figures as of a date
 * before both stay as they were.
 */
export function correctionInputOf(
  event: TimelineEvent,
  values: CorrectionFormValues,
): Record<string, unknown> {
  const { id, memberId: _member, recordedAt: _recorded, ...body } = event;
  const fields = correctableFieldsOf(event.type);
  const kept = Object.fromEntries(
    Object.entries(body).filter(([key]) => !(fields as readonly string[]).includes(key)),
  );
  const effectiveDate = toIsoDate(values.effectiveDate);
  const replacement = { ...kept, effectiveDate, ...typedFieldsOf(values, fields) };
  return {
    type: "corrected",
    // ISO dates sort as they fall.
    effectiveDate: [effectiveDate, event.effectiveDate].sort()[0],
    targetEventId: id,
    replacement,
    reason: values.correctionReason.trim(),
  };
}

/**
 * Errors of a correction (the browser's schema or the API) on the form's fields: the replacement's
 * under their own names, the correction's reason on its field, the correction's date on the date.
 */
export function correctionErrorsOf(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith("replacement.")) mapped[key.slice("replacement.".length)] = message;
  }
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith("replacement.")) continue;
    mapped[key === "reason" ? "correctionReason" : key] ??= message;
  }
  return mapped;
}
