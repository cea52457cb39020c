// Vietnamese text: folding for search, collation keys, slugs, and number and date formatting.
export * from "./collation.js";
export * from "./fold.js";
export * from "./format.js";
