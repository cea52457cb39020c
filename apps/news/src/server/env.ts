// The news server's settings, read from the environment once and checked.
import { z } from "zod";

const EnvSchema = z.object({
  NEWS_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8787"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  /** How long a rendered page is kept at most; 0 turns the page cache off. */
  NEWS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** How many rendered pages are kept. */
  NEWS_CACHE_PAGES: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** How often view counts go to the API. */
  NEWS_VIEW_FLUSH_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  /** The API's VIEW_COUNT_TOKEN, sent with the view counts. */
  VIEW_COUNT_TOKEN: z.string().min(16, { error: "VIEW_COUNT_TOKEN needs at least 16 characters" }).optional(),
});

export type NewsEnv = {
  port: number;
  host: string;
  apiUrl: string;
  publicUrl: string;
  /** The page cache's settings, or false when it is off. */
  cache: { maxEntries: number; ttlMs: number } | false;
  views: { token?: string; flushMs: number };
};

/** Reads the news server's settings; throws one message that names every bad variable. */
export function parseNewsEnv(source: Record<string, string | undefined>): NewsEnv {
  // Empty strings count as unset, as in a shell's `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid news server environment:\n  ${problems.join("\n  ")}`);
  }
  const { NEWS_PORT, HOST, API_URL, PUBLIC_URL, NEWS_CACHE_SECONDS, NEWS_CACHE_PAGES } = result.data;
  const { NEWS_VIEW_FLUSH_SECONDS, VIEW_COUNT_TOKEN } = result.data;
  return {
    port: NEWS_PORT,
    host: HOST,
    apiUrl: API_URL,
    publicUrl: PUBLIC_URL,
    cache:
      NEWS_CACHE_SECONDS === 0 ? false : { maxEntries: NEWS_CACHE_PAGES, ttlMs: NEWS_CACHE_SECONDS * 1000 },
    views: {
      flushMs: NEWS_VIEW_FLUSH_SECONDS * 1000,
      ...(VIEW_COUNT_TOKEN === undefined ? {} : { token: VIEW_COUNT_TOKEN }),
    },
  };
}

export function readNewsEnv(): NewsEnv {
  return parseNewsEnv(process.env);
}
