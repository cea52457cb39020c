// The member's personal record and the inputs that create or change it; the lifecycle lives in events.
import { z } from "zod";
import { bilingual } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { CalendarDateSchema, InstantSchema, PartialDateSchema } from "../time/index.js";
import { applyUpdate } from "../update.js";

/** A member's gender as the Union's register writes it (Nam / Nữ); absent when not recorded. */
export const GenderSchema = z.enum(["male", "female"]);
export type Gender = z.infer<typeof GenderSchema>;

/**
 * A Union card number (số thẻ đoàn viên): digits, capitals and hyphens, as printed on the card.
 * @example UnionCardNumberSchema.parse("ST-0012345")
 */
export const UnionCardNumberSchema = z
  .string()
  .trim()
  .refine(
    (value) => /^[0-9A-Z][0-9A-Z-]{3,23}$/.test(value),
    bilingual("Số thẻ đoàn không hợp lệ", "Invalid Union card number"),
  );

/** How to reach a member; every part optional. */
export const MemberContactSchema = z.object({
  phone: z
    .string()
    .trim()
    .refine(
      (value) => /^\+?[0-9 .-]{8,15}$/.test(value),
      bilingual("Số điện thoại không hợp lệ", "Invalid phone number"),
    )
    .optional(),
  email: z.email(bilingual("Thư điện tử không hợp lệ", "Invalid email address")).optional(),
});
export type MemberContact = z.infer<typeof MemberContactSchema>;

/** The personal fields a record may go without: optional in a record, clearable by an update. */
const optionalPersonalFields = {
  gender: GenderSchema,
  cardNumber: UnionCardNumberSchema,
  ethnicity: z.string().trim().min(1).max(60),
  religion: z.string().trim().min(1).max(60),
  education: z.string().trim().min(1).max(120),
  occupation: z.string().trim().min(1).max(120),
  contact: MemberContactSchema,
  placeOfResidence: z.string().trim().min(1).max(300),
};

const personalShape = {
  fullName: z
    .string()
    .trim()
    .min(1, bilingual("Họ và tên không được để trống", "The full name is required"))
    .max(120, bilingual("Họ và tên quá dài", "The full name is too long")),
  gender: optionalPersonalFields.gender.optional(),
  /** Sometimes only the year or the month is known; nothing is invented for the rest. */
  birthDate: PartialDateSchema.optional(),
  cardNumber: optionalPersonalFields.cardNumber.optional(),
  ethnicity: optionalPersonalFields.ethnicity.optional(),
  religion: optionalPersonalFields.religion.optional(),
  education: optionalPersonalFields.education.optional(),
  occupation: optionalPersonalFields.occupation.optional(),
  contact: optionalPersonalFields.contact.optional(),
  placeOfResidence: optionalPersonalFields.placeOfResidence.optional(),
};

/**
 * A member as stored: who they are. Admission, home unit and status are not here: they are derived
 * from the member's events (see `deriveMemberState`), so they can never disagree with the history.
 */
export const MemberSchema = z.object({ id: IdSchema, ...personalShape, createdAt: InstantSchema });
export type Member = z.infer<typeof MemberSchema>;

/**
 * The fields of a member that are sensitive personal data and stay out of public output. Party
 * status, the third such fact, is not a member field: it lives in the member's referrals.
 */
export const SENSITIVE_MEMBER_FIELDS = ["ethnicity", "religion"] as const satisfies readonly (keyof Member)[];
export type SensitiveMemberField = (typeof SENSITIVE_MEMBER_FIELDS)[number];

/** The admission (kết nạp) that brings a member onto the roll. */
export const AdmissionInputSchema = z.object({
  date: CalendarDateSchema,
  /** The admitting organisation's resolution or decision, e.g. `15-NQ/ĐTN`. */
  decisionRef: z
    .string()
    .trim()
    .min(1, bilingual("Cần số nghị quyết kết nạp", "The admission resolution is required")),
  admittingOrganizationId: IdSchema,
  /** The branch or Chi đoàn cơ sở the member belongs to from the admission on. */
  homeUnitId: IdSchema,
});
export type AdmissionInput = z.infer<typeof AdmissionInputSchema>;

/** What a client sends to record a newly admitted member: the person and the admission. */
export const MemberCreateSchema = z.object({
  ...personalShape,
  birthDate: PartialDateSchema,
  admission: AdmissionInputSchema,
});
export type MemberCreate = z.infer<typeof MemberCreateSchema>;

/**
 * What a client sends to change a member's personal fields: a field left out stays as it is, and
 * `null` clears one the record may go without. The name and the date of birth cannot be cleared: a
 * register entry names its person and when they were born. Admission and lifecycle change only
 * through events (and their corrections), never by editing the member.
 */
export const MemberUpdateSchema = z
  .object({
    fullName: personalShape.fullName,
    gender: optionalPersonalFields.gender.nullable(),
    birthDate: PartialDateSchema,
    cardNumber: optionalPersonalFields.cardNumber.nullable(),
    ethnicity: optionalPersonalFields.ethnicity.nullable(),
    religion: optionalPersonalFields.religion.nullable(),
    education: optionalPersonalFields.education.nullable(),
    occupation: optionalPersonalFields.occupation.nullable(),
    contact: optionalPersonalFields.contact.nullable(),
    placeOfResidence: optionalPersonalFields.placeOfResidence.nullable(),
  })
  .partial();
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;
/** What a client sends to change a member (`null` clears an optional field). */
export type MemberUpdateInput = z.input<typeof MemberUpdateSchema>;

/**
 * A member with an update applied, for `MemberSchema` to check again: a field sent replaces the
 * stored one (the contact as a whole), `null` removes it, a field left out stays.
 * @example applyMemberUpdate(member, { occupation: null, education: "Đại học" }) // no occupation, the new education
 */
export function applyMemberUpdate(member: Member, update: MemberUpdate): Member {
  return applyUpdate(member, update);
}

/** Removes the sensitive fields from a member, for output that must not carry them. */
export function omitSensitiveMemberFields<T extends Partial<Member>>(
  member: T,
): Omit<T, SensitiveMemberField> {
  const { ethnicity: _ethnicity, religion: _religion, ...rest } = member;
  return rest;
}
