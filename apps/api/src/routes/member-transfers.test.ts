import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { Page } from "../http/list.js";
import { json, memberInput, seedUnits, UNITS } from "./member-test-data.js";
import type { MemberDetail, MemberSummary } from "./members.js";

type EventAnswer = { event: { id: string }; member: MemberDetail };

// A transfer between two subtrees: the receiving unit's administrator, who never had the member,
// finds the transfer waiting and takes the member in; a third unit sees nothing of it.
describe.each(testDrivers)("a transfer between two scopes on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: ReturnType<typeof createApp>;
  let receiver: ReturnType<typeof createApp>;
  let bystander: ReturnType<typeof createApp>;
  const now = () => new Date("2021-11-26T03:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedUnits(database.db);
    admin = await createSignedInApp({ database, now });
    receiver = await createSignedInApp({ database, now }, { role: "org_admin", organizationId: UNITS.G2 });
    bystander = await createSignedInApp({ database, now }, { role: "org_admin", organizationId: UNITS.B2 });
  });
  afterAll(() => database.drop());

  it("lists the waiting transfer for the unit it is addressed to, which receives the member", async () => {
    const created = (await (
      await admin.request("/api/v1/members", json("POST", memberInput({ fullName: "Ngô Văn Chuyển" })))
    ).json()) as MemberDetail;
    const out = await admin.request(
      `/api/v1/members/${created.id}/events`,
      json(
        "POST",
        { type: "transfer_out", effectiveDate: "2020-05-04", fromUnitId: UNITS.B1, toUnitId: UNITS.B3 },
        { "If-Match": '"v1"' },
      ),
    );
    expect(out.status).toBe(201);
    const sent = (await out.json()) as EventAnswer;

    const waiting = (await (
      await receiver.request("/api/v1/members?status=pending_transfer")
    ).json()) as Page<MemberSummary>;
    expect(waiting.items.map((item) => item.id)).toEqual([created.id]);
    // Not on the receiving unit's roll until received.
    const roll = (await (await receiver.request("/api/v1/members")).json()) as Page<MemberSummary>;
    expect(roll.items.map((item) => item.id)).not.toContain(created.id);
    expect((await bystander.request(`/api/v1/members/${created.id}`)).status).toBe(404);
    const elsewhere = (await (
      await bystander.request("/api/v1/members?status=pending_transfer")
    ).json()) as Page<MemberSummary>;
    expect(elsewhere.total).toBe(0);

    const read = await receiver.request(`/api/v1/members/${created.id}`);
    expect(read.status).toBe(200);
    const received = await receiver.request(
      `/api/v1/members/${created.id}/events`,
      json(
        "POST",
        {
          type: "transfer_in",
          effectiveDate: "2020-05-20",
          transferOutEventId: sent.event.id,
          unitId: UNITS.B3,
        },
        { "If-Match": read.headers.get("ETag") ?? "" },
      ),
    );
    expect(received.status).toBe(201);
    expect(((await received.json()) as EventAnswer).member).toMatchObject({
      status: "active",
      homeUnitId: UNITS.B3,
    });
    const after = (await (await receiver.request("/api/v1/members")).json()) as Page<MemberSummary>;
    expect(after.items.map((item) => item.id)).toContain(created.id);
  });
});
