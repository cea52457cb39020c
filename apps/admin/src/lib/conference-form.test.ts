import { ConferenceCreateSchema, ConferenceSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import {
  conferenceFormOf,
  conferenceInputOf,
  directiveStatus,
  EMPTY_CONFERENCE,
  figureQuery,
  reportedFigureOf,
} from "./conference-form";

const noPicks = { documentsReviewed: [], figures: [], namedAttendees: [] };

describe("conferenceInputOf", () => {
  it("reads typed dates, a one-day meeting and a directive's owner, and the schema accepts it", () => {
    const input = conferenceInputOf(
      {
        ...EMPTY_CONFERENCE,
        organizerId: "bloc",
        title: "Hội nghị chuyên đề",
        startDate: "31/08/2017",
        session: "afternoon",
        chairs: [{ fullName: "Đàm Mỹ Anh", title: "Phó Bí thư", organizationName: "" }],
        attendees: [{ description: "Bí thư các cơ sở Đoàn", count: "24" }],
        directives: [{ id: "d-1", text: "Kiện toàn chi đoàn", ownerId: "bloc", dueDate: "31/12/2017" }],
      },
      noPicks,
    );
    expect(input).toMatchObject({
      startDate: "2017-08-31",
      endDate: "2017-08-31",
      session: "afternoon",
      chairs: [{ person: { fullName: "Đàm Mỹ Anh" }, title: "Phó Bí thư" }],
      attendees: [{ kind: "group", description: "Bí thư các cơ sở Đoàn", count: 24 }],
      directives: [{ id: "d-1", addressedTo: ["bloc"], dueDate: "2017-12-31" }],
    });
    expect(ConferenceCreateSchema.safeParse(input).success).toBe(true);
  });

  it("keeps what the form does not show when a record goes through it unchanged", () => {
    const stored = ConferenceSchema.parse({
      id: "c-1",
      organizerId: "bloc",
      kind: "thematic",
      title: "Hội nghị",
      startDate: "2017-08-31",
      endDate: "2017-08-31",
      chairs: [{ person: { fullName: "A", memberId: "m-1" }, title: "Bí thư", titleEn: "Secretary" }],
      attendees: [{ kind: "people", people: [{ person: { fullName: "B" } }] }],
      directives: [
        {
          id: "d-1",
          text: "Việc",
          addressedTo: ["x", "y"],
          followedUpBy: { conferenceId: "c-2", note: "xong" },
        },
      ],
      recordedAt: "2017-09-01T00:00:00Z",
    });
    const { values, picks } = conferenceFormOf(stored);
    const input = conferenceInputOf(values, picks);
    expect(input.chairs).toEqual(stored.chairs);
    expect(input.attendees).toEqual(stored.attendees);
    expect(input.directives).toEqual(stored.directives);
  });
});

describe("directiveStatus", () => {
  const directive = { id: "d", text: "t", addressedTo: [], dueDate: "2018-06-30" };
  it("is done once followed up, overdue after its due date, open before", () => {
    expect(directiveStatus(directive, "2018-06-30")).toBe("open");
    expect(directiveStatus(directive, "2018-07-01")).toBe("overdue");
    expect(directiveStatus({ ...directive, followedUpBy: { conferenceId: "c" } }, "2019-01-01")).toBe("done");
  });
});

describe("figures", () => {
  it("asks a flow since 1 January unless a period is under review", () => {
    expect(figureQuery("flow", "o", "2017-08-31")).toEqual({
      organizationId: "o",
      asOf: "2017-08-31",
      from: "2017-01-01",
      to: "2017-08-31",
    });
    expect(figureQuery("stock", "o", "2017-08-31")).toEqual({ organizationId: "o", asOf: "2017-08-31" });
  });

  it("quotes a stock on its date and a rate as a ratio over its period, with provenance", () => {
    const provenance = { organizationId: "o", computedAt: "2026-01-01T00:00:00Z" };
    expect(
      reportedFigureOf(
        {
          metric: { id: "members.active", version: 1, question: "stock" },
          result: { value: { count: 1587, postponed: 3 }, provenance: { ...provenance, asOf: "2017-08-31" } },
        },
        "Đoàn viên",
      )?.figure,
    ).toMatchObject({
      metricId: "members.active",
      metricVersion: "1",
      asOf: "2017-08-31",
      value: 1587,
      unit: "count",
    });
    const rate = reportedFigureOf(
      {
        metric: { id: "referrals.cohort_admission_rate", version: 2, question: "cohort" },
        result: {
          value: { numerator: 342, denominator: 582, rate: 342 / 582 },
          provenance: { ...provenance, asOf: "2017-08-31", period: { from: "2014-01-01", to: "2017-08-31" } },
        },
      },
      "Tỷ lệ",
    );
    expect(rate?.figure).toMatchObject({ unit: "ratio", period: { from: "2014-01-01", to: "2017-08-31" } });
    expect(rate?.figure.asOf).toBeUndefined();
    expect(
      reportedFigureOf(
        {
          metric: { id: "x", version: 1, question: "stock" },
          result: { value: { buckets: {} }, provenance },
        },
        "x",
      ),
    ).toBeUndefined();
  });
});
