// The news viewer's calls to the API, server to server, through Hono's typed client.
import type { AppType } from "@sodoan/api";
import { hc, type InferResponseType } from "hono/client";

type Client = ReturnType<typeof hc<AppType>>;

/** One article as the home page lists it. */
export type ArticleSummary = InferResponseType<
  Client["api"]["v1"]["public"]["articles"]["$get"],
  200
>["items"][number];
export type ArticlePage = { items: ArticleSummary[]; total: number; page: number; pageSize: number };

/** The API could not answer: down, too slow, or saying its database is unavailable. */
export class ApiUnavailableError extends Error {
  override readonly name = "ApiUnavailableError";
}

export type NewsApi = {
  latestArticles: (options: { page: number; pageSize: number }) => Promise<ArticlePage>;
};

/**
 * A client for the API at `apiUrl`. Each call gives up after `timeoutMs`, so a slow API turns into
 * a 503 page instead of a reader waiting on a blank screen.
 */
export function createNewsApi(apiUrl: string, { timeoutMs = 5_000 }: { timeoutMs?: number } = {}): NewsApi {
  const client = hc<AppType>(apiUrl, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  return {
    async latestArticles({ page, pageSize }) {
      let response: Awaited<ReturnType<Client["api"]["v1"]["public"]["articles"]["$get"]>>;
      try {
        response = await client.api.v1.public.articles.$get({
          query: { page: String(page), pageSize: String(pageSize) },
        });
      } catch (error) {
        throw new ApiUnavailableError(`API unreachable at ${apiUrl}`, { cause: error });
      }
      if (response.status !== 200) {
        throw new ApiUnavailableError(`API answered ${response.status} for the article list`);
      }
      return (await response.json()) as ArticlePage;
    },
  };
}
