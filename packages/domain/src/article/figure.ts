// Figures quoted in articles and conference records, frozen at the value computed when published.
import { z } from "zod";
import { bilingual } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { CalendarDateSchema, InstantSchema, PeriodSchema } from "../time/index.js";

/** Whether a figure is a count of records or a ratio in [0, 1], for how it is written. */
export const FigureUnitSchema = z.enum(["count", "ratio"]);
export type FigureUnit = z.infer<typeof FigureUnitSchema>;

/**
 * A figure as quoted: which metric, of which organisation, as of a date or over a period, and
 * the value computed at publication with the moment it was computed.
 * @example QuotedFigureSchema.parse({ metricId: "members.active", organizationId: "doan-khoi-dn", asOf: "2017-08-31", value: 1587, computedAt: "2017-09-01T06:00:00Z" })
 */
export const QuotedFigureSchema = z
  .object({
    metricId: z.string().min(1),
    metricVersion: z.string().min(1).optional(),
    organizationId: IdSchema,
    asOf: CalendarDateSchema.optional(),
    period: PeriodSchema.optional(),
    value: z.number().finite(),
    unit: FigureUnitSchema.default("count"),
    computedAt: InstantSchema,
    /** When the figure was asked "known at" a moment, so that it can be reproduced. */
    knownAt: InstantSchema.optional(),
  })
  .refine(
    (figure) => (figure.asOf === undefined) !== (figure.period === undefined),
    bilingual(
      "Số liệu cần đúng một trong hai: ngày (asOf) hoặc kỳ (period)",
      "A figure needs either a date (asOf) or a period, not both",
      ["asOf"],
    ),
  );
export type QuotedFigure = z.infer<typeof QuotedFigureSchema>;

/** What recomputing a quoted figure today shows. */
export type FigureComparison = {
  isChanged: boolean;
  quoted: number;
  recomputed: number;
  /** recomputed − quoted. */
  difference: number;
};

/**
 * Compares the value quoted at publication with the value computed now; a back-dated correction
 * shows as a change, and the page then gives both values. Rounding noise below one part in a
 * billion is not a change.
 * @example compareQuotedFigure({ value: 1587, … }, 1590) // { isChanged: true, quoted: 1587, recomputed: 1590, difference: 3 }
 */
export function compareQuotedFigure(
  quoted: Pick<QuotedFigure, "value">,
  recomputedValue: number,
): FigureComparison {
  const difference = recomputedValue - quoted.value;
  const scale = Math.max(1, Math.abs(quoted.value), Math.abs(recomputedValue));
  return {
    isChanged: !(Math.abs(difference) <= scale * 1e-9),
    quoted: quoted.value,
    recomputed: recomputedValue,
    difference,
  };
}
