import { MemberCreateSchema, MemberUpdateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { EMPTY_PERSONAL, toMemberCreateInput, toPersonalInput } from "./member-input";

describe("member form input", () => {
  it("turns typed dates into ISO dates the domain accepts, and leaves empty fields out", () => {
    const input = toMemberCreateInput({
      ...EMPTY_PERSONAL,
      fullName: "Trần Ngọc Nam",
      gender: "male",
      birthDate: "05/01/1995",
      admission: {
        date: "26/03/2012",
        decisionRef: "12-NQ/ĐTN",
        admittingOrganizationId: "a",
        homeUnitId: "b",
      },
    });
    expect(input).toEqual({
      fullName: "Trần Ngọc Nam",
      gender: "male",
      birthDate: "1995-01-05",
      admission: {
        date: "2012-03-26",
        decisionRef: "12-NQ/ĐTN",
        admittingOrganizationId: "a",
        homeUnitId: "b",
      },
    });
    expect(MemberCreateSchema.safeParse(input).success).toBe(true);
  });

  it("keeps a contact only when one of its parts is filled", () => {
    expect(toPersonalInput({ ...EMPTY_PERSONAL, fullName: "A" })).toEqual({ fullName: "A" });
    const input = toPersonalInput({
      ...EMPTY_PERSONAL,
      fullName: "A",
      contact: { phone: "0912 345 678", email: "" },
    });
    expect(input).toEqual({ fullName: "A", contact: { phone: "0912 345 678" } });
    expect(MemberUpdateSchema.safeParse(input).success).toBe(true);
  });
});
