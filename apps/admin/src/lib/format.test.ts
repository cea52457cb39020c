import * as domain from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatPercent, toVietnamDate } from "./format";

describe("the admin's formatting agrees with the domain's", () => {
  it.each([0, 1, 12, 999, 1587, 1234567, -1587, 0.5, 1587.25, 0.004, -0.001])("number %d", (value) => {
    for (const locale of domain.LOCALES) {
      expect(formatNumber(value, locale)).toBe(domain.formatNumber(value, locale));
    }
  });

  it("writes 1.587 the Vietnamese way and 1,587 the English way", () => {
    expect(formatNumber(1587, "vi")).toBe("1.587");
    expect(formatNumber(1587, "en")).toBe("1,587");
  });

  it.each([0, 0.5876, 1, 0.0004])("percent %d", (ratio) => {
    for (const locale of domain.LOCALES)
      expect(formatPercent(ratio, locale)).toBe(domain.formatPercent(ratio, locale));
  });

  it.each(["2017-08-31", "2017-08", "2017", "1990-01-05"])("date %s", (date) => {
    for (const locale of domain.LOCALES)
      expect(formatDate(date, locale)).toBe(domain.formatDate(date, locale));
  });

  it.each(["2017-09-01T06:00:00Z", "2017-08-31T18:30:00+07:00"])("moment %s", (instant) => {
    for (const locale of domain.LOCALES) {
      expect(formatDateTime(instant, locale)).toBe(domain.formatDateTime(instant, locale));
    }
  });

  it("finds the Vietnamese date of a moment", () => {
    const moment = new Date("2017-08-31T18:00:00Z");
    expect(toVietnamDate(moment)).toBe(domain.toVietnamDate(moment));
    expect(toVietnamDate(moment)).toBe("2017-09-01");
  });
});
