// The organisations each kind of record belongs to, for the guard's scope check.
import { eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  appUser,
  article,
  comment,
  conference,
  memberEvent,
  organization,
  positionTerm,
  referral,
} from "../db/schema/index.js";
import type { RecordKind } from "./policy.js";

/**
 * The organisations a record belongs to, or `undefined` when there is no such record (the handler
 * then answers its own 404 or validation error). A member belongs to every unit that was ever
 * their home, so that each keeps the history of the time the member spent there, and to every unit
 * a transfer was addressed to, which receives them from there; a user to the
 * root of their scope, a system administrator to none (no subtree reaches them).
 */
export async function organizationsOfRecord(
  db: Db,
  kind: RecordKind,
  id: string,
): Promise<string[] | undefined> {
  switch (kind) {
    case "organization": {
      const rows = await db.select({ id: organization.id }).from(organization).where(eq(organization.id, id));
      return rows.length === 0 ? undefined : [id];
    }
    case "member": {
      const rows = await db
        .selectDistinct({ unitId: memberEvent.unitId })
        .from(memberEvent)
        .where(sql`${memberEvent.memberId} = ${id} and ${isNotNull(memberEvent.unitId)}`);
      if (rows.length === 0) return undefined;
      // The unit a transfer is addressed to must see the member to receive them.
      const addressed = await db
        .selectDistinct({ unitId: memberEvent.otherUnitId })
        .from(memberEvent)
        .where(
          sql`${memberEvent.memberId} = ${id} and ${memberEvent.type} = 'transfer_out' and ${isNotNull(memberEvent.otherUnitId)}`,
        );
      return [...new Set([...rows, ...addressed].map((row) => row.unitId as string))];
    }
    case "article":
      return single(db.select({ org: article.organizationId }).from(article).where(eq(article.id, id)));
    case "article-slug":
      return single(db.select({ org: article.organizationId }).from(article).where(eq(article.slug, id)));
    case "conference":
      return single(db.select({ org: conference.organizerId }).from(conference).where(eq(conference.id, id)));
    case "comment":
      return single(
        db
          .select({ org: article.organizationId })
          .from(comment)
          .innerJoin(article, eq(article.id, comment.articleId))
          .where(eq(comment.id, id)),
      );
    case "referral":
      return single(db.select({ org: referral.organizationId }).from(referral).where(eq(referral.id, id)));
    case "position":
      return single(
        db.select({ org: positionTerm.organizationId }).from(positionTerm).where(eq(positionTerm.id, id)),
      );
    case "user": {
      const [row] = await db.select({ org: appUser.organizationId }).from(appUser).where(eq(appUser.id, id));
      if (row === undefined) return undefined;
      return row.org === null ? [] : [row.org];
    }
  }
}

async function single(query: Promise<{ org: string }[]>): Promise<string[] | undefined> {
  const [row] = await query;
  return row === undefined ? undefined : [row.org];
}
