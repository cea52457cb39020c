import { describe, expect, it } from "vitest";
import { datedFields, decisionOf, presentFields } from "./organization-input";

describe("organisation form input", () => {
  it("reads a loosely typed decision symbol into its canonical form, and leaves out an empty one", () => {
    expect(decisionOf("12-qđ/tđtn")).toEqual({ symbol: "12-QĐ/TĐTN" });
    expect(decisionOf("   ")).toBeUndefined();
    expect(decisionOf("không phải số hiệu")).toEqual({ symbol: "không phải số hiệu" });
  });

  it("turns the typed date into ISO and keeps the decision only when given", () => {
    expect(datedFields({ effectiveDate: "01/07/2025", decision: "" })).toEqual({
      effectiveDate: "2025-07-01",
    });
    expect(datedFields({ effectiveDate: "1/7/2025", decision: "05-NQ/TĐTN" })).toEqual({
      effectiveDate: "2025-07-01",
      decidedBy: { symbol: "05-NQ/TĐTN" },
    });
    expect(presentFields({ a: " x ", b: "" })).toEqual({ a: "x" });
  });
});
