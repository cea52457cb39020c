// The dated events of a member's life in the Union, each with when it took effect and when it was recorded.
import { z } from "zod";
import { IdSchema } from "../id/index.js";
import { CalendarDateSchema, InstantSchema } from "../time/index.js";

const YearSchema = z.int().min(1931).max(2200);

/** The kinds of member event, in the order of the lifecycle. */
export const MEMBER_EVENT_TYPES = [
  "admitted",
  "transfer_out",
  "transfer_in",
  "residence_registered",
  "activity_postponed",
  "activity_resumed",
  "matured",
  "removed_from_roll",
  "disciplined",
  "deceased",
  "rated",
  "rewarded",
  "corrected",
] as const;
export type MemberEventType = (typeof MEMBER_EVENT_TYPES)[number];

/** Forms of discipline (kỷ luật): khiển trách, cảnh cáo, cách chức, khai trừ. */
export const DisciplineFormSchema = z.enum(["reprimand", "warning", "dismissal", "expulsion"]);
export type DisciplineForm = z.infer<typeof DisciplineFormSchema>;

const bodyShapes = {
  /** Kết nạp: onto the roll of a home unit (a branch or a Chi đoàn cơ sở). */
  admitted: {
    organizationId: IdSchema,
    decisionRef: z.string().trim().min(1),
    homeUnitId: IdSchema,
  },
  /** Chuyển sinh hoạt đi: the sending unit lets the member go; pending until received. */
  transfer_out: { fromUnitId: IdSchema, toUnitId: IdSchema, note: z.string().max(500).optional() },
  /** Tiếp nhận: the receiving unit takes in the member of a pending transfer. */
  transfer_in: { transferOutEventId: IdSchema, unitId: IdSchema },
  /** Sinh hoạt nơi cư trú for a year: a second affiliation; the home unit does not change. */
  residence_registered: { year: YearSchema, organizationId: IdSchema },
  /** Tạm hoãn sinh hoạt until a date (inclusive), at most a year; the member stays on the roll. */
  activity_postponed: { until: CalendarDateSchema, reason: z.string().max(500).optional() },
  /** Back to activity before the postponement ran out. */
  activity_resumed: {},
  /** Trưởng thành Đoàn: leaves the roll with honour. */
  matured: { decisionRef: z.string().trim().min(1).optional() },
  /** Xóa tên khỏi danh sách đoàn viên. */
  removed_from_roll: {
    reason: z.string().max(500).optional(),
    decisionRef: z.string().trim().min(1).optional(),
  },
  /** Kỷ luật; `expulsion` (khai trừ) ends membership; `dismissal` (cách chức) needs a position held. */
  disciplined: {
    form: DisciplineFormSchema,
    organizationId: IdSchema,
    decisionRef: z.string().trim().min(1),
    positionId: IdSchema.optional(),
  },
  deceased: {},
  /** Xếp loại đoàn viên for a year, a level of that year's scale. */
  rated: { year: YearSchema, level: z.string().trim().min(1).max(64) },
  /** Khen thưởng. */
  rewarded: {
    title: z.string().trim().min(1).max(300),
    organizationId: IdSchema.optional(),
    decisionRef: z.string().trim().min(1).optional(),
  },
} as const;

function bodySchema<T extends keyof typeof bodyShapes>(type: T) {
  return z.object({ type: z.literal(type), effectiveDate: CalendarDateSchema, ...bodyShapes[type] });
}

const bodies = [
  bodySchema("admitted"),
  bodySchema("transfer_out"),
  bodySchema("transfer_in"),
  bodySchema("residence_registered"),
  bodySchema("activity_postponed"),
  bodySchema("activity_resumed"),
  bodySchema("matured"),
  bodySchema("removed_from_roll"),
  bodySchema("disciplined"),
  bodySchema("deceased"),
  bodySchema("rated"),
  bodySchema("rewarded"),
] as const;

/** What an event says, without its identity or recording time: also what a correction puts in place. */
export const MemberEventBodySchema = z.discriminatedUnion("type", bodies);
export type MemberEventBody = z.infer<typeof MemberEventBodySchema>;

const recordShape = { id: IdSchema, memberId: IdSchema, recordedAt: InstantSchema };

/**
 * A correction (đính chính): voids an earlier event (`replacement: null`) or puts another body in its
 * place, keeping its id so that references such as a received transfer still hold. Its
 * `effectiveDate` is the earliest date it touches, so "as of D" stays stable for later corrections.
 */
export const MemberCorrectionEventSchema = z.object({
  type: z.literal("corrected"),
  effectiveDate: CalendarDateSchema,
  ...recordShape,
  targetEventId: IdSchema,
  replacement: MemberEventBodySchema.nullable(),
  reason: z.string().trim().min(1).max(500),
});
export type MemberCorrectionEvent = z.infer<typeof MemberCorrectionEventSchema>;

function eventSchema<T extends keyof typeof bodyShapes>(type: T) {
  return z.object({
    type: z.literal(type),
    effectiveDate: CalendarDateSchema,
    ...recordShape,
    ...bodyShapes[type],
  });
}

/**
 * One recorded event of a member's lifecycle.
 * @example MemberEventSchema.parse({ id: "e1", memberId: "m1", type: "deceased", effectiveDate: "2016-05-02", recordedAt: "2016-05-10T09:00:00+07:00" })
 */
export const MemberEventSchema = z.discriminatedUnion("type", [
  eventSchema("admitted"),
  eventSchema("transfer_out"),
  eventSchema("transfer_in"),
  eventSchema("residence_registered"),
  eventSchema("activity_postponed"),
  eventSchema("activity_resumed"),
  eventSchema("matured"),
  eventSchema("removed_from_roll"),
  eventSchema("disciplined"),
  eventSchema("deceased"),
  eventSchema("rated"),
  eventSchema("rewarded"),
  MemberCorrectionEventSchema,
]);
export type MemberEvent = z.infer<typeof MemberEventSchema>;

/** A member event of one kind. */
export type MemberEventOf<T extends MemberEventType> = Extract<MemberEvent, { type: T }>;

/** What a client sends to record an event: the server gives it its id and recording time. */
export const MemberEventInputSchema = z.discriminatedUnion("type", [
  ...bodies,
  MemberCorrectionEventSchema.omit({ id: true, memberId: true, recordedAt: true }),
]);
export type MemberEventInput = z.infer<typeof MemberEventInputSchema>;
