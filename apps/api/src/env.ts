// The API's settings, read from the environment once and validated, so a typo fails at start.
import { z } from "zod";

const EnvSchema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** `auto`: an empty embedded database gets the demo data at start; `off`: it stays empty. */
  DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
  /** The first system administrator, created at start when the database has no account yet. */
  ADMIN_EMAIL: z.email({ error: "ADMIN_EMAIL must be an email address" }).optional(),
  ADMIN_PASSWORD: z.string().min(10, { error: "ADMIN_PASSWORD needs at least 10 characters" }).optional(),
  /** Sign-in attempts allowed per account, and per client address, in each 15-minute window. */
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  /** Reader comments allowed per client address in each 10-minute window. */
  COMMENT_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
  /** The secret news servers send with view counts; unset, anyone may report views. */
  VIEW_COUNT_TOKEN: z.string().min(16, { error: "VIEW_COUNT_TOKEN needs at least 16 characters" }).optional(),
  /** How long a session lasts from sign-in. */
  SESSION_HOURS: z.coerce
    .number()
    .min(0.25)
    .max(24 * 30)
    .default(12),
});

export type Env = z.infer<typeof EnvSchema>;

/** Reads the settings from `process.env`, or fails with every wrong variable named. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
