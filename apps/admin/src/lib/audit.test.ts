import { describe, expect, it } from "vitest";
import { changedFields } from "./audit";

describe("changedFields", () => {
  it("names the personal fields that changed inside the member's data, not the bookkeeping", () => {
    expect(
      changedFields(
        { id: "m", version: 1, updatedAt: "a", data: { fullName: "Trần Ngọc Nam", occupation: "Kỹ sư" } },
        {
          id: "m",
          version: 2,
          updatedAt: "b",
          data: { fullName: "Trần Ngọc Nam", occupation: "Giáo viên", education: "12/12" },
        },
      ),
    ).toEqual(["education", "occupation"]);
  });

  it("lists every field of an inserted row", () => {
    expect(changedFields(null, { data: { fullName: "A" }, full_name: "A" })).toEqual([
      "fullName",
      "full_name",
    ]);
  });
});
