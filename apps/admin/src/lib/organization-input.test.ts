import { describe, expect, it } from "vitest";
import {
  datedFields,
  decisionOf,
  mergeRequestOf,
  presentFields,
  splitRequestOf,
  successorOf,
} from "./organization-input";

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

describe("merger and split requests", () => {
  const district = { level: "district" as const, sector: "residential" as const };

  it("describes a successor like the organisation it takes over from, under the parent of that date", () => {
    expect(successorOf(district, " Huyện đoàn Kim Mô ", "tinh-doan-ninh-binh")).toEqual({
      name: "Huyện đoàn Kim Mô",
      level: "district",
      sector: "residential",
      parentId: "tinh-doan-ninh-binh",
    });
    expect(successorOf({ level: "central" }, "Trung ương", null)).toEqual({
      name: "Trung ương",
      level: "central",
    });
  });

  it("sends a merger into a new organisation with the organisation itself and only the sources' ETags", () => {
    const event = {
      sourceIds: ["kim-son", "yen-mo"],
      targetId: "Huyện đoàn Kim Mô",
      effectiveDate: "2024-09-01",
    };
    const newTarget = successorOf(district, "Huyện đoàn Kim Mô", "ninh-binh");
    expect(mergeRequestOf(event, newTarget)).toEqual({
      json: { sourceIds: ["kim-son", "yen-mo"], effectiveDate: "2024-09-01", newTarget },
      etagIds: ["kim-son", "yen-mo"],
    });
  });

  it("sends a merger into an existing organisation with its id, its ETag first", () => {
    const event = { sourceIds: ["yen-mo"], targetId: "kim-son", effectiveDate: "2024-09-01" };
    expect(mergeRequestOf(event)).toEqual({
      json: { sourceIds: ["yen-mo"], targetId: "kim-son", effectiveDate: "2024-09-01" },
      etagIds: ["kim-son", "yen-mo"],
    });
  });

  it("sends a split with its new organisations and only the ETag of the one split", () => {
    const newTargets = [successorOf(district, "Bắc", "p"), successorOf(district, "Nam", "p")];
    expect(
      splitRequestOf("khoi", { sourceContinues: false, effectiveDate: "2024-01-01" }, newTargets),
    ).toEqual({
      json: { sourceContinues: false, effectiveDate: "2024-01-01", newTargets },
      etagIds: ["khoi"],
    });
  });
});
