import { type Conference, compareVietnamese, foldVietnamese } from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { conferenceInput, insertOrganization } from "../content/test-fixtures.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import type { ConferenceSummary } from "./conferences.js";

const NOW = new Date("2021-11-26T00:00:00Z");
const ORG = "tinh-doan-ha-nam";
const OTHER = "doan-khoi-doanh-nghiep-soc-trang";
const SORTED = "tinh-doan-bac-ninh";

describe.each(testDrivers)("/api/v1/conferences on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => NOW });
    await insertOrganization(database.db, ORG, "Tỉnh đoàn Hà Nam");
    await insertOrganization(database.db, OTHER, "Đoàn Khối Doanh nghiệp tỉnh Sóc Trăng");
    await insertOrganization(database.db, SORTED, "Tỉnh đoàn Bắc Ninh");
  });
  afterAll(() => database.drop());

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  let recorded: Conference;

  it("records a conference with its attendees, documents, topics, figures and directives", async () => {
    const response = await send("POST", "/api/v1/conferences", {
      ...conferenceInput(ORG),
      attendees: [{ kind: "group", description: "Bí thư các huyện, thành đoàn", count: 40 }],
      documentsReviewed: [{ symbol: "15-NQ/TWĐTN", title: "Nghị quyết về tổ chức cơ sở" }],
      figures: [
        {
          label: "đoàn viên",
          figure: {
            metricId: "members.active",
            organizationId: ORG,
            asOf: "2021-10-31",
            value: 1587,
            computedAt: "2021-11-25T01:00:00Z",
          },
        },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("ETag")).toBe('"v1"');
    recorded = (await response.json()) as Conference;
    expect(recorded).toMatchObject({
      organizerId: ORG,
      kind: "extended_standing_committee",
      recordedAt: NOW.toISOString(),
      topics: ["Công tác Đoàn năm 2021"],
      directives: [{ id: "d1", dueDate: "2022-03-31" }],
    });
    expect(recorded.figures[0]?.figure.value).toBe(1587);

    const read = await app.request(`/api/v1/conferences/${recorded.id}`);
    expect(read.headers.get("ETag")).toBe('"v1"');
    expect((await read.json()) as Conference).toEqual(recorded);
    expect((await app.request("/api/v1/conferences/khong-co")).status).toBe(404);
  });

  it("refuses invalid records with a 400 naming the fields", async () => {
    const backwards = await send("POST", "/api/v1/conferences", {
      ...conferenceInput(ORG),
      endDate: "2021-11-24",
      session: undefined,
    });
    expect(backwards.status).toBe(400);
    const { error } = (await backwards.json()) as ErrorBody;
    expect(error.issues.map((issue) => issue.path)).toContainEqual(["endDate"]);
    expect(error.issues[0]?.message.vi).toBeTruthy();

    const unknown = await send("POST", "/api/v1/conferences", conferenceInput("khong-co"));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error.issues[0]?.path).toEqual(["organizerId"]);
    const noKind = await send("POST", "/api/v1/conferences", { ...conferenceInput(ORG), kind: "party" });
    expect(((await noKind.json()) as ErrorBody).error.issues[0]?.path).toEqual(["kind"]);
  });

  it("lists with filters by organiser, kind, dates and accent-insensitive title", async () => {
    await send("POST", "/api/v1/conferences", {
      ...conferenceInput(OTHER),
      kind: "thematic",
      title: "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn",
      startDate: "2017-08-31",
      endDate: "2017-08-31",
      directives: [],
    });
    const list = async (query: string) =>
      (
        (await (await app.request(`/api/v1/conferences?${query}`)).json()) as Page<ConferenceSummary>
      ).items.map((item) => item.title);
    expect(await list("")).toEqual([
      "Hội nghị Ban Thường vụ mở rộng",
      "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn",
    ]);
    expect(await list("sort=startsOn:asc")).toHaveLength(2);
    expect((await list("sort=startsOn:asc"))[0]).toContain("chuyên đề");
    expect(await list("kind=thematic")).toHaveLength(1);
    expect(await list(`organizationId=${OTHER}`)).toHaveLength(1);
    expect(await list("from=2021-01-01&to=2021-12-31")).toEqual(["Hội nghị Ban Thường vụ mở rộng"]);
    expect(await list("q=ban thuong vu")).toEqual(["Hội nghị Ban Thường vụ mở rộng"]);
    const bad = await app.request("/api/v1/conferences?from=2021-13-01&sort=place");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "from",
      "sort",
    ]);
  });

  it("sorts by title in Vietnamese order, tones included, which folded or code-unit order is not", async () => {
    const titles = [
      "Hội nghị ăn quả nhớ người trồng cây",
      "Hội nghị Đoàn",
      "Hội nghị an toàn",
      "Hội nghị đại biểu",
    ];
    for (const title of titles) {
      const response = await send("POST", "/api/v1/conferences", { ...conferenceInput(SORTED), title });
      expect(response.status).toBe(201);
    }
    const listed = async (direction: string) =>
      (
        (await (
          await app.request(`/api/v1/conferences?organizationId=${SORTED}&sort=title:${direction}`)
        ).json()) as Page<ConferenceSummary>
      ).items.map((item) => item.title);
    const vietnamese = [...titles].sort(compareVietnamese);
    expect(vietnamese).not.toEqual([...titles].sort());
    const folded = (title: string) => foldVietnamese(title);
    expect(vietnamese).not.toEqual([...titles].sort((a, b) => (folded(a) < folded(b) ? -1 : 1)));
    expect(await listed("asc")).toEqual(vietnamese);
    expect(await listed("desc")).toEqual([...vietnamese].reverse());
  });

  it("changes a record under If-Match, rechecking the whole record, and a refused change leaves it as it was", async () => {
    const path = `/api/v1/conferences/${recorded.id}`;
    expect((await send("PATCH", path, { place: "Phủ Lý" })).status).toBe(428);
    expect((await send("PATCH", path, { place: "Phủ Lý" }, { "If-Match": '"v5"' })).status).toBe(412);
    // A later start than the kept end date is caught on the merged record.
    const late = await send("PATCH", path, { startDate: "2021-12-01" }, { "If-Match": '"v1"' });
    expect(late.status).toBe(400);
    expect(((await late.json()) as ErrorBody).error.issues.map((issue) => issue.path[0])).toContain(
      "endDate",
    );

    const changed = await send(
      "PATCH",
      path,
      { place: "Phủ Lý", conclusions: ["Tăng cường sinh hoạt chi đoàn"] },
      { "If-Match": '"v1"' },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).toBe('"v2"');
    expect((await changed.json()) as Conference).toMatchObject({ place: "Phủ Lý", topics: recorded.topics });
    expect((await send("PATCH", path, { place: "Hà Nam" }, { "If-Match": '"v1"' })).status).toBe(412);
    expect(((await (await app.request(path)).json()) as Conference).place).toBe("Phủ Lý");
    expect(
      (await send("PATCH", "/api/v1/conferences/khong-co", { place: "x" }, { "If-Match": '"v1"' })).status,
    ).toBe(404);

    // null clears a field the record may go without; the title cannot be cleared.
    const cleared = await send("PATCH", path, { place: null }, { "If-Match": '"v2"' });
    expect(cleared.status).toBe(200);
    const answer = (await cleared.json()) as Conference;
    expect(answer).not.toHaveProperty("place");
    expect(answer.conclusions).toEqual(["Tăng cường sinh hoạt chi đoàn"]);
    const untitled = await send("PATCH", path, { title: null }, { "If-Match": '"v3"' });
    expect(untitled.status).toBe(400);
    expect(((await untitled.json()) as ErrorBody).error.issues[0]?.path).toEqual(["title"]);
  });

  it("records a later conference as the follow-up of a directive, and refuses an earlier or unknown one", async () => {
    const issuing = (await (
      await send("POST", "/api/v1/conferences", conferenceInput(ORG, { title: "Hội nghị ban hành chỉ đạo" }))
    ).json()) as Conference;
    const later = (await (
      await send(
        "POST",
        "/api/v1/conferences",
        conferenceInput(ORG, {
          title: "Hội nghị sơ kết",
          startDate: "2022-04-05",
          endDate: "2022-04-05",
          directives: [],
        }),
      )
    ).json()) as Conference;
    const path = `/api/v1/conferences/${issuing.id}`;
    const linkTo = (conferenceId: string) => ({
      directives: issuing.directives.map((directive) => ({
        ...directive,
        followedUpBy: { conferenceId, note: "Đã rà soát" },
      })),
    });

    const same = await send("PATCH", path, linkTo(issuing.id), { "If-Match": '"v1"' });
    expect(same.status).toBe(409);
    expect(((await same.json()) as ErrorBody).error.issues[0]?.path).toEqual([
      "directives",
      0,
      "followedUpBy",
      "conferenceId",
    ]);
    const unknown = await send("PATCH", path, linkTo("khong-co"), { "If-Match": '"v1"' });
    expect(unknown.status).toBe(400);

    const linked = await send("PATCH", path, linkTo(later.id), { "If-Match": '"v1"' });
    expect(linked.status).toBe(200);
    expect(((await linked.json()) as Conference).directives[0]?.followedUpBy).toEqual({
      conferenceId: later.id,
      note: "Đã rà soát",
    });
  });

  it("takes a title from a position term held that day, and refuses an unknown term, another person's or one not held that day", async () => {
    const appointed = await send("POST", "/api/v1/positions", {
      person: { fullName: "Nguyễn Thị Phương Quỳnh", memberId: "m-quynh" },
      title: "standing_deputy_secretary",
      organizationId: ORG,
      from: "2020-10-01",
      to: "2021-12-31",
    });
    expect(appointed.status).toBe(201);
    const term = (await appointed.json()) as { id: string; person: { fullName: string; memberId: string } };
    const speaker = {
      person: term.person,
      title: "Phó Bí thư Thường trực",
      titleEn: "Standing Deputy Secretary",
      organizationId: ORG,
      organizationName: "Tỉnh đoàn Hà Nam",
      positionTermId: term.id,
    };

    const created = await send("POST", "/api/v1/conferences", conferenceInput(ORG, { speakers: [speaker] }));
    expect(created.status).toBe(201);
    const record = (await created.json()) as Conference;
    expect(record.speakers[0]?.positionTermId).toBe(term.id);

    const unknown = await send(
      "POST",
      "/api/v1/conferences",
      conferenceInput(ORG, { speakers: [{ ...speaker, positionTermId: "khong-co" }] }),
    );
    expect(unknown.status).toBe(400);
    const unknownIssue = ((await unknown.json()) as ErrorBody).error.issues[0];
    expect(unknownIssue?.path).toEqual(["speakers", 0, "positionTermId"]);
    expect(unknownIssue?.message.vi).toContain("Không tìm thấy nhiệm kỳ");
    expect(unknownIssue?.message.en).toContain("No term");

    const someoneElse = await send(
      "POST",
      "/api/v1/conferences",
      conferenceInput(ORG, {
        attendees: [{ kind: "people", people: [{ ...speaker, person: { fullName: "Lê Văn Khách" } }] }],
      }),
    );
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.headers.get("X-Refusal-Code")).toBe("POSITION_NOT_HELD");
    expect(((await someoneElse.json()) as ErrorBody).error.issues[0]?.path).toEqual([
      "attendees",
      0,
      "people",
      0,
      "positionTermId",
    ]);

    // Moving the conference past the term's end checks the stored reference again.
    const moved = await send(
      "PATCH",
      `/api/v1/conferences/${record.id}`,
      { startDate: "2022-01-10", endDate: "2022-01-10", directives: [] },
      { "If-Match": '"v1"' },
    );
    expect(moved.status).toBe(409);
    const movedIssue = ((await moved.json()) as ErrorBody).error.issues[0];
    expect(movedIssue?.path).toEqual(["speakers", 0, "positionTermId"]);
    expect(movedIssue?.message).toEqual({
      vi: "Nguyễn Thị Phương Quỳnh không giữ chức Phó Bí thư Thường trực này vào ngày hội nghị",
      en: "Nguyễn Thị Phương Quỳnh did not hold this position of Standing Deputy Secretary on the day of the conference",
    });
    const kept = await send(
      "PATCH",
      `/api/v1/conferences/${record.id}`,
      { place: "Phủ Lý" },
      { "If-Match": '"v1"' },
    );
    expect(kept.status).toBe(200);
  });
});
