// The examples of README.md, run: a consumer who copies them gets what the README says.
import { describe, expect, it } from "vitest";
import {
  ArticleSchema,
  ArticleUpdateSchema,
  applyArticleUpdate,
  applyMemberUpdate,
  comparePersonNames,
  countActiveMembers,
  deriveMemberState,
  foldVietnamese,
  formatDate,
  formatNumber,
  formatPercent,
  indexMemberRecords,
  MemberCreateSchema,
  MemberSchema,
  matchesSearch,
  resolveOrganizationTree,
  rollUpMetric,
  subtreeIds,
  validate,
  validateParticipantPositions,
} from "./index.js";
import { buildSocTrangReference, SOC_TRANG } from "./reference/index.js";

describe("README examples", () => {
  it("validating input names the field in Vietnamese and English", () => {
    const result = validate(MemberCreateSchema, {
      fullName: "Trần Thị Mai",
      birthDate: "2001-02-30",
      admission: {
        date: "2017-03-26",
        decisionRef: "15-NQ/ĐTN",
        admittingOrganizationId: "dk-dn",
        homeUnitId: "cd-1",
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: ["birthDate"],
        message: { vi: "Ngày không tồn tại trong lịch", en: "No such day in the calendar" },
      },
    ]);
  });

  it("an article update clears a field sent as null and keeps one left out", () => {
    const article = ArticleSchema.parse({
      id: "a1",
      title: "Tuổi trẻ Sóc Trăng",
      slug: "tuoi-tre-soc-trang",
      category: "Hoạt động",
      organizationId: "dk-dn",
      author: "Tấn Phát",
      lead: "Tóm tắt",
      body: [],
      status: "draft",
      createdAt: "2017-09-01T03:00:00Z",
      updatedAt: "2017-09-01T03:00:00Z",
    });
    const update = ArticleUpdateSchema.parse({ author: null, lead: "Tóm tắt mới" });
    const changed = ArticleSchema.parse(applyArticleUpdate(article, update));
    expect(changed).not.toHaveProperty("author");
    expect(changed).toMatchObject({ lead: "Tóm tắt mới", title: "Tuổi trẻ Sóc Trăng" });

    const member = MemberSchema.parse({
      id: "m-1",
      fullName: "Trần Thị Mai",
      birthDate: "2001-02-03",
      occupation: "Công nhân",
      createdAt: "2017-03-27T02:00:00Z",
    });
    const updated = MemberSchema.parse(applyMemberUpdate(member, { occupation: null }));
    expect(updated).toEqual({
      id: "m-1",
      fullName: "Trần Thị Mai",
      birthDate: "2001-02-03",
      createdAt: "2017-03-27T02:00:00Z",
    });
  });

  const data = buildSocTrangReference();
  const tree = resolveOrganizationTree(data, { asOf: "2017-08-31" });
  const records = indexMemberRecords({
    members: data.members,
    events: data.memberEvents,
    referrals: data.referrals,
  });
  const computedAt = "2017-09-01T06:00:00Z";
  const query = { tree, organizationId: SOC_TRANG.blocId, asOf: "2017-08-31", computedAt };

  it("derives a member's status and home unit from the events", () => {
    const member = records.members.find((entry) => entry.timeline.segments.length > 0);
    const events = data.memberEvents.filter((event) => event.memberId === member?.member.id);
    const state = deriveMemberState(events, { asOf: "2017-08-31" });
    expect([
      "active",
      "postponed",
      "pending_transfer",
      "matured",
      "removed",
      "expelled",
      "deceased",
    ]).toContain(state.status);
    if (state.status === "active") expect(tree.nodes.has(state.homeUnitId ?? "")).toBe(true);
  });

  it("resolves the tree and the subtree of the bloc, the bloc first", () => {
    const ids = subtreeIds(tree, SOC_TRANG.blocId);
    expect(ids[0]).toBe(SOC_TRANG.blocId);
    expect(ids.length).toBeGreaterThan(1);
  });

  it("counts 1587 active members with their provenance, and rolls them up over the children", () => {
    const active = countActiveMembers(records, query);
    expect(active.value.count).toBe(1587);
    expect(active.provenance).toMatchObject({
      metricId: "members.active",
      metricVersion: 1,
      organizationId: "doan-khoi-doanh-nghiep-soc-trang",
      asOf: "2017-08-31",
      recordsCounted: 1587,
      computedAt,
    });
    const byUnit = rollUpMetric(countActiveMembers, records, query);
    const childSum = byUnit.children.reduce((sum, child) => sum + child.value.count, 0);
    expect(byUnit.total.value.count).toBe(1587);
    expect(byUnit.own.value.count + childSum).toBe(1587);
  });

  it("folds, formats and sorts Vietnamese text", () => {
    expect(foldVietnamese("Trần Ngọc Nam")).toBe("tran ngoc nam");
    expect(matchesSearch("Trần Ngọc Nam", "tran ngoc nam")).toBe(true);
    expect(formatNumber(1587, "vi")).toBe("1.587");
    expect(formatPercent(342 / 582, "vi")).toBe("58,8%");
    expect(formatDate("2017-08-31", "vi")).toBe("31/08/2017");
    expect(["Nguyễn Thị Phương Quỳnh", "Trần Ngọc Nam"].sort(comparePersonNames)).toEqual([
      "Trần Ngọc Nam",
      "Nguyễn Thị Phương Quỳnh",
    ]);
  });

  it("refuses a conference title taken from a term that is not on file, at its field", () => {
    const verdict = validateParticipantPositions(
      {
        startDate: "2021-11-25",
        endDate: "2021-11-25",
        chairs: [{ person: { fullName: "Trần Ngọc Nam" }, title: "Bí thư", positionTermId: "t-1" }],
        speakers: [],
        attendees: [],
      },
      [],
    );
    expect(verdict).toMatchObject({
      ok: false,
      code: "POSITION_TERM_NOT_FOUND",
      issues: [{ path: ["chairs", 0, "positionTermId"] }],
    });
  });
});
