// A member form's typed values turned into what the domain's schemas read: dates from dd/mm/yyyy to
// ISO, empty fields left out rather than sent as empty strings, or sent as `null` to clear them.
import { isSameValue } from "./changed-fields";
import { toIsoDate } from "./dates";

export type PersonalFormValues = {
  fullName: string;
  gender: "" | "male" | "female";
  birthDate: string;
  cardNumber: string;
  ethnicity: string;
  religion: string;
  education: string;
  occupation: string;
  contact: { phone: string; email: string };
  placeOfResidence: string;
};

/** A personal field by its path in the form (`contact.phone`). */
export type PersonalField =
  | Exclude<keyof PersonalFormValues, "contact">
  | `contact.${keyof PersonalFormValues["contact"]}`;

export type MemberCreateFormValues = PersonalFormValues & {
  admission: { date: string; decisionRef: string; admittingOrganizationId: string; homeUnitId: string };
};

export const EMPTY_PERSONAL: PersonalFormValues = {
  fullName: "",
  gender: "",
  birthDate: "",
  cardNumber: "",
  ethnicity: "",
  religion: "",
  education: "",
  occupation: "",
  contact: { phone: "", email: "" },
  placeOfResidence: "",
};

function present(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The personal fields as the schemas read them, the empty ones left out. */
export function toPersonalInput(values: PersonalFormValues): Record<string, unknown> {
  const contact = { phone: present(values.contact.phone), email: present(values.contact.email) };
  const input: Record<string, unknown> = {
    fullName: values.fullName,
    gender: values.gender === "" ? undefined : values.gender,
    birthDate: present(values.birthDate) === undefined ? undefined : toIsoDate(values.birthDate),
    cardNumber: present(values.cardNumber),
    ethnicity: present(values.ethnicity),
    religion: present(values.religion),
    education: present(values.education),
    occupation: present(values.occupation),
    contact: contact.phone === undefined && contact.email === undefined ? undefined : contact,
    placeOfResidence: present(values.placeOfResidence),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** The fields a record cannot go without: emptied, they are sent empty for the schema to name. */
const REQUIRED_PERSONAL = new Set<keyof PersonalFormValues>(["fullName", "birthDate"]);

/**
 * The PATCH of an edit: the fields whose typed value differs from the record the edit started from,
 * each as the schemas read it, and `null` for one emptied. Fields left alone are not sent, so a save
 * never writes back what the user did not touch (a masked sensitive field among them).
 * @example toPersonalUpdate({ ...record, occupation: "" }, record) // { occupation: null }
 */
export function toPersonalUpdate(
  values: PersonalFormValues,
  record: PersonalFormValues,
): Record<string, unknown> {
  const typed = toPersonalInput(values);
  const changed = (Object.keys(values) as (keyof PersonalFormValues)[]).filter(
    (key) => !isSameValue(values[key], record[key]),
  );
  return Object.fromEntries(
    changed.map((key) => {
      if (typed[key] !== undefined) return [key, typed[key]];
      return [key, REQUIRED_PERSONAL.has(key) ? "" : null];
    }),
  );
}

export function toMemberCreateInput(values: MemberCreateFormValues): Record<string, unknown> {
  return {
    ...toPersonalInput(values),
    // A missing birth date is the schema's to name: an empty string, not a missing key, reaches it.
    birthDate: toIsoDate(values.birthDate),
    admission: {
      date: toIsoDate(values.admission.date),
      decisionRef: values.admission.decisionRef,
      admittingOrganizationId: values.admission.admittingOrganizationId,
      homeUnitId: values.admission.homeUnitId,
    },
  };
}
