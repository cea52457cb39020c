// A conference form's typed values and the record the domain's schemas read, both ways: dates from
// dd/mm/yyyy to ISO, blank rows left out; and how a directive stands when a later conference looks back.
import type {
  CalendarDate,
  Conference,
  ConferenceKind,
  Directive,
  DocumentReference,
  Participant,
  ReportedFigure,
  Session,
} from "@sodoan/domain";
import { toIsoDate, toTypedDate } from "./dates";

/**
 * A chair, speaker or named attendee as typed; `kept` carries what the form does not show (ids, an
 * English title, the position term a picked holder's title comes from).
 */
export type ParticipantRow = {
  fullName: string;
  title: string;
  organizationName: string;
  kept?: Participant;
};
/** A described group of attendees and its size. */
export type AttendeeRow = { description: string; count: string };
/** A group of attendees named one by one, with an optional name for the group. */
export type NamedGroupRow = { label: string; people: ParticipantRow[] };
export type TextRow = { text: string };
/** A directive as typed: one owner organisation; an earlier follow-up is kept as it was. */
export type DirectiveRow = {
  id: string;
  text: string;
  ownerId: string;
  dueDate: string;
  kept?: Directive;
};

export type ConferenceFormValues = {
  organizerId: string;
  kind: ConferenceKind;
  title: string;
  startDate: string;
  endDate: string;
  session: "" | Session;
  place: string;
  reviewFrom: string;
  reviewTo: string;
  chairs: ParticipantRow[];
  speakers: ParticipantRow[];
  attendees: AttendeeRow[];
  /** Stored after the described groups, so that group `g` is `attendees[attendees.length + g]`. */
  namedGroups: NamedGroupRow[];
  topics: TextRow[];
  conclusions: TextRow[];
  directives: DirectiveRow[];
};

/** What the form holds beside its typed fields: chosen, never typed. */
export type ConferencePicks = {
  documentsReviewed: DocumentReference[];
  figures: ReportedFigure[];
};

export const EMPTY_CONFERENCE: ConferenceFormValues = {
  organizerId: "",
  kind: "thematic",
  title: "",
  startDate: "",
  endDate: "",
  session: "",
  place: "",
  reviewFrom: "",
  reviewTo: "",
  chairs: [],
  speakers: [],
  attendees: [],
  namedGroups: [],
  topics: [],
  conclusions: [],
  directives: [],
};

function present(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * The participant a row describes. What the row does not show is kept only while what it depends on
 * is unchanged: the ids while the name is, the English title while the title is, the position term
 * while name, title and organisation all are (a title typed over a picked one is the typist's).
 */
export function participantOfRow(row: ParticipantRow): Participant {
  const kept = row.kept;
  const sameName = kept !== undefined && kept.person.fullName === row.fullName.trim();
  const title = present(row.title);
  const organizationName = present(row.organizationName);
  const samePosition =
    sameName &&
    kept.positionTermId !== undefined &&
    kept.title === title &&
    kept.organizationName === organizationName;
  return {
    person: sameName ? kept.person : { fullName: row.fullName.trim() },
    ...(title === undefined ? {} : { title }),
    ...(sameName && kept.titleEn !== undefined && kept.title === title ? { titleEn: kept.titleEn } : {}),
    ...(sameName && kept.organizationId !== undefined && kept.organizationName === organizationName
      ? { organizationId: kept.organizationId }
      : {}),
    ...(organizationName === undefined ? {} : { organizationName }),
    ...(samePosition ? { positionTermId: kept.positionTermId } : {}),
  };
}

/**
 * The record the form describes, as `ConferenceCreateSchema` reads it; an empty end date means a
 * one-day meeting. Rows keep their order and blanks, so that the schema's error on row 2 is row 2's.
 */
export function conferenceInputOf(
  values: ConferenceFormValues,
  picks: ConferencePicks,
): Record<string, unknown> {
  const startDate = toIsoDate(values.startDate);
  const endDate = present(values.endDate) === undefined ? startDate : toIsoDate(values.endDate);
  const reviewFrom = present(values.reviewFrom);
  const reviewTo = present(values.reviewTo);
  // Described groups first, then named ones, so that an error's index leads back to its row.
  const attendees: unknown[] = [
    ...values.attendees.map((row) => ({
      kind: "group",
      description: row.description.trim(),
      ...(present(row.count) === undefined ? {} : { count: Number(row.count.trim()) }),
    })),
    ...values.namedGroups.map((group) => ({
      kind: "people",
      ...(present(group.label) === undefined ? {} : { label: group.label.trim() }),
      people: group.people.map(participantOfRow),
    })),
  ];
  return {
    organizerId: values.organizerId,
    kind: values.kind,
    title: values.title.trim(),
    startDate,
    endDate,
    ...(values.session === "" ? {} : { session: values.session }),
    ...(present(values.place) === undefined ? {} : { place: values.place.trim() }),
    ...(reviewFrom === undefined && reviewTo === undefined
      ? {}
      : { periodUnderReview: { from: toIsoDate(reviewFrom ?? ""), to: toIsoDate(reviewTo ?? "") } }),
    chairs: values.chairs.map(participantOfRow),
    speakers: values.speakers.map(participantOfRow),
    attendees,
    documentsReviewed: picks.documentsReviewed,
    topics: values.topics.map((row) => row.text.trim()),
    figures: picks.figures,
    conclusions: values.conclusions.map((row) => row.text.trim()),
    directives: values.directives.map((row) => {
      const dueDate = present(row.dueDate);
      const others = row.kept?.addressedTo.slice(1) ?? [];
      return {
        id: row.id,
        text: row.text.trim(),
        addressedTo: row.ownerId === "" ? others : [row.ownerId, ...others],
        ...(dueDate === undefined ? {} : { dueDate: toIsoDate(dueDate) }),
        ...(row.kept?.followedUpBy === undefined ? {} : { followedUpBy: row.kept.followedUpBy }),
      };
    }),
  };
}

/** A participant as a row of the form. */
/** The optional fields the form holds; `convenedBy`, which it does not show, is never sent. */
const FORM_OPTIONAL_FIELDS = ["session", "place", "periodUnderReview"] as const;

/**
 * The PATCH of an edit: the record the form describes, with `null` for each optional field left
 * empty, so that emptying one clears it (a field left out of a PATCH stays as it was).
 * @example conferenceUpdateOf({ title: "Hội nghị", place: "Phủ Lý" }) // { session: null, place: "Phủ Lý", periodUnderReview: null, title: "Hội nghị" }
 */
export function conferenceUpdateOf(input: Record<string, unknown>): Record<string, unknown> {
  return { ...Object.fromEntries(FORM_OPTIONAL_FIELDS.map((field) => [field, null])), ...input };
}

export function participantRowOf(participant: Participant): ParticipantRow {
  return {
    fullName: participant.person.fullName,
    title: participant.title ?? "",
    organizationName: participant.organizationName ?? "",
    kept: participant,
  };
}

/** A stored record as the form's typed values and picks. */
export function conferenceFormOf(conference: Conference): {
  values: ConferenceFormValues;
  picks: ConferencePicks;
} {
  return {
    values: {
      organizerId: conference.organizerId,
      kind: conference.kind,
      title: conference.title,
      startDate: toTypedDate(conference.startDate),
      endDate: conference.endDate === conference.startDate ? "" : toTypedDate(conference.endDate),
      session: conference.session ?? "",
      place: conference.place ?? "",
      reviewFrom: toTypedDate(conference.periodUnderReview?.from),
      reviewTo: toTypedDate(conference.periodUnderReview?.to),
      chairs: conference.chairs.map(participantRowOf),
      speakers: conference.speakers.map(participantRowOf),
      attendees: conference.attendees.flatMap((group) =>
        group.kind === "group"
          ? [{ description: group.description, count: group.count === undefined ? "" : String(group.count) }]
          : [],
      ),
      namedGroups: conference.attendees.flatMap((group) =>
        group.kind === "people"
          ? [{ label: group.label ?? "", people: group.people.map(participantRowOf) }]
          : [],
      ),
      topics: conference.topics.map((text) => ({ text })),
      conclusions: conference.conclusions.map((text) => ({ text })),
      directives: conference.directives.map((directive) => ({
        id: directive.id,
        text: directive.text,
        ownerId: directive.addressedTo[0] ?? "",
        dueDate: toTypedDate(directive.dueDate),
        kept: directive,
      })),
    },
    picks: {
      documentsReviewed: conference.documentsReviewed,
      figures: conference.figures,
    },
  };
}

/** Where a directive stands when looked back on: followed up, past its due date, or still open. */
export type DirectiveStatus = "done" | "overdue" | "open";

/**
 * How a directive stands on a date: done once a conference has followed it up, overdue when its
 * due date has passed without that, open otherwise.
 * @example directiveStatus({ id: "d", text: "…", addressedTo: [], dueDate: "2018-06-30" }, "2018-07-01") // "overdue"
 */
export function directiveStatus(directive: Directive, asOf: CalendarDate): DirectiveStatus {
  if (directive.followedUpBy !== undefined) return "done";
  if (directive.dueDate !== undefined && directive.dueDate < asOf) return "overdue";
  return "open";
}

/**
 * The question a metric is asked for a conference: its figures are of the organiser on the
 * conference's first day; flows and cohorts over the period under review, or since 1 January.
 */
export function figureQuery(
  question: "stock" | "flow" | "year" | "cohort",
  organizationId: string,
  date: CalendarDate,
  review?: { from: CalendarDate; to: CalendarDate },
): Record<string, string> {
  const base = { organizationId, asOf: date };
  switch (question) {
    case "stock":
      return base;
    case "year":
      return { ...base, year: date.slice(0, 4) };
    case "flow":
    case "cohort":
      return { ...base, from: review?.from ?? `${date.slice(0, 4)}-01-01`, to: review?.to ?? date };
  }
}

/** What `GET /api/v1/metrics/{id}` answers, as far as a quoted figure needs it. */
export type MetricAnswerForFigure = {
  metric: { id: string; version: number; question: "stock" | "flow" | "year" | "cohort" };
  result: {
    value: unknown;
    provenance: {
      organizationId: string;
      asOf?: string;
      period?: { from: string; to: string };
      knownAt?: string;
      computedAt: string;
    };
  };
};

/**
 * The metric's answer as one quoted figure with its provenance, or undefined when the value is not
 * one number (a distribution, or a rate with nothing to divide by).
 */
export function reportedFigureOf(answer: MetricAnswerForFigure, label: string): ReportedFigure | undefined {
  const { value, provenance } = answer.result;
  let quoted: { value: number; unit: "count" | "ratio" } | undefined;
  if (typeof value === "number") quoted = { value, unit: "count" };
  else if (typeof value === "object" && value !== null) {
    if ("count" in value && typeof value.count === "number") quoted = { value: value.count, unit: "count" };
    else if ("rate" in value && typeof value.rate === "number") quoted = { value: value.rate, unit: "ratio" };
  }
  if (quoted === undefined) return undefined;
  // A flow or a cohort is quoted over its period, a stock or a yearly rate on its date: never both.
  const when =
    answer.metric.question === "flow" || answer.metric.question === "cohort"
      ? provenance.period === undefined
        ? {}
        : { period: provenance.period }
      : provenance.asOf === undefined
        ? {}
        : { asOf: provenance.asOf };
  return {
    label,
    figure: {
      metricId: answer.metric.id,
      metricVersion: String(answer.metric.version),
      organizationId: provenance.organizationId,
      ...when,
      ...quoted,
      computedAt: provenance.computedAt,
      ...(provenance.knownAt === undefined ? {} : { knownAt: provenance.knownAt }),
    },
  };
}
