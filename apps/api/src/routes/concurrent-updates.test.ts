// Many clients changing the same record at once: every change either lands on the version its
// client read or is refused with 412, so none is lost; clients that reload and retry all land.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { json, memberInput, seedUnits } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";

const CLIENTS = 10;

describe.each(testDrivers)("concurrent updates of one member on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    app = await createSignedInApp({ database, now: () => new Date("2021-11-26T03:00:00Z") });
    await seedUnits(database.db);
  });
  afterAll(() => database.drop());

  async function createMember(): Promise<MemberDetail> {
    const response = await app.request("/api/v1/members", json("POST", memberInput({ occupation: "-" })));
    expect(response.status).toBe(201);
    return (await response.json()) as MemberDetail;
  }

  it("lets one of the clients that read the same version through, and answers the others 412", async () => {
    const member = await createMember();
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        app.request(
          `/api/v1/members/${member.id}`,
          json("PATCH", { occupation: `client ${client}` }, { "If-Match": '"v1"' }),
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(CLIENTS - 1).fill(412)]);
    const winner = (await Promise.all(
      answers.filter((a) => a.status === 200).map((a) => a.json()),
    )) as MemberDetail[];
    const stored = (await (await app.request(`/api/v1/members/${member.id}`)).json()) as MemberDetail;
    expect(stored).toMatchObject({ version: 2, occupation: winner[0]?.occupation });
  });

  it("loses no change when every client reloads after a 412 and tries again", async () => {
    const member = await createMember();
    const append = async (mark: string) => {
      for (;;) {
        const read = await app.request(`/api/v1/members/${member.id}`);
        const current = (await read.json()) as MemberDetail;
        const written = await app.request(
          `/api/v1/members/${member.id}`,
          json(
            "PATCH",
            { occupation: `${current.occupation ?? ""}${mark}` },
            { "If-Match": read.headers.get("ETag") ?? "" },
          ),
        );
        if (written.status === 200) return;
        expect(written.status).toBe(412);
      }
    };
    const marks = Array.from({ length: CLIENTS }, (_, client) => `|${client}`);
    await Promise.all(marks.map(append));
    const stored = (await (await app.request(`/api/v1/members/${member.id}`)).json()) as MemberDetail;
    // Every client's mark, each once.
    expect(stored.occupation?.split("|").slice(1).sort()).toEqual(marks.map((mark) => mark.slice(1)).sort());
    expect(stored.version).toBe(CLIENTS + 1);
  });
});
