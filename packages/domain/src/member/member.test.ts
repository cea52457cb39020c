import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import {
  applyMemberUpdate,
  createMemberRecords,
  deriveMemberState,
  isPastUnionAge,
  MemberCreateSchema,
  type MemberEvent,
  type MemberEventBody,
  MemberEventSchema,
  MemberSchema,
  MemberUpdateSchema,
  omitSensitiveMemberFields,
  SENSITIVE_MEMBER_FIELDS,
  validateMemberEvent,
} from "./index.js";

const at = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, "0")}:00:00+07:00`;
let seq = 0;
function ev<T extends MemberEvent["type"]>(
  type: T,
  effectiveDate: string,
  fields: Omit<
    Extract<MemberEvent, { type: T }>,
    "id" | "memberId" | "recordedAt" | "type" | "effectiveDate"
  >,
  recordedAt = at(effectiveDate),
): MemberEvent {
  seq += 1;
  return { id: `e${seq}`, memberId: "m1", type, effectiveDate, recordedAt, ...fields } as MemberEvent;
}
const admitted = (date = "2012-03-26", unit = "b1") =>
  ev("admitted", date, { organizationId: "g1", decisionRef: "01-NQ/ĐTN", homeUnitId: unit });

describe("member schemas", () => {
  test("create input needs a birth date and an admission; events parse", () => {
    const input = {
      fullName: "Nguyễn Thị Hồng Nhung",
      gender: "female",
      birthDate: "1995-04",
      ethnicity: "Kinh",
      admission: {
        date: "2012-03-26",
        decisionRef: "01-NQ/ĐTN",
        admittingOrganizationId: "g1",
        homeUnitId: "b1",
      },
    };
    const parsed = MemberCreateSchema.parse(input);
    const { member, admission } = createMemberRecords(parsed, {
      memberId: "m1",
      eventId: "e0",
      recordedAt: at("2012-03-27"),
    });
    expect(member.fullName).toBe("Nguyễn Thị Hồng Nhung");
    expect(MemberEventSchema.parse(admission)).toEqual(admission);
    expect(MemberCreateSchema.safeParse({ ...input, birthDate: "1995-13" }).success).toBe(false);
    expect(SENSITIVE_MEMBER_FIELDS).toEqual(["ethnicity", "religion"]);
    expect(omitSensitiveMemberFields(member)).not.toHaveProperty("ethnicity");
  });

  test("an update replaces what it sends, clears what it sends as null, and keeps the rest", () => {
    const member = MemberSchema.parse({
      id: "m1",
      fullName: "Lê Văn Tám",
      gender: "male",
      birthDate: "1996-02-10",
      occupation: "Kỹ sư",
      contact: { phone: "0912 345 678", email: "tam@example.vn" },
      placeOfResidence: "Phường 2, Sóc Trăng",
      createdAt: at("2014-03-26"),
    });
    const update = MemberUpdateSchema.parse({ occupation: null, contact: { phone: "0987 654 321" } });
    const changed = MemberSchema.parse(applyMemberUpdate(member, update));
    expect(changed).not.toHaveProperty("occupation");
    // The contact is replaced whole: the email not sent again is gone.
    expect(changed.contact).toEqual({ phone: "0987 654 321" });
    expect(changed.placeOfResidence).toBe("Phường 2, Sóc Trăng");
    expect(changed.fullName).toBe("Lê Văn Tám");
  });

  test("an update cannot clear the name or the date of birth, and names the field it refuses", () => {
    for (const field of ["fullName", "birthDate"] as const) {
      const result = MemberUpdateSchema.safeParse({ [field]: null });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
    expect(MemberUpdateSchema.safeParse({ occupation: "" }).success).toBe(false);
  });
});

describe("deriveMemberState", () => {
  const a = admitted();
  const out = ev("transfer_out", "2014-05-01", { fromUnitId: "b1", toUnitId: "b2" });
  const into = ev("transfer_in", "2014-05-20", { transferOutEventId: out.id, unitId: "b2" });
  const post = ev("activity_postponed", "2015-01-10", { until: "2015-06-30" });
  const res = ev("residence_registered", "2015-02-01", { year: 2015, organizationId: "kp1" });
  const mat = ev("matured", "2019-03-26", {});
  const history = [a, out, into, post, res, mat];
  test.each([
    ["2012-03-25", "not_admitted", null],
    ["2012-03-26", "active", "b1"],
    ["2014-05-01", "pending_transfer", null],
    ["2014-05-19", "pending_transfer", null],
    ["2014-05-20", "active", "b2"],
    ["2015-03-01", "postponed", "b2"],
    ["2015-06-30", "postponed", "b2"],
    ["2015-07-01", "active", "b2"],
    ["2019-03-26", "matured", null],
  ])("as of %s: %s at %s", (asOf, status, unit) => {
    const state = deriveMemberState(history, { asOf });
    expect(state.status).toBe(status);
    expect(state.homeUnitId).toBe(unit);
  });
  test("known at ignores what was recorded later; corrections apply when known", () => {
    const late = ev("deceased", "2016-01-01", {}, at("2016-03-01"));
    const fix = {
      id: "c1",
      memberId: "m1",
      type: "corrected",
      effectiveDate: "2016-01-01",
      recordedAt: at("2016-04-01"),
      targetEventId: late.id,
      replacement: null,
      reason: "Nhập nhầm hồ sơ",
    } satisfies MemberEvent;
    const events = [a, late, fix];
    expect(deriveMemberState(events, { asOf: "2016-06-01", knownAt: at("2016-02-01") }).status).toBe(
      "active",
    );
    expect(deriveMemberState(events, { asOf: "2016-06-01", knownAt: at("2016-03-15") }).status).toBe(
      "deceased",
    );
    expect(deriveMemberState(events, { asOf: "2016-06-01" }).status).toBe("active");
    expect(deriveMemberState(history, { asOf: "2016-01-01" }).residenceYears).toEqual([2015]);
  });
  test("past-30 flag only when certain", () => {
    expect(isPastUnionAge("1985", "2017-08-31")).toBe(true);
    expect(isPastUnionAge("1986", "2017-08-31")).toBe(false);
    expect(isPastUnionAge("1986-09", "2017-08-31")).toBe(false);
    expect(isPastUnionAge("1986-08", "2017-08-31")).toBe(true);
    expect(isPastUnionAge("1986-08-30", "2017-08-31")).toBe(true);
    expect(isPastUnionAge(undefined, "2017-08-31")).toBe(false);
  });
});

describe("validateMemberEvent", () => {
  const a = admitted();
  const out = ev("transfer_out", "2014-05-01", { fromUnitId: "b1", toUnitId: "b2" });
  const removed = ev("removed_from_roll", "2015-01-01", { reason: "Bỏ sinh hoạt" });
  const cases: [
    string,
    MemberEvent[],
    MemberEvent,
    Parameters<typeof validateMemberEvent>[2],
    string | null,
  ][] = [
    ["admission", [], admitted(), { birthDate: "1995" }, null],
    [
      "admission at 15 certainly",
      [],
      admitted("2010-01-10"),
      { birthDate: "1995" },
      "ADMISSION_AGE_OUTSIDE_RANGE",
    ],
    ["admission maybe 16 (year only)", [], admitted("2011-06-01"), { birthDate: "1995" }, null],
    [
      "admission at 31",
      [],
      admitted("2012-01-01"),
      { birthDate: "1980-05-01" },
      "ADMISSION_AGE_OUTSIDE_RANGE",
    ],
    ["second admission", [a], admitted("2013-01-01"), {}, "ALREADY_ADMITTED"],
    [
      "before admission",
      [a],
      ev("rewarded", "2011-01-01", { title: "Giấy khen" }),
      {},
      "EVENT_BEFORE_ADMISSION",
    ],
    ["no admission", [], ev("matured", "2011-01-01", {}), {}, "EVENT_BEFORE_ADMISSION"],
    [
      "transfer from another unit",
      [a],
      ev("transfer_out", "2013-01-01", { fromUnitId: "b9", toUnitId: "b2" }),
      {},
      "TRANSFER_FROM_OTHER_UNIT",
    ],
    [
      "receive a transfer not pending",
      [a],
      ev("transfer_in", "2013-01-01", { transferOutEventId: "x", unitId: "b2" }),
      {},
      "TRANSFER_NOT_PENDING",
    ],
    [
      "receive at another unit",
      [a, out],
      ev("transfer_in", "2014-06-01", { transferOutEventId: out.id, unitId: "b3" }),
      {},
      "TRANSFER_UNIT_MISMATCH",
    ],
    [
      "receive",
      [a, out],
      ev("transfer_in", "2014-06-01", { transferOutEventId: out.id, unitId: "b2" }),
      {},
      null,
    ],
    [
      "postpone while pending",
      [a, out],
      ev("activity_postponed", "2014-06-01", { until: "2014-12-01" }),
      {},
      "NOT_ALLOWED_IN_STATUS",
    ],
    [
      "postpone too long",
      [a],
      ev("activity_postponed", "2014-06-01", { until: "2015-06-02" }),
      {},
      "POSTPONEMENT_TOO_LONG",
    ],
    ["postpone a year", [a], ev("activity_postponed", "2014-06-01", { until: "2015-06-01" }), {}, null],
    [
      "dismissal without position",
      [a],
      ev("disciplined", "2014-06-01", { form: "dismissal", organizationId: "g1", decisionRef: "2-QĐ/ĐTN" }),
      { holdsPosition: () => false },
      "DISMISSAL_WITHOUT_POSITION",
    ],
    [
      "dismissal with position",
      [a],
      ev("disciplined", "2014-06-01", { form: "dismissal", organizationId: "g1", decisionRef: "2-QĐ/ĐTN" }),
      { holdsPosition: () => true },
      null,
    ],
    [
      "after removal",
      [a, removed],
      ev("rewarded", "2016-01-01", { title: "Giấy khen" }),
      {},
      "RECORD_CLOSED",
    ],
    [
      "back-dated after removal",
      [a, removed],
      ev("rewarded", "2013-01-01", { title: "Giấy khen" }),
      {},
      "RECORD_CLOSED",
    ],
    [
      "second residence registration",
      [a, ev("residence_registered", "2014-02-01", { year: 2014, organizationId: "kp" })],
      ev("residence_registered", "2014-03-01", { year: 2014, organizationId: "kp" }),
      {},
      "DUPLICATE_RESIDENCE_REGISTRATION",
    ],
    [
      "residence for a far year",
      [a],
      ev("residence_registered", "2014-03-01", { year: 2016, organizationId: "kp" }),
      {},
      "RESIDENCE_YEAR_MISMATCH",
    ],
    [
      "unknown rating level",
      [a],
      ev("rated", "2014-12-20", { year: 2014, level: "gioi" }),
      { isRatingLevel: (_y, l) => l === "xuat_sac" },
      "UNKNOWN_RATING_LEVEL",
    ],
    [
      "transfer inserted before a later transfer",
      [a, out],
      ev("transfer_out", "2013-01-01", { fromUnitId: "b1", toUnitId: "b5" }),
      {},
      "NOT_ALLOWED_IN_STATUS",
    ],
  ];
  cases.push(
    [
      "admission into a grassroots union",
      [],
      admitted("2012-03-26", "g1"),
      { isMemberUnit: (unit) => unit.startsWith("b") },
      "UNIT_CANNOT_HOLD_MEMBERS",
    ],
    [
      "admission into a branch",
      [],
      admitted("2012-03-26", "b1"),
      { isMemberUnit: (unit) => unit.startsWith("b") },
      null,
    ],
  );
  test.each(cases)("%s", (_name, history, event, context, code) => {
    const result = validateMemberEvent(history, event, context);
    if (code === null) expect(result).toEqual({ ok: true, value: event });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe(code);
        expect(result.message.vi.length).toBeGreaterThan(0);
        expect(result.message.en.length).toBeGreaterThan(0);
      }
    }
  });
  test("a correction is the only thing after removal, and must be recorded later and not take effect later", () => {
    const fix = (recordedAt: string, effectiveDate = "2015-01-01") =>
      ({
        id: `c-${recordedAt}-${effectiveDate}`,
        memberId: "m1",
        type: "corrected",
        effectiveDate,
        recordedAt,
        targetEventId: removed.id,
        replacement: { type: "matured", effectiveDate: "2015-01-01" },
        reason: "Trưởng thành, không phải xóa tên",
      }) satisfies MemberEvent;
    expect(validateMemberEvent([a, removed], fix(at("2015-02-01"))).ok).toBe(true);
    expect(validateMemberEvent([a, removed], fix(at("2014-12-01")))).toMatchObject({
      code: "CORRECTION_NOT_RECORDED_LATER",
    });
    expect(validateMemberEvent([a, removed], fix(at("2015-02-01"), "2015-01-02"))).toMatchObject({
      code: "CORRECTION_DATE_AFTER_TARGET",
    });
    const corrected = [a, removed, fix(at("2015-02-01"))];
    expect(deriveMemberState(corrected, { asOf: "2016-01-01" }).status).toBe("matured");
  });
  test("a replacement that makes the history impossible is refused on the replacement's own field", () => {
    const fix = (replacement: MemberEventBody, effectiveDate: string) =>
      ({
        id: `c-${effectiveDate}`,
        memberId: "m1",
        type: "corrected",
        effectiveDate,
        recordedAt: at("2015-02-01"),
        targetEventId: removed.id,
        replacement,
        reason: "Sai ngày",
      }) as MemberEvent;
    const beforeAdmission = fix({ type: "removed_from_roll", effectiveDate: "2009-01-01" }, "2009-01-01");
    expect(validateMemberEvent([a, removed], beforeAdmission)).toMatchObject({
      ok: false,
      issues: [{ path: ["replacement", "effectiveDate"] }],
    });
    const tooLong = fix(
      { type: "activity_postponed", effectiveDate: "2014-01-01", until: "2015-06-01" },
      "2014-01-01",
    );
    expect(validateMemberEvent([a, removed], tooLong)).toMatchObject({
      code: "POSTPONEMENT_TOO_LONG",
      issues: [{ path: ["replacement", "until"] }],
    });
  });
});

// A random but possible history: each step picks an event the current status allows.
const historyArbitrary = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 9 })), { maxLength: 12 })
  .map((steps) => {
    const events: MemberEvent[] = [
      {
        id: "h0",
        memberId: "m1",
        type: "admitted",
        effectiveDate: "2010-01-01",
        recordedAt: at("2010-01-01"),
        organizationId: "g",
        decisionRef: "1",
        homeUnitId: "u0",
      },
    ];
    let date = "2010-01-01";
    let unit = "u0";
    let pending: string | null = null;
    let closed = false;
    steps.forEach(([gap, pick], i) => {
      if (closed) return;
      date = new Date(Date.parse(`${date}T00:00:00Z`) + gap * 86_400_000).toISOString().slice(0, 10);
      const base = { id: `h${i + 1}`, memberId: "m1", effectiveDate: date, recordedAt: at(date) };
      if (pending !== null) {
        events.push({ ...base, type: "transfer_in", transferOutEventId: pending, unitId: unit });
        pending = null;
      } else if (pick < 4) {
        const to = unit === `u${pick}` ? `u${pick + 5}` : `u${pick}`;
        events.push({ ...base, type: "transfer_out", fromUnitId: unit, toUnitId: to });
        pending = base.id;
        unit = to;
      } else if (pick === 9) {
        events.push({ ...base, type: "removed_from_roll" });
        closed = true;
      } else events.push({ ...base, type: "rewarded", title: "Giấy khen" });
    });
    return events;
  });

describe("properties", () => {
  fcTest.prop([historyArbitrary], { numRuns: 100 })(
    "every generated history validates event by event",
    (events) => {
      for (let i = 1; i < events.length; i++) {
        const event = events[i] as MemberEvent;
        expect(validateMemberEvent(events.slice(0, i), event).ok).toBe(true);
      }
    },
  );
  fcTest.prop([historyArbitrary, fc.integer({ min: 0, max: 3000 })], { numRuns: 100 })(
    "status as of D ignores events effective after D and agrees with the last effective event",
    (events, offset) => {
      const asOf = new Date(Date.parse("2010-01-01T00:00:00Z") + offset * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const before = events.filter((event) => event.effectiveDate <= asOf);
      const state = deriveMemberState(events, { asOf });
      expect(deriveMemberState(before, { asOf })).toEqual(state);
      const last = before[before.length - 1];
      const expected =
        last?.type === "transfer_out"
          ? "pending_transfer"
          : last?.type === "removed_from_roll"
            ? "removed"
            : "active";
      expect(state.status).toBe(expected);
    },
  );
});
