import { describe, expect, it } from "vitest";
import { toolsOf } from "./locale";
import { figureOf, metricParams } from "./metrics";

const query = { organizationId: "doan-khoi", asOf: "2017-08-31", from: "2017-01-01" };

describe("metricParams", () => {
  it("asks a stock on the date, a flow and a cohort over the period, a yearly rate for the date's year", () => {
    expect(metricParams("stock", query)).toEqual({ organizationId: "doan-khoi", asOf: "2017-08-31" });
    expect(metricParams("flow", query)).toMatchObject({ from: "2017-01-01", to: "2017-08-31" });
    expect(metricParams("cohort", query)).toMatchObject({ from: "2017-01-01", to: "2017-08-31" });
    expect(metricParams("year", query)).toMatchObject({ year: 2017 });
  });
});

describe("figureOf", () => {
  const vi = toolsOf("vi");
  const en = toolsOf("en");

  it("writes counts with Vietnamese thousands separators", () => {
    expect(figureOf({ count: 1587, postponed: 12 }, vi)).toEqual({ main: "1.587", detail: "⏸ 12" });
    expect(figureOf(1587, en).main).toBe("1,587");
  });

  it("writes a rate as a percentage with its parts, and an empty rate as a dash", () => {
    expect(figureOf({ numerator: 1, denominator: 4, rate: 0.25 }, vi)).toEqual({
      main: "25,0%",
      detail: "1 / 4",
    });
    expect(figureOf({ numerator: 0, denominator: 0, rate: null }, vi).main).toBe("—");
  });

  it("does not invent a figure for a value it does not know", () => {
    expect(figureOf({ buckets: {} }, vi).main).toBe("—");
  });
});
