// Moves every record from one database to another of the same schema: from the embedded default to
// a PostgreSQL server, typically. Row values go as JSON through `json_populate_recordset`, so the
// copy needs nothing but SQL on both sides, whichever driver each is.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { rowsOf } from "./queries/tree.js";

/** Rows read and written per round trip. */
const CHUNK = 2000;

/** The public tables in an order that puts every referenced table before those referring to it. */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((row) => row.name);
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(
      sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'f' and n.nspname = 'public'`,
    ),
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges) if (edge.child === table && edge.parent !== table) visit(edge.parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export type CopyReport = { tables: { name: string; rows: number }[] };

/**
 * Copies every row of every public table from `source` to `target`, whose schema must be migrated
 * and whose tables empty (it refuses otherwise). One transaction on the target: all or nothing.
 * The target's triggers are off during the copy, so that the audit trail is copied, not rewritten;
 * sequences then continue after the highest id copied.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport> {
  const tables = (await tablesInDependencyOrder(source)).filter((name) => !name.startsWith("__drizzle"));
  const report: CopyReport = { tables: [] };
  await target.transaction(async (tx) => {
    for (const name of tables) {
      const [existing] = rowsOf<{ n: number | string }>(
        await tx.execute(sql`select count(*) as n from ${sql.identifier(name)}`),
      );
      if (Number(existing?.n ?? 0) > 0) {
        throw new Error(`The target database already holds rows in ${name}: copy into an empty one.`);
      }
    }
    for (const name of tables)
      await tx.execute(sql`alter table ${sql.identifier(name)} disable trigger user`);
    for (const name of tables) {
      let rows = 0;
      for (let offset = 0; ; offset += CHUNK) {
        const [chunk] = rowsOf<{ rows: unknown[] | null }>(
          await source.execute(
            sql`select json_agg(t) as rows from (select * from ${sql.identifier(name)} order by ctid limit ${CHUNK} offset ${offset}) t`,
          ),
        );
        const values = chunk?.rows ?? [];
        if (values.length === 0) break;
        await tx.execute(
          sql`insert into ${sql.identifier(name)} select * from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(values)}::json)`,
        );
        rows += values.length;
        if (values.length < CHUNK) break;
      }
      report.tables.push({ name, rows });
    }
    for (const name of tables) await tx.execute(sql`alter table ${sql.identifier(name)} enable trigger user`);
    // Serial columns go on from the highest copied value.
    const serials = rowsOf<{ table_name: string; column_name: string }>(
      await tx.execute(
        sql`select table_name, column_name from information_schema.columns
            where table_schema = 'public' and column_default like 'nextval(%'`,
      ),
    );
    for (const { table_name, column_name } of serials) {
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}),
              coalesce((select max(${sql.identifier(column_name)}) from ${sql.identifier(table_name)}), 0) + 1, false)`,
      );
    }
  });
  return report;
}
