// Referrals of outstanding members to the Party (giới thiệu đoàn viên ưu tú cho Đảng) and their stages.
import { z } from "zod";
import { bilingual, type LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { deriveMemberState, isOnRoll, type MemberEvent } from "../member/index.js";
import { ok, type Result, refuse } from "../result.js";
import {
  addYears,
  ageOn,
  type CalendarDate,
  CalendarDateSchema,
  type Instant,
  InstantSchema,
  instantToMillis,
  type PartialDate,
  type TimeView,
} from "../time/index.js";

/**
 * The stages of a referral. Forward only: referred → admitted as a probationary Party member →
 * recognised as a full member; or not admitted, withdrawn, or (after probation) not recognised.
 */
export const REFERRAL_STAGES = [
  "referred",
  "admitted_probationary",
  "recognized_full",
  "not_admitted",
  "withdrawn",
  "not_recognized",
] as const;
export const ReferralStageSchema = z.enum(REFERRAL_STAGES);
export type ReferralStage = z.infer<typeof ReferralStageSchema>;

/** The name of each stage in both languages. */
export const REFERRAL_STAGE_LABELS: Record<ReferralStage, LocalizedText> = {
  referred: { vi: "Đã giới thiệu", en: "Referred" },
  admitted_probationary: { vi: "Đã kết nạp đảng viên dự bị", en: "Admitted as a probationary Party member" },
  recognized_full: { vi: "Đã công nhận đảng viên chính thức", en: "Recognised as a full Party member" },
  not_admitted: { vi: "Không được kết nạp", en: "Not admitted" },
  withdrawn: { vi: "Đã rút giới thiệu", en: "Withdrawn" },
  not_recognized: { vi: "Không được công nhận chính thức", en: "Not recognised as a full member" },
};

/** Which stage may follow which; a stage missing here is final. */
export const NEXT_REFERRAL_STAGES: Record<ReferralStage, readonly ReferralStage[]> = {
  referred: ["admitted_probationary", "not_admitted", "withdrawn"],
  admitted_probationary: ["recognized_full", "not_recognized"],
  recognized_full: [],
  not_admitted: [],
  withdrawn: [],
  not_recognized: [],
};

/** The probation of a new Party member lasts twelve months before recognition is decided. */
export const PROBATION_YEARS = 1;

/** The lowest age for a referral, in completed years. */
export const REFERRAL_MIN_AGE = 18;

/** A step after the referral itself: the stage reached, on which date, by which decision. */
export const ReferralStepSchema = z.object({
  stage: ReferralStageSchema.exclude(["referred"]),
  date: CalendarDateSchema,
  recordedAt: InstantSchema,
  decisionRef: z.string().trim().min(1).optional(),
  note: z.string().max(500).optional(),
});
export type ReferralStep = z.infer<typeof ReferralStepSchema>;

/** The codes with which a referral or a step is refused. */
export type ReferralRefusalCode =
  | "STAGE_NOT_ALLOWED"
  | "STEP_BEFORE_PREVIOUS"
  | "STEP_RECORDED_BEFORE_PREVIOUS"
  | "PROBATION_NOT_OVER"
  | "MEMBER_NOT_ACTIVE"
  | "MEMBER_UNDER_AGE"
  | "REFERRAL_ALREADY_OPEN";

/** The stage after a list of steps, or why the steps are impossible. */
function checkSteps(referredOn: CalendarDate, recordedAt: Instant, steps: readonly ReferralStep[]) {
  let stage: ReferralStage = "referred";
  let date = referredOn;
  let recorded = instantToMillis(recordedAt);
  let admittedOn: CalendarDate | null = null;
  for (const [index, step] of steps.entries()) {
    const problem = checkStep(stage, date, recorded, admittedOn, step);
    if (problem !== null) return { ...problem, index };
    stage = step.stage;
    date = step.date;
    recorded = instantToMillis(step.recordedAt);
    if (step.stage === "admitted_probationary") admittedOn = step.date;
  }
  return { stage, date };
}

function checkStep(
  stage: ReferralStage,
  date: CalendarDate,
  recorded: number,
  admittedOn: CalendarDate | null,
  step: ReferralStep,
): { code: ReferralRefusalCode; message: LocalizedText; field: string } | null {
  if (!NEXT_REFERRAL_STAGES[stage].includes(step.stage)) {
    return {
      code: "STAGE_NOT_ALLOWED",
      field: "stage",
      message: {
        vi: `Không thể chuyển từ "${REFERRAL_STAGE_LABELS[stage].vi}" sang "${REFERRAL_STAGE_LABELS[step.stage].vi}"`,
        en: `A referral cannot go from "${REFERRAL_STAGE_LABELS[stage].en}" to "${REFERRAL_STAGE_LABELS[step.stage].en}"`,
      },
    };
  }
  if (step.date < date) {
    return {
      code: "STEP_BEFORE_PREVIOUS",
      field: "date",
      message: {
        vi: "Ngày của bước này sớm hơn bước trước",
        en: "This step is dated before the previous one",
      },
    };
  }
  if (instantToMillis(step.recordedAt) < recorded) {
    return {
      code: "STEP_RECORDED_BEFORE_PREVIOUS",
      field: "recordedAt",
      message: {
        vi: "Bước này được ghi trước bước trước đó",
        en: "This step is recorded before the previous one",
      },
    };
  }
  if (step.stage !== "not_recognized" && step.stage !== "recognized_full") return null;
  if (admittedOn !== null && step.date < addYears(admittedOn, PROBATION_YEARS)) {
    return {
      code: "PROBATION_NOT_OVER",
      field: "date",
      message: {
        vi: "Chỉ xét công nhận đảng viên chính thức khi hết 12 tháng dự bị",
        en: "Full membership is decided only after the twelve months of probation",
      },
    };
  }
  return null;
}

const referralShape = {
  memberId: IdSchema,
  /** The referring Union organisation. */
  organizationId: IdSchema,
  /** Its resolution, e.g. `12-NQ/ĐTN`. */
  resolutionRef: z
    .string()
    .trim()
    .min(1, bilingual("Cần số nghị quyết giới thiệu", "The referral resolution is required")),
  referredOn: CalendarDateSchema,
};

/**
 * A referral as stored, with its steps in order; the stage on a date is derived from them. It
 * tells a member's Party status, which is sensitive personal data: the public sees counts only.
 * @example ReferralSchema.parse({ id: "r1", memberId: "m1", organizationId: "g1", resolutionRef: "05-NQ/ĐTN", referredOn: "2016-03-01", recordedAt: "2016-03-02T08:00:00+07:00", steps: [] })
 */
export const ReferralSchema = z
  .object({ id: IdSchema, ...referralShape, recordedAt: InstantSchema, steps: z.array(ReferralStepSchema) })
  .superRefine((referral, context) => {
    const result = checkSteps(referral.referredOn, referral.recordedAt, referral.steps);
    if ("code" in result) {
      context.addIssue({
        code: "custom",
        path: ["steps", result.index, result.field],
        message: `${result.message.vi} / ${result.message.en}`,
        params: { i18n: result.message, code: result.code },
      });
    }
  });
export type Referral = z.infer<typeof ReferralSchema>;

/** What a client sends to refer a member. */
export const ReferralCreateSchema = z.object(referralShape);
export type ReferralCreate = z.infer<typeof ReferralCreateSchema>;

/** What a client sends to move a referral on; the server adds the recording time. */
export const ReferralStepInputSchema = ReferralStepSchema.omit({ recordedAt: true });
export type ReferralStepInput = z.infer<typeof ReferralStepInputSchema>;

/** The stage a referral has reached after all its steps. */
export function currentReferralStage(referral: Pick<Referral, "steps">): ReferralStage {
  return referral.steps[referral.steps.length - 1]?.stage ?? "referred";
}

/**
 * The stage of a referral as of a view, or null when the referral itself is not yet in it.
 * @example referralStageAsOf(referral, { asOf: "2017-08-31" }) // "admitted_probationary"
 */
export function referralStageAsOf(
  referral: Pick<Referral, "referredOn" | "recordedAt" | "steps">,
  view: TimeView,
): ReferralStage | null {
  const limit = view.knownAt === undefined ? Number.POSITIVE_INFINITY : instantToMillis(view.knownAt);
  if (referral.referredOn > view.asOf || instantToMillis(referral.recordedAt) > limit) return null;
  let stage: ReferralStage = "referred";
  for (const step of referral.steps) {
    if (step.date > view.asOf || instantToMillis(step.recordedAt) > limit) break;
    stage = step.stage;
  }
  return stage;
}

/** The date a referral reached a stage, as of a view; undefined when it had not. */
export function referralStageDate(
  referral: Pick<Referral, "recordedAt" | "steps">,
  stage: Exclude<ReferralStage, "referred">,
  knownAt?: Instant,
): CalendarDate | undefined {
  const limit = knownAt === undefined ? Number.POSITIVE_INFINITY : instantToMillis(knownAt);
  return referral.steps.find((step) => step.stage === stage && instantToMillis(step.recordedAt) <= limit)
    ?.date;
}

/**
 * Moves a referral on by one step, refusing a stage that may not follow, a date before the
 * previous step, or recognition before the probation is over.
 * @example advanceReferral(referral, { stage: "admitted_probationary", date: "2016-09-02", recordedAt: "2016-09-05T08:00:00+07:00" })
 */
export function advanceReferral(
  referral: Referral,
  step: ReferralStep,
): Result<Referral, ReferralRefusalCode> {
  const current = checkSteps(referral.referredOn, referral.recordedAt, referral.steps);
  const before =
    "code" in current ? { stage: currentReferralStage(referral), date: referral.referredOn } : current;
  const admittedOn = referralStageDate(referral, "admitted_probationary") ?? null;
  const lastRecorded = referral.steps[referral.steps.length - 1]?.recordedAt ?? referral.recordedAt;
  const problem = checkStep(before.stage, before.date, instantToMillis(lastRecorded), admittedOn, step);
  if (problem !== null)
    return refuse(problem.code, problem.message, [{ path: [problem.field], message: problem.message }]);
  return ok({ ...referral, steps: [...referral.steps, step] });
}

/** What a referral's creation is checked against. */
export type ReferralContext = {
  /** The member's recorded events, to find their status on the referral date. */
  memberEvents: readonly MemberEvent[];
  birthDate?: PartialDate | undefined;
  /** The member's other referrals, so that only one is open at a time. */
  otherReferrals?: readonly Pick<Referral, "steps">[] | undefined;
};

/**
 * Checks that a member may be referred on a date: on the roll (postponed members are), aged 18
 * or more (with a partial birth date, refused only when certainly younger), without another
 * referral in progress and not already admitted to the Party through one.
 * @example validateReferralCreate(input, { memberEvents, birthDate: "1995-04" })
 */
export function validateReferralCreate(
  input: ReferralCreate,
  context: ReferralContext,
): Result<ReferralCreate, ReferralRefusalCode> {
  const state = deriveMemberState(context.memberEvents, { asOf: input.referredOn });
  if (!isOnRoll(state.status)) {
    const message = {
      vi: "Chỉ giới thiệu đoàn viên đang sinh hoạt vào ngày giới thiệu",
      en: "Only a member on the roll on the referral date can be referred",
    };
    return refuse("MEMBER_NOT_ACTIVE", message, [{ path: ["memberId"], message }]);
  }
  if (context.birthDate !== undefined && ageOn(context.birthDate, input.referredOn).max < REFERRAL_MIN_AGE) {
    const message = {
      vi: "Đoàn viên phải đủ 18 tuổi vào ngày giới thiệu",
      en: "The member must be 18 or older on the referral date",
    };
    return refuse("MEMBER_UNDER_AGE", message, [{ path: ["referredOn"], message }]);
  }
  const open = context.otherReferrals?.some((other) => {
    const stage = currentReferralStage(other);
    return stage === "referred" || stage === "admitted_probationary" || stage === "recognized_full";
  });
  if (open === true) {
    const message = {
      vi: "Đoàn viên đang có một lượt giới thiệu chưa xét xong hoặc đã được kết nạp vào Đảng",
      en: "The member already has a referral in progress or has been admitted to the Party",
    };
    return refuse("REFERRAL_ALREADY_OPEN", message, [{ path: ["memberId"], message }]);
  }
  return ok(input);
}
