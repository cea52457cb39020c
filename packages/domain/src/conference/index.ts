// Records of Union conferences: who met, who spoke, what was reviewed, reported and directed.

import { z } from "zod";
import { QuotedFigureSchema } from "../article/figure.js";
import { DocumentReferenceSchema } from "../document/index.js";
import { bilingual, type LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import {
  isSamePerson,
  type PersonRef,
  PersonRefSchema,
  POSITION_TITLE_LABELS,
  type PositionTerm,
  type TitleSources,
  titleOn,
} from "../position/index.js";
import { ok, type Result, refuse } from "../result.js";
import { type CalendarDate, CalendarDateSchema, InstantSchema, PeriodSchema } from "../time/index.js";
import { applyUpdate } from "../update.js";

/** The kinds of conference. */
export const ConferenceKindSchema = z.enum([
  "thematic",
  "interim_review",
  "final_review",
  "extended_standing_committee",
  "executive_committee",
  "congress",
]);
export type ConferenceKind = z.infer<typeof ConferenceKindSchema>;

/** How each kind is called. */
export const CONFERENCE_KIND_LABELS = {
  thematic: { vi: "Hội nghị chuyên đề", en: "Thematic conference" },
  interim_review: { vi: "Hội nghị sơ kết", en: "Interim review conference" },
  final_review: { vi: "Hội nghị tổng kết", en: "Final review conference" },
  extended_standing_committee: {
    vi: "Hội nghị Ban Thường vụ mở rộng",
    en: "Extended standing committee conference",
  },
  executive_committee: { vi: "Hội nghị Ban Chấp hành", en: "Executive committee conference" },
  congress: { vi: "Đại hội", en: "Congress" },
} as const satisfies Record<ConferenceKind, LocalizedText>;

/** The part of a day a one-day meeting takes. */
export const SessionSchema = z.enum(["morning", "afternoon", "evening", "full_day"]);
export type Session = z.infer<typeof SessionSchema>;

/** How sessions are called. */
export const SESSION_LABELS = {
  morning: { vi: "Buổi sáng", en: "Morning" },
  afternoon: { vi: "Buổi chiều", en: "Afternoon" },
  evening: { vi: "Buổi tối", en: "Evening" },
  full_day: { vi: "Cả ngày", en: "Full day" },
} as const satisfies Record<Session, LocalizedText>;

/** The committee of an organisation that convenes a conference. */
export const ConveningBodySchema = z.object({
  organizationId: IdSchema,
  body: z.enum(["executive_committee", "standing_committee", "standing_office"]).optional(),
});
export type ConveningBody = z.infer<typeof ConveningBodySchema>;

/**
 * A person at a conference with their title and organisation on that day, as the record states
 * them; `titleEn` when an English title is kept; `positionTermId` when the title was taken from the
 * records of positions (a guest from outside has none, and their title is typed).
 */
export const ParticipantSchema = z.object({
  person: PersonRefSchema,
  title: z.string().trim().min(1).optional(),
  titleEn: z.string().trim().min(1).optional(),
  organizationId: IdSchema.optional(),
  organizationName: z.string().trim().min(1).optional(),
  positionTermId: IdSchema.optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/** Those who attended: named people, or a described group with its size when known. */
export const AttendeeGroupSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("people"),
    label: z.string().trim().min(1).optional(),
    people: z.array(ParticipantSchema).min(1),
  }),
  z.object({
    kind: z.literal("group"),
    description: z.string().trim().min(1),
    count: z.number().int().nonnegative().optional(),
    organizationIds: z.array(IdSchema).optional(),
  }),
]);
export type AttendeeGroup = z.infer<typeof AttendeeGroupSchema>;

/** A figure reported at a conference, with the words it was reported in. */
export const ReportedFigureSchema = z.object({ label: z.string().trim().min(1), figure: QuotedFigureSchema });
export type ReportedFigure = z.infer<typeof ReportedFigureSchema>;

/** A directive: what to do, for which organisations, by when, and the later conference that followed it up. */
export const DirectiveSchema = z.object({
  id: IdSchema,
  text: z.string().trim().min(1),
  addressedTo: z.array(IdSchema),
  dueDate: CalendarDateSchema.optional(),
  followedUpBy: z.object({ conferenceId: IdSchema, note: z.string().optional() }).optional(),
});
export type Directive = z.infer<typeof DirectiveSchema>;

/** The fields a conference record may go without: optional in a record, clearable by an update. */
const optionalConferenceFields = {
  convenedBy: ConveningBodySchema,
  session: SessionSchema,
  place: z.string().trim().min(1),
  periodUnderReview: PeriodSchema,
};

const conferenceFields = {
  organizerId: IdSchema,
  convenedBy: optionalConferenceFields.convenedBy.optional(),
  kind: ConferenceKindSchema,
  title: z.string().trim().min(1),
  startDate: CalendarDateSchema,
  endDate: CalendarDateSchema,
  session: optionalConferenceFields.session.optional(),
  place: optionalConferenceFields.place.optional(),
  chairs: z.array(ParticipantSchema).default([]),
  speakers: z.array(ParticipantSchema).default([]),
  attendees: z.array(AttendeeGroupSchema).default([]),
  documentsReviewed: z.array(DocumentReferenceSchema).default([]),
  periodUnderReview: optionalConferenceFields.periodUnderReview.optional(),
  topics: z.array(z.string().trim().min(1)).default([]),
  figures: z.array(ReportedFigureSchema).default([]),
  conclusions: z.array(z.string().trim().min(1)).default([]),
  directives: z.array(DirectiveSchema).default([]),
};

type ConferenceShape = {
  startDate: CalendarDate;
  endDate: CalendarDate;
  session?: Session | undefined;
  directives: Directive[];
};

function refineConference(conference: ConferenceShape, context: z.core.$RefinementCtx): void {
  const add = (path: (string | number)[], vi: string, en: string) =>
    context.addIssue({ code: "custom", path, message: `${vi} / ${en}`, params: { i18n: { vi, en } } });
  if (conference.endDate < conference.startDate) {
    add(
      ["endDate"],
      "Ngày kết thúc không được sớm hơn ngày bắt đầu",
      "The end must not come before the start",
    );
  }
  if (conference.session !== undefined && conference.endDate !== conference.startDate) {
    add(["session"], "Chỉ hội nghị trong một ngày mới ghi buổi", "Only a one-day meeting has a session");
  }
  for (const [i, directive] of conference.directives.entries()) {
    if (directive.dueDate !== undefined && directive.dueDate < conference.startDate) {
      add(
        ["directives", i, "dueDate"],
        "Hạn thực hiện không được trước ngày hội nghị",
        "The due date cannot come before the conference",
      );
    }
  }
  const ids = conference.directives.map((directive) => directive.id);
  if (new Set(ids).size !== ids.length) {
    add(["directives"], "Mã chỉ đạo bị trùng", "Directive ids repeat");
  }
}

/** A stored conference record. */
export const ConferenceSchema = z
  .object({ id: IdSchema, ...conferenceFields, recordedAt: InstantSchema })
  .superRefine(refineConference);
export type Conference = z.infer<typeof ConferenceSchema>;

/** A conference record as an admin enters it. */
export const ConferenceCreateSchema = z.object(conferenceFields).superRefine(refineConference);
export type ConferenceCreate = z.infer<typeof ConferenceCreateSchema>;

/**
 * Changes to a conference record: a field left out stays as it is, a list is replaced as a whole,
 * and `null` clears a field the record may go without (who convened it, its session, its place, the
 * period it reviewed).
 */
export const ConferenceUpdateSchema = z
  .object({
    ...conferenceFields,
    convenedBy: optionalConferenceFields.convenedBy.nullable(),
    session: optionalConferenceFields.session.nullable(),
    place: optionalConferenceFields.place.nullable(),
    periodUnderReview: optionalConferenceFields.periodUnderReview.nullable(),
    // Without defaults: a list left out of an update stays as it is.
    chairs: z.array(ParticipantSchema),
    speakers: z.array(ParticipantSchema),
    attendees: z.array(AttendeeGroupSchema),
    documentsReviewed: z.array(DocumentReferenceSchema),
    topics: z.array(z.string().trim().min(1)),
    figures: z.array(ReportedFigureSchema),
    conclusions: z.array(z.string().trim().min(1)),
    directives: z.array(DirectiveSchema),
  })
  .partial()
  .refine(
    (update) =>
      update.startDate === undefined || update.endDate === undefined || update.startDate <= update.endDate,
    bilingual("Ngày kết thúc không được sớm hơn ngày bắt đầu", "The end must not come before the start", [
      "endDate",
    ]),
  );
export type ConferenceUpdate = z.infer<typeof ConferenceUpdateSchema>;
/** What a client sends to change a conference (`null` clears an optional field). */
export type ConferenceUpdateInput = z.input<typeof ConferenceUpdateSchema>;

/**
 * A conference with an update applied, for `ConferenceSchema` to check again: a field sent replaces
 * the stored one, `null` removes it, a field left out stays.
 * @example applyConferenceUpdate(conference, { place: null, title: "Hội nghị BCH lần thứ 5" })
 */
export function applyConferenceUpdate(conference: Conference, update: ConferenceUpdate): Conference {
  return applyUpdate(conference, update);
}

/**
 * A participant as the records of positions describe them on a date: their highest title and
 * its organisation. Someone holding no position is named alone.
 * @example participantOn({ fullName: "Trần Ngọc Nam", personId: "p1" }, "2021-11-25", sources) // { person, title: "Bí thư", organizationName: "Tỉnh đoàn Hà Nam", … }
 */
export function participantOn(person: PersonRef, date: CalendarDate, sources: TitleSources): Participant {
  const held = titleOn(person, date, sources)[0];
  if (held === undefined) return { person };
  const label = POSITION_TITLE_LABELS[held.title];
  return {
    person,
    title: label.vi,
    titleEn: label.en,
    organizationId: held.organizationId,
    organizationName: held.organizationName,
    positionTermId: held.term.id,
  };
}

/** A participant of a conference with where it sits in the record (`["chairs", 0]`). */
export type PlacedParticipant = { path: (string | number)[]; participant: Participant };

/**
 * Every person a record names, chairs, speakers and named attendees, with their place in it.
 * @example conferenceParticipants(conference).map(({ path }) => path) // [["chairs", 0], ["attendees", 1, "people", 0]]
 */
export function conferenceParticipants(
  conference: Pick<Conference, "chairs" | "speakers" | "attendees">,
): PlacedParticipant[] {
  return [
    ...conference.chairs.map((participant, i) => ({ path: ["chairs", i], participant })),
    ...conference.speakers.map((participant, i) => ({ path: ["speakers", i], participant })),
    ...conference.attendees.flatMap((group, g) =>
      group.kind === "people"
        ? group.people.map((participant, i) => ({ path: ["attendees", g, "people", i], participant }))
        : [],
    ),
  ];
}

/** Why a participant's position is refused. */
export type ParticipantPositionCode = "POSITION_TERM_NOT_FOUND" | "POSITION_NOT_HELD";

/**
 * Whether each participant's `positionTermId` names a term of that same person held on one of the
 * conference's days; a congress spans days, and a committee it elects takes office on one of them.
 * `terms` holds at least the terms named; the first participant refused is reported at its field.
 * @example validateParticipantPositions(conference, terms) // { ok: false, code: "POSITION_NOT_HELD", issues: [{ path: ["chairs", 0, "positionTermId"], … }] }
 */
export function validateParticipantPositions<
  T extends Pick<Conference, "startDate" | "endDate" | "chairs" | "speakers" | "attendees">,
>(conference: T, terms: readonly PositionTerm[]): Result<T, ParticipantPositionCode> {
  const byId = new Map(terms.map((term) => [term.id, term]));
  for (const { path, participant } of conferenceParticipants(conference)) {
    const termId = participant.positionTermId;
    if (termId === undefined) continue;
    const field = [...path, "positionTermId"];
    const term = byId.get(termId);
    if (term === undefined) {
      const message = {
        vi: `Không tìm thấy nhiệm kỳ ${termId} trong hồ sơ chức vụ`,
        en: `No term ${termId} in the records of positions`,
      };
      return refuse("POSITION_TERM_NOT_FOUND", message, [{ path: field, message }]);
    }
    const held =
      term.from <= conference.endDate && (term.to === undefined || conference.startDate <= term.to);
    if (!isSamePerson(term.person, participant.person) || !held) {
      const label = POSITION_TITLE_LABELS[term.title];
      const message = {
        vi: `${participant.person.fullName} không giữ chức ${label.vi} này vào ngày hội nghị`,
        en: `${participant.person.fullName} did not hold this position of ${label.en} on the day of the conference`,
      };
      return refuse("POSITION_NOT_HELD", message, [{ path: field, message }]);
    }
  }
  return ok(conference);
}

/** A directive with the conference that issued it. */
export type IssuedDirective = { conference: Conference; directive: Directive };

/**
 * The directives due by a date that no later conference has followed up yet, earliest due first.
 * @example directivesDue(conferences, "2022-06-30")
 */
export function directivesDue(conferences: readonly Conference[], asOf: CalendarDate): IssuedDirective[] {
  const known = new Map(conferences.map((conference) => [conference.id, conference]));
  return conferences
    .flatMap((conference) => conference.directives.map((directive) => ({ conference, directive })))
    .filter(({ directive }) => {
      if (directive.dueDate === undefined || directive.dueDate > asOf) return false;
      const followUp =
        directive.followedUpBy === undefined ? undefined : known.get(directive.followedUpBy.conferenceId);
      return followUp === undefined || followUp.startDate > asOf;
    })
    .sort((a, b) => ((a.directive.dueDate ?? "") < (b.directive.dueDate ?? "") ? -1 : 1));
}

/** Why a follow-up link is refused. */
export type FollowUpRuleCode = "FOLLOW_UP_NOT_LATER" | "DIRECTIVE_NOT_FOUND";

/**
 * Whether a later conference may be recorded as the follow-up of a directive: it must start
 * after the conference that issued it ended.
 */
export function validateFollowUp(
  issuing: Conference,
  directiveId: string,
  followUp: Pick<Conference, "id" | "startDate">,
): Result<Directive, FollowUpRuleCode> {
  const directive = issuing.directives.find((candidate) => candidate.id === directiveId);
  if (directive === undefined) {
    const message = { vi: "Không tìm thấy chỉ đạo", en: "No such directive" };
    return refuse("DIRECTIVE_NOT_FOUND", message, [{ path: ["directiveId"], message }]);
  }
  if (followUp.startDate <= issuing.endDate) {
    const message = {
      vi: "Hội nghị theo dõi phải diễn ra sau hội nghị ban hành chỉ đạo",
      en: "The follow-up conference must come after the one that issued the directive",
    };
    return refuse("FOLLOW_UP_NOT_LATER", message, [{ path: ["followedUpBy", "conferenceId"], message }]);
  }
  return ok({ ...directive, followedUpBy: { conferenceId: followUp.id } });
}
