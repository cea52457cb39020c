// What every handler can reach through the context: services are passed in, never imported.
import type { Access } from "./access.js";
import type { SignedInUser } from "./auth/guard.js";
import type { ScryptCost } from "./auth/passwords.js";
import type { LoginLimits, RateLimit, RateLimiter } from "./auth/rate-limit.js";
import type { ChangeBus } from "./content/change-bus.js";
import type { Database } from "./db/client.js";
import type { SnapshotCache } from "./db/snapshot-cache.js";
import type { Logger } from "./log.js";

/** The services an app is built with; tests pass their own. */
export type Services = {
  database: Database;
  /** The current time; a test can fix it. */
  now: () => Date;
  /** Where request and error logs go; silent when absent. */
  log?: Logger;
  /** Where content changes go for the public change feed; an in-process bus when absent. */
  changes?: ChangeBus;
  /** Sign-in settings; the recommended ones when absent. Tests lower the hashing cost. */
  auth?: AuthSettings;
  /** What readers may write through the public routes; the defaults when absent. */
  readers?: ReaderSettings;
};

export type ReaderSettings = {
  /** Comments one client address may post in a window; tests set their own to stay independent. */
  commentLimit?: RateLimit;
  /**
   * The secret the news servers send with view counts. When set, counts without it are refused,
   * so that nobody else can inflate them; when unset anyone may report views.
   */
  viewCountToken?: string;
};

export type AuthSettings = {
  passwordCost?: ScryptCost;
  loginLimits?: LoginLimits;
  sessionTtlMs?: number;
};

export type AppEnv = {
  Variables: {
    /** The request's id, in its log lines and its answer (see http/request-id.ts). */
    requestId: string;
    services: Services;
    /** The signed-in user, if any (set by the guard). */
    user: SignedInUser | undefined;
    /** What the request may reach (set by the guard); every data access takes it. */
    access: Access;
    /** Answers computed from the records, held while the records stay as they were; per app. */
    snapshotCache: SnapshotCache;
    /** Reader comments per client address, counted per app. */
    commentLimiter: RateLimiter;
  };
};
