import { MemberEventInputSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import {
  correctableFieldsOf,
  correctionErrorsOf,
  correctionInputOf,
  correctionValuesOf,
  type TimelineEvent,
} from "./member-corrections";

const postponed: TimelineEvent = {
  id: "e-2",
  memberId: "m-1",
  type: "activity_postponed",
  effectiveDate: "2021-01-01",
  recordedAt: "2021-01-02T02:00:00.000Z",
  until: "2021-12-31",
  reason: "Đi học xa",
};

const transfer: TimelineEvent = {
  id: "e-3",
  memberId: "m-1",
  type: "transfer_out",
  effectiveDate: "2022-03-01",
  recordedAt: "2022-03-01T02:00:00.000Z",
  fromUnitId: "chi-doan-a",
  toUnitId: "chi-doan-b",
};

describe("a correction that replaces an event", () => {
  it("offers the event's own fields, and only the date of what is recorded elsewhere", () => {
    expect(correctableFieldsOf("activity_postponed")).toEqual(["until", "reason"]);
    expect(correctableFieldsOf("admitted")).toEqual([]);
    expect(correctableFieldsOf("corrected")).toEqual([]);
    expect(correctableFieldsOf("toString")).toEqual([]);
  });

  it("prefills the form with what the event says now, dates as typed", () => {
    expect(correctionValuesOf(postponed)).toMatchObject({
      effectiveDate: "01/01/2021",
      until: "31/12/2021",
      reason: "Đi học xa",
      correctionReason: "",
    });
  });

  it("puts the changed body in place, keeps what the form does not offer, and takes effect on the earlier date", () => {
    const input = correctionInputOf(transfer, {
      ...correctionValuesOf(transfer),
      effectiveDate: "15/02/2022",
      note: "Theo đơn",
      correctionReason: " Sai ngày ",
    });
    expect(input).toEqual({
      type: "corrected",
      effectiveDate: "2022-02-15",
      targetEventId: "e-3",
      replacement: {
        type: "transfer_out",
        effectiveDate: "2022-02-15",
        fromUnitId: "chi-doan-a",
        toUnitId: "chi-doan-b",
        note: "Theo đơn",
      },
      reason: "Sai ngày",
    });
    expect(MemberEventInputSchema.safeParse(input).success).toBe(true);
  });

  it("leaves out a field emptied, and dates the correction by the event when the new date is later", () => {
    const input = correctionInputOf(postponed, {
      ...correctionValuesOf(postponed),
      effectiveDate: "01/02/2021",
      until: "30/06/2021",
      reason: "",
      correctionReason: "Quyết định ghi đến 30/6",
    });
    expect(input).toMatchObject({
      effectiveDate: "2021-01-01",
      replacement: { type: "activity_postponed", effectiveDate: "2021-02-01", until: "2021-06-30" },
    });
    expect(input.replacement).not.toHaveProperty("reason");
  });

  it("puts errors on the form's fields: the replacement's under their names, the correction's reason on its own", () => {
    expect(
      correctionErrorsOf({
        reason: "Cần lý do đính chính",
        "replacement.reason": "Quá dài",
        "replacement.effectiveDate": "Trước ngày kết nạp",
        effectiveDate: "Ngày không hợp lệ",
      }),
    ).toEqual({
      reason: "Quá dài",
      correctionReason: "Cần lý do đính chính",
      effectiveDate: "Trước ngày kết nạp",
    });
  });
});
