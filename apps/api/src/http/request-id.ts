// Every request has an id, in the logs and in the X-Request-Id header of its answer, so that a
// reader's report can be matched with what the server did. A proxy or client that already gave the
// request an id keeps it, when it is one that can be logged safely.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** Letters, digits, `_`, `-` and `=`, up to 255 of them: what a log line can hold unescaped. */
const SAFE_ID = /^[\w\-=]{1,255}$/;

/** The id of a request that came with `given` in its X-Request-Id header. */
export function requestIdFor(given: string | null | undefined): string {
  return given != null && SAFE_ID.test(given) ? given : crypto.randomUUID();
}

/** Names the request and its answer. The public read cache names the answers it serves itself. */
export const requestIds: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = requestIdFor(c.req.header(REQUEST_ID_HEADER));
  c.set("requestId", id);
  c.header(REQUEST_ID_HEADER, id);
  await next();
};
