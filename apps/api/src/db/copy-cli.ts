// `pnpm db:copy`: moves the embedded database's records into the PostgreSQL database named by
// `DATABASE_URL` (migrated here, and empty), for moving from the default to a server.
import { readEnv } from "../env.js";
import { openDatabase } from "./client.js";
import { copyDatabase } from "./copy.js";

const env = readEnv();
if (env.DATABASE_URL === undefined) {
  console.error(
    "Đặt DATABASE_URL là cơ sở dữ liệu PostgreSQL đích. · Set DATABASE_URL to the target PostgreSQL database.",
  );
  process.exit(2);
}
const source = await openDatabase({ driver: "pglite", dataDir: env.DATA_DIR });
const target = await openDatabase({ driver: "postgres", url: env.DATABASE_URL });
try {
  await source.migrate();
  await target.migrate();
  const report = await copyDatabase(source.db, target.db);
  console.table(report.tables.filter((table) => table.rows > 0));
  console.log(`Đã chép từ ${env.DATA_DIR} sang PostgreSQL. · Copied from ${env.DATA_DIR} to PostgreSQL.`);
} finally {
  await source.close();
  await target.close();
}
