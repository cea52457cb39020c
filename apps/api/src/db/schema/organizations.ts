// Organisations and their dated tree: fixed facts, names over time, parent links, lineage events,
// positions held, ratings and discipline, and the Union documents they cite.
import type { DateClaim, DocumentReference, LineageEvent, PersonRef } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const recordedAt = () =>
  timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow();
const version = () => integer("version").notNull().default(1);

/** What an organisation keeps beside its columns: the optional facts of the domain record. */
export type OrganizationData = {
  shortName?: string;
  englishName?: string;
  establishedBy?: DocumentReference;
};

/**
 * An organisation's fixed facts (the domain's `Organization`). `name` is the name it was
 * established with; the name of a date is in `organization_name`.
 */
export const organization = pgTable(
  "organization",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    name: text("name").notNull(),
    level: text("level").notNull(),
    grassrootsKind: text("grassroots_kind"),
    sector: text("sector"),
    area: text("area"),
    establishedOn: date("established_on", { mode: "string" }).notNull(),
    recordedAt: recordedAt(),
    version: version(),
    data: jsonb("data").$type<OrganizationData>().notNull().default({}),
  },
  (table) => [
    index("organization_level_idx").on(table.level),
    index("organization_sector_idx").on(table.sector),
    check("organization_kind_check", sql`${table.grassrootsKind} is null or ${table.level} = 'grassroots'`),
    // The separator of `organization_path.path`.
    check("organization_id_no_separator", sql`position(chr(1) in ${table.id}) = 0`),
  ],
);

/** Separates the ids of a stored path: below every character an id may hold, so paths sort parent first. */
export const PATH_SEPARATOR = "\u0001";

/**
 * The dated materialised path of the tree, derived from the records and never edited by hand: for
 * each organisation, one row per span of dates (`valid_to` included, null while it holds) with the
 * ids from its root down to it joined by `PATH_SEPARATOR`, as the domain's `resolveOrganizationPaths`
 * gives them. Every write that can move an organisation rebuilds the rows of what may sit below it
 * in the same transaction. "Everything under X on D" is a range search on `path` under the C
 * collation (the index works on PGlite and PostgreSQL alike), and a subtree read in `path` order
 * comes parent first, children in the order of their ids.
 */
export const organizationPath = pgTable(
  "organization_path",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    path: text("path").notNull(),
    /** The parent on those dates (the id before the last in `path`); null for a root. */
    parentId: text("parent_id"),
    /** How many levels below its root: 0 for a root. */
    depth: integer("depth").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.validFrom] }),
    index("organization_path_path_idx").on(sql`(${table.path} collate "C")`),
    index("organization_path_parent_idx").on(table.parentId, table.validFrom),
    check("organization_path_dates", sql`${table.validTo} is null or ${table.validFrom} <= ${table.validTo}`),
  ],
);

/**
 * The names an organisation bore: one row from its establishment, one per `renamed` event. Kept in
 * the same transaction as the event, for the accent-insensitive search (`folded`, trigram-indexed)
 * and the Vietnamese order (`sort_key`, the domain's key, which sorts right under the C collation).
 */
export const organizationName = pgTable(
  "organization_name",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull(),
    /** The `renamed` event this name comes from; null for the name at establishment. */
    eventId: text("event_id"),
    name: text("name").notNull(),
    shortName: text("short_name"),
    englishName: text("english_name"),
    /** `foldVietnamese(name)`: the search ranks an exact or leading match of the name itself first. */
    nameFolded: text("name_folded").notNull(),
    /** Every form of the name, folded by the domain's `foldVietnamese`. */
    folded: text("folded").notNull(),
    sortKey: text("sort_key").notNull(),
  },
  (table) => [
    index("organization_name_org_idx").on(table.organizationId, table.validFrom),
    index("organization_name_folded_trgm_idx").using("gin", sql`${table.folded} gin_trgm_ops`),
    uniqueIndex("organization_name_event_idx").on(table.eventId),
  ],
);

/**
 * That a child sits under a parent from a date, to a date when known. Where links overlap the one
 * starting latest holds (then the one recorded latest). A `reparented` event writes its link here
 * too (`lineage_event_id`), so one table answers "the parent on D".
 */
export const parentLink = pgTable(
  "parent_link",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    childId: text("child_id")
      .notNull()
      .references(() => organization.id),
    parentId: text("parent_id")
      .notNull()
      .references(() => organization.id),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    decidedBy: jsonb("decided_by").$type<DocumentReference>(),
    recordedAt: recordedAt(),
    lineageEventId: text("lineage_event_id").references(() => lineageEvent.id),
  },
  (table) => [
    index("parent_link_child_idx").on(table.childId, table.validFrom),
    index("parent_link_parent_idx").on(table.parentId, table.validFrom),
    check("parent_link_not_self", sql`${table.childId} <> ${table.parentId}`),
    check("parent_link_dates", sql`${table.validTo} is null or ${table.validFrom} <= ${table.validTo}`),
  ],
);

/** A lineage event as the domain defines it (`body`), with the columns that queries filter on. */
export const lineageEvent = pgTable(
  "lineage_event",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    recordedAt: recordedAt(),
    body: jsonb("body").$type<LineageEvent>().notNull(),
  },
  (table) => [index("lineage_event_effective_idx").on(table.effectiveDate)],
);

/**
 * Each organisation an event is about, and whether the event ends it (dissolved, merged away,
 * split without continuing): what "exists on D" and "merged into" read without parsing `body`.
 */
export const lineageParticipant = pgTable(
  "lineage_participant",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => lineageEvent.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    role: text("role").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    isEnding: boolean("is_ending").notNull(),
    /** For an organisation merged away: the organisation it went into, where its children follow. */
    mergedIntoId: text("merged_into_id").references(() => organization.id),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.organizationId] }),
    index("lineage_participant_org_idx").on(table.organizationId, table.effectiveDate),
    index("lineage_participant_merged_into_idx").on(table.mergedIntoId),
  ],
);

/** A person's term in a position of an organisation (the domain's `PositionTerm`). */
export const positionTerm = pgTable(
  "position_term",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    title: text("title").notNull(),
    person: jsonb("person").$type<PersonRef>().notNull(),
    /** The person's name folded, for search. */
    personFolded: text("person_folded").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    decidedBy: jsonb("decided_by").$type<DocumentReference>(),
    recordedAt: recordedAt(),
    version: version(),
  },
  (table) => [
    index("position_term_org_idx").on(table.organizationId, table.validFrom),
    check("position_term_dates", sql`${table.validTo} is null or ${table.validFrom} <= ${table.validTo}`),
  ],
);

/** An organisation's rating for a year (the domain's `OrganizationRating`); corrections add rows. */
export const organizationRating = pgTable(
  "organization_rating",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    year: integer("year").notNull(),
    levelId: text("level_id").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    decidedBy: jsonb("decided_by").$type<DocumentReference>(),
    note: text("note"),
    recordedAt: recordedAt(),
  },
  (table) => [index("organization_rating_org_year_idx").on(table.organizationId, table.year)],
);

/** A disciplinary decision against an organisation (the domain's `OrganizationDiscipline`). */
export const organizationDiscipline = pgTable(
  "organization_discipline",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id),
    form: text("form").notNull(),
    reason: text("reason").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    decidedBy: jsonb("decided_by").$type<DocumentReference>(),
    recordedAt: recordedAt(),
  },
  (table) => [index("organization_discipline_org_idx").on(table.organizationId, table.effectiveDate)],
);

/**
 * A Union document, cited by its canonical symbol. `symbol_key` is the symbol with Đ read as D,
 * so that two spellings of one symbol cannot both be stored. Every date a source claims is kept.
 */
export const document = pgTable(
  "document",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    symbol: text("symbol").notNull().unique(),
    symbolKey: text("symbol_key").notNull().unique(),
    title: text("title").notNull(),
    /** Symbol and title folded, for search. */
    folded: text("folded").notNull(),
    /** The date the project takes as the document's own, when one has been chosen. */
    date: date("date", { mode: "string" }),
    dateClaims: jsonb("date_claims").$type<DateClaim[]>().notNull().default([]),
    recordedAt: recordedAt(),
    version: version(),
  },
  (table) => [index("document_folded_trgm_idx").using("gin", sql`${table.folded} gin_trgm_ops`)],
);
