import { describe, expect, it } from "vitest";
import { resolveOrganizationTree } from "../organization/index.js";
import { buildSocTrangReference, SOC_TRANG } from "../reference/index.js";
import { isMetricId, METRIC_CATALOGUE } from "./catalogue.js";
import { METRICS } from "./definitions.js";
import { indexMemberRecords } from "./records.js";

const data = buildSocTrangReference();
const index = indexMemberRecords({
  members: data.members,
  events: data.memberEvents,
  referrals: data.referrals,
  organizationRatings: data.organizationRatings,
});
const base = {
  tree: resolveOrganizationTree(data, { asOf: SOC_TRANG.asOf }),
  organizationId: SOC_TRANG.blocId,
  computedAt: "2017-09-01T06:00:00Z",
};
const questions = {
  stock: { ...base, asOf: SOC_TRANG.asOf },
  flow: { ...base, period: SOC_TRANG.referralPeriod },
  year: { ...base, year: 2016, asOf: SOC_TRANG.asOf },
  cohort: { ...base, period: SOC_TRANG.referralPeriod, asOf: SOC_TRANG.asOf },
};

describe("METRIC_CATALOGUE", () => {
  it("holds every metric of METRICS, once, under its own id", () => {
    const ids = Object.values(METRICS).map((definition) => definition.id);
    expect(Object.keys(METRIC_CATALOGUE).sort()).toEqual([...ids].sort());
    for (const [id, entry] of Object.entries(METRIC_CATALOGUE)) expect(entry.definition.id).toBe(id);
  });

  it.each(Object.entries(METRIC_CATALOGUE))("computes %s when asked its question", (id, entry) => {
    // The union is narrowed by `question`; each branch is given the query its function takes.
    const result = entry.compute(index, questions[entry.question] as never);
    expect(result.provenance.metricId).toBe(id);
    expect(result.provenance.metricVersion).toBe(entry.definition.version);
    expect(result.provenance.organizationId).toBe(SOC_TRANG.blocId);
  });

  it("gives the reference figures by id", () => {
    const active = METRIC_CATALOGUE["members.active"].compute(index, questions.stock as never);
    expect(active.value).toMatchObject({ count: 1587 });
    const referred = METRIC_CATALOGUE["referrals.referred"].compute(index, questions.flow as never);
    expect(referred.value).toBe(582);
  });

  it("tells metric ids from other strings", () => {
    expect(isMetricId("members.active")).toBe(true);
    expect(isMetricId("members.passwords")).toBe(false);
    expect(isMetricId("toString")).toBe(false);
  });
});
