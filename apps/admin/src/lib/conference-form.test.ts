import { ConferenceCreateSchema, ConferenceSchema, ConferenceUpdateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import {
  conferenceFormOf,
  conferenceInputOf,
  conferenceUpdateOf,
  directiveStatus,
  EMPTY_CONFERENCE,
  figureQuery,
  participantOfRow,
  participantRowOf,
  reportedFigureOf,
} from "./conference-form";

const noPicks = { documentsReviewed: [], figures: [] };

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
      chairs: [
        {
          person: { fullName: "A", memberId: "m-1" },
          title: "Bí thư",
          titleEn: "Secretary",
          organizationId: "bloc",
          organizationName: "Đoàn Khối",
          positionTermId: "t-1",
        },
      ],
      attendees: [
        { kind: "group", description: "Bí thư các cơ sở", count: 12 },
        { kind: "people", label: "Đại biểu", people: [{ person: { fullName: "B" } }] },
      ],
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

describe("named attendee groups", () => {
  const base = { ...EMPTY_CONFERENCE, organizerId: "bloc", title: "Hội nghị", startDate: "31/08/2017" };
  const person = (fullName: string) => ({ fullName, title: "", organizationName: "" });

  it("go after the described groups, a blank group name left out", () => {
    const input = conferenceInputOf(
      {
        ...base,
        attendees: [{ description: "Đại diện Tỉnh đoàn", count: "" }],
        namedGroups: [
          { label: " Khách mời ", people: [person("Lê Văn A"), person("Trần Thị B")] },
          { label: "", people: [person("Phạm C")] },
        ],
      },
      noPicks,
    );
    expect(input.attendees).toEqual([
      { kind: "group", description: "Đại diện Tỉnh đoàn" },
      {
        kind: "people",
        label: "Khách mời",
        people: [{ person: { fullName: "Lê Văn A" } }, { person: { fullName: "Trần Thị B" } }],
      },
      { kind: "people", people: [{ person: { fullName: "Phạm C" } }] },
    ]);
    expect(ConferenceCreateSchema.safeParse(input).success).toBe(true);
  });

  it("are refused by the domain's schema at the group and the name that are wrong", () => {
    const parsed = ConferenceCreateSchema.safeParse(
      conferenceInputOf(
        {
          ...base,
          attendees: [{ description: "Đại diện", count: "" }],
          namedGroups: [
            { label: "Trống", people: [] },
            { label: "", people: [person(" ")] },
          ],
        },
        noPicks,
      ),
    );
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."))).toEqual([
      "attendees.1.people",
      "attendees.2.people.0.person.fullName",
    ]);
  });
});

describe("participantOfRow", () => {
  const picked = participantRowOf({
    person: { fullName: "Đàm Mỹ Anh", memberId: "m-anh" },
    title: "Phó Bí thư",
    titleEn: "Deputy Secretary",
    organizationId: "bloc",
    organizationName: "Đoàn Khối",
    positionTermId: "t-anh",
  });

  it("keeps a picked holder's term while name, title and organisation are as picked", () => {
    expect(participantOfRow(picked).positionTermId).toBe("t-anh");
  });

  it.each([
    ["the title", { title: "Bí thư" }],
    ["the name", { fullName: "Đàm Mỹ Ánh" }],
    ["the organisation", { organizationName: "Tỉnh đoàn" }],
  ])("drops the term when %s is typed over", (_what, typed) => {
    expect(participantOfRow({ ...picked, ...typed }).positionTermId).toBeUndefined();
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

describe("conferenceUpdateOf", () => {
  const base = { ...EMPTY_CONFERENCE, organizerId: "bloc", title: "Hội nghị", startDate: "31/08/2017" };

  it("clears the optional fields the form left empty, and sends those filled", () => {
    const emptied = ConferenceCreateSchema.parse(conferenceInputOf(base, noPicks));
    const update = conferenceUpdateOf(emptied);
    expect(update).toMatchObject({ session: null, place: null, periodUnderReview: null, title: "Hội nghị" });
    expect(update).not.toHaveProperty("convenedBy");
    expect(ConferenceUpdateSchema.safeParse(update).success).toBe(true);

    const filled = ConferenceCreateSchema.parse(conferenceInputOf({ ...base, place: "Phủ Lý" }, noPicks));
    expect(conferenceUpdateOf(filled)).toMatchObject({ place: "Phủ Lý", session: null });
  });
});
