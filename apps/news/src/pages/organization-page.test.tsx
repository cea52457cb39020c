import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PublicOrganization } from "../server/api-client";
import { OrganizationPage } from "./organization-page";

const provenance = (asOf: string, recordsCounted: number) => ({
  metricId: "members.active",
  metricVersion: 1,
  organizationId: "chi-doan-a",
  asOf,
  recordsCounted,
  computedAt: "2017-09-01T03:00:00.000Z",
});

const organization: PublicOrganization = {
  id: "chi-doan-a",
  name: "Chi đoàn A",
  level: "branch",
  asOf: "2017-08-31",
  existsAsOf: true,
  parent: { id: "co-so-b", name: "Đoàn cơ sở B", level: "grassroots" },
  children: [],
  figures: [
    {
      metricId: "members.active",
      metricVersion: 1,
      counts: { vi: "Đoàn viên trong danh sách sinh hoạt", en: "Members on the roll" },
      query: { organizationId: "chi-doan-a", asOf: "2017-08-31" },
      value: { count: null, postponed: null },
      hidden: [{ path: ["count"], reason: "below_threshold" }],
      threshold: 5,
      provenance: provenance("2017-08-31", 3),
    },
    {
      metricId: "members.residence_registration_rate",
      metricVersion: 1,
      counts: { vi: "Tỉ lệ đăng ký sinh hoạt nơi cư trú", en: "Residence registration rate" },
      query: { organizationId: "chi-doan-a", asOf: "2017-08-31", year: 2017 },
      value: { numerator: 1587, denominator: 1650, rate: 0.9618 },
      hidden: [],
      threshold: 5,
      provenance: { ...provenance("2017-08-31", 1650), metricId: "members.residence_registration_rate" },
    },
  ],
};

describe("OrganizationPage", () => {
  const html = renderToStaticMarkup(<OrganizationPage organization={organization} />);

  it("says a small group's figure is not published instead of showing it", () => {
    expect(html).toContain(
      '<strong class="figure-value">Không công bố</strong> Đoàn viên trong danh sách sinh hoạt',
    );
    expect(html).toContain("Nhóm quá nhỏ để công bố mà không lộ thông tin cá nhân.");
    expect(html).toContain("Nhóm dưới 5 người không được công bố");
  });

  it("writes a rate as a Vietnamese percentage for its year, with the records it counted", () => {
    expect(html).toContain(
      '<strong class="figure-value">96,2%</strong> Tỉ lệ đăng ký sinh hoạt nơi cư trú năm 2017',
    );
    expect(html).toContain("<dt>Số hồ sơ được đếm</dt><dd>1.650</dd>");
    expect(html).toContain('<a href="/to-chuc/co-so-b">Đoàn cơ sở B</a>');
  });
});
