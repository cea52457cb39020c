// Calls to the API through the admin's own origin (`/api`, proxied by the admin server): JSON in and
// out, the session cookie sent as a first-party cookie, and every error read into one shape.
import type { LocalizedText } from "@sodoan/domain";

/** One problem the API found with a field, as its error body lists it (DESIGN §6). */
export type ApiIssue = { path: (string | number)[]; message: LocalizedText };

const UNREACHABLE: LocalizedText = {
  vi: "Không kết nối được máy chủ API.",
  en: "The API server cannot be reached.",
};

/** An answer other than 2xx, with the error body's code, message and field issues. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localized: LocalizedText;
  readonly issues: ApiIssue[];
  readonly body: unknown;

  constructor(status: number, code: string, localized: LocalizedText, issues: ApiIssue[], body: unknown) {
    super(`${status} ${code}: ${localized.en}`);
    this.status = status;
    this.code = code;
    this.localized = localized;
    this.issues = issues;
    this.body = body;
  }
}

export type ApiResponse<T> = { data: T; etag: string | null; status: number };

export type ApiRequest = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent as JSON (files go up through `lib/upload.ts`, which reports progress). */
  json?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
};

function isErrorBody(
  body: unknown,
): body is { error: { code: string; message: LocalizedText; issues?: ApiIssue[] } } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

/** Builds a query string from the defined, non-empty values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/**
 * Calls the API at `path` (starting with `/api/`), resolving with the parsed body and its ETag, or
 * rejecting with an `ApiRequestError` that carries the error body's messages.
 */
export async function apiRequest<T>(
  path: string,
  request: ApiRequest = {},
  fetcher: typeof fetch = fetch,
): Promise<ApiResponse<T>> {
  const headers = new Headers({ Accept: "application/json" });
  let body: string | undefined;
  if (request.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(request.json);
  }
  if (request.ifMatch !== undefined) headers.set("If-Match", request.ifMatch);
  let response: Response;
  try {
    response = await fetcher(path, {
      method: request.method ?? "GET",
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new ApiRequestError(0, "API_UNAVAILABLE", UNREACHABLE, [], undefined);
  }
  const parsed: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      const { code, message, issues = [] } = parsed.error;
      throw new ApiRequestError(response.status, code, message, issues, parsed);
    }
    throw new ApiRequestError(
      response.status,
      "UNREADABLE_ANSWER",
      {
        vi: `Máy chủ trả lời không hợp lệ (HTTP ${response.status}).`,
        en: `The server gave an invalid answer (HTTP ${response.status}).`,
      },
      [],
      parsed,
    );
  }
  return { data: parsed as T, etag: response.headers.get("ETag"), status: response.status };
}

/** The body of a successful call, for queries that need no headers. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await apiRequest<T>(path, signal === undefined ? {} : { signal })).data;
}
