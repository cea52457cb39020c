// Positions held in Union organisations for a term, and the titles they give a person on a date.
import { z } from "zod";
import { DocumentReferenceSchema } from "../document/index.js";
import { bilingual, type LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import type { LineageEvent, Organization } from "../organization/schema.js";
import { namesInView } from "../organization/tree.js";
import { ok, type Result, refuse } from "../result.js";
import { foldVietnamese } from "../text/fold.js";
import { type CalendarDate, CalendarDateSchema, InstantSchema } from "../time/index.js";

/**
 * A person named in the records: a member on the roll (`memberId`), someone kept elsewhere in
 * the system (`personId`, e.g. a Party committee official), or a name alone.
 * @example PersonRefSchema.parse({ fullName: "Huỳnh Công Trí" })
 */
export const PersonRefSchema = z.object({
  fullName: z.string().trim().min(1),
  memberId: IdSchema.optional(),
  personId: IdSchema.optional(),
});
export type PersonRef = z.infer<typeof PersonRefSchema>;

/**
 * Whether two references name the same person: by member id, else by person id, else by the
 * folded full name when neither carries an id.
 */
export function isSamePerson(a: PersonRef, b: PersonRef): boolean {
  if (a.memberId !== undefined || b.memberId !== undefined) return a.memberId === b.memberId;
  if (a.personId !== undefined || b.personId !== undefined) return a.personId === b.personId;
  return foldVietnamese(a.fullName) === foldVietnamese(b.fullName);
}

/** The positions of a Union committee, highest first. */
export const POSITION_TITLES = [
  "secretary",
  "standing_deputy_secretary",
  "deputy_secretary",
  "standing_committee_member",
  "executive_committee_member",
] as const;

/** A position in an organisation's committee. */
export const PositionTitleSchema = z.enum(POSITION_TITLES);
export type PositionTitle = z.infer<typeof PositionTitleSchema>;

/** How each position is called. */
export const POSITION_TITLE_LABELS = {
  secretary: { vi: "Bí thư", en: "Secretary" },
  standing_deputy_secretary: { vi: "Phó Bí thư Thường trực", en: "Standing Deputy Secretary" },
  deputy_secretary: { vi: "Phó Bí thư", en: "Deputy Secretary" },
  standing_committee_member: { vi: "Ủy viên Ban Thường vụ", en: "Member of the Standing Committee" },
  executive_committee_member: { vi: "Ủy viên Ban Chấp hành", en: "Member of the Executive Committee" },
} as const satisfies Record<PositionTitle, LocalizedText>;

const termFields = {
  person: PersonRefSchema,
  title: PositionTitleSchema,
  organizationId: IdSchema,
  from: CalendarDateSchema,
  to: CalendarDateSchema.optional(),
  decidedBy: DocumentReferenceSchema.optional(),
};

const TERM_ORDER = bilingual(
  "Ngày kết thúc nhiệm kỳ không được sớm hơn ngày bắt đầu",
  "The term cannot end before it starts",
  ["to"],
);

function isInOrder(term: { from: CalendarDate; to?: CalendarDate | undefined }): boolean {
  return term.to === undefined || term.from <= term.to;
}

/** A term in a position: held from `from` to `to` inclusive, open when `to` is absent. */
export const PositionTermSchema = z
  .object({ id: IdSchema, ...termFields, recordedAt: InstantSchema })
  .refine(isInOrder, TERM_ORDER);
export type PositionTerm = z.infer<typeof PositionTermSchema>;

/** A term as an admin enters it. */
export const PositionTermCreateSchema = z.object(termFields).refine(isInOrder, TERM_ORDER);
export type PositionTermCreate = z.infer<typeof PositionTermCreateSchema>;

/** Changes to a term, most often its end. */
export const PositionTermUpdateSchema = z.object(termFields).partial();
export type PositionTermUpdate = z.infer<typeof PositionTermUpdateSchema>;

/** A title a person holds on a date, with the organisation named as it was then. */
export type HeldTitle = {
  title: PositionTitle;
  organizationId: string;
  organizationName: string;
  /** "Bí thư Tỉnh đoàn Hà Nam" / "Secretary, Tỉnh đoàn Hà Nam". */
  label: LocalizedText;
  term: PositionTerm;
};

/** What `titleOn` reads: the terms, and the organisations with their history for names. */
export type TitleSources = {
  terms: readonly PositionTerm[];
  organizations: readonly Organization[];
  lineageEvents?: readonly LineageEvent[];
};

/**
 * The titles a person holds on a date, highest first, each with the organisation's name of
 * that date in Vietnamese and English (the English name when one is kept, else the Vietnamese).
 * @example titleOn({ fullName: "Trần Ngọc Nam", personId: "p1" }, "2021-11-25", sources)[0]?.label.vi // "Bí thư Tỉnh đoàn Hà Nam"
 */
export function titleOn(person: PersonRef, date: CalendarDate, sources: TitleSources): HeldTitle[] {
  const organizations = new Map(sources.organizations.map((org) => [org.id, org]));
  const events = sources.lineageEvents ?? [];
  return sources.terms
    .filter(
      (term) =>
        isSamePerson(term.person, person) && term.from <= date && (term.to === undefined || date <= term.to),
    )
    .sort((a, b) => POSITION_TITLES.indexOf(a.title) - POSITION_TITLES.indexOf(b.title))
    .map((term) => {
      const org = organizations.get(term.organizationId);
      const names =
        org === undefined ? { name: term.organizationId } : namesInView(org, events, { asOf: date });
      const label = POSITION_TITLE_LABELS[term.title];
      return {
        title: term.title,
        organizationId: term.organizationId,
        organizationName: names.name,
        label: { vi: `${label.vi} ${names.name}`, en: `${label.en}, ${names.englishName ?? names.name}` },
        term,
      };
    });
}

/**
 * The people holding a position in an organisation on a date.
 * @example holdersOn("tinh-doan-ha-nam", "secretary", "2021-11-25", terms) // [{ fullName: "Trần Ngọc Nam", … }]
 */
export function holdersOn(
  organizationId: string,
  title: PositionTitle,
  date: CalendarDate,
  terms: readonly PositionTerm[],
): PersonRef[] {
  return terms
    .filter(
      (term) =>
        term.organizationId === organizationId &&
        term.title === title &&
        term.from <= date &&
        (term.to === undefined || date <= term.to),
    )
    .map((term) => term.person);
}

/** Positions that only one person holds at a time in an organisation. */
export const SINGLE_HOLDER_TITLES: readonly PositionTitle[] = ["secretary", "standing_deputy_secretary"];

/** Why a term is refused. */
export type PositionRuleCode = "POSITION_OCCUPIED" | "OVERLAPPING_TERM";

function overlaps(a: PositionTermCreate, b: PositionTermCreate): boolean {
  return (a.to === undefined || b.from <= a.to) && (b.to === undefined || a.from <= b.to);
}

/**
 * Whether a term may be recorded beside the others: no second term of the same person in the
 * same position and organisation at once, and one secretary (and one standing deputy) at a time.
 * Pass the other terms without the one being edited.
 */
export function validatePositionTerm<T extends PositionTermCreate>(
  term: T,
  others: readonly PositionTermCreate[],
): Result<T, PositionRuleCode> {
  const concurrent = others.filter(
    (other) =>
      other.organizationId === term.organizationId && other.title === term.title && overlaps(other, term),
  );
  const label = POSITION_TITLE_LABELS[term.title];
  if (concurrent.some((other) => isSamePerson(other.person, term.person))) {
    const message = {
      vi: `${term.person.fullName} đã giữ chức ${label.vi} trong thời gian này`,
      en: `${term.person.fullName} already holds the position of ${label.en} in this period`,
    };
    return refuse("OVERLAPPING_TERM", message, [{ path: ["from"], message }]);
  }
  const holder = concurrent[0];
  if (SINGLE_HOLDER_TITLES.includes(term.title) && holder !== undefined) {
    const message = {
      vi: `${holder.person.fullName} đang giữ chức ${label.vi} trong thời gian này`,
      en: `${holder.person.fullName} holds the position of ${label.en} in this period`,
    };
    return refuse("POSITION_OCCUPIED", message, [{ path: ["title"], message }]);
  }
  return ok(term);
}
