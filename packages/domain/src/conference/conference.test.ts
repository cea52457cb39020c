import { describe, expect, it } from "vitest";
import { validate } from "../i18n/issues.js";
import type { Organization } from "../organization/index.js";
import type { PositionTerm } from "../position/index.js";
import {
  applyConferenceUpdate,
  type Conference,
  ConferenceCreateSchema,
  ConferenceSchema,
  ConferenceUpdateSchema,
  directivesDue,
  participantOn,
  validateFollowUp,
  validateParticipantPositions,
} from "./index.js";

const AT = "2021-11-26T00:00:00Z";
const haNamExtended = ConferenceSchema.parse({
  id: "conf-ha-nam-2021-11-25",
  organizerId: "td-ha-nam",
  convenedBy: { organizationId: "td-ha-nam", body: "standing_committee" },
  kind: "extended_standing_committee",
  title: "Hội nghị Ban Thường vụ Tỉnh đoàn mở rộng",
  startDate: "2021-11-25",
  endDate: "2021-11-25",
  session: "morning",
  chairs: [{ person: { fullName: "Trần Ngọc Nam" }, title: "Bí thư", organizationId: "td-ha-nam" }],
  speakers: [
    {
      person: { fullName: "Nguyễn Thị Phương Quỳnh" },
      title: "Phó Bí thư Thường trực",
      organizationId: "td-ha-nam",
    },
  ],
  attendees: [{ kind: "group", description: "Đại diện các đơn vị cấp huyện và tương đương" }],
  documentsReviewed: [{ symbol: "07-KL/TWĐTN-BTC", date: "2019-02-14" }, { symbol: "08-KL/TWĐTN-BTC" }],
  periodUnderReview: { from: "2019-01-01", to: "2022-12-31" },
  directives: [
    { id: "d1", text: "Đào tạo bí thư chi đoàn", addressedTo: ["huyen-doan-a"], dueDate: "2022-06-30" },
    { id: "d2", text: "Xây dựng chi đoàn mạnh", addressedTo: [], dueDate: "2022-12-31" },
  ],
  recordedAt: AT,
});

describe("conference schemas", () => {
  it("keep defaults for the lists", () => {
    expect(haNamExtended.topics).toEqual([]);
    expect(haNamExtended.figures).toEqual([]);
  });

  const base = {
    organizerId: "o",
    kind: "congress",
    title: "Đại hội",
    startDate: "2022-10-10",
    endDate: "2022-10-12",
  };
  it("accept a congress over several days", () => {
    expect(ConferenceCreateSchema.safeParse(base).success).toBe(true);
  });

  it.each([
    ["an end before the start", { endDate: "2022-10-09" }, ["endDate"]],
    ["a session on a congress of several days", { session: "morning" }, ["session"]],
    [
      "a due date before the conference",
      { directives: [{ id: "d", text: "x", addressedTo: [], dueDate: "2022-01-01" }] },
      ["directives", 0, "dueDate"],
    ],
    ["an unknown kind", { kind: "party" }, ["kind"]],
    [
      "an attendee group without description",
      { attendees: [{ kind: "group", count: 3 }] },
      ["attendees", 0, "description"],
    ],
    [
      "a reviewed document with a bad symbol",
      { documentsReviewed: [{ symbol: "KL 07" }] },
      ["documentsReviewed", 0, "symbol"],
    ],
  ])("refuse %s", (_, patch, path) => {
    const result = validate(ConferenceCreateSchema, { ...base, ...patch });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([path]);
  });
});

describe("participantOn", () => {
  const organizations: Organization[] = [
    {
      id: "td-ha-nam",
      name: "Tỉnh đoàn Hà Nam",
      level: "provincial",
      establishedOn: "1997-01-01",
      recordedAt: AT,
    },
  ];
  const nam = { fullName: "Trần Ngọc Nam", personId: "p-nam" };
  const terms: PositionTerm[] = [
    {
      id: "t",
      person: nam,
      title: "secretary",
      organizationId: "td-ha-nam",
      from: "2020-10-01",
      recordedAt: AT,
    },
  ];

  it("takes the title of the day from the positions", () => {
    expect(participantOn(nam, "2021-11-25", { terms, organizations })).toEqual({
      person: nam,
      title: "Bí thư",
      titleEn: "Secretary",
      organizationId: "td-ha-nam",
      organizationName: "Tỉnh đoàn Hà Nam",
      positionTermId: "t",
    });
    expect(participantOn(nam, "2019-01-01", { terms, organizations })).toEqual({ person: nam });
  });
});

describe("validateParticipantPositions", () => {
  const nam = { fullName: "Trần Ngọc Nam", personId: "p-nam" };
  const terms: PositionTerm[] = [
    {
      id: "t-nam",
      person: nam,
      title: "secretary",
      organizationId: "td-ha-nam",
      from: "2020-10-01",
      to: "2021-11-26",
      recordedAt: AT,
    },
  ];
  const day = { startDate: "2021-11-25", endDate: "2021-11-25", chairs: [], speakers: [], attendees: [] };
  const chairedBy = (person: { fullName: string; personId?: string }, positionTermId?: string) => ({
    ...day,
    chairs: [{ person, title: "Bí thư", ...(positionTermId === undefined ? {} : { positionTermId }) }],
  });

  it.each([
    ["a typed title without a term", chairedBy({ fullName: "Khách mời" }), undefined, undefined],
    ["the person's term held that day", chairedBy(nam, "t-nam"), undefined, undefined],
    [
      "a term held on the last day of a congress",
      { ...chairedBy(nam, "t-nam"), startDate: "2020-09-29", endDate: "2020-10-01" },
      undefined,
      undefined,
    ],
    ["a term that does not exist", chairedBy(nam, "khong-co"), "POSITION_TERM_NOT_FOUND", ["chairs", 0]],
    [
      "a term ended before the conference",
      { ...chairedBy(nam, "t-nam"), startDate: "2021-11-27", endDate: "2021-11-27" },
      "POSITION_NOT_HELD",
      ["chairs", 0],
    ],
    [
      "another person's term",
      chairedBy({ fullName: "Nguyễn Văn A", personId: "p-a" }, "t-nam"),
      "POSITION_NOT_HELD",
      ["chairs", 0],
    ],
    [
      "a named attendee's term",
      {
        ...day,
        attendees: [
          { kind: "group" as const, description: "Đại biểu" },
          { kind: "people" as const, people: [{ person: nam, positionTermId: "khong-co" }] },
        ],
      },
      "POSITION_TERM_NOT_FOUND",
      ["attendees", 1, "people", 0],
    ],
  ])("%s", (_name, conference, code, at) => {
    const verdict = validateParticipantPositions(conference, terms);
    if (code === undefined) expect(verdict.ok).toBe(true);
    else
      expect(verdict).toMatchObject({
        ok: false,
        code,
        issues: [{ path: [...(at ?? []), "positionTermId"] }],
      });
  });

  it("says why in Vietnamese and English", () => {
    const verdict = validateParticipantPositions(
      { ...chairedBy(nam, "t-nam"), startDate: "2022-01-05", endDate: "2022-01-05" },
      terms,
    );
    expect(verdict.ok ? undefined : verdict.message).toEqual({
      vi: "Trần Ngọc Nam không giữ chức Bí thư này vào ngày hội nghị",
      en: "Trần Ngọc Nam did not hold this position of Secretary on the day of the conference",
    });
  });
});

describe("directives", () => {
  const later: Conference = {
    ...haNamExtended,
    id: "conf-2022",
    startDate: "2022-07-15",
    endDate: "2022-07-15",
    directives: [],
  };
  const followed: Conference = {
    ...haNamExtended,
    directives: haNamExtended.directives.map((d) =>
      d.id === "d1" ? { ...d, followedUpBy: { conferenceId: "conf-2022" } } : d,
    ),
  };

  it.each([
    ["2022-06-29", []],
    ["2022-06-30", ["d1"]],
    ["2022-12-31", ["d2"]],
  ])("due by %s and not yet followed up", (asOf, expected) => {
    expect(directivesDue([followed, later], asOf).map(({ directive }) => directive.id)).toEqual(expected);
  });

  it("follow-ups come later", () => {
    expect(validateFollowUp(haNamExtended, "d1", later)).toMatchObject({
      ok: true,
      value: { followedUpBy: { conferenceId: "conf-2022" } },
    });
    expect(validateFollowUp(haNamExtended, "d1", { id: "x", startDate: "2021-11-25" })).toMatchObject({
      ok: false,
      code: "FOLLOW_UP_NOT_LATER",
    });
    expect(validateFollowUp(haNamExtended, "zz", later)).toMatchObject({
      ok: false,
      code: "DIRECTIVE_NOT_FOUND",
    });
  });
});

describe("ConferenceUpdateSchema", () => {
  it("leaves lists alone when they are not sent", () => {
    expect(ConferenceUpdateSchema.parse({ title: "Tên mới" })).toEqual({ title: "Tên mới" });
  });

  it("clears with null what a record may go without, and nothing it needs", () => {
    const update = ConferenceUpdateSchema.parse({ place: null, session: null, periodUnderReview: null });
    const record = ConferenceSchema.parse({
      id: "c-1",
      organizerId: "tinh-doan",
      kind: "executive_committee",
      title: "Hội nghị Ban Chấp hành lần thứ 5",
      startDate: "2021-11-25",
      endDate: "2021-11-25",
      place: "Phủ Lý",
      periodUnderReview: { from: "2021-01-01", to: "2021-10-31" },
      recordedAt: "2021-11-26T02:00:00Z",
    });
    const changed = ConferenceSchema.parse(applyConferenceUpdate(record, update));
    expect(changed).not.toHaveProperty("place");
    expect(changed).not.toHaveProperty("periodUnderReview");
    expect(changed.title).toBe("Hội nghị Ban Chấp hành lần thứ 5");
    for (const field of ["title", "startDate", "organizerId"]) {
      expect(ConferenceUpdateSchema.safeParse({ [field]: null }).success).toBe(false);
    }
  });
});
