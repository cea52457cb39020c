// An organisation as the public sees it: its name, level and place in the tree on a date, and a few
// aggregate figures computed by the metric functions, small groups hidden, each with its provenance.
// Never a member, a name of a person or anything else personal.
import { createRoute, z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  OrganizationLevelSchema,
  type PublicFigure,
  toPublicFigure,
  toVietnamDate,
  yearOf,
} from "@sodoan/domain";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { publicCache } from "../content/http-cache.js";
import type { AppEnv } from "../context.js";
import { BY_NAME, findOrganizationViews, type OrganizationView } from "../db/queries/organizations.js";
import { ApiError } from "../errors.js";
import { createRouter, errorResponse } from "../openapi.js";
import { computeMetric } from "./metrics.js";

const PublicOrganizationRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: OrganizationLevelSchema,
});

/** The question a public figure answered, so that a reader can ask it again. */
const FigureQuerySchema = z.object({
  organizationId: z.string(),
  asOf: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  year: z.number().int().optional(),
});

export const PublicOrganizationFigureSchema = z
  .object({
    metricId: z.string(),
    metricVersion: z.number().int(),
    /** What the metric counts, in both languages. */
    counts: z.object({ vi: z.string(), en: z.string() }),
    query: FigureQuerySchema,
    value: z.unknown(),
    hidden: z.array(z.object({ path: z.array(z.string()), reason: z.string() })),
    threshold: z.number().int(),
    provenance: z.object({
      metricId: z.string(),
      metricVersion: z.number().int(),
      organizationId: z.string(),
      asOf: z.string().optional(),
      period: z.object({ from: z.string(), to: z.string() }).optional(),
      recordsCounted: z.number().int(),
      computedAt: z.string(),
    }),
  })
  .openapi("PublicOrganizationFigure");
export type PublicOrganizationFigure = z.infer<typeof PublicOrganizationFigureSchema>;

export const PublicOrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: OrganizationLevelSchema,
    asOf: z.string(),
    existsAsOf: z.boolean(),
    parent: PublicOrganizationRefSchema.nullable(),
    children: z.array(PublicOrganizationRefSchema),
    figures: z.array(PublicOrganizationFigureSchema),
  })
  .openapi("PublicOrganization");
export type PublicOrganization = z.infer<typeof PublicOrganizationSchema>;

const organizationRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["public"],
  summary:
    "Một tổ chức và số liệu tổng hợp công khai (nhóm nhỏ được ẩn) / An organisation with its public aggregate figures (small groups hidden)",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: "id", in: "path" }, example: "tinh-doan-ha-nam" }),
    }),
    query: z.object({
      asOf: CalendarDateSchema.optional().openapi({
        description: "Mặc định hôm nay / Default today",
        example: "2017-08-31",
      }),
    }),
  },
  responses: {
    200: {
      description: "Tổ chức / The organisation",
      headers: {
        ETag: { schema: { type: "string" as const } },
        "Cache-Control": { schema: { type: "string" as const } },
      },
      content: { "application/json": { schema: PublicOrganizationSchema } },
    },
    304: { description: "Không đổi / Not modified" },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
    404: errorResponse("Không tìm thấy tổ chức / No such organisation"),
  },
});

/** The figures every organisation page shows: members on the roll, this year's admissions, residence registration. */
function figureQuestions(organizationId: string, asOf: string) {
  const from = `${asOf.slice(0, 4)}-01-01`;
  return [
    { metricId: "members.active", query: { organizationId, asOf } },
    { metricId: "members.admissions", query: { organizationId, asOf, from, to: asOf } },
    {
      metricId: "members.residence_registration_rate",
      query: { organizationId, asOf, year: yearOf(asOf) },
    },
  ];
}

const refOf = (view: OrganizationView) => ({ id: view.id, name: view.name, level: view.level });

export const publicOrganizationRoutes = createRouter().openapi(organizationRoute, async (c) => {
  const { id } = c.req.valid("param");
  const asOf = c.req.valid("query").asOf ?? toVietnamDate(c.var.services.now());
  const { db } = c.var.services.database;
  const [view] = (await findOrganizationViews(db, asOf, { where: sql`o.id = ${id}` })).items;
  if (view === undefined)
    throw new ApiError("NOT_FOUND", { vi: `Không tìm thấy tổ chức ${id}`, en: `No organisation ${id}` });
  const [parent] =
    view.parentId === null
      ? []
      : (await findOrganizationViews(db, asOf, { where: sql`o.id = ${view.parentId}` })).items;
  const children = view.existsAsOf
    ? (await findOrganizationViews(db, asOf, { parentId: id, orderBy: sql`${BY_NAME}, o.id collate "C"` }))
        .items
    : [];
  const figures = view.existsAsOf ? await publicFiguresOf(c, id, asOf) : [];
  const body: PublicOrganization = {
    id: view.id,
    name: view.name,
    level: view.level,
    asOf,
    existsAsOf: view.existsAsOf,
    parent: parent === undefined ? null : refOf(parent),
    children: children.filter((child) => child.existsAsOf).map(refOf),
    figures,
  };
  return publicCache(c, body) ?? c.json(body, 200);
});

/**
 * Each figure computed as the public metric route computes it, then prepared for the public by the
 * domain's `toPublicFigure`; a figure that fails its publication checks is left out, not guessed.
 */
async function publicFiguresOf(
  c: Context<AppEnv>,
  organizationId: string,
  asOf: string,
): Promise<PublicOrganizationFigure[]> {
  const figures: PublicOrganizationFigure[] = [];
  for (const { metricId, query } of figureQuestions(organizationId, asOf)) {
    const { metric, result } = await computeMetric(c, metricId, query);
    const figure = toPublicFigure(result);
    if (!figure.ok) continue;
    figures.push(publicFigureOf(metricId, metric.version, metric.counts, query, figure.value));
  }
  return figures;
}

function publicFigureOf(
  metricId: string,
  metricVersion: number,
  counts: { vi: string; en: string },
  query: PublicOrganizationFigure["query"],
  figure: PublicFigure,
): PublicOrganizationFigure {
  const { provenance } = figure;
  return {
    metricId,
    metricVersion,
    counts,
    query,
    value: figure.value,
    hidden: figure.hidden,
    threshold: figure.threshold,
    provenance: {
      metricId: provenance.metricId,
      metricVersion: provenance.metricVersion,
      organizationId: provenance.organizationId,
      ...(provenance.asOf === undefined ? {} : { asOf: provenance.asOf }),
      ...(provenance.period === undefined ? {} : { period: provenance.period }),
      recordsCounted: provenance.recordsCounted,
      computedAt: provenance.computedAt,
    },
  };
}
