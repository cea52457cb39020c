// Member timelines as rows, for metrics in SQL: what the domain derives from a member's events,
// written in the same transaction as every member write, and versioned by recording time so that
// "known at" reads the timeline as it stood then. Never edited by hand: rebuilt from the events.
import { boolean, date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { member } from "./members.js";

const memberId = () =>
  text("member_id")
    .notNull()
    .references(() => member.id);
/** The first recording instant at which the row holds (inclusive). */
const recordedFrom = () => timestamp("recorded_from", { withTimezone: true, mode: "string" }).notNull();
/** The recording instant from which it no longer holds (exclusive); null while it still does. */
const recordedTo = () => timestamp("recorded_to", { withTimezone: true, mode: "string" });

/**
 * A stretch on one unit's roll (the domain's on-roll segments): from `valid_from` (inclusive) to
 * `valid_until` (exclusive; null = open). Stretches of one member never overlap in one version.
 */
export const memberRollSpell = pgTable(
  "member_roll_spell",
  {
    memberId: memberId(),
    unitId: text("unit_id").notNull(),
    isPostponed: boolean("is_postponed").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    recordedFrom: recordedFrom(),
    recordedTo: recordedTo(),
  },
  (table) => [
    index("member_roll_spell_member_id_idx").on(table.memberId),
    index("member_roll_spell_unit_id_valid_from_idx").on(table.unitId, table.validFrom),
  ],
);

/** A change of roll that flow metrics count (the domain's `MemberTransition`), with the units on either side. */
export const memberTransition = pgTable(
  "member_transition",
  {
    memberId: memberId(),
    kind: text("kind").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    fromUnitId: text("from_unit_id"),
    toUnitId: text("to_unit_id"),
    recordedFrom: recordedFrom(),
    recordedTo: recordedTo(),
  },
  (table) => [
    index("member_transition_member_id_idx").on(table.memberId),
    index("member_transition_kind_effective_date_idx").on(table.kind, table.effectiveDate),
  ],
);

/**
 * What a member's timeline keeps by year: `residence` (the first registration for the year) and
 * `rating` (the first rating for the year, with its level), each with the date it took effect.
 */
export const memberYearFact = pgTable(
  "member_year_fact",
  {
    memberId: memberId(),
    kind: text("kind").notNull(),
    year: integer("year").notNull(),
    level: text("level"),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    recordedFrom: recordedFrom(),
    recordedTo: recordedTo(),
  },
  (table) => [
    index("member_year_fact_member_id_idx").on(table.memberId),
    index("member_year_fact_kind_year_idx").on(table.kind, table.year),
  ],
);

/**
 * What the metrics read of a member's record: the birth year, the first day the member is
 * certainly past Union age (from the latest possible birth date), and the gender when known.
 */
export const memberMetricProfile = pgTable("member_metric_profile", {
  memberId: text("member_id")
    .primaryKey()
    .references(() => member.id),
  birthYear: integer("birth_year"),
  pastUnionAgeOn: date("past_union_age_on", { mode: "string" }),
  gender: text("gender"),
});
