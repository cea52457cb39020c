// The metric routes after random writes through the member routes (create, lifecycle events,
// corrections, personal fields, CSV import): each write keeps the SQL path's timelines current,
// so every figure equals the domain's over the records as stored, now and as known at each write.
import { fc } from "@fast-check/vitest";
import {
  addDays,
  indexMemberRecords,
  METRIC_CATALOGUE,
  type MemberRecordIndex,
  type MetricId,
  type MetricQuery,
  type MetricResult,
  resolveOrganizationTree,
  rollUpMetric,
} from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.js";
import { createSignedInApp } from "../auth/test-session.js";
import { loadMemberEvents } from "../db/queries/members.js";
import { loadOrganizationRecords } from "../db/queries/tree.js";
import { member } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import { json, seedUnits, UNITS } from "./member-test-data.js";

const HOME_UNITS = [UNITS.B1, UNITS.B2, UNITS.B3] as const;
const day = (offset: number) => addDays("2012-01-01", offset);

const createArbitrary = fc.record({
  kind: fc.constant("create" as const),
  on: fc.integer({ min: 0, max: 1500 }),
  unit: fc.nat(),
  birth: fc.constantFrom("1984", "1990-02", "1994-02-29", "1996-07-01"),
  gender: fc.constantFrom("male" as const, "female" as const),
});

const actionArbitrary = fc.oneof(
  { weight: 1, arbitrary: createArbitrary },
  // Mostly lifecycle events, the writes with the most rules behind them.
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("event" as const),
      member: fc.nat(),
      /** Days after the member's last event. */
      gap: fc.integer({ min: 0, max: 400 }),
      type: fc.constantFrom(
        "transfer",
        "receive",
        "activity_postponed",
        "residence_registered",
        "rated",
        "matured",
        "removed_from_roll",
        "deceased",
        "void",
      ),
      unit: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("patch" as const),
      member: fc.nat(),
      birth: fc.constantFrom("1980-12-31", "1992", "1999-03"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("import" as const),
      on: fc.integer({ min: 0, max: 1500 }),
      unit: fc.nat(),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
);
type Action = typeof actionArbitrary extends fc.Arbitrary<infer T> ? T : never;

const CSV_HEADER =
  "Họ và tên,Giới tính,Ngày sinh,Ngày kết nạp,Số nghị quyết kết nạp,Mã tổ chức kết nạp,Mã chi đoàn";

describe.each(testDrivers)("metrics after writes through the member routes on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  // Every request is recorded an hour after the one before, so "known at" can fall between writes.
  // It starts now: the seeded tree is recorded at the database's clock, and "known at" must see it.
  let clock = Date.now();
  const written: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedUnits(database.db);
    app = await createSignedInApp({ database, now: () => new Date(clock) });
  });
  afterAll(() => database.drop());

  /** Applies one action through HTTP; refusals by the domain's rules are part of the game. */
  async function apply(action: Action, memberIds: string[]): Promise<void> {
    clock += 3_600_000;
    written.push(new Date(clock).toISOString());
    if (action.kind === "create") {
      const unit = HOME_UNITS[action.unit % HOME_UNITS.length] as string;
      const body = {
        fullName: "Lê Thị Hoa",
        gender: action.gender,
        birthDate: action.birth,
        admission: {
          date: day(action.on),
          decisionRef: "15-NQ/ĐTN",
          admittingOrganizationId: unit,
          homeUnitId: unit,
        },
      };
      const response = await app.request("/api/v1/members", json("POST", body));
      if (response.status === 201) memberIds.push(((await response.json()) as { id: string }).id);
      return;
    }
    if (action.kind === "import") {
      const unit = HOME_UNITS[action.unit % HOME_UNITS.length] as string;
      const rows = Array.from(
        { length: action.count },
        (_, i) => `Phạm Văn ${i},Nam,1995-0${i + 1}-10,${day(action.on)},16-NQ/ĐTN,${unit},${unit}`,
      );
      await app.request("/api/v1/members/import?dryRun=false", {
        method: "POST",
        body: [CSV_HEADER, ...rows].join("\n"),
        headers: { "Content-Type": "text/csv; charset=utf-8" },
      });
      return;
    }
    const id = memberIds[action.member % Math.max(memberIds.length, 1)];
    if (id === undefined) return;
    const read = await app.request(`/api/v1/members/${id}`);
    const ifMatch = read.headers.get("ETag") ?? "";
    if (action.kind === "patch") {
      await app.request(
        `/api/v1/members/${id}`,
        json("PATCH", { birthDate: action.birth }, { "If-Match": ifMatch }),
      );
      return;
    }
    const history = (await loadMemberEvents(database.db, [id])).get(id) ?? [];
    const last = history[history.length - 1];
    if (last === undefined) return;
    const latest =
      history.map((event) => event.effectiveDate).sort()[history.length - 1] ?? last.effectiveDate;
    const date = addDays(latest, action.gap);
    const pending = [...history].reverse().find((event) => event.type === "transfer_out");
    const joined = [...history]
      .reverse()
      .find((event) => event.type === "admitted" || event.type === "transfer_in");
    const home =
      joined?.type === "admitted" ? joined.homeUnitId : joined?.type === "transfer_in" ? joined.unitId : "";
    // Another unit than the member's own, for a transfer.
    const others = HOME_UNITS.filter((candidate) => candidate !== home);
    const unit = others[action.unit % others.length] as string;
    const bodies: Record<typeof action.type, Record<string, unknown> | undefined> = {
      transfer: { type: "transfer_out", effectiveDate: date, fromUnitId: home, toUnitId: unit },
      receive:
        pending === undefined
          ? undefined
          : {
              type: "transfer_in",
              effectiveDate: date,
              transferOutEventId: pending.id,
              unitId: pending.type === "transfer_out" ? pending.toUnitId : unit,
            },
      activity_postponed: { type: "activity_postponed", effectiveDate: date, until: addDays(date, 200) },
      residence_registered: {
        type: "residence_registered",
        effectiveDate: date,
        year: Number(date.slice(0, 4)),
        organizationId: unit,
      },
      rated: { type: "rated", effectiveDate: date, year: Number(date.slice(0, 4)), level: "good" },
      matured: { type: "matured", effectiveDate: date },
      removed_from_roll: { type: "removed_from_roll", effectiveDate: date },
      deceased: { type: "deceased", effectiveDate: date },
      void:
        last.type === "admitted" || last.type === "corrected"
          ? undefined
          : {
              type: "corrected",
              effectiveDate: last.effectiveDate,
              targetEventId: last.id,
              replacement: null,
              reason: "Ghi nhầm",
            },
    };
    const body = bodies[action.type];
    if (body === undefined) return;
    await app.request(`/api/v1/members/${id}/events`, json("POST", body, { "If-Match": ifMatch }));
  }

  it("every metric equals the domain's over the stored records", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(createArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(actionArbitrary, { minLength: 4, maxLength: 16 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        async (creates, actions, asOfOffset, fromOffset, knownAtPick) => {
          const memberIds: string[] = [];
          for (const action of [...creates, ...actions]) await apply(action, memberIds);

          // The reference: the domain's functions over everything stored, read back as it is.
          const rows = await database.db
            .select({ id: member.id, birthDate: member.birthDate, gender: member.gender })
            .from(member);
          const events = await loadMemberEvents(
            database.db,
            rows.map((row) => row.id),
          );
          const knownAt = knownAtPick === undefined ? undefined : written[knownAtPick % written.length];
          const index = indexMemberRecords(
            {
              members: rows.map((row) => ({
                id: row.id,
                ...(row.birthDate === null ? {} : { birthDate: row.birthDate }),
                ...(row.gender === "male" || row.gender === "female" ? { gender: row.gender } : {}),
              })),
              events: [...events.values()].flat(),
            },
            knownAt,
          );
          const organizations = await loadOrganizationRecords(database.db);
          const asOf = day(asOfOffset);
          const period = { from: day(fromOffset % (asOfOffset + 1)), to: asOf };
          for (const metricId of Object.keys(METRIC_CATALOGUE) as MetricId[]) {
            const entry = METRIC_CATALOGUE[metricId];
            const params = new URLSearchParams({ organizationId: UNITS.D, asOf, rollUp: "true" });
            params.set("from", period.from);
            params.set("to", period.to);
            if (knownAt !== undefined) params.set("knownAt", knownAt);
            const response = await app.request(`/api/v1/metrics/${metricId}?${params}`);
            expect(response.status, metricId).toBe(200);
            const body = (await response.json()) as { rollUp: unknown };

            const view = knownAt === undefined ? { asOf } : { asOf, knownAt };
            const query = {
              tree: resolveOrganizationTree(organizations, view),
              organizationId: UNITS.D,
              computedAt: new Date(clock).toISOString(),
              ...(knownAt === undefined ? {} : { knownAt }),
              asOf,
              period,
              year: Number(asOf.slice(0, 4)),
            };
            const compute = entry.compute as (
              data: MemberRecordIndex,
              query: MetricQuery,
            ) => MetricResult<unknown>;
            const expected = JSON.parse(JSON.stringify({ metricId, ...rollUpMetric(compute, index, query) }));
            expect({ metricId, ...(body.rollUp as object) }).toEqual(expected);
          }
        },
      ),
      // A few runs, each many writes and every metric; shrinking a failure stops after a minute.
      { numRuns: 12, interruptAfterTimeLimit: 60_000 },
    );
  }, 180_000);
});
