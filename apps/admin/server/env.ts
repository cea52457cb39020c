// The admin server's settings, read from the environment once and checked.
import { z } from "zod";

const EnvSchema = z.object({
  ADMIN_PORT: z.coerce.number().int().min(1).max(65_535).default(5173),
  HOST: z.string().min(1).default("127.0.0.1"),
  API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8787"),
});

export type AdminEnv = { port: number; host: string; apiUrl: string };

/** Reads the admin server's settings; throws one message that names every bad variable. */
export function parseAdminEnv(source: Record<string, string | undefined>): AdminEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid admin server environment:\n  ${problems.join("\n  ")}`);
  }
  return { port: result.data.ADMIN_PORT, host: result.data.HOST, apiUrl: result.data.API_URL };
}

/** Empty strings count as unset, as they do in most shells' `VAR= command`. */
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
}

export function readAdminEnv(): AdminEnv {
  return parseAdminEnv(withoutEmpty(process.env));
}
