// Sensitive fields (card, ethnicity, religion, contact) wherever a member's detail is answered: masked
// for a role without `members.sensitive`, and every reading of them by a role with it in the trail.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { auditEvent } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { MASK } from "./audit.js";
import { json, memberInput, seedUnits } from "./member-test-data.js";
import type { MemberDetail } from "./members.js";

describe.each(testDrivers)("a member's sensitive fields, on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: ReturnType<typeof createApp>;
  let viewer: ReturnType<typeof createApp>;
  let member: MemberDetail;

  const readsOf = async (memberId: string) =>
    (
      await database.db
        .select({ after: auditEvent.after })
        .from(auditEvent)
        .where(and(eq(auditEvent.action, "read"), eq(auditEvent.subjectId, memberId)))
    ).map((row) => row.after);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const services = { database, now: () => new Date("2021-11-26T03:00:00Z") };
    admin = await createSignedInApp(services);
    viewer = await createSignedInApp(services, { role: "viewer" });
    await seedUnits(database.db);
    const created = await admin.request(
      "/api/v1/members",
      json("POST", memberInput({ fullName: "Lý Thị Hoa", ethnicity: "Khmer", religion: "Phật giáo" })),
    );
    expect(created.status).toBe(201);
    member = (await created.json()) as MemberDetail;
  });
  afterAll(() => database.drop());

  it("masks them for a viewer, who leaves no reading of them in the trail", async () => {
    const response = await viewer.request(`/api/v1/members/${member.id}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as MemberDetail;
    expect(detail).toMatchObject({ fullName: "Lý Thị Hoa", ethnicity: MASK, religion: MASK });
    expect(await readsOf(member.id)).toEqual([]);
  });

  it("shows them to an administrator, and the trail names the fields read", async () => {
    const detail = (await (await admin.request(`/api/v1/members/${member.id}`)).json()) as MemberDetail;
    expect(detail).toMatchObject({ ethnicity: "Khmer", religion: "Phật giáo" });
    expect(await readsOf(member.id)).toEqual([{ fields: expect.arrayContaining(["ethnicity", "religion"]) }]);
  });

  it("counts the answer to a change as a reading: it carries stored fields the change did not send", async () => {
    const changed = await admin.request(
      `/api/v1/members/${member.id}`,
      json("PATCH", { occupation: "Công nhân" }, { "If-Match": `"v${member.version}"` }),
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ occupation: "Công nhân", ethnicity: "Khmer" });
    expect(await readsOf(member.id)).toHaveLength(2);
  });
});
