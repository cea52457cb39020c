// Every table the API owns, one file per group of resources. Migrations in ../../../drizzle are
// generated from these files.
export * from "./accounts.js";
export * from "./content.js";
export * from "./members.js";
export * from "./metrics.js";
export * from "./organizations.js";
