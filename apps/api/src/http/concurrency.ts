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
  return versionOfEtag(header);
}

function versionOfEtag(etag: string): number {
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(etag.trim());
  if (match === null) throw new ApiError("PRECONDITION_FAILED", MESSAGES.stale);
  return Number(match[1]);
}

/**
 * The versions of several records one action changes (a merger of organisations, say), from an
 * `If-Match` that lists their ETags in the order the request names the records: 428 when it lists
 * fewer than `count`, 412 when one names no version we could have sent.
 * @example expectedVersions(c, 3) // If-Match: "v2", "v5", "v1" → [2, 5, 1]
 */
export function expectedVersions(c: Context, count: number): number[] {
  const header = c.req.header("If-Match") ?? "";
  const etags = header.trim() === "" ? [] : header.split(",");
  if (etags.length < count) {
    throw new ApiError("PRECONDITION_REQUIRED", {
      vi: `Cần If-Match với ${count} ETag, theo thứ tự các bản ghi trong yêu cầu`,
      en: `If-Match needs ${count} ETags, in the order the request names the records`,
    });
  }
  return etags.slice(0, count).map(versionOfEtag);
}

/**
 * Refuses a change to a record read at another version than the client's: checked before the
 * domain's rules, so that a stale client is told to reload rather than given a verdict on old data.
 */
export function assertVersion(current: number, expected: number): void {
  if (current !== expected) throw new ApiError("PRECONDITION_FAILED", MESSAGES.stale);
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
