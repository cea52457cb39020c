// Reference data built from a seed: the Sóc Trăng demo whose figures the metrics must reproduce, and bulk members for benchmarks.
export { type GeneratedMembers, type GenerateMembersOptions, generateMembers } from "./generate.js";
export type { Ethnicity } from "./names.js";
export { createRandom, type Random } from "./random.js";
export { buildSocTrangReference, type ReferenceDataset, SOC_TRANG } from "./soc-trang.js";
