// What every handler can reach through the context: services are passed in, never imported.
import type { RequestIdVariables } from "hono/request-id";
import type { Database } from "./db/client.js";

/** The services an app is built with; tests pass their own. */
export type Services = {
  database: Database;
  /** The current time; a test can fix it. */
  now: () => Date;
};

export type AppEnv = { Variables: RequestIdVariables & { services: Services } };
