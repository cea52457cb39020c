import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { memberEvent, positionTerm } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import type { Page } from "../http/list.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { MemberDetail, MemberSummary } from "./members.js";

type EventAnswer = { event: { id: string; type: string }; member: MemberDetail };
type Timeline = {
  events: { event: { id: string; type: string; effectiveDate: string }; correctedBy: string[] }[];
  voided: { event: { id: string }; voidedBy: string }[];
  corrections: { id: string; targetEventId: string }[];
};

describe.each(testDrivers)("members on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  // Corrections must be recorded after what they correct, so the clock can move.
  let clock = new Date("2021-11-26T03:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => clock });
    await seedUnits(database.db);
  });
  afterAll(() => database.drop());

  async function create(overrides: Parameters<typeof memberInput>[0] = {}): Promise<MemberDetail> {
    const response = await app.request("/api/v1/members", json("POST", memberInput(overrides)));
    expect(response.status).toBe(201);
    return (await response.json()) as MemberDetail;
  }

  async function record(id: string, body: unknown, version: number) {
    return app.request(`/api/v1/members/${id}/events`, json("POST", body, { "If-Match": `"v${version}"` }));
  }

  async function eventCount(): Promise<number> {
    return (await database.db.select().from(memberEvent)).length;
  }

  describe("create, read, update", () => {
    it("creates the member and the admission together, and derives the status", async () => {
      const response = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ cardNumber: "ST-0000001" })),
      );
      expect(response.status).toBe(201);
      expect(response.headers.get("ETag")).toBe('"v1"');
      const created = (await response.json()) as MemberDetail;
      expect(created).toMatchObject({
        fullName: "Trần Ngọc Nam",
        cardNumber: "ST-0000001",
        status: "active",
        homeUnitId: UNITS.B1,
        admittedOn: "2012-03-26",
        ethnicity: "Kinh",
        version: 1,
      });
      expect(response.headers.get("Location")).toBe(`/api/v1/members/${created.id}`);

      const read = await app.request(`/api/v1/members/${created.id}?asOf=2012-03-25`);
      expect(read.status).toBe(200);
      expect(read.headers.get("ETag")).toBe('"v1"');
      expect(await read.json()).toMatchObject({
        status: "not_admitted",
        homeUnitId: null,
        religion: "Không",
      });
    });

    it("refuses invalid input with 400 naming the fields, and writes nothing", async () => {
      const before = await eventCount();
      const response = await app.request(
        "/api/v1/members",
        json("POST", { ...memberInput(), fullName: "", birthDate: "1995-13", admission: { date: "x" } }),
      );
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe("VALIDATION_FAILED");
      const paths = error.issues.map((issue) => issue.path.join("."));
      expect(paths).toEqual(
        expect.arrayContaining(["fullName", "birthDate", "admission.date", "admission.homeUnitId"]),
      );
      for (const issue of error.issues) expect(issue.message.vi && issue.message.en).toBeTruthy();
      expect(await eventCount()).toBe(before);
    });

    it("refuses an admission outside 16–30 and a home unit that is not a branch with 409", async () => {
      const tooYoung = await app.request(
        "/api/v1/members",
        json(
          "POST",
          memberInput({
            birthDate: "2000-01-01",
            admission: { ...memberInput().admission, date: "2012-03-26" },
          }),
        ),
      );
      expect(tooYoung.status).toBe(409);
      expect(tooYoung.headers.get("X-Refusal-Code")).toBe("ADMISSION_AGE_OUTSIDE_RANGE");
      expect(((await tooYoung.json()) as ErrorBody).error.message.en).toMatch(/16 to 30/);

      const notBranch = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ admission: { ...memberInput().admission, homeUnitId: UNITS.G } })),
      );
      expect(notBranch.status).toBe(409);
      expect(((await notBranch.json()) as ErrorBody).error.issues[0]?.path).toEqual(["homeUnitId"]);
    });

    it("refuses a card number already taken with 409", async () => {
      const response = await app.request(
        "/api/v1/members",
        json("POST", memberInput({ cardNumber: "ST-0000001" })),
      );
      expect(response.status).toBe(409);
    });

    it("updates personal fields with If-Match, null clearing one; 428 without, 412 when stale, 404 unknown", async () => {
      const member = await create({ fullName: "Lê Thị Hoa", gender: "female" });
      const url = `/api/v1/members/${member.id}`;
      expect((await app.request(url, json("PATCH", { occupation: "Giáo viên" }))).status).toBe(428);
      const updated = await app.request(
        url,
        json("PATCH", { occupation: "Giáo viên" }, { "If-Match": '"v1"' }),
      );
      expect(updated.status).toBe(200);
      expect(updated.headers.get("ETag")).toBe('"v2"');
      expect(await updated.json()).toMatchObject({
        occupation: "Giáo viên",
        fullName: "Lê Thị Hoa",
        version: 2,
      });
      const stale = await app.request(url, json("PATCH", { occupation: "Kỹ sư" }, { "If-Match": '"v1"' }));
      expect(stale.status).toBe(412);
      expect(await (await app.request(url)).json()).toMatchObject({ occupation: "Giáo viên" });
      const invalid = await app.request(
        url,
        json("PATCH", { birthDate: "1995-02-30" }, { "If-Match": '"v2"' }),
      );
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as ErrorBody).error.issues[0]?.path).toEqual(["birthDate"]);

      // null clears a field the record may go without, and leaves the fields not sent alone.
      const cleared = await app.request(url, json("PATCH", { occupation: null }, { "If-Match": '"v2"' }));
      expect(cleared.status).toBe(200);
      const answer = (await cleared.json()) as MemberDetail;
      expect(answer).not.toHaveProperty("occupation");
      expect(answer).toMatchObject({ fullName: "Lê Thị Hoa", gender: "female", version: 3 });
      expect(await (await app.request(url)).json()).not.toHaveProperty("occupation");
      // The name cannot be cleared: refused on its field, nothing changed.
      const nameless = await app.request(url, json("PATCH", { fullName: null }, { "If-Match": '"v3"' }));
      expect(nameless.status).toBe(400);
      expect(((await nameless.json()) as ErrorBody).error.issues[0]?.path).toEqual(["fullName"]);
      expect(await (await app.request(url)).json()).toMatchObject({ fullName: "Lê Thị Hoa", version: 3 });

      const unknown = await app.request("/api/v1/members/nobody", json("PATCH", {}, { "If-Match": '"v1"' }));
      expect(unknown.status).toBe(404);
    });

    it("answers 404 for an unknown member", async () => {
      expect((await app.request("/api/v1/members/nobody")).status).toBe(404);
      expect((await app.request("/api/v1/members/nobody/timeline")).status).toBe(404);
      expect((await record("nobody", { type: "deceased", effectiveDate: "2020-01-01" }, 1)).status).toBe(404);
    });
  });

  describe("events", () => {
    it("records a transfer out and its receipt, bumping the version", async () => {
      const member = await create({ fullName: "Phạm Văn Đức" });
      const out = await record(
        member.id,
        { type: "transfer_out", effectiveDate: "2015-01-10", fromUnitId: UNITS.B1, toUnitId: UNITS.B3 },
        1,
      );
      expect(out.status).toBe(201);
      expect(out.headers.get("ETag")).toBe('"v2"');
      const sent = (await out.json()) as EventAnswer;
      expect(sent.member).toMatchObject({ status: "pending_transfer", homeUnitId: null, version: 2 });

      const received = await record(
        member.id,
        {
          type: "transfer_in",
          effectiveDate: "2015-02-01",
          transferOutEventId: sent.event.id,
          unitId: UNITS.B3,
        },
        2,
      );
      expect(received.status).toBe(201);
      expect(((await received.json()) as EventAnswer).member).toMatchObject({
        status: "active",
        homeUnitId: UNITS.B3,
      });
      const asOf = await app.request(`/api/v1/members/${member.id}?asOf=2015-01-20`);
      expect(await asOf.json()).toMatchObject({ status: "pending_transfer" });
    });

    it("refuses a receipt of a transfer that is not pending (409) and changes nothing", async () => {
      const member = await create({ fullName: "Võ Minh Tâm" });
      const before = await eventCount();
      const response = await record(
        member.id,
        {
          type: "transfer_in",
          effectiveDate: "2015-02-01",
          transferOutEventId: "no-such-transfer",
          unitId: UNITS.B3,
        },
        1,
      );
      expect(response.status).toBe(409);
      expect(response.headers.get("X-Refusal-Code")).toBe("TRANSFER_NOT_PENDING");
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe("CONFLICT");
      expect(error.message.vi).toMatch(/chờ tiếp nhận/);
      expect(await eventCount()).toBe(before);
      // The refused event did not bump the version either.
      expect((await app.request(`/api/v1/members/${member.id}`)).headers.get("ETag")).toBe('"v1"');
    });

    it("refuses an event before the admission", async () => {
      const member = await create({ fullName: "Đặng Thu Trang" });
      const response = await record(
        member.id,
        { type: "rewarded", effectiveDate: "2011-05-01", title: "Giấy khen" },
        1,
      );
      expect(response.status).toBe(409);
      expect(response.headers.get("X-Refusal-Code")).toBe("EVENT_BEFORE_ADMISSION");
    });

    it("refuses anything after an expulsion but a correction, which reopens the record", async () => {
      const member = await create({ fullName: "Bùi Quang Huy" });
      const expelled = await record(
        member.id,
        {
          type: "disciplined",
          effectiveDate: "2016-06-01",
          form: "expulsion",
          organizationId: UNITS.G,
          decisionRef: "3-QĐ/ĐTN",
        },
        1,
      );
      expect(expelled.status).toBe(201);
      const expulsion = (await expelled.json()) as EventAnswer;
      expect(expulsion.member.status).toBe("expelled");

      const after = await record(
        member.id,
        { type: "rated", effectiveDate: "2016-12-20", year: 2016, level: "good" },
        2,
      );
      expect(after.status).toBe(409);
      expect(after.headers.get("X-Refusal-Code")).toBe("RECORD_CLOSED");

      clock = new Date(clock.getTime() + 60_000);
      const corrected = await record(
        member.id,
        {
          type: "corrected",
          effectiveDate: "2016-06-01",
          targetEventId: expulsion.event.id,
          replacement: null,
          reason: "Nhầm hồ sơ",
        },
        2,
      );
      expect(corrected.status).toBe(201);
      expect(((await corrected.json()) as EventAnswer).member.status).toBe("active");

      const timeline = (await (
        await app.request(`/api/v1/members/${member.id}/timeline`)
      ).json()) as Timeline;
      expect(timeline.events.map((item) => item.event.type)).toEqual(["admitted"]);
      expect(timeline.voided.map((item) => item.event.id)).toEqual([expulsion.event.id]);
      expect(timeline.corrections).toHaveLength(1);
      expect(timeline.voided[0]?.voidedBy).toBe(timeline.corrections[0]?.id);
    });

    it("refuses dismissal of a member who holds no position", async () => {
      const member = await create({ fullName: "Hồ Thị Lan" });
      const response = await record(
        member.id,
        {
          type: "disciplined",
          effectiveDate: "2016-06-01",
          form: "dismissal",
          organizationId: UNITS.G,
          decisionRef: "4-QĐ/ĐTN",
        },
        1,
      );
      expect(response.status).toBe(409);
      expect(response.headers.get("X-Refusal-Code")).toBe("DISMISSAL_WITHOUT_POSITION");
    });

    it("allows dismissal of a member who holds a position on that date", async () => {
      const member = await create({ fullName: "Tạ Minh Khoa" });
      await database.db.insert(positionTerm).values({
        organizationId: UNITS.B1,
        title: "Bí thư",
        person: { fullName: "Tạ Minh Khoa", memberId: member.id },
        personFolded: "ta minh khoa",
        validFrom: "2014-01-01",
        validTo: "2016-12-31",
      });
      const dismissal = (effectiveDate: string, version: number) =>
        record(
          member.id,
          {
            type: "disciplined",
            effectiveDate,
            form: "dismissal",
            organizationId: UNITS.G,
            decisionRef: "5-QĐ/ĐTN",
          },
          version,
        );
      const late = await dismissal("2017-03-01", 1);
      expect(late.status).toBe(409);
      expect(late.headers.get("X-Refusal-Code")).toBe("DISMISSAL_WITHOUT_POSITION");
      expect((await dismissal("2016-06-01", 1)).status).toBe(201);
    });

    it("needs If-Match (428) and a current one (412), and validates the body (400)", async () => {
      const member = await create({ fullName: "Ngô Bảo Châu" });
      const url = `/api/v1/members/${member.id}/events`;
      const body = { type: "rewarded", effectiveDate: "2013-05-01", title: "Giấy khen" };
      expect((await app.request(url, json("POST", body))).status).toBe(428);
      expect((await record(member.id, body, 7)).status).toBe(412);
      const invalid = await record(member.id, { type: "activity_postponed", effectiveDate: "2013-05-01" }, 1);
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as ErrorBody).error.issues.map((issue) => issue.path)).toEqual([
        ["until"],
      ]);
      const unknownType = await record(member.id, { type: "promoted", effectiveDate: "2013-05-01" }, 1);
      expect(unknownType.status).toBe(400);
    });
  });

  describe("list", () => {
    it("searches without diacritics, filters and sorts by the Vietnamese name order", async () => {
      const page = (await (
        await app.request("/api/v1/members?q=tran%20ngoc%20nam")
      ).json()) as Page<MemberSummary>;
      expect(page.items.map((item) => item.fullName)).toEqual(["Trần Ngọc Nam"]);
      expect(page.items[0]).not.toHaveProperty("ethnicity");
      expect(page.items[0]).not.toHaveProperty("religion");

      const women = (await (
        await app.request("/api/v1/members?gender=female")
      ).json()) as Page<MemberSummary>;
      expect(women.items.map((item) => item.fullName)).toEqual(["Lê Thị Hoa"]);

      const all = (await (await app.request("/api/v1/members?pageSize=500")).json()) as Page<MemberSummary>;
      const given = all.items.map((item) => item.fullName.split(" ").at(-1));
      // By given name first: Châu, Đức, Hoa, Huy, Khoa, Lan, Nam, Tâm, Trang.
      expect(given).toEqual(["Châu", "Đức", "Hoa", "Huy", "Khoa", "Lan", "Nam", "Tâm", "Trang"]);
      expect(all.total).toBe(9);

      const second = (await (
        await app.request("/api/v1/members?pageSize=3&page=2&sort=name:desc")
      ).json()) as Page<MemberSummary>;
      expect(second.items.map((item) => item.fullName.split(" ").at(-1))).toEqual(["Lan", "Khoa", "Huy"]);
      expect(second.total).toBe(9);
    });

    it("filters by status and subtree as of a date, and by certain age", async () => {
      const inG2 = (await (
        await app.request(`/api/v1/members?organizationId=${UNITS.G2}`)
      ).json()) as Page<MemberSummary>;
      expect(inG2.items.map((item) => item.fullName)).toEqual(["Phạm Văn Đức"]);
      const inGBefore = (await (
        await app.request(`/api/v1/members?organizationId=${UNITS.G}&asOf=2015-01-05&q=duc`)
      ).json()) as Page<MemberSummary>;
      expect(inGBefore.items.map((item) => item.fullName)).toEqual(["Phạm Văn Đức"]);
      const inProvince = (await (
        await app.request(`/api/v1/members?organizationId=${UNITS.P}`)
      ).json()) as Page<MemberSummary>;
      expect(inProvince.total).toBe(9);

      const pending = (await (
        await app.request("/api/v1/members?status=pending_transfer&asOf=2015-01-20")
      ).json()) as Page<MemberSummary>;
      expect(pending.items.map((item) => item.fullName)).toEqual(["Phạm Văn Đức"]);
      expect(pending.total).toBe(1);

      await create({ fullName: "Mai Anh", birthDate: "1996", cardNumber: "ST-0000099" });
      // Born some day in 1996: on 2021-11-26 aged 24 or 25, so certainly ≥ 24 but not certainly ≥ 25.
      const atLeast25 = (await (
        await app.request("/api/v1/members?ageMin=25&q=mai")
      ).json()) as Page<MemberSummary>;
      expect(atLeast25.total).toBe(0);
      const atLeast24 = (await (
        await app.request("/api/v1/members?ageMin=24&ageMax=25&q=mai")
      ).json()) as Page<MemberSummary>;
      expect(atLeast24.total).toBe(1);
    });

    it("shows a change in a page listed before, whichever instance made it", async () => {
      // A second instance on the same database, with pages of its own (see db/snapshot-cache.ts).
      const other = await createSignedInApp({ database, now: () => clock });
      const url = `/api/v1/members?organizationId=${UNITS.P}&q=chau`;
      const pageOf = async () => ((await (await app.request(url)).json()) as Page<MemberSummary>).items;
      const [before] = await pageOf();
      expect(before?.occupation).not.toBe("Kế toán");
      expect(await pageOf()).toEqual([before]);

      const detail = (await (await other.request(`/api/v1/members/${before?.id}`)).json()) as MemberDetail;
      const changed = await other.request(
        `/api/v1/members/${detail.id}`,
        json("PATCH", { occupation: "Kế toán" }, { "If-Match": `"v${detail.version}"` }),
      );
      expect(changed.status).toBe(200);
      expect((await pageOf())[0]?.occupation).toBe("Kế toán");
    });

    it.each([
      ["sort=fullName", "sort"],
      ["status=sleeping", "status"],
      ["asOf=2021-02-30", "asOf"],
      ["pageSize=501", "pageSize"],
      ["ageMin=-1", "ageMin"],
    ])("refuses %s with a 400 naming the field", async (query, field) => {
      const response = await app.request(`/api/v1/members?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.issues[0]?.path).toEqual([field]);
    });
  });

  // After the list: these members would change the counts it reads.
  describe("corrections that put another body in place", () => {
    it("puts a replacement in place of an event, and the derived state follows it", async () => {
      const member = await create({ fullName: "Lâm Thị Hồng" });
      const postponed = await record(
        member.id,
        { type: "activity_postponed", effectiveDate: "2021-01-01", until: "2021-12-31", reason: "Đi học xa" },
        1,
      );
      expect(postponed.status).toBe(201);
      const event = (await postponed.json()) as EventAnswer;
      expect(event.member.status).toBe("postponed");

      clock = new Date(clock.getTime() + 60_000);
      const corrected = await record(
        member.id,
        {
          type: "corrected",
          effectiveDate: "2021-01-01",
          targetEventId: event.event.id,
          replacement: {
            type: "activity_postponed",
            effectiveDate: "2021-01-01",
            until: "2021-06-30",
            reason: "Đi học xa",
          },
          reason: "Quyết định ghi đến 30/6/2021",
        },
        2,
      );
      expect(corrected.status).toBe(201);
      // The clock stands at 26/11/2021: the postponement now ended in June.
      expect(((await corrected.json()) as EventAnswer).member.status).toBe("active");
      const timeline = (await (
        await app.request(`/api/v1/members/${member.id}/timeline`)
      ).json()) as Timeline;
      const entry = timeline.events.find((item) => item.event.id === event.event.id);
      expect(entry?.event).toMatchObject({ type: "activity_postponed", until: "2021-06-30" });
      expect(entry?.correctedBy).toEqual([timeline.corrections[0]?.id]);
    });

    it("refuses a replacement that makes the history impossible, naming its field, and writes nothing", async () => {
      const member = await create({ fullName: "Trịnh Văn Đức" });
      const rewarded = await record(
        member.id,
        { type: "rewarded", effectiveDate: "2015-05-01", title: "Giấy khen" },
        1,
      );
      const target = ((await rewarded.json()) as EventAnswer).event.id;
      clock = new Date(clock.getTime() + 60_000);
      const before = await eventCount();
      const correction = (replacement: Record<string, unknown>) => ({
        type: "corrected",
        effectiveDate: String(replacement.effectiveDate),
        targetEventId: target,
        replacement,
        reason: "Sai ngày",
      });
      // Admitted on 26/3/2012: a reward cannot come before it.
      const early = await record(
        member.id,
        correction({ type: "rewarded", effectiveDate: "2011-05-01", title: "Giấy khen" }),
        2,
      );
      expect(early.status).toBe(409);
      expect(early.headers.get("X-Refusal-Code")).toBe("EVENT_BEFORE_ADMISSION");
      const { error } = (await early.json()) as ErrorBody;
      expect(error.issues.map((issue) => issue.path)).toEqual([["replacement", "effectiveDate"]]);
      expect(error.message.vi && error.message.en).toBeTruthy();
      const tooLong = await record(
        member.id,
        correction({ type: "activity_postponed", effectiveDate: "2015-05-01", until: "2016-09-01" }),
        2,
      );
      expect(tooLong.status).toBe(409);
      expect(((await tooLong.json()) as ErrorBody).error.issues[0]?.path).toEqual(["replacement", "until"]);
      expect(await eventCount()).toBe(before);
      const read = await app.request(`/api/v1/members/${member.id}`);
      expect(read.headers.get("ETag")).toBe('"v2"');
    });
  });
});
