import { MemberEventInputSchema, MemberUpdateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { reversePatchOf, UNDO_REASON, voidingCorrectionOf } from "./member-undo";

describe("voidingCorrectionOf", () => {
  it("voids exactly the event, on its own date, saying it was undone", () => {
    const correction = voidingCorrectionOf({
      id: "e-7",
      type: "removed_from_roll",
      effectiveDate: "2021-03-01",
    });
    expect(correction).toEqual({
      type: "corrected",
      effectiveDate: "2021-03-01",
      targetEventId: "e-7",
      replacement: null,
      reason: "Hoàn tác ngay sau khi ghi / Undone right after it was recorded",
    });
    // What the API reads: the domain's own input schema accepts it unchanged.
    expect(MemberEventInputSchema.parse(correction)).toEqual(correction);
    expect(UNDO_REASON.split(" / ")).toHaveLength(2);
  });
});

describe("reversePatchOf", () => {
  const before = {
    fullName: "Lê Văn Hoàn",
    occupation: "Công nhân",
    contact: { phone: "0901234567", email: "hoan@example.vn" },
    placeOfResidence: "Phường 1",
  };

  it("puts back the earlier value of exactly the fields the save changed", () => {
    const after = { ...before, occupation: "Kỹ sư", placeOfResidence: "Phường 2" };
    const patch = reversePatchOf(before, after);
    expect(patch).toEqual({ occupation: "Công nhân", placeOfResidence: "Phường 1" });
    expect(MemberUpdateSchema.safeParse(patch).success).toBe(true);
  });

  it("sends the contact whole, since a PATCH replaces it whole", () => {
    const after = { ...before, contact: { phone: "0909999999", email: "hoan@example.vn" } };
    expect(reversePatchOf(before, after)).toEqual({ contact: before.contact });
    // A part added to the contact is taken away again by the earlier contact without it.
    const withPhoneOnly = { ...before, contact: { phone: "0901234567" } };
    expect(reversePatchOf(withPhoneOnly, before)).toEqual({ contact: { phone: "0901234567" } });
  });

  it("ignores what is not a personal field and the order of keys", () => {
    const after = {
      ...before,
      contact: { email: "hoan@example.vn", phone: "0901234567" },
      version: 9,
      status: "active",
    };
    expect(reversePatchOf({ ...before, version: 8 } as typeof before, after)).toBeNull();
  });

  it("empties again, with null, a field that was empty before the save", () => {
    const after = { ...before, occupation: "Kỹ sư", religion: "Không" };
    const patch = reversePatchOf(before, after);
    expect(patch).toEqual({ occupation: "Công nhân", religion: null });
    expect(MemberUpdateSchema.safeParse(patch).success).toBe(true);
    // And a field the save emptied gets its value back.
    const { occupation: _, ...emptied } = before;
    expect(reversePatchOf(before, emptied)).toEqual({ occupation: "Công nhân" });
  });
});
