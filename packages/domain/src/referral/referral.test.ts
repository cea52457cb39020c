import { describe, expect, test } from "vitest";
import type { MemberEvent } from "../member/index.js";
import {
  advanceReferral,
  currentReferralStage,
  type Referral,
  ReferralSchema,
  type ReferralStep,
  referralStageAsOf,
  validateReferralCreate,
} from "./index.js";

const at = (date: string) => `${date}T09:00:00+07:00`;
const referral: Referral = {
  id: "r1",
  memberId: "m1",
  organizationId: "g1",
  resolutionRef: "05-NQ/ĐTN",
  referredOn: "2016-03-01",
  recordedAt: at("2016-03-02"),
  steps: [],
};
const step = (stage: ReferralStep["stage"], date: string, recorded = date): ReferralStep => ({
  stage,
  date,
  recordedAt: at(recorded),
});

describe("advanceReferral", () => {
  const admitted = { ...referral, steps: [step("admitted_probationary", "2016-09-02")] };
  test.each<[string, Referral, ReferralStep, string | null]>([
    ["referred → admitted", referral, step("admitted_probationary", "2016-09-02"), null],
    ["referred → not admitted", referral, step("not_admitted", "2016-09-02"), null],
    ["referred → withdrawn", referral, step("withdrawn", "2016-04-02"), null],
    [
      "referred → recognised (skips admission)",
      referral,
      step("recognized_full", "2017-09-02"),
      "STAGE_NOT_ALLOWED",
    ],
    ["admitted → recognised after probation", admitted, step("recognized_full", "2017-09-02"), null],
    [
      "admitted → recognised too early",
      admitted,
      step("recognized_full", "2017-09-01"),
      "PROBATION_NOT_OVER",
    ],
    ["admitted → not recognised", admitted, step("not_recognized", "2017-10-01"), null],
    ["admitted → withdrawn", admitted, step("withdrawn", "2017-10-01"), "STAGE_NOT_ALLOWED"],
    [
      "a date before the referral",
      referral,
      step("admitted_probationary", "2016-02-01"),
      "STEP_BEFORE_PREVIOUS",
    ],
    [
      "recorded before the previous step",
      admitted,
      step("recognized_full", "2017-09-10", "2016-09-01"),
      "STEP_RECORDED_BEFORE_PREVIOUS",
    ],
    [
      "nothing after a final stage",
      { ...referral, steps: [step("not_admitted", "2016-05-01")] },
      step("admitted_probationary", "2016-09-01"),
      "STAGE_NOT_ALLOWED",
    ],
  ])("%s", (_name, current, next, code) => {
    const result = advanceReferral(current, next);
    if (code === null) {
      expect(result.ok).toBe(true);
      if (result.ok) expect(currentReferralStage(result.value)).toBe(next.stage);
    } else {
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message.vi).not.toBe(result.message.en);
    }
  });
  test("the schema refuses steps out of order", () => {
    expect(
      ReferralSchema.safeParse({ ...referral, steps: [step("recognized_full", "2017-01-01")] }).success,
    ).toBe(false);
    expect(ReferralSchema.safeParse(admitted).success).toBe(true);
  });
  test("the stage as of a view", () => {
    expect(referralStageAsOf(admitted, { asOf: "2016-02-01" })).toBeNull();
    expect(referralStageAsOf(admitted, { asOf: "2016-05-01" })).toBe("referred");
    expect(referralStageAsOf(admitted, { asOf: "2016-12-31" })).toBe("admitted_probationary");
    expect(referralStageAsOf(admitted, { asOf: "2016-12-31", knownAt: "2016-09-01T00:00:00Z" })).toBe(
      "referred",
    );
  });
});

describe("validateReferralCreate", () => {
  const events: MemberEvent[] = [
    {
      id: "e1",
      memberId: "m1",
      type: "admitted",
      effectiveDate: "2012-03-26",
      recordedAt: at("2012-03-27"),
      organizationId: "g1",
      decisionRef: "1-NQ/ĐTN",
      homeUnitId: "b1",
    },
    { id: "e2", memberId: "m1", type: "matured", effectiveDate: "2018-03-26", recordedAt: at("2018-03-27") },
  ];
  const input = {
    memberId: "m1",
    organizationId: "g1",
    resolutionRef: "05-NQ/ĐTN",
    referredOn: "2016-03-01",
  };
  test.each<[string, typeof input, Parameters<typeof validateReferralCreate>[1], string | null]>([
    ["an active adult", input, { memberEvents: events, birthDate: "1994-01-01" }, null],
    ["certainly under 18", input, { memberEvents: events, birthDate: "1998-04" }, "MEMBER_UNDER_AGE"],
    ["possibly 18 (year only)", input, { memberEvents: events, birthDate: "1998" }, null],
    [
      "not yet admitted",
      { ...input, referredOn: "2011-01-01" },
      { memberEvents: events },
      "MEMBER_NOT_ACTIVE",
    ],
    ["after maturing", { ...input, referredOn: "2018-05-01" }, { memberEvents: events }, "MEMBER_NOT_ACTIVE"],
    [
      "another referral open",
      input,
      { memberEvents: events, otherReferrals: [{ steps: [] }] },
      "REFERRAL_ALREADY_OPEN",
    ],
    [
      "already a Party member",
      input,
      { memberEvents: events, otherReferrals: [{ steps: [step("admitted_probationary", "2015-01-01")] }] },
      "REFERRAL_ALREADY_OPEN",
    ],
    [
      "refused before, referred again",
      input,
      { memberEvents: events, otherReferrals: [{ steps: [step("not_admitted", "2015-01-01")] }] },
      null,
    ],
  ])("%s", (_name, value, context, code) => {
    const result = validateReferralCreate(value, context);
    if (code === null) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, code });
  });
});
