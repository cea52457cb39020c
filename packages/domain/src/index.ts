// The public surface of @sodoan/domain: every export here is deliberate and documented.
export * from "./i18n/message.js";
export * from "./result.js";
export * from "./time/index.js";
