import { ArticleCreateSchema, MemberCreateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { fieldErrorsOfApi, fieldErrorsOfZod } from "./form-errors";

describe("field errors", () => {
  it("puts the domain's message for an impossible birth date on the birth date, in the reader's language", () => {
    const result = MemberCreateSchema.safeParse({
      fullName: "Trần Ngọc Nam",
      birthDate: "2000-02-31",
      admission: { date: "2017-03-26", decisionRef: "1-NQ", admittingOrganizationId: "a", homeUnitId: "b" },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrorsOfZod(result.error, "vi")).toEqual({ birthDate: "Ngày không tồn tại trong lịch" });
    expect(fieldErrorsOfZod(result.error, "en")).toEqual({ birthDate: "No such day in the calendar" });
  });

  it("words zod's own findings in the reader's language, not zod's English", () => {
    const result = MemberCreateSchema.safeParse({ fullName: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrorsOfZod(result.error, "vi")).toMatchObject({
      fullName: "Họ và tên không được để trống",
      admission: "Bắt buộc",
    });
  });

  it("words a check the domain left to zod in the reader's language too", () => {
    const result = ArticleCreateSchema.safeParse({
      title: "",
      category: "x",
      organizationId: "o",
      lead: "y",
      body: [],
    });
    if (result.success) throw new Error("expected a refusal");
    expect(fieldErrorsOfZod(result.error, "vi").title).toBe("Không được để trống");
    expect(fieldErrorsOfZod(result.error, "en").title).toBe("Must not be empty");
  });

  it("keys the API's issues by their path, as the form names its fields", () => {
    const errors = fieldErrorsOfApi(
      [
        { path: ["admission", "homeUnitId"], message: { vi: "Không có chi đoàn", en: "No such unit" } },
        { path: ["admission", "homeUnitId"], message: { vi: "Thứ hai", en: "Second" } },
      ],
      "vi",
    );
    expect(errors).toEqual({ "admission.homeUnitId": "Không có chi đoàn" });
  });

  it("keeps the issues under one part of the body, keyed from there", () => {
    const errors = fieldErrorsOfApi(
      [
        { path: ["event", "year"], message: { vi: "Năm không hợp lệ", en: "Invalid year" } },
        { path: ["members", "ids", 0], message: { vi: "Không có", en: "Missing" } },
      ],
      "en",
      ["event"],
    );
    expect(errors).toEqual({ year: "Invalid year" });
  });
});
