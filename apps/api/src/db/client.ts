// Opens the one database the API owns: embedded PGlite by default, a PostgreSQL server by URL.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { auditTriggerStatements } from "../audit/triggers.js";
import type { Env } from "../env.js";
import * as schema from "./schema/index.js";

/** The same path from `src/db` and from `dist/db`. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * Extensions the schema needs, created before the migrations run: drizzle-kit does not write
 * them into the migrations it generates. PGlite must also be given their code (below).
 */
const EXTENSIONS_SQL = "create extension if not exists pg_trgm";

/** An arbitrary constant that serialises migrations when several API instances start at once. */
const MIGRATION_LOCK_KEY = 7_142_017;

export type Driver = "pglite" | "postgres";
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** An open database: the drizzle handle plus what the app needs to manage it. */
export type Database = {
  driver: Driver;
  db: Db;
  /** Applies pending migrations; safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Whether the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { driver: "pglite"; dataDir?: string | undefined }
  | { driver: "postgres"; url: string; poolSize?: number };

/** The database the settings name: PostgreSQL when `DATABASE_URL` is set, else PGlite in `DATA_DIR`. */
export function databaseOptionsFrom(env: Pick<Env, "DATABASE_URL" | "DATA_DIR">): DatabaseOptions {
  return env.DATABASE_URL === undefined
    ? { driver: "pglite", dataDir: env.DATA_DIR }
    : { driver: "postgres", url: env.DATABASE_URL };
}

/** Opens PGlite (in `dataDir`, or in memory without one) or a pooled PostgreSQL connection. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.driver === "pglite"
    ? openPglite(options.dataDir)
    : openPostgres(options.url, options.poolSize);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // PGlite loads an extension's code only when named here; the migrations then create it.
  const extensions = { pg_trgm };
  const client = await PGlite.create(dataDir === undefined ? { extensions } : { dataDir, extensions });
  const db = drizzlePglite({ client, schema });
  return {
    driver: "pglite",
    db,
    async migrate() {
      await client.exec(EXTENSIONS_SQL);
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      for (const statement of auditTriggerStatements()) await client.exec(statement);
    },
    ping: () => pingWith(db),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener Node exits.
  pool.on("error", () => {});
  const db = drizzleNodePg({ client: pool, schema });
  return {
    driver: "postgres",
    db,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await client.query(EXTENSIONS_SQL);
        await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
        for (const statement of auditTriggerStatements()) await client.query(statement);
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    ping: () => pingWith(db),
    close: () => pool.end(),
  };
}

async function pingWith(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
