// Members, the events of their lifecycle, and their referrals to the Party.
import type { Member, MemberEvent, Referral } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organization } from "./organizations.js";

/**
 * A member's personal record. Status and home unit are not columns: they are derived from the
 * events, so they can never disagree with them. `data` holds the validated domain `Member`
 * (sensitive fields included); the columns beside it are what lists filter, search and sort by.
 */
export const member = pgTable(
  "member",
  {
    id: text("id").primaryKey(),
    fullName: text("full_name").notNull(),
    /** `foldVietnamese(fullName)`: "tran ngoc nam" finds "Trần Ngọc Nam". */
    nameFolded: text("name_folded").notNull(),
    /** `personNameSortKey(fullName)`: PGlite sorts with the C collation, so the order is in the key. */
    nameSortKey: text("name_sort_key").notNull(),
    gender: text("gender"),
    /** A partial date as text (`1995`, `1995-04`, `1995-04-12`): nothing invented for missing parts. */
    birthDate: text("birth_date"),
    cardNumber: text("card_number").unique(),
    data: jsonb("data").$type<Member>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (table) => [
    index("member_name_sort_key_idx").on(table.nameSortKey, table.id),
    // Trigram: the search finds words anywhere in the name, and names spelt nearly alike.
    index("member_name_folded_trgm_idx").using("gin", sql`${table.nameFolded} gin_trgm_ops`),
    index("member_birth_date_idx").on(table.birthDate),
  ],
);

/**
 * One recorded lifecycle event. `data` is the complete domain `MemberEvent`; the columns are
 * copies for SQL (metrics, the subtree prefilter); the organisations they name must exist.
 * - `unit_id`: the home unit the event puts the member in or takes them from (admitted, transfer
 *   in/out), or the replacement's for a correction;
 * - `other_unit_id`: the other organisation named (transfer destination, admitting, residence,
 *   disciplining or rewarding organisation).
 */
export const memberEvent = pgTable(
  "member_event",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id")
      .notNull()
      .references(() => member.id),
    type: text("type").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull(),
    unitId: text("unit_id").references(() => organization.id),
    otherUnitId: text("other_unit_id").references(() => organization.id),
    year: integer("year"),
    targetEventId: text("target_event_id"),
    data: jsonb("data").$type<MemberEvent>().notNull(),
  },
  (table) => [
    index("member_event_member_id_idx").on(table.memberId),
    index("member_event_unit_id_effective_date_idx").on(table.unitId, table.effectiveDate),
    index("member_event_type_effective_date_idx").on(table.type, table.effectiveDate),
  ],
);

/** A referral of a member to the Party; `data` is the domain `Referral` with its steps. */
export const referral = pgTable(
  "referral",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id")
      .notNull()
      .references(() => member.id),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    referredOn: date("referred_on", { mode: "string" }).notNull(),
    /** The stage after the last step; a copy of what `data.steps` says, for filtering. */
    stage: text("stage").notNull(),
    data: jsonb("data").$type<Referral>().notNull(),
    version: integer("version").notNull().default(1),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (table) => [
    index("referral_member_id_idx").on(table.memberId),
    index("referral_organization_id_referred_on_idx").on(table.organizationId, table.referredOn),
    index("referral_stage_idx").on(table.stage),
  ],
);
