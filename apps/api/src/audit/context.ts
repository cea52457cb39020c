// Who made a change, carried into the database: every transaction of a request first sets the
// settings the audit trigger reads, so the trail says who and which request without any handler
// having to remember it.
import { sql } from "drizzle-orm";
import type { Database, Db } from "../db/client.js";
import { AUDIT_SETTINGS } from "./triggers.js";

export type AuditActor = { id: string; email: string } | undefined;

export type AuditContext = { actor: AuditActor; requestId: string; now: () => Date };

/** The statement that names the actor, request and time for the rest of a transaction. */
export function auditSettingsSql(context: AuditContext) {
  return sql`select
    set_config(${AUDIT_SETTINGS.actorId}, ${context.actor?.id ?? ""}, true),
    set_config(${AUDIT_SETTINGS.actorEmail}, ${context.actor?.email ?? ""}, true),
    set_config(${AUDIT_SETTINGS.requestId}, ${context.requestId}, true),
    set_config(${AUDIT_SETTINGS.at}, ${context.now().toISOString()}, true)`;
}

/** The database as one request sees it: its transactions carry the request's audit context. */
export function withAuditContext(database: Database, context: AuditContext): Database {
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property !== "transaction") return Reflect.get(target, property, receiver);
      const transaction: Db["transaction"] = (work, config) =>
        target.transaction(async (tx) => {
          await tx.execute(auditSettingsSql(context));
          return work(tx);
        }, config);
      return transaction;
    },
  });
  return { ...database, db };
}
