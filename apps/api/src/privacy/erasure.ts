// What an erasure request leaves of a member (Law 91/2025/QH15, art. 14): no name, card, contact,
// origin or belief, and no free text about them, but the dated facts every figure is computed
// from, so that a count or a rate of any past date answers the same after the erasure as before.
import type { Member } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import type { Tx } from "../db/queries/members.js";

/**
 * Kept: the id, the gender and the birth date (the age and gender figures read them: members
 * reaching 30, gender splits), and when the record was created. Everything else goes.
 */
export function anonymizedMember(record: Member): Member {
  return {
    id: record.id,
    fullName: anonymizedName(record.id),
    ...(record.gender === undefined ? {} : { gender: record.gender }),
    ...(record.birthDate === undefined ? {} : { birthDate: record.birthDate }),
    createdAt: record.createdAt,
  };
}

/** The name an anonymised member is listed under: the same for no two members. */
export function anonymizedName(memberId: string): string {
  return `Đã ẩn danh ${memberId.slice(0, 8)}`;
}

/** What stands in the place of free text erased from an event or a referral step. */
export const ERASED_TEXT = "[đã xoá theo yêu cầu / erased on request]";

/** Keys of free text, written by a cadre about the member, in events and referral steps. */
const FREE_TEXT_KEYS = new Set(["note", "reason"]);

/**
 * A copy of an event or a referral with every free-text note and reason replaced: they may say
 * anything about the person. Decision numbers, dates and organisations are the Union's own
 * records and stay.
 */
export function withoutFreeText<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutFreeText) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      FREE_TEXT_KEYS.has(key) && typeof inner === "string" ? ERASED_TEXT : withoutFreeText(inner),
    ]),
  ) as T;
}

/**
 * Rewrites the member's audit trail so that no earlier value of theirs survives in it: each
 * recorded state of the member's row takes the anonymised values, and each recorded state of one
 * of their events or referrals takes the record as it now is. Who changed what and when stays.
 * Runs after the records themselves were rewritten, in the same transaction.
 */
export async function scrubAuditTrail(
  tx: Tx,
  memberId: string,
  anonymized: Record<string, unknown>,
): Promise<void> {
  const replacement = JSON.stringify(anonymized);
  await tx.execute(sql`
    update audit_event set
      before = case when before is null then null else before || ${replacement}::jsonb end,
      after = case when after is null then null else after || ${replacement}::jsonb end
    where table_name = 'member' and row_id = ${memberId} and action in ('insert', 'update', 'delete')`);
  // An event's or a referral's recorded states take its `data` as it now is, free text erased.
  for (const table of ["member_event", "referral"]) {
    await tx.execute(sql`
      update audit_event set
        before = case when audit_event.before is null then null else audit_event.before || jsonb_build_object('data', r.data) end,
        after = case when audit_event.after is null then null else audit_event.after || jsonb_build_object('data', r.data) end
      from ${sql.identifier(table)} r
      where audit_event.table_name = ${table} and audit_event.row_id = r.id and r.member_id = ${memberId}`);
  }
}
