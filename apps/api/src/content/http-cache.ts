// Caching of anonymous reads: a short public max-age and a strong ETag of the body, so that the
// news viewer and any proxy between revalidate cheaply.
import { createHash } from "node:crypto";
import type { Context } from "hono";

/** How long a public answer may be reused without asking again. */
export const PUBLIC_MAX_AGE_SECONDS = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;

/**
 * Sets the public cache headers of a body, and answers 304 when the client already holds it.
 * @returns the 304 response to send, or undefined to send the body.
 */
export function publicCache(c: Context, body: unknown) {
  const tag = `"${createHash("sha1").update(JSON.stringify(body)).digest("base64url")}"`;
  c.header("Cache-Control", PUBLIC_CACHE_CONTROL);
  c.header("ETag", tag);
  const held = c.req.header("If-None-Match");
  if (held?.split(",").some((value) => value.trim().replace(/^W\//, "") === tag)) {
    return c.body(null, 304);
  }
  return undefined;
}
