// How an `Access` narrows queries on content that belongs to an organisation.
import { type Column, inArray, type SQL, sql } from "drizzle-orm";
import type { Access } from "../access.js";

/** The condition that keeps rows of the organisations an access reaches; none when unrestricted. */
export function scopeCondition(access: Access, organizationColumn: Column): SQL | undefined {
  if (access.kind === "unrestricted") return undefined;
  if (access.organizationIds.length === 0) return sql`false`;
  return inArray(organizationColumn, [...access.organizationIds]);
}
