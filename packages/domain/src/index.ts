// The public surface of @sodoan/domain: every export here is deliberate and documented.
export * from "./article/index.js";
export * from "./conference/index.js";
export * from "./document/index.js";
export * from "./i18n/issues.js";
export * from "./i18n/message.js";
export * from "./id/index.js";
export * from "./member/index.js";
export * from "./metrics/index.js";
export * from "./organization/index.js";
export * from "./position/index.js";
export * from "./rating/index.js";
export * from "./referral/index.js";
export * from "./result.js";
export * from "./text/index.js";
export * from "./time/index.js";
