// The audit trail's triggers: every change to a record table writes its before and after values
// in the same transaction, whatever code made it. drizzle-kit does not generate triggers, so they
// are (re)installed after the migrations, idempotently.

/**
 * The tables whose rows are records people keep, with the record each row's history belongs to
 * (subject type, and the column holding the subject's id) and columns left out of the trail:
 * secrets, and image bytes that would only bloat it. Derived tables (paths, timelines) and
 * sessions are not here: they are rebuilt or re-opened, not kept.
 */
export const AUDITED_TABLES = [
  { table: "organization", subject: "organization", column: "id" },
  { table: "organization_name", subject: "organization", column: "organization_id" },
  { table: "parent_link", subject: "organization", column: "child_id" },
  { table: "lineage_event", subject: "lineage_event", column: "id" },
  { table: "lineage_participant", subject: "organization", column: "organization_id" },
  { table: "position_term", subject: "organization", column: "organization_id" },
  { table: "organization_rating", subject: "organization", column: "organization_id" },
  { table: "organization_discipline", subject: "organization", column: "organization_id" },
  { table: "document", subject: "document", column: "id" },
  { table: "member", subject: "member", column: "id" },
  { table: "member_event", subject: "member", column: "member_id" },
  { table: "referral", subject: "referral", column: "id" },
  { table: "conference", subject: "conference", column: "id" },
  { table: "article", subject: "article", column: "id" },
  { table: "article_image", subject: "article", column: "article_id", omit: ["bytes"] },
  { table: "comment", subject: "comment", column: "id" },
  { table: "app_user", subject: "user", column: "id", omit: ["password_hash"] },
] as const;

/** The settings a request's transaction sets (`set_config(…, true)`), read by the trigger. */
export const AUDIT_SETTINGS = {
  actorId: "sodoan.actor_id",
  actorEmail: "sodoan.actor_email",
  requestId: "sodoan.request_id",
  at: "sodoan.at",
} as const;

const FUNCTION_SQL = `
create or replace function sodoan_audit_row() returns trigger language plpgsql as $audit$
declare
  omitted text[] := string_to_array(tg_argv[2], ',');
  old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - omitted end;
  new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - omitted end;
  any_row jsonb := coalesce(new_row, old_row);
  at_setting text := nullif(current_setting('${AUDIT_SETTINGS.at}', true), '');
begin
  -- An update that changed nothing is not history.
  if tg_op = 'UPDATE' and old_row = new_row then
    return null;
  end if;
  insert into audit_event
    (at, actor_id, actor_email, request_id, action, table_name, row_id, subject_type, subject_id, before, after)
  values (
    coalesce(at_setting::timestamptz, now()),
    nullif(current_setting('${AUDIT_SETTINGS.actorId}', true), ''),
    nullif(current_setting('${AUDIT_SETTINGS.actorEmail}', true), ''),
    nullif(current_setting('${AUDIT_SETTINGS.requestId}', true), ''),
    lower(tg_op),
    tg_table_name,
    any_row ->> 'id',
    tg_argv[0],
    any_row ->> tg_argv[1],
    old_row,
    new_row
  );
  return null;
end
$audit$`;

/** The statements that install the function and one trigger per audited table. */
export function auditTriggerStatements(): string[] {
  return [
    FUNCTION_SQL,
    ...AUDITED_TABLES.flatMap((entry) => {
      const omit = "omit" in entry ? entry.omit.join(",") : "";
      const name = `${entry.table}_audit`;
      return [
        `drop trigger if exists ${name} on ${entry.table}`,
        `create trigger ${name} after insert or update or delete on ${entry.table} ` +
          `for each row execute function sodoan_audit_row('${entry.subject}', '${entry.column}', '${omit}')`,
      ];
    }),
  ];
}
