// The API's health as the admin shows it: fetched through the same origin, read into bilingual lines.
import type { AppType } from "@sodoan/api";
import type { LocalizedText } from "@sodoan/domain";
import { hc, type InferResponseType } from "hono/client";

/** The API's health answer. Checked by hand rather than with zod: zod stays out of the first download. */
export type Health = {
  status: "ok" | "degraded";
  database: { driver: "pglite" | "postgres"; ok: boolean };
};

type HealthEndpoint = ReturnType<typeof hc<AppType>>["api"]["health"]["$get"];
/** Fails to compile when the API's health answer and this schema drift apart. */
type ApiHealth = InferResponseType<HealthEndpoint, 200> | InferResponseType<HealthEndpoint, 503>;
const sameShape: [ApiHealth] extends [Health] ? ([Health] extends [ApiHealth] ? true : false) : false = true;
void sameShape;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Whether a body is a health answer, whatever a proxy in between may have sent instead. */
export function isHealth(body: unknown): body is Health {
  if (!isRecord(body) || !isRecord(body.database)) return false;
  return (
    (body.status === "ok" || body.status === "degraded") &&
    (body.database.driver === "pglite" || body.database.driver === "postgres") &&
    typeof body.database.ok === "boolean"
  );
}

/** The error body's bilingual message, when the body is one (DESIGN §6). */
function errorMessageOf(body: unknown): LocalizedText | undefined {
  if (!isRecord(body) || !isRecord(body.error) || !isRecord(body.error.message)) return undefined;
  const { vi, en } = body.error.message;
  return typeof vi === "string" && typeof en === "string" ? { vi, en } : undefined;
}

/** What the status panel knows: still asking, an answer from the API, or no usable answer at all. */
export type HealthState =
  | { kind: "loading" }
  | { kind: "answered"; health: Health }
  | { kind: "unreachable"; reason: LocalizedText };

const DRIVER_NAMES: Record<Health["database"]["driver"], string> = {
  pglite: "PGlite",
  postgres: "PostgreSQL",
};

const UNREACHABLE: LocalizedText = {
  vi: "Không kết nối được máy chủ API.",
  en: "The API server cannot be reached.",
};

/**
 * Asks the API for its health through the same origin; never throws, because a failure is something
 * to show. The body is still checked: a proxy in between may answer with anything.
 */
export async function fetchHealth(fetcher: typeof fetch = fetch, signal?: AbortSignal): Promise<HealthState> {
  const client = hc<AppType>(globalThis.location?.origin ?? "http://localhost", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetcher(input, init),
  });
  let response: Response;
  try {
    response = await client.api.health.$get(undefined, { init: signal ? { signal } : {} });
  } catch {
    return { kind: "unreachable", reason: UNREACHABLE };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (isHealth(body))
    return { kind: "answered", health: { status: body.status, database: { ...body.database } } };
  const message = errorMessageOf(body);
  if (message) return { kind: "unreachable", reason: message };
  return {
    kind: "unreachable",
    reason: {
      vi: `Máy chủ API trả lời không hợp lệ (HTTP ${response.status}).`,
      en: `The API server gave an invalid answer (HTTP ${response.status}).`,
    },
  };
}

/** One line for the API itself and one for its database, in both languages. */
export function describeHealth(health: Health): { api: LocalizedText; database: LocalizedText } {
  const driver = DRIVER_NAMES[health.database.driver];
  return {
    api:
      health.status === "ok"
        ? { vi: "API: đang hoạt động", en: "API: running" }
        : { vi: "API: hoạt động hạn chế", en: "API: degraded" },
    database: health.database.ok
      ? { vi: `Cơ sở dữ liệu: ${driver} — kết nối tốt`, en: `Database: ${driver} — connected` }
      : { vi: `Cơ sở dữ liệu: ${driver} — mất kết nối`, en: `Database: ${driver} — unavailable` },
  };
}
