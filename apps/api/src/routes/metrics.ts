// Metrics: the catalogue of definitions, and any metric for an organisation as of a date, over a
// period or as a cohort, optionally as known at a moment, with its roll-up over the children.
// The figures come from the SQL path (db/queries/metrics-sql.ts), proven equal to the domain's
// functions; the roll-up computes the total, the organisation's own part and each child alike.
import { createRoute, z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  InstantSchema,
  isMetricId,
  METRIC_CATALOGUE,
  type MetricResult,
  type OrganizationScope,
  type RollUp,
  toPublicFigure,
  toVietnamDate,
  yearOf,
} from "@sodoan/domain";
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import {
  computeMetricSql,
  computeRollUpSql,
  isGroupedMetric,
  resolveMetricScopes,
} from "../db/queries/metrics-sql.js";
import { ApiError } from "../errors.js";
import { createRouter, errorResponse } from "../openapi.js";

const MetricParamsSchema = z.object({
  metricId: z.string().openapi({ param: { name: "metricId", in: "path" }, example: "members.active" }),
});

const MetricQuerySchema = z.object({
  organizationId: z.string().min(1).openapi({ example: "doan-khoi-doanh-nghiep-soc-trang" }),
  asOf: CalendarDateSchema.optional().openapi({
    description: "Mặc định hôm nay / Default today",
    example: "2017-08-31",
  }),
  from: CalendarDateSchema.optional().openapi({ example: "2014-01-01" }),
  to: CalendarDateSchema.optional().openapi({ example: "2017-08-31" }),
  year: z.coerce.number().int().min(1931).max(2200).optional().openapi({ example: 2017 }),
  knownAt: InstantSchema.optional().openapi({ example: "2017-09-01T13:00:00+07:00" }),
  rollUp: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});
type MetricQuery = z.infer<typeof MetricQuerySchema>;

const ProvenanceSchema = z.object({
  metricId: z.string(),
  metricVersion: z.number().int(),
  organizationId: z.string(),
  asOf: z.string().optional(),
  period: z.object({ from: z.string(), to: z.string() }).optional(),
  knownAt: z.string().optional(),
  recordsCounted: z.number().int(),
  computedAt: z.string(),
  counts: z.object({ vi: z.string(), en: z.string() }),
});
const ResultSchema = z.object({ value: z.unknown(), provenance: ProvenanceSchema }).openapi("MetricResult");
const DefinitionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    semantics: z.enum(["stock", "flow", "cohort", "rate"]),
    question: z.enum(["stock", "flow", "year", "cohort"]),
    counts: z.object({ vi: z.string(), en: z.string() }),
  })
  .openapi("MetricDefinition");

const definitions = Object.values(METRIC_CATALOGUE).map(({ definition, question }) => ({
  ...definition,
  question,
}));

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["metrics"],
  summary: "Danh mục chỉ số / The metric catalogue",
  responses: {
    200: {
      description: "Mọi chỉ số / Every metric",
      content: { "application/json": { schema: z.object({ items: z.array(DefinitionSchema) }) } },
    },
  },
});

const computeRoute = createRoute({
  method: "get",
  path: "/{metricId}",
  tags: ["metrics"],
  summary: "Tính một chỉ số cho một tổ chức / Compute a metric for an organisation",
  request: { params: MetricParamsSchema, query: MetricQuerySchema },
  responses: {
    200: {
      description: "Kết quả kèm nguồn gốc / The figure with its provenance",
      content: {
        "application/json": {
          schema: z.object({
            metric: DefinitionSchema,
            result: ResultSchema,
            rollUp: z
              .object({ total: ResultSchema, own: ResultSchema, children: z.array(ResultSchema) })
              .optional(),
          }),
        },
      },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
    404: errorResponse("Không có chỉ số hoặc tổ chức này / No such metric or organisation"),
  },
});

const publicRoute = createRoute({
  method: "get",
  path: "/{metricId}",
  tags: ["public"],
  summary: "Chỉ số công khai: nhóm nhỏ được ẩn / A public figure: small groups are hidden",
  request: { params: MetricParamsSchema, query: MetricQuerySchema.omit({ rollUp: true, knownAt: true }) },
  responses: {
    200: {
      description: "Số liệu công khai / The public figure",
      content: {
        "application/json": {
          schema: z.object({
            metric: DefinitionSchema,
            value: z.unknown(),
            provenance: ProvenanceSchema,
            hidden: z.array(z.object({ path: z.array(z.string()), reason: z.string() })),
            threshold: z.number().int(),
          }),
        },
      },
    },
    400: errorResponse("Tham số không hợp lệ / Invalid parameters"),
    404: errorResponse("Không có chỉ số hoặc tổ chức này / No such metric or organisation"),
    409: errorResponse("Số liệu không qua được kiểm tra công bố / The figure fails the publication checks"),
  },
});

const NOT_FOUND = {
  metric: { vi: "Không có chỉ số này", en: "No such metric" },
  organization: { vi: "Không có tổ chức này vào ngày đã chọn", en: "No such organisation on that date" },
};

function missing(field: string): ApiError {
  const message = { vi: `Chỉ số này cần tham số ${field}`, en: `This metric needs the ${field} parameter` };
  return new ApiError(
    "VALIDATION_FAILED",
    { vi: "Dữ liệu không hợp lệ", en: "Invalid input" },
    {
      issues: [{ path: [field], message }],
    },
  );
}

type Definition = (typeof definitions)[number];
export type Computed = { metric: Definition; result: MetricResult<unknown>; rollUp?: RollUp<unknown> };

/** Resolves the question a metric asks from the query and computes it in SQL, rolled up when asked. */
export async function computeMetric(
  c: Context<AppEnv>,
  metricId: string,
  params: Omit<MetricQuery, "rollUp"> & { rollUp?: boolean },
): Promise<Computed> {
  if (!isMetricId(metricId)) throw new ApiError("NOT_FOUND", NOT_FOUND.metric);
  const entry = METRIC_CATALOGUE[metricId];
  const metric = { ...entry.definition, question: entry.question };
  const { database, now } = c.var.services;
  const asOf = params.asOf ?? toVietnamDate(now());
  const needsPeriod = entry.question === "flow" || entry.question === "cohort";
  if (needsPeriod && params.from === undefined) throw missing("from");
  if (needsPeriod && params.to === undefined) throw missing("to");
  const period = needsPeriod ? { from: params.from ?? asOf, to: params.to ?? asOf } : undefined;
  if (period !== undefined && period.from > period.to) {
    throw new ApiError(
      "VALIDATION_FAILED",
      { vi: "Dữ liệu không hợp lệ", en: "Invalid input" },
      {
        issues: [
          {
            path: ["to"],
            message: { vi: "Ngày kết thúc sớm hơn ngày bắt đầu", en: "The end comes before the start" },
          },
        ],
      },
    );
  }
  // A flow is read on the tree at the end of its period; every other question on the as-of date.
  const treeDate = entry.question === "flow" && period !== undefined ? period.to : asOf;
  const scopes = await resolveMetricScopes(database.db, treeDate, params.knownAt);
  const question = {
    computedAt: now().toISOString(),
    knownAt: params.knownAt,
    asOf,
    period,
    year: entry.question === "year" ? (params.year ?? yearOf(asOf)) : undefined,
  };
  const ask = (organizationId: string, ids: readonly string[], scope: OrganizationScope) =>
    computeMetricSql(database.db, metricId, { ...question, organizationId, unitIds: ids, scope });
  if (params.rollUp !== true) {
    const unitIds = await scopes.subtree(params.organizationId);
    if (unitIds.length === 0) throw new ApiError("NOT_FOUND", NOT_FOUND.organization);
    return { metric, result: await ask(params.organizationId, unitIds, "subtree") };
  }
  // One grouped query where the metric has one (the national roll-up asks of every province), the
  // subtree divided by child in the database; else the subtree's ids divided by child here, and
  // one query for the subtree, one for the organisation's own units and one per child.
  if (isGroupedMetric(metricId)) {
    const parts = await scopes.groupedParts(params.organizationId);
    if (parts === undefined) throw new ApiError("NOT_FOUND", NOT_FOUND.organization);
    const rollUp = await computeRollUpSql(database.db, metricId, question, params.organizationId, parts);
    return { metric, result: rollUp.total, rollUp };
  }
  const { unitIds, children: parts } = await scopes.parts(params.organizationId);
  if (unitIds.length === 0) throw new ApiError("NOT_FOUND", NOT_FOUND.organization);
  const result = await ask(params.organizationId, unitIds, "subtree");
  const own = await ask(params.organizationId, [params.organizationId], "own");
  const children: MetricResult<unknown>[] = [];
  for (const part of parts) children.push(await ask(part.organizationId, part.unitIds, "subtree"));
  return { metric, result, rollUp: { total: result, own, children } };
}

export const metricRoutes = createRouter()
  .openapi(listRoute, (c) => c.json({ items: definitions }, 200))
  .openapi(computeRoute, async (c) => {
    const { metricId } = c.req.valid("param");
    return c.json(await computeMetric(c, metricId, c.req.valid("query")), 200);
  });

export const publicMetricRoutes = createRouter().openapi(publicRoute, async (c) => {
  const { metricId } = c.req.valid("param");
  const { metric, result } = await computeMetric(c, metricId, c.req.valid("query"));
  const figure = toPublicFigure(result);
  if (!figure.ok) throw new ApiError("CONFLICT", figure.message, { issues: figure.issues });
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ metric, ...figure.value }, 200);
});
