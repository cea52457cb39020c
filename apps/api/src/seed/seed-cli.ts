// `pnpm seed`: loads the demo data into the database the environment names (PGlite in DATA_DIR, or
// DATABASE_URL), after its migrations; a database that holds records is refused and left as it was.
import { databaseOptionsFrom, openDatabase } from "../db/client.js";
import { readEnv } from "../env.js";
import { DatabaseNotEmptyError, seedDemoData } from "./index.js";

const env = readEnv();
const database = await openDatabase(databaseOptionsFrom(env));
try {
  await database.migrate();
  const summary = await seedDemoData(database);
  console.log(
    `Đã nạp dữ liệu mẫu / Demo data loaded (${database.driver}): ${summary.organizations} tổ chức / organisations, ` +
      `${summary.members} đoàn viên / members, ${summary.conferences} hội nghị / conferences, ` +
      `${summary.articles} bài viết / articles, ${(summary.ms / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  if (!(error instanceof DatabaseNotEmptyError)) throw error;
  console.error(`${error.localized.vi}\n${error.localized.en}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
