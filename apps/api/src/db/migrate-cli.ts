// `pnpm migrate`: applies pending migrations to the configured database and exits.
import { readEnv } from "../env.js";
import { databaseOptionsFrom, openDatabase } from "./client.js";

const env = readEnv();
const database = await openDatabase(databaseOptionsFrom(env));
await database.migrate();
await database.close();
console.log(`Migrations applied (${database.driver}).`);
