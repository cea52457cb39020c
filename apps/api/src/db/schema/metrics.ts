// Member timelines as rows, for metrics in SQL: what the domain derives from a member's events,
// written in the same transaction as every member write, and versioned by recording time so that
// "known at" reads the timeline as it stood then. Never edited by hand: rebuilt from the events.
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
    // The spells that start or end in a stretch of days, anywhere: what changed since a year's end.
    index("member_roll_spell_valid_from_idx").on(table.validFrom),
    index("member_roll_spell_valid_until_idx").on(table.validUntil),
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

/**
 * Each unit's roll as of the last day of each year, counted from the roll spells as known now: how
 * many were on it, how many of those were postponed, and how many of those had registered residence
 * for that year by then. A figure over a whole country reads one row per unit from here and only
 * the spells that start or end after that year's end, instead of every spell (roll-summaries.ts).
 * Derived, never edited: rebuilt for a unit whenever its members' timelines are.
 *
 * The roll is also counted by the age group its members are in during the next year (the domain's
 * age is the difference of calendar years, so it holds from that year's first day to its last,
 * which is when a figure starts from this row), and by gender. Those of no known birth year or
 * gender are the rest of `on_roll`.
 */
export const unitRollYearEnd = pgTable(
  "unit_roll_year_end",
  {
    year: integer("year").notNull(),
    unitId: text("unit_id").notNull(),
    onRoll: integer("on_roll").notNull(),
    postponed: integer("postponed").notNull(),
    registered: integer("registered").notNull(),
    aged16To18: integer("aged_16_18").notNull(),
    aged19To22: integer("aged_19_22").notNull(),
    aged23To26: integer("aged_23_26").notNull(),
    aged27To30: integer("aged_27_30").notNull(),
    agedOver30: integer("aged_over_30").notNull(),
    male: integer("male").notNull(),
    female: integer("female").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.year, table.unitId] }),
    index("unit_roll_year_end_unit_id_idx").on(table.unitId),
  ],
);

/**
 * The last year `unit_roll_year_end` holds for every unit. No row: the counts have not been built
 * (a database from before them), and figures read the spells alone until they are.
 */
export const rollSummaryHorizon = pgTable("roll_summary_horizon", {
  name: text("name").primaryKey(),
  throughYear: integer("through_year").notNull(),
});
