// The records an organisation tree is built from: organisations, dated parent links, lineage events.
import { z } from "zod";
import { DocumentReferenceSchema } from "../document/index.js";
import { bilingual, type LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { type CalendarDate, CalendarDateSchema, InstantSchema } from "../time/index.js";

/** The levels of the Union, from the Central Committee down to the branch. */
export const ORGANIZATION_LEVELS = [
  "central",
  "provincial",
  "district",
  "grassroots",
  "section",
  "branch",
] as const;

/** A level of the Union's organisation. */
export const OrganizationLevelSchema = z.enum(ORGANIZATION_LEVELS);
export type OrganizationLevel = z.infer<typeof OrganizationLevelSchema>;

/** How each level is called, for labels. */
export const ORGANIZATION_LEVEL_LABELS = {
  central: { vi: "Trung ương Đoàn", en: "Central Committee" },
  provincial: { vi: "Cấp tỉnh", en: "Provincial level" },
  district: { vi: "Cấp huyện", en: "District level" },
  grassroots: { vi: "Cấp cơ sở", en: "Grassroots level" },
  section: { vi: "Đoàn bộ phận, Liên chi đoàn", en: "Section" },
  branch: { vi: "Chi đoàn", en: "Branch" },
} as const satisfies Record<OrganizationLevel, LocalizedText>;

/**
 * What a grassroots organisation is: a Đoàn cơ sở with branches below it, or a Chi đoàn cơ sở,
 * which is itself a branch of members and has no branches below it.
 */
export const GrassrootsKindSchema = z.enum(["union", "branch"]);
export type GrassrootsKind = z.infer<typeof GrassrootsKindSchema>;

/** The sector an organisation works in. */
export const SectorSchema = z.enum([
  "residential",
  "enterprise",
  "public_agency",
  "school",
  "armed_forces",
  "other",
]);
export type Sector = z.infer<typeof SectorSchema>;

/** Labels of the sectors. */
export const SECTOR_LABELS = {
  residential: { vi: "Địa bàn dân cư", en: "Residential area" },
  enterprise: { vi: "Doanh nghiệp", en: "Enterprise" },
  public_agency: { vi: "Cơ quan, đơn vị sự nghiệp", en: "Public agency" },
  school: { vi: "Trường học", en: "School" },
  armed_forces: { vi: "Lực lượng vũ trang", en: "Armed forces" },
  other: { vi: "Khác", en: "Other" },
} as const satisfies Record<Sector, LocalizedText>;

/** Whether an organisation is in a town or the countryside. */
export const AreaSchema = z.enum(["urban", "rural"]);
export type Area = z.infer<typeof AreaSchema>;

const organizationFields = {
  /** The name when established; later names come from `renamed` events. */
  name: z.string().trim().min(1),
  shortName: z.string().trim().min(1).optional(),
  englishName: z.string().trim().min(1).optional(),
  level: OrganizationLevelSchema,
  /** Only for the grassroots level; a grassroots organisation without it is a Đoàn cơ sở. */
  grassrootsKind: GrassrootsKindSchema.optional(),
  sector: SectorSchema.optional(),
  area: AreaSchema.optional(),
  establishedOn: CalendarDateSchema,
  establishedBy: DocumentReferenceSchema.optional(),
};

function isKindConsistent(org: {
  level: OrganizationLevel;
  grassrootsKind?: GrassrootsKind | undefined;
}): boolean {
  return org.grassrootsKind === undefined || org.level === "grassroots";
}

const KIND_MESSAGE = bilingual(
  "Chỉ tổ chức cấp cơ sở mới có loại Đoàn cơ sở / Chi đoàn cơ sở",
  "Only a grassroots organisation has a grassroots kind",
  ["grassrootsKind"],
);

/** A stored organisation: what does not change with time. Names, parents and end come from events. */
export const OrganizationSchema = z
  .object({ id: IdSchema, ...organizationFields, recordedAt: InstantSchema })
  .refine(isKindConsistent, KIND_MESSAGE);
export type Organization = z.infer<typeof OrganizationSchema>;

/** A new organisation as an admin enters it, with the parent it starts under. */
export const OrganizationCreateSchema = z
  .object({
    ...organizationFields,
    parentId: IdSchema.optional(),
    parentDecidedBy: DocumentReferenceSchema.optional(),
  })
  .refine(isKindConsistent, KIND_MESSAGE);
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;

/**
 * Corrections to an organisation's fixed facts. The level and the establishment date are
 * corrections too; a change of name or parent is an event, not an update.
 */
export const OrganizationUpdateSchema = z
  .object({
    shortName: organizationFields.shortName,
    englishName: organizationFields.englishName,
    sector: organizationFields.sector,
    area: organizationFields.area,
    grassrootsKind: organizationFields.grassrootsKind,
  })
  .partial();
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>;

/**
 * That an organisation sits under another from a date, to a date when known, by a decision.
 * When links overlap the one starting latest holds, so a later link re-parents without editing
 * the earlier one, and a view "known at T" replays what was on file then.
 */
export const ParentLinkSchema = z
  .object({
    id: IdSchema,
    childId: IdSchema,
    parentId: IdSchema,
    from: CalendarDateSchema,
    to: CalendarDateSchema.optional(),
    decidedBy: DocumentReferenceSchema.optional(),
    recordedAt: InstantSchema,
  })
  .refine(
    (link) => link.to === undefined || link.from <= link.to,
    bilingual("Ngày kết thúc không được sớm hơn ngày bắt đầu", "The end must not come before the start", [
      "to",
    ]),
  )
  .refine(
    (link) => link.childId !== link.parentId,
    bilingual("Tổ chức không thể trực thuộc chính nó", "An organisation cannot sit under itself", [
      "parentId",
    ]),
  );
export type ParentLink = z.infer<typeof ParentLinkSchema>;

const eventFields = {
  id: IdSchema,
  effectiveDate: CalendarDateSchema,
  recordedAt: InstantSchema,
  decidedBy: DocumentReferenceSchema.optional(),
  note: z.string().optional(),
};

/** A new name from the effective date on. */
export const RenamedEventSchema = z.object({
  type: z.literal("renamed"),
  organizationId: IdSchema,
  name: z.string().trim().min(1),
  shortName: z.string().trim().min(1).optional(),
  englishName: z.string().trim().min(1).optional(),
  ...eventFields,
});

/** A move under another parent from the effective date on; it acts as a parent link. */
export const ReparentedEventSchema = z.object({
  type: z.literal("reparented"),
  organizationId: IdSchema,
  fromParentId: IdSchema.optional(),
  toParentId: IdSchema,
  ...eventFields,
});

/**
 * Several organisations joined into one. The target may be one of the sources (it absorbs the
 * others) or a new organisation established on the effective date; the other sources end then.
 */
export const MergedEventSchema = z.object({
  type: z.literal("merged"),
  sourceIds: z.array(IdSchema).min(1),
  targetId: IdSchema,
  ...eventFields,
});

/** One organisation divided into several; the source ends unless it continues as one of them. */
export const SplitEventSchema = z.object({
  type: z.literal("split"),
  sourceId: IdSchema,
  targetIds: z.array(IdSchema).min(1),
  sourceContinues: z.boolean().default(false),
  ...eventFields,
});

/** An organisation ended (giải thể); it does not exist from the effective date on. */
export const DissolvedEventSchema = z.object({
  type: z.literal("dissolved"),
  organizationId: IdSchema,
  ...eventFields,
});

/**
 * An event in an organisation's history. Events take effect on their date: an organisation
 * dissolved or merged away on D no longer exists as of D.
 */
export const LineageEventSchema = z.discriminatedUnion("type", [
  RenamedEventSchema,
  ReparentedEventSchema,
  MergedEventSchema,
  SplitEventSchema,
  DissolvedEventSchema,
]);
export type LineageEvent = z.infer<typeof LineageEventSchema>;
export type RenamedEvent = z.infer<typeof RenamedEventSchema>;
export type ReparentedEvent = z.infer<typeof ReparentedEventSchema>;
export type MergedEvent = z.infer<typeof MergedEventSchema>;
export type SplitEvent = z.infer<typeof SplitEventSchema>;
export type DissolvedEvent = z.infer<typeof DissolvedEventSchema>;

/** Forms of discipline an organisation can receive. */
export const OrganizationDisciplineFormSchema = z.enum(["reprimand", "warning", "dissolution"]);
export type OrganizationDisciplineForm = z.infer<typeof OrganizationDisciplineFormSchema>;

/** Labels of the disciplinary forms for organisations (khiển trách, cảnh cáo, giải tán). */
export const ORGANIZATION_DISCIPLINE_LABELS = {
  reprimand: { vi: "Khiển trách", en: "Reprimand" },
  warning: { vi: "Cảnh cáo", en: "Warning" },
  dissolution: { vi: "Giải tán", en: "Dissolution" },
} as const satisfies Record<OrganizationDisciplineForm, LocalizedText>;

/** A disciplinary decision against an organisation; a dissolution also needs a `dissolved` event. */
export const OrganizationDisciplineSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  form: OrganizationDisciplineFormSchema,
  reason: z.string().min(1),
  effectiveDate: CalendarDateSchema,
  recordedAt: InstantSchema,
  decidedBy: DocumentReferenceSchema.optional(),
});
export type OrganizationDiscipline = z.infer<typeof OrganizationDisciplineSchema>;

/** Which parent levels each level may have during a span of dates; the structure changes by decision. */
export type ParentLevelRule = {
  from: CalendarDate;
  to?: CalendarDate;
  note: LocalizedText;
  allowedParents: Record<OrganizationLevel, readonly OrganizationLevel[]>;
};

/**
 * The structure over time. Before 1 July 2025 a grassroots unit sits under a district-level unit
 * or directly under a province (as in provincial enterprise blocs); from then on there is no
 * district level.
 */
export const PARENT_LEVEL_RULES: readonly ParentLevelRule[] = [
  {
    from: "1931-03-26",
    to: "2025-06-30",
    note: { vi: "Tổ chức bốn cấp, có cấp huyện", en: "Four tiers, with the district level" },
    allowedParents: {
      central: [],
      provincial: ["central"],
      district: ["provincial"],
      grassroots: ["district", "provincial"],
      section: ["grassroots"],
      branch: ["grassroots", "section"],
    },
  },
  {
    from: "2025-07-01",
    note: { vi: "Không còn cấp huyện", en: "No district level" },
    allowedParents: {
      central: [],
      provincial: ["central"],
      district: [],
      grassroots: ["provincial"],
      section: ["grassroots"],
      branch: ["grassroots", "section"],
    },
  },
];
