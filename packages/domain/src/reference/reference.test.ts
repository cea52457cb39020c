import { describe, expect, test } from "vitest";
import { z } from "zod";
import { MemberEventSchema, MemberSchema } from "../member/index.js";
import { validateMemberEvent } from "../member/validate.js";
import {
  computeReferralCohortRate,
  computeResidenceRate,
  countActiveMembers,
  countPartyAdmissions,
  countReferrals,
  indexMemberRecords,
} from "../metrics/index.js";
import { OrganizationSchema, ParentLinkSchema, resolveOrganizationTree } from "../organization/index.js";
import { OrganizationRatingSchema } from "../rating/index.js";
import { ReferralSchema } from "../referral/index.js";
import { formatPercent } from "../text/index.js";
import { instantToMillis } from "../time/index.js";
import { buildSocTrangReference, generateMembers, SOC_TRANG } from "./index.js";

const data = buildSocTrangReference();
const records = {
  members: data.members,
  events: data.memberEvents,
  referrals: data.referrals,
  organizationRatings: data.organizationRatings,
};
const computedAt = "2017-09-01T06:00:00Z";
const tree = resolveOrganizationTree(data, { asOf: SOC_TRANG.asOf });
const base = { tree, organizationId: SOC_TRANG.blocId, computedAt };

describe("Sóc Trăng Enterprise Bloc, 31 August 2017", () => {
  const index = indexMemberRecords(records);
  test("1.587 active members", () => {
    const result = countActiveMembers(index, { ...base, asOf: SOC_TRANG.asOf });
    expect(result.value.count).toBe(1587);
    expect(result.provenance).toMatchObject({
      metricId: "members.active",
      organizationId: SOC_TRANG.blocId,
      asOf: "2017-08-31",
    });
  });
  test.each(SOC_TRANG.residenceYears)("over 95%% registered at their place of residence in %i", (year) => {
    const result = computeResidenceRate(index, { ...base, year, asOf: SOC_TRANG.asOf });
    expect(result.value.rate).toBeGreaterThan(0.95);
    expect(result.value.rate).toBeLessThan(1);
  });
  test("582 referred from 2014 to 31/08/2017, 342 of them admitted (58,8%), the flow equal to the cohort", () => {
    const period = SOC_TRANG.referralPeriod;
    expect(countReferrals(index, { ...base, period }).value).toBe(582);
    const cohort = computeReferralCohortRate(index, { ...base, period, asOf: SOC_TRANG.asOf });
    expect(cohort.value).toMatchObject({ numerator: 342, denominator: 582 });
    expect(countPartyAdmissions(index, { ...base, period }).value).toBe(342);
    expect(formatPercent(cohort.value.rate ?? Number.NaN, "vi")).toBe("58,8%");
    // More were referred than the distinct count: some members were referred twice.
    expect(
      data.referrals.filter((r) => r.referredOn >= period.from && r.referredOn <= period.to).length,
    ).toBeGreaterThan(582);
  });
  test("the figures published on 1 September 2017 are reproduced from what was known then", () => {
    const known = indexMemberRecords(records, SOC_TRANG.publishedAt);
    const knownTree = resolveOrganizationTree(data, { asOf: SOC_TRANG.asOf, knownAt: SOC_TRANG.publishedAt });
    const view = { ...base, tree: knownTree, knownAt: SOC_TRANG.publishedAt };
    expect(countActiveMembers(known, { ...view, asOf: SOC_TRANG.asOf }).value.count).toBe(1587);
    expect(
      computeReferralCohortRate(known, { ...view, period: SOC_TRANG.referralPeriod, asOf: SOC_TRANG.asOf })
        .value,
    ).toMatchObject({ numerator: 342, denominator: 582 });
  });
  test("every member's history passes the rules in the order it was recorded", () => {
    const byMember = new Map<string, typeof data.memberEvents>();
    for (const event of data.memberEvents)
      byMember.set(event.memberId, [...(byMember.get(event.memberId) ?? []), event]);
    const birth = new Map(data.members.map((member) => [member.id, member.birthDate]));
    for (const [memberId, events] of byMember) {
      const ordered = [...events].sort(
        (a, b) => instantToMillis(a.recordedAt) - instantToMillis(b.recordedAt),
      );
      ordered.forEach((event, i) => {
        const result = validateMemberEvent(ordered.slice(0, i), event, { birthDate: birth.get(memberId) });
        expect(result.ok, `${event.id}: ${result.ok ? "" : result.code}`).toBe(true);
      });
    }
  });
  test("the records are what an API stores: each parses with its schema", () => {
    for (const org of data.organizations) expect(OrganizationSchema.safeParse(org).success).toBe(true);
    for (const link of data.parentLinks) expect(ParentLinkSchema.safeParse(link).success).toBe(true);
    expect(z.array(MemberSchema).safeParse(data.members).success).toBe(true);
    expect(z.array(MemberEventSchema).safeParse(data.memberEvents).success).toBe(true);
    expect(z.array(ReferralSchema).safeParse(data.referrals).success).toBe(true);
    expect(z.array(OrganizationRatingSchema).safeParse(data.organizationRatings).success).toBe(true);
    expect(data.memberEvents.filter((event) => event.type === "corrected")).toHaveLength(3);
  });
  test("deterministic: the same seed gives the same records", () => {
    const again = buildSocTrangReference();
    expect(again.members.slice(0, 20)).toEqual(data.members.slice(0, 20));
    expect(again.memberEvents.length).toBe(data.memberEvents.length);
    expect(again.referrals.length).toBe(data.referrals.length);
  });
});

test("generateMembers is deterministic and spreads members over the units", () => {
  const a = generateMembers({ count: 200, seed: 7, unitIds: ["u1", "u2", "u3"] });
  const b = generateMembers({ count: 200, seed: 7, unitIds: ["u1", "u2", "u3"] });
  expect(a).toEqual(b);
  expect(a.members).toHaveLength(200);
  expect(a.events.filter((event) => event.type === "admitted")).toHaveLength(200);
});

test("generateMembers draws names from the ethnic groups it is given", () => {
  const kinh = generateMembers({ count: 300, seed: 7, unitIds: ["u1", "u2"], ethnicities: [["Kinh", 1]] });
  const khmerFamilies = ["Thạch ", "Sơn ", "Danh "];
  expect(kinh.members.some((m) => khmerFamilies.some((family) => m.fullName.startsWith(family)))).toBe(false);
  const mixed = generateMembers({ count: 300, seed: 7, unitIds: ["u1", "u2"] });
  expect(mixed.members.some((m) => khmerFamilies.some((family) => m.fullName.startsWith(family)))).toBe(true);
});
