// The rules that keep a member's history possible: each new event is checked against what is recorded.
import type { LocalizedText } from "../i18n/message.js";
import { scaleFor } from "../rating/index.js";
import { type DomainIssue, ok, type Result, refuse } from "../result.js";
import {
  addYears,
  ageOn,
  type CalendarDate,
  instantToMillis,
  type PartialDate,
  yearOf,
} from "../time/index.js";
import type { MemberEvent } from "./events.js";
import {
  applyMemberCorrections,
  checkMemberTransition,
  type EffectiveMemberEvent,
  initialMemberFoldState,
  isRecordClosed,
  type MemberEventRefusalCode,
  sortMemberEvents,
  stepMemberFold,
} from "./state.js";

/** What the rules need to know beyond the member's own events. */
export type MemberEventContext = {
  /** The member's date of birth, for the admission age (16 to 30). */
  birthDate?: PartialDate | undefined;
  /** Whether the member holds a position (chức vụ) on a date: cách chức needs one. */
  holdsPosition?: ((date: CalendarDate) => boolean) | undefined;
  /**
   * Whether a unit can have members on its roll on a date (a branch or a Chi đoàn cơ sở, see
   * `canHoldMembers`); home units are not checked without it.
   */
  isMemberUnit?: ((unitId: string, date: CalendarDate) => boolean) | undefined;
  /** Whether a level belongs to the rating scale of a year; the domain's member scales by default. */
  isRatingLevel?: ((year: number, level: string) => boolean) | undefined;
};

/** The lowest and highest admission age, in completed years (Điều lệ Đoàn: từ 16 đến 30 tuổi). */
export const ADMISSION_AGE = { min: 16, max: 30 } as const;

type Refusal = Result<never, MemberEventRefusalCode> & { ok: false };

function refusal(
  code: MemberEventRefusalCode,
  message: LocalizedText,
  path: DomainIssue["path"] = [],
): Refusal {
  return refuse(code, message, [{ path, message }]);
}

function checkUnit(event: EffectiveMemberEvent, context: MemberEventContext): Refusal | null {
  if (context.isMemberUnit === undefined) return null;
  const [unitId, field] =
    event.type === "admitted"
      ? [event.homeUnitId, "homeUnitId"]
      : event.type === "transfer_in"
        ? [event.unitId, "unitId"]
        : event.type === "transfer_out"
          ? [event.toUnitId, "toUnitId"]
          : [undefined, ""];
  if (unitId === undefined || context.isMemberUnit(unitId, event.effectiveDate)) return null;
  return refusal(
    "UNIT_CANNOT_HOLD_MEMBERS",
    {
      vi: "Đoàn viên chỉ sinh hoạt ở chi đoàn hoặc chi đoàn cơ sở",
      en: "A member's home unit must be a branch or a Chi đoàn cơ sở",
    },
    [field],
  );
}

function checkBody(event: EffectiveMemberEvent, context: MemberEventContext): Refusal | null {
  const unitProblem = checkUnit(event, context);
  if (unitProblem !== null) return unitProblem;
  switch (event.type) {
    case "admitted": {
      if (context.birthDate === undefined) return null;
      const age = ageOn(context.birthDate, event.effectiveDate);
      // With a partial birth date, refuse only when every possible day is outside the range.
      if (age.max < ADMISSION_AGE.min || age.min > ADMISSION_AGE.max) {
        return refusal(
          "ADMISSION_AGE_OUTSIDE_RANGE",
          {
            vi: "Tuổi khi kết nạp phải từ đủ 16 đến 30",
            en: "A member must be 16 to 30 years old when admitted",
          },
          ["effectiveDate"],
        );
      }
      return null;
    }
    case "activity_postponed":
      if (event.until < event.effectiveDate) {
        return refusal(
          "POSTPONEMENT_ENDS_BEFORE_START",
          { vi: "Ngày hết tạm hoãn sớm hơn ngày bắt đầu", en: "The postponement ends before it starts" },
          ["until"],
        );
      }
      if (event.until > addYears(event.effectiveDate, 1)) {
        return refusal(
          "POSTPONEMENT_TOO_LONG",
          { vi: "Tạm hoãn sinh hoạt không quá một năm", en: "Activity may be postponed for a year at most" },
          ["until"],
        );
      }
      return null;
    case "disciplined":
      if (event.form === "dismissal" && !(context.holdsPosition?.(event.effectiveDate) ?? false)) {
        return refusal(
          "DISMISSAL_WITHOUT_POSITION",
          {
            vi: "Chỉ cách chức đoàn viên đang giữ chức vụ",
            en: "Only a member who holds a position can be dismissed from it",
          },
          ["form"],
        );
      }
      return null;
    case "residence_registered": {
      const year = yearOf(event.effectiveDate);
      if (event.year !== year && event.year !== year + 1) {
        return refusal(
          "RESIDENCE_YEAR_MISMATCH",
          {
            vi: "Đăng ký sinh hoạt nơi cư trú cho năm đang diễn ra hoặc năm tới",
            en: "Register for the current year or the next one",
          },
          ["year"],
        );
      }
      return null;
    }
    case "rated": {
      const year = yearOf(event.effectiveDate);
      if (event.year !== year && event.year !== year - 1) {
        return refusal(
          "RATING_YEAR_MISMATCH",
          {
            vi: "Xếp loại cho năm đang diễn ra hoặc năm trước",
            en: "A rating is for the current year or the previous one",
          },
          ["year"],
        );
      }
      const isKnown =
        context.isRatingLevel?.(event.year, event.level) ??
        scaleFor("member", event.year)?.levels.some((level) => level.id === event.level) ??
        false;
      if (!isKnown) {
        return refusal(
          "UNKNOWN_RATING_LEVEL",
          {
            vi: `Mức xếp loại không có trong thang xếp loại năm ${event.year}`,
            en: `The level is not on the ${event.year} rating scale`,
          },
          ["level"],
        );
      }
      return null;
    }
    default:
      return null;
  }
}

function checkDuplicates(
  events: readonly EffectiveMemberEvent[],
  event: EffectiveMemberEvent,
): Refusal | null {
  for (const other of events) {
    if (other.id === event.id) continue;
    if (
      event.type === "residence_registered" &&
      other.type === "residence_registered" &&
      other.year === event.year
    ) {
      return refusal(
        "DUPLICATE_RESIDENCE_REGISTRATION",
        {
          vi: `Đoàn viên đã đăng ký sinh hoạt nơi cư trú năm ${event.year}`,
          en: `The member is already registered at the place of residence for ${event.year}`,
        },
        ["year"],
      );
    }
    if (event.type === "rated" && other.type === "rated" && other.year === event.year) {
      return refusal(
        "DUPLICATE_RATING",
        {
          vi: `Đoàn viên đã được xếp loại năm ${event.year}; hãy ghi đính chính`,
          en: `The member is already rated for ${event.year}; record a correction instead`,
        },
        ["year"],
      );
    }
  }
  return null;
}

function checkSequence(events: readonly EffectiveMemberEvent[], newId: string): Refusal | null {
  let state = initialMemberFoldState();
  for (const event of events) {
    const problem = checkMemberTransition(state, event);
    if (problem !== null) {
      const path = event.id === newId ? ["effectiveDate"] : [];
      return refusal(problem.code, problem.message, path);
    }
    state = stepMemberFold(state, event);
  }
  return null;
}

function checkCorrection(
  history: readonly MemberEvent[],
  current: readonly EffectiveMemberEvent[],
  event: Extract<MemberEvent, { type: "corrected" }>,
): Refusal | null {
  const recorded = history.find((other) => other.id === event.targetEventId);
  if (recorded?.type === "corrected") {
    return refusal(
      "CORRECTION_OF_CORRECTION",
      {
        vi: "Không đính chính một bản đính chính; hãy đính chính sự kiện gốc",
        en: "Correct the original event, not a correction",
      },
      ["targetEventId"],
    );
  }
  const target = current.find((other) => other.id === event.targetEventId);
  if (recorded === undefined || target === undefined) {
    return refusal(
      "CORRECTION_TARGET_MISSING",
      { vi: "Không tìm thấy sự kiện cần đính chính", en: "The event to correct was not found" },
      ["targetEventId"],
    );
  }
  if (instantToMillis(event.recordedAt) <= instantToMillis(recorded.recordedAt)) {
    return refusal(
      "CORRECTION_NOT_RECORDED_LATER",
      {
        vi: "Đính chính phải được ghi sau sự kiện gốc",
        en: "A correction is recorded after the event it corrects",
      },
      ["recordedAt"],
    );
  }
  const earliest =
    event.replacement !== null && event.replacement.effectiveDate < target.effectiveDate
      ? event.replacement.effectiveDate
      : target.effectiveDate;
  if (event.effectiveDate > earliest) {
    // A correction takes effect no later than what it changes, so figures as of an earlier date
    // are unaffected by corrections that touch only later dates.
    return refusal(
      "CORRECTION_DATE_AFTER_TARGET",
      {
        vi: "Ngày hiệu lực của đính chính không được muộn hơn ngày của sự kiện được đính chính",
        en: "A correction takes effect no later than the event it changes",
      },
      ["effectiveDate"],
    );
  }
  return null;
}

/**
 * A refusal of a correction's replacement, its fields named under `replacement` as the correction
 * carries them: a form that offers the replacement's fields puts each reason on its own field.
 */
function inReplacement(problem: Refusal): Refusal {
  return {
    ...problem,
    issues: problem.issues.map((issue) =>
      issue.path.length === 0 ? issue : { ...issue, path: ["replacement", ...issue.path] },
    ),
  };
}

/**
 * Checks a new event against a member's recorded history (all of it, corrections included).
 * Refuses an impossible sequence with a stable code and a bilingual reason.
 * @example validateMemberEvent(history, transferIn, { birthDate: "1995" }) // { ok: false, code: "TRANSFER_NOT_PENDING", … }
 */
export function validateMemberEvent(
  history: readonly MemberEvent[],
  event: MemberEvent,
  context: MemberEventContext = {},
): Result<MemberEvent, MemberEventRefusalCode> {
  const first = history[0];
  if (first !== undefined && history.some((other) => other.memberId !== event.memberId)) {
    return refusal("MEMBER_MISMATCH", {
      vi: "Sự kiện thuộc về đoàn viên khác",
      en: "The event belongs to another member",
    });
  }
  if (history.some((other) => other.id === event.id)) {
    return refusal(
      "DUPLICATE_EVENT_ID",
      { vi: "Mã sự kiện đã tồn tại", en: "An event with this id already exists" },
      ["id"],
    );
  }
  const current = applyMemberCorrections(history);
  if (event.type === "corrected") {
    const problem = checkCorrection(history, current, event);
    if (problem !== null) return problem;
    const corrected = applyMemberCorrections([...history, event]);
    const replacement = corrected.find((other) => other.id === event.targetEventId);
    if (replacement !== undefined) {
      const bodyProblem =
        checkBody(replacement, context) ??
        checkDuplicates(
          corrected.filter((other) => other.id !== replacement.id),
          replacement,
        );
      if (bodyProblem !== null) return inReplacement(bodyProblem);
    }
    const sequenceProblem = checkSequence(corrected, event.targetEventId);
    return sequenceProblem === null ? ok(event) : inReplacement(sequenceProblem);
  }
  const closing = current.find(
    (other) =>
      other.type === "removed_from_roll" ||
      other.type === "deceased" ||
      (other.type === "disciplined" && other.form === "expulsion"),
  );
  if (closing !== undefined) {
    const status =
      closing.type === "removed_from_roll"
        ? "removed"
        : closing.type === "deceased"
          ? "deceased"
          : "expelled";
    if (isRecordClosed(status)) {
      return refusal("RECORD_CLOSED", {
        vi: "Hồ sơ đoàn viên đã khép lại (xóa tên, khai trừ hoặc từ trần): chỉ được ghi đính chính",
        en: "The member's record is closed (removed, expelled or deceased): only a correction may be recorded",
      });
    }
  }
  return (
    checkBody(event, context) ??
    checkDuplicates(current, event) ??
    checkSequence(sortMemberEvents([...current, event]), event.id) ??
    ok(event)
  );
}
