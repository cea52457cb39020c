import { MemberCreateSchema, MemberUpdateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { EMPTY_PERSONAL, toMemberCreateInput, toPersonalInput, toPersonalUpdate } from "./member-input";

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

  const record = {
    ...EMPTY_PERSONAL,
    fullName: "Lê Thị Hoa",
    birthDate: "10/02/1996",
    occupation: "Giáo viên",
    ethnicity: "•••",
    contact: { phone: "0912 345 678", email: "" },
  };

  it("sends only the fields changed from the record, and null for one emptied", () => {
    const update = toPersonalUpdate(
      { ...record, occupation: "", education: "Đại học", contact: { phone: "", email: "" } },
      record,
    );
    // The masked ethnicity, the name and the date of birth were left alone: not sent back.
    expect(update).toEqual({ occupation: null, education: "Đại học", contact: null });
    expect(MemberUpdateSchema.safeParse(update).success).toBe(true);
    expect(toPersonalUpdate(record, record)).toEqual({});
  });

  it("sends an emptied name or date of birth as empty, for the schema to refuse on its field", () => {
    const update = toPersonalUpdate({ ...record, fullName: " ", birthDate: "" }, record);
    expect(update).toEqual({ fullName: " ", birthDate: "" });
    const parsed = MemberUpdateSchema.safeParse(update);
    expect(parsed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["birthDate", "fullName"]);
    // A changed date of birth goes as the ISO date the schema reads.
    expect(toPersonalUpdate({ ...record, birthDate: "11/02/1996" }, record)).toEqual({
      birthDate: "1996-02-11",
    });
  });
});
