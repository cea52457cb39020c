// An organisation's yearly ratings and the disciplinary decisions against it. Ratings are never
// overwritten: a correction is a new record, and the one in force for a year is the latest effective.
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  DocumentReferenceSchema,
  InstantSchema,
  type OrganizationDiscipline,
  OrganizationDisciplineFormSchema,
  OrganizationDisciplineSchema,
  OrganizationRatingCreateSchema,
  organizationRatingsForYear,
  ratingLabel,
  toVietnamDate,
  validate,
} from "@sodoan/domain";
import { and, desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { toOrganizationRating } from "../db/queries/ratings.js";
import { toInstant } from "../db/queries/tree.js";
import { organization, organizationDiscipline, organizationRating } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";

const LocalizedSchema = z.object({ vi: z.string(), en: z.string() });

/** A stored rating, its level's label on the scale of its year, and whether it is the one in force. */
export const OrganizationRatingViewSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    year: z.number().int(),
    levelId: z.string(),
    label: LocalizedSchema,
    effectiveDate: z.string(),
    decidedBy: DocumentReferenceSchema.optional(),
    note: z.string().optional(),
    recordedAt: z.string(),
    inForce: z.boolean().openapi({
      description:
        "Bản ghi có hiệu lực của năm vào ngày asOf (bản hiệu lực muộn nhất) / The year's rating in force on asOf (the latest effective)",
    }),
  })
  .openapi("OrganizationRating");

/** A stored disciplinary decision. */
export const OrganizationDisciplineViewSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    form: OrganizationDisciplineFormSchema,
    reason: z.string(),
    effectiveDate: z.string(),
    decidedBy: DocumentReferenceSchema.optional(),
    recordedAt: InstantSchema,
  })
  .openapi("OrganizationDiscipline");

const { organizationId: _rated, ...ratingFields } = OrganizationRatingCreateSchema.shape;
/** A rating as entered for the organisation of the path; the level is checked against the year's scale. */
const RatingBodySchema = z.object(ratingFields).openapi("OrganizationRatingBody");

const DisciplineBodySchema = OrganizationDisciplineSchema.omit({
  id: true,
  organizationId: true,
  recordedAt: true,
}).openapi("OrganizationDisciplineBody");

const IdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const RatingQuerySchema = z.object({
  year: z.coerce.number().int().min(1931).max(2200).optional(),
  asOf: CalendarDateSchema.optional().openapi({ description: "Mặc định hôm nay / Today by default" }),
});

const tags = ["organizations"];
const NOT_FOUND = errorResponse("Không tìm thấy / Not found");
const INVALID = errorResponse("Dữ liệu không hợp lệ / Invalid input");

/** 404 unless the organisation is on file. */
async function assertOrganization(c: Context<AppEnv>, id: string): Promise<void> {
  const [row] = await c.var.services.database.db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, id));
  if (row === undefined) {
    throw new ApiError("NOT_FOUND", { vi: `Không tìm thấy tổ chức ${id}`, en: `No organisation ${id}` });
  }
}

function toDiscipline(row: typeof organizationDiscipline.$inferSelect): OrganizationDiscipline {
  const discipline: OrganizationDiscipline = {
    id: row.id,
    organizationId: row.organizationId,
    form: row.form as OrganizationDiscipline["form"],
    reason: row.reason,
    effectiveDate: row.effectiveDate,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.decidedBy !== null) discipline.decidedBy = row.decidedBy;
  return discipline;
}

/**
 * The ratings of an organisation (of one year when given), latest year first, each with its label
 * and whether it is the one in force for its year on `asOf`.
 */
async function findRatings(c: Context<AppEnv>, id: string, asOf: string, year?: number) {
  const rows = await c.var.services.database.db
    .select()
    .from(organizationRating)
    .where(
      and(
        eq(organizationRating.organizationId, id),
        year === undefined ? undefined : eq(organizationRating.year, year),
      ),
    )
    .orderBy(
      desc(organizationRating.year),
      desc(organizationRating.effectiveDate),
      desc(organizationRating.recordedAt),
    );
  const ratings = rows.map(toOrganizationRating);
  const years = [...new Set(ratings.map((rating) => rating.year))];
  const inForce = new Set(
    years.flatMap((ratedYear) =>
      [...organizationRatingsForYear(ratings, ratedYear, { asOf }).values()].map((rating) => rating.id),
    ),
  );
  return ratings.map((rating) => ({
    ...rating,
    label: ratingLabel("organization", rating.year, rating.levelId) ?? {
      vi: rating.levelId,
      en: rating.levelId,
    },
    inForce: inForce.has(rating.id),
  }));
}

export const organizationRecordRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/ratings",
      tags,
      summary: "Xếp loại theo năm của tổ chức / The organisation's yearly ratings",
      request: { params: IdParamsSchema, query: RatingQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ asOf: z.string(), items: z.array(OrganizationRatingViewSchema) }),
          "Mới nhất trước / Latest year first",
        ),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { year, asOf = toVietnamDate(c.var.services.now()) } = c.req.valid("query");
      await assertOrganization(c, id);
      const items = await findRatings(c, id, asOf, year);
      return c.json({ asOf, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/ratings",
      tags,
      summary:
        "Ghi xếp loại một năm (sửa bằng bản ghi mới) / Record a year's rating (corrected by a new record)",
      request: {
        params: IdParamsSchema,
        body: { content: { "application/json": { schema: RatingBodySchema } }, required: true },
      },
      responses: {
        201: jsonResponse(OrganizationRatingViewSchema, "Đã ghi / Recorded"),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const checked = validate(OrganizationRatingCreateSchema, {
        ...c.req.valid("json"),
        organizationId: id,
      });
      if (!checked.ok) throw new ApiError("VALIDATION_FAILED", checked.message, { issues: checked.issues });
      await assertOrganization(c, id);
      const input = checked.value;
      const ratingId = randomUUID();
      await c.var.services.database.db.transaction((tx) =>
        tx.insert(organizationRating).values({
          id: ratingId,
          organizationId: id,
          year: input.year,
          levelId: input.levelId,
          effectiveDate: input.effectiveDate,
          decidedBy: input.decidedBy ?? null,
          note: input.note ?? null,
          recordedAt: c.var.services.now().toISOString(),
        }),
      );
      const today = toVietnamDate(c.var.services.now());
      const recorded = (await findRatings(c, id, today, input.year)).find((rating) => rating.id === ratingId);
      return c.json(recorded as NonNullable<typeof recorded>, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/disciplines",
      tags,
      summary: "Kỷ luật tổ chức / Disciplinary decisions against the organisation",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(OrganizationDisciplineViewSchema) }),
          "Mới nhất trước / Latest first",
        ),
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertOrganization(c, id);
      const rows = await c.var.services.database.db
        .select()
        .from(organizationDiscipline)
        .where(eq(organizationDiscipline.organizationId, id))
        .orderBy(desc(organizationDiscipline.effectiveDate), desc(organizationDiscipline.recordedAt));
      return c.json({ items: rows.map(toDiscipline) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/disciplines",
      tags,
      summary:
        "Ghi quyết định kỷ luật; giải tán còn cần sự kiện giải thể / Record a disciplinary decision; a dissolution also needs the dissolve event",
      request: {
        params: IdParamsSchema,
        body: { content: { "application/json": { schema: DisciplineBodySchema } }, required: true },
      },
      responses: {
        201: jsonResponse(OrganizationDisciplineViewSchema, "Đã ghi / Recorded"),
        400: INVALID,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await assertOrganization(c, id);
      const [row] = await c.var.services.database.db.transaction((tx) =>
        tx
          .insert(organizationDiscipline)
          .values({
            id: randomUUID(),
            organizationId: id,
            form: input.form,
            reason: input.reason,
            effectiveDate: input.effectiveDate,
            decidedBy: input.decidedBy ?? null,
            recordedAt: c.var.services.now().toISOString(),
          })
          .returning(),
      );
      return c.json(toDiscipline(row as typeof organizationDiscipline.$inferSelect), 201);
    },
  );
