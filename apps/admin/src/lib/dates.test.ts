import { describe, expect, it } from "vitest";
import { isCalendarDate, toIsoDate, toTypedDate } from "./dates";

describe("toIsoDate", () => {
  it.each([
    ["31/08/2017", "2017-08-31"],
    ["1/2/2000", "2000-02-01"],
    ["08/2017", "2017-08"],
    ["2017", "2017"],
    [" 31/02/2000 ", "2000-02-31"],
    ["hôm qua", "hôm qua"],
  ])("%s → %s", (typed, iso) => {
    expect(toIsoDate(typed)).toBe(iso);
  });
});

describe("toTypedDate", () => {
  it("writes day, month and year the Vietnamese way, and keeps partial dates partial", () => {
    expect(toTypedDate("2017-08-31")).toBe("31/08/2017");
    expect(toTypedDate("2017-08")).toBe("08/2017");
    expect(toTypedDate("2017")).toBe("2017");
    expect(toTypedDate(undefined)).toBe("");
  });

  it("is undone by toIsoDate", () => {
    for (const iso of ["1990-01-05", "2017-12", "1931"]) expect(toIsoDate(toTypedDate(iso))).toBe(iso);
  });
});

describe("isCalendarDate", () => {
  it("knows leap years and short months", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2017-04-31")).toBe(false);
    expect(isCalendarDate("2017-8-31")).toBe(false);
  });
});
