// Optimistic concurrency (DESIGN §6): reads send an ETag of the record's version, updates send it
// back in If-Match, and a stale or missing one is refused, so no update is ever lost silently.
import type { Context } from "hono";
import { ApiError } from "../errors.js";

/** The ETag of a record at a version. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** Sets the ETag of the record a response carries. */
export function setEtag(c: Context, version: number): void {
  c.header("ETag", etagOf(version));
}

/**
 * The version the client says it is changing, from `If-Match`: 428 when the header is missing, 412
 * when it names no version we could have sent. The update itself must still check the version in
 * its `WHERE` clause (see `assertUpdated`), since another request may have changed it meanwhile.
 */
export function expectedVersion(c: Context): number {
  const header = c.req.header("If-Match");
  if (header === undefined || header.trim() === "")
    throw new ApiError("PRECONDITION_REQUIRED", MESSAGES.missing);
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (match === null) throw new ApiError("PRECONDITION_FAILED", MESSAGES.stale);
  return Number(match[1]);
}

/**
 * Turns the rows an update touched into its outcome: none means another change won the race (or
 * the version was stale from the start), so the client must reload.
 */
export function assertUpdated<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new ApiError("PRECONDITION_FAILED", MESSAGES.stale);
  return row;
}

const MESSAGES = {
  missing: {
    vi: "Thiếu tiêu đề If-Match: hãy gửi ETag của bản ghi đã đọc",
    en: "If-Match is missing: send the ETag of the record you read",
  },
  stale: {
    vi: "Bản ghi đã được người khác thay đổi, hãy tải lại",
    en: "The record was changed by someone else; reload it",
  },
};
