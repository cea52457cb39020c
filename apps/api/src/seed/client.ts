// The seed's way in: the API's own routes, called in process on a clock the seed sets, so that each
// record carries the time it would have been recorded and passes the same rules as an admin's.
import type { QuotedFigure } from "@sodoan/domain";
import { createApp } from "../app.js";
import type { Database } from "../db/client.js";

/** What a write answered: its body and the ETag to send with the next change. */
export type Written<T> = { body: T; etag: string };

/** The question a quoted figure asks: as of a date (a stock, or a year's rate), or over a period. */
export type FigureQuestion = {
  metricId: string;
  organizationId: string;
  unit?: QuotedFigure["unit"];
} & ({ asOf: string; period?: undefined } | { period: { from: string; to: string }; asOf?: string });

type MetricAnswer = {
  metric: { version: number };
  result: { value: unknown; provenance: { computedAt: string } };
};

/**
 * Calls the routes with the session of `cookie`; any answer but a success stops the seed with the
 * API's own message.
 */
export function createSeedClient(database: Database, cookie: string) {
  let clock = new Date(0);
  const app = createApp({ database, now: () => clock });

  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    ifMatch?: string,
  ): Promise<Written<T>> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Cookie: cookie };
    if (ifMatch !== undefined) headers["If-Match"] = ifMatch;
    const response = await app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T;
    if (!response.ok)
      throw new Error(`Demo data: ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return { body: answer, etag: response.headers.get("ETag") ?? "" };
  }

  return {
    /** Sets the moment the following writes are recorded at. */
    at(instant: string): void {
      clock = new Date(instant);
    },
    get: async <T>(path: string) => (await send<T>("GET", path)).body,
    /** A read with the ETag an update of the record must send. */
    read: <T>(path: string) => send<T>("GET", path),
    post: <T>(path: string, body: unknown, ifMatch?: string) => send<T>("POST", path, body, ifMatch),
    patch: <T>(path: string, body: unknown, ifMatch: string) => send<T>("PATCH", path, body, ifMatch),

    /**
     * A figure as an article or a conference quotes it: computed by the metrics route at the
     * clock's moment and as known then, so that it can be reproduced later.
     */
    async quote(question: FigureQuestion): Promise<QuotedFigure> {
      const knownAt = clock.toISOString();
      const query = new URLSearchParams({ organizationId: question.organizationId, knownAt });
      if (question.asOf !== undefined) query.set("asOf", question.asOf);
      if (question.period !== undefined) {
        query.set("from", question.period.from);
        query.set("to", question.period.to);
      }
      const { metric, result } = (
        await send<MetricAnswer>("GET", `/api/v1/metrics/${question.metricId}?${query}`)
      ).body;
      const unit = question.unit ?? "count";
      const value = figureValueOf(result.value, unit);
      return {
        metricId: question.metricId,
        metricVersion: String(metric.version),
        organizationId: question.organizationId,
        ...(question.period === undefined ? { asOf: question.asOf } : { period: question.period }),
        value,
        unit,
        computedAt: result.provenance.computedAt,
        knownAt,
      };
    },
  };
}

export type SeedClient = ReturnType<typeof createSeedClient>;

/** The number a metric's value stands for: a count, or a rate in [0, 1]. */
function figureValueOf(value: unknown, unit: QuotedFigure["unit"]): number {
  if (typeof value === "number") return value;
  const record = value as { count?: number; rate?: number | null };
  const number = unit === "ratio" ? record.rate : record.count;
  if (typeof number !== "number") throw new Error(`Demo data: no ${unit} in ${JSON.stringify(value)}`);
  return number;
}
