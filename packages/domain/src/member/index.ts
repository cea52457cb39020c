// Members of the Union: the personal record, the lifecycle events, the rules on them and the derived status.
import type { Instant } from "../time/index.js";
import type { MemberEventOf } from "./events.js";
import type { Member, MemberCreate } from "./schema.js";

export * from "./events.js";
export * from "./schema.js";
export {
  applyMemberCorrections,
  compareMemberEvents,
  deriveMemberState,
  type EffectiveMemberEvent,
  findSegment,
  foldMemberEvents,
  isOnRoll,
  isPastUnionAge,
  isRecordClosed,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  type MemberEventRefusalCode,
  type MemberSegment,
  type MemberState,
  type MemberStatus,
  type MemberStatusOrNone,
  type MemberTimeline,
  type MemberTransition,
  sortMemberEvents,
} from "./state.js";
export { ADMISSION_AGE, type MemberEventContext, validateMemberEvent } from "./validate.js";

/**
 * Splits a create input into the stored member and its admission event; ids and the recording
 * time come from the caller (the API), so this stays pure.
 * @example createMemberRecords(input, { memberId: "m1", eventId: "e1", recordedAt: "2017-09-01T06:00:00Z" })
 */
export function createMemberRecords(
  input: MemberCreate,
  ids: { memberId: string; eventId: string; recordedAt: Instant },
): { member: Member; admission: MemberEventOf<"admitted"> } {
  const { admission, ...personal } = input;
  return {
    member: { id: ids.memberId, ...personal, createdAt: ids.recordedAt },
    admission: {
      id: ids.eventId,
      memberId: ids.memberId,
      recordedAt: ids.recordedAt,
      type: "admitted",
      effectiveDate: admission.date,
      organizationId: admission.admittingOrganizationId,
      decisionRef: admission.decisionRef,
      homeUnitId: admission.homeUnitId,
    },
  };
}
