// Who may use the admin side: accounts, their sessions, and the audit trail of every change.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organization } from "./organizations.js";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * A person who signs in. `organization_id` is the root of their scope (null for a system
 * administrator, who reaches everything). The password is kept only as a scrypt hash.
 */
export const appUser = pgTable(
  "app_user",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    /** Lower case, so that one address cannot hold two accounts. */
    email: text("email").notNull().unique(),
    fullName: text("full_name").notNull(),
    role: text("role").notNull(),
    organizationId: text("organization_id").references(() => organization.id),
    passwordHash: text("password_hash").notNull(),
    /** Set by an administrator's reset: the user must choose a new password after signing in. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: instant("disabled_at"),
    version: integer("version").notNull().default(1),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("app_user_organization_id_idx").on(table.organizationId)],
);

/**
 * A signed-in session. Only the SHA-256 of its token is stored, so a copy of the table opens
 * nothing; deleting the row ends the session at once.
 */
export const userSession = pgTable(
  "user_session",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [index("user_session_user_id_idx").on(table.userId)],
);

/**
 * One change (or one read of sensitive data), written in the transaction that made it: by the
 * database's own triggers for changes, so no write path can forget it. `subject_*` names the record
 * whose history it belongs to (a member for a member's event).
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: instant("at").notNull(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    requestId: text("request_id"),
    /** `insert`, `update`, `delete`; `read` of sensitive data; `export` and `erase` of a member's data. */
    action: text("action").notNull(),
    tableName: text("table_name").notNull(),
    rowId: text("row_id"),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (table) => [index("audit_event_subject_idx").on(table.subjectType, table.subjectId, table.id)],
);
