// The news server's settings, read from the environment once and checked.
import { z } from "zod";

const EnvSchema = z.object({
  NEWS_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8787"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
});

export type NewsEnv = { port: number; host: string; apiUrl: string; publicUrl: string };

/** Reads the news server's settings; throws one message that names every bad variable. */
export function parseNewsEnv(source: Record<string, string | undefined>): NewsEnv {
  // Empty strings count as unset, as in a shell's `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid news server environment:\n  ${problems.join("\n  ")}`);
  }
  const { NEWS_PORT, HOST, API_URL, PUBLIC_URL } = result.data;
  return { port: NEWS_PORT, host: HOST, apiUrl: API_URL, publicUrl: PUBLIC_URL };
}

export function readNewsEnv(): NewsEnv {
  return parseNewsEnv(process.env);
}
