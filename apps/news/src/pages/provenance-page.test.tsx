import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PublicFigure } from "../server/api-client";
import { quotedNumberOf } from "./figures";
import { ProvenancePage } from "./provenance-page";

const article = {
  slug: "gioi-thieu-doan-vien-uu-tu",
  title: "Giới thiệu đoàn viên ưu tú cho Đảng",
  organizationId: "doan-khoi-dn",
  organizationName: "Đoàn Khối Doanh nghiệp",
  publishedAt: "2017-09-01T06:00:00.000Z",
};
const period = { from: "2014-01-01", to: "2017-08-31" };
const figure = {
  metricId: "referrals.cohort_admission_rate",
  metricVersion: "1",
  organizationId: "doan-khoi-dn",
  period,
  value: 342 / 582,
  unit: "ratio" as const,
  computedAt: "2017-09-01T05:00:00.000Z",
};
const today = (value: PublicFigure["value"]): PublicFigure => ({
  metric: {
    id: "referrals.cohort_admission_rate",
    version: 1,
    semantics: "cohort",
    question: "cohort",
    counts: { vi: "Trong số đoàn viên được giới thiệu trong kỳ, tỉ lệ đã được kết nạp", en: "" },
  },
  value,
  provenance: {
    metricId: "referrals.cohort_admission_rate",
    metricVersion: 1,
    organizationId: "doan-khoi-dn",
    asOf: "2017-08-31",
    period,
    recordsCounted: 1587,
    computedAt: "2026-12-01T01:00:00.000Z",
    counts: { vi: "", en: "" },
  },
  hidden: [],
  threshold: 5,
});

describe("ProvenancePage", () => {
  it("writes a rate over a period as a Vietnamese percentage, with the period and records counted", () => {
    const html = renderToStaticMarkup(
      <ProvenancePage
        article={article}
        figure={figure}
        label="được kết nạp Đảng"
        today={today({ numerator: 342, denominator: 582, rate: 342 / 582 })}
      />,
    );
    expect(html).toContain("58,8% được kết nạp Đảng</h1>");
    expect(html).toContain("<dd>từ 01/01/2014 đến 31/08/2017</dd>");
    expect(html).toContain("<dd>1.587</dd>");
    expect(html).toContain("Tính lại hôm nay vẫn cho đúng số đã công bố.");
  });

  it("gives both rates when today's differs", () => {
    const html = renderToStaticMarkup(
      <ProvenancePage
        article={article}
        figure={figure}
        label="được kết nạp Đảng"
        today={today({ numerator: 343, denominator: 582, rate: 343 / 582 })}
      />,
    );
    expect(html).toContain("Khi đăng bài: <strong>58,8%</strong>. Tính lại hôm nay: <strong>58,9%</strong>.");
  });

  it("says so when today's value is hidden from the public, and claims no correction", () => {
    const html = renderToStaticMarkup(
      <ProvenancePage
        article={article}
        figure={figure}
        label="được kết nạp Đảng"
        today={today({ numerator: null, denominator: null, rate: null })}
      />,
    );
    expect(html).toContain("không công bố (nhóm dưới 5 người được ẩn)");
    expect(html).not.toContain("đính chính");
  });
});

describe("quotedNumberOf", () => {
  it("takes the number a quote means from each shape of value", () => {
    expect(quotedNumberOf(12, "count")).toBe(12);
    expect(quotedNumberOf({ count: 1587, postponed: 12 }, "count")).toBe(1587);
    expect(quotedNumberOf({ numerator: 1, denominator: 4, rate: 0.25 }, "ratio")).toBe(0.25);
    expect(quotedNumberOf({ buckets: { a: 6 }, total: 6 }, "count")).toBe(6);
    expect(quotedNumberOf({ count: null, postponed: null }, "count")).toBeNull();
  });
});
