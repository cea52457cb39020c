// Undoing a change to a member right after it was made, the way the record keeps history: an event
// is voided by a recorded correction, never deleted, and a save of personal fields by another save
// that puts the earlier values back.
import { type MemberEventInput, MemberUpdateSchema } from "@sodoan/domain";
import { isSameValue } from "./changed-fields";
import type { RecordedEvent } from "./member-events";

/** The reason every undo gives, in both languages as the domain writes bilingual text. */
export const UNDO_REASON = "Hoàn tác ngay sau khi ghi / Undone right after it was recorded";

/**
 * The correction that voids `event`: it takes effect on the event's own date, so that figures as
 * of any date are back to what they were before the event was recorded.
 * @example voidingCorrectionOf({ id: "e-1", type: "rated", effectiveDate: "2021-12-31" }) // { type: "corrected", targetEventId: "e-1", replacement: null, … }
 */
export function voidingCorrectionOf(event: RecordedEvent): MemberEventInput {
  return {
    type: "corrected",
    effectiveDate: event.effectiveDate,
    targetEventId: event.id,
    replacement: null,
    reason: UNDO_REASON,
  };
}

/** The personal fields a PATCH takes, each replaced whole (the contact with both its parts). */
const PERSONAL_KEYS = Object.keys(MemberUpdateSchema.shape) as (keyof typeof MemberUpdateSchema.shape)[];
type PersonalKey = (typeof PERSONAL_KEYS)[number];

/** A member's personal fields as the API answers them; other keys of the answer are ignored. */
export type PersonalRecord = Partial<Record<PersonalKey, unknown>>;

/**
 * The PATCH that puts back what a save changed: the earlier value of exactly the fields that differ
 * between the record before and after the save, and `null` for one that had no value before (a
 * PATCH clears a field sent as null). `null` when the save changed nothing.
 */
export function reversePatchOf(before: PersonalRecord, after: PersonalRecord): PersonalRecord | null {
  const changed = PERSONAL_KEYS.filter((key) => !isSameValue(before[key], after[key]));
  if (changed.length === 0) return null;
  return Object.fromEntries(changed.map((key) => [key, before[key] ?? null]));
}
