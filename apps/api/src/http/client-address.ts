// The address of the person behind a request, for per-reader and per-address limits.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The client's address. A request from a loopback peer comes through one of the project's own
 * servers (the admin's proxy, the news viewer) or a reverse proxy on the same machine, which each
 * append the address they saw to `X-Forwarded-For`: the last entry is theirs and the only one to
 * trust, since whatever comes before it was written by the client. From any other peer the header
 * is ignored. In-process calls (tests, the demo data) have no peer and count as local.
 */
export function clientAddress(c: Context): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (peer === undefined || LOOPBACK.has(peer)) {
    const forwarded = c.req.header("X-Forwarded-For");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last !== undefined && last !== "") return last;
  }
  return peer ?? "local";
}
