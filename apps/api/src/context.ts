// What every handler can reach through the context: services are passed in, never imported.
import type { RequestIdVariables } from "hono/request-id";
import type { Access } from "./access.js";
import type { ChangeBus } from "./content/change-bus.js";
import type { Database } from "./db/client.js";
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
};

export type AppEnv = {
  Variables: RequestIdVariables & { services: Services; access: Access };
};
