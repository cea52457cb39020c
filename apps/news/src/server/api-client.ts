// The news viewer's calls to the API, server to server, through Hono's typed client.
import type { AppType } from "@sodoan/api";
import type { BodyBlock } from "@sodoan/domain";
import { hc, type InferResponseType } from "hono/client";

type Client = ReturnType<typeof hc<AppType>>;
type Public = Client["api"]["v1"]["public"];

/** One article as a list shows it. */
export type ArticleSummary = InferResponseType<Public["articles"]["$get"], 200>["items"][number];
export type ArticlePage = { items: ArticleSummary[]; total: number; page: number; pageSize: number };
/** A published article with its body, as readers see it. */
export type PublicArticle = Omit<InferResponseType<Public["articles"][":slug"]["$get"], 200>, "body"> & {
  body: BodyBlock[];
};
export type PublicComment = InferResponseType<Public["articles"][":slug"]["comments"]["$get"], 200>[number];
export type Category = InferResponseType<Public["categories"]["$get"], 200>[number];
export type ConferenceSummary = InferResponseType<Public["conferences"]["$get"], 200>["items"][number];
export type PublicConference = InferResponseType<Public["conferences"][":id"]["$get"], 200>;
export type PublicOrganization = InferResponseType<Public["organizations"][":id"]["$get"], 200>;
export type SearchPage = InferResponseType<Public["search"]["$get"], 200>;
export type SearchHit = SearchPage["items"][number];
/** A figure recomputed today, small groups hidden, with its provenance and the metric's definition. */
export type PublicFigure = InferResponseType<Public["metrics"][":metricId"]["$get"], 200>;
export type FigureQuery = { organizationId: string; asOf?: string; from?: string; to?: string };

/** What a reader sends in the comment form. */
export type CommentInput = { authorName: string; body: string; website?: string };
/** The API's answer to a comment: taken for moderation, refused with its message, or closed. */
export type CommentOutcome =
  | { kind: "pending" }
  | { kind: "invalid"; issues: { path: string[]; message: string }[] }
  | { kind: "closed" }
  /** Too many comments from this reader: wait this many seconds. */
  | { kind: "limited"; retryAfterSeconds: number };

/** The API could not answer: down, too slow, or saying its database is unavailable. */
export class ApiUnavailableError extends Error {
  override readonly name = "ApiUnavailableError";
}

export type NewsApi = {
  latestArticles: (options: { page: number; pageSize: number; category?: string }) => Promise<ArticlePage>;
  /** The article readers may see under this slug, or null. */
  article: (slug: string) => Promise<PublicArticle | null>;
  related: (slug: string, limit: number) => Promise<ArticleSummary[]>;
  comments: (slug: string) => Promise<PublicComment[]>;
  /** Posts a comment for moderation on behalf of the reader at `readerAddress`. */
  postComment: (
    slug: string,
    input: CommentInput,
    readerAddress: string | undefined,
  ) => Promise<CommentOutcome>;
  categories: () => Promise<Category[]>;
  conference: (id: string) => Promise<PublicConference | null>;
  /** Conferences a public article reports on, newest first. */
  conferences: (options: {
    page: number;
    pageSize: number;
  }) => Promise<{ items: ConferenceSummary[]; total: number }>;
  /** An organisation with its public figures today, or null. */
  organization: (id: string) => Promise<PublicOrganization | null>;
  search: (options: { q: string; page: number; pageSize: number }) => Promise<SearchPage>;
  /** Today's public figure of a metric, or null when the API refuses it (unknown, or fails its checks). */
  figure: (metricId: string, query: FigureQuery) => Promise<PublicFigure | null>;
};

type ErrorBody = {
  error: { code: string; issues?: { path: (string | number)[]; message: { vi: string } }[] };
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
  const pub = client.api.v1.public;

  /** Sends a call; an unreachable API or a 5xx is the one error the pages turn into a 503. */
  async function call<R extends Response>(what: string, send: () => Promise<R>): Promise<R> {
    let response: R;
    try {
      response = await send();
    } catch (error) {
      throw new ApiUnavailableError(`API unreachable at ${apiUrl} (${what})`, { cause: error });
    }
    if (response.status >= 500) throw new ApiUnavailableError(`API answered ${response.status} for ${what}`);
    return response;
  }
  /** The 200 body, null for a 404; anything else is not something a reader caused. */
  async function bodyOrNull<T>(what: string, response: Response): Promise<T | null> {
    if (response.status === 404) return null;
    if (response.status !== 200) throw new ApiUnavailableError(`API answered ${response.status} for ${what}`);
    return (await response.json()) as T;
  }
  async function body<T>(what: string, response: Response): Promise<T> {
    const found = await bodyOrNull<T>(what, response);
    if (found === null) throw new ApiUnavailableError(`API answered 404 for ${what}`);
    return found;
  }

  return {
    async latestArticles({ page, pageSize, category }) {
      const what = "the article list";
      const query = { page: String(page), pageSize: String(pageSize), ...(category ? { category } : {}) };
      return body<ArticlePage>(what, await call(what, () => pub.articles.$get({ query })));
    },
    async article(slug) {
      const what = `the article ${slug}`;
      return bodyOrNull<PublicArticle>(
        what,
        await call(what, () => pub.articles[":slug"].$get({ param: { slug } })),
      );
    },
    async related(slug, limit) {
      const what = `articles related to ${slug}`;
      const response = await call(what, () =>
        pub.articles[":slug"].related.$get({ param: { slug }, query: { limit: String(limit) } }),
      );
      // The article may have been withdrawn between the two calls: then nothing is related.
      return (await bodyOrNull<ArticleSummary[]>(what, response)) ?? [];
    },
    async comments(slug) {
      const what = `comments of ${slug}`;
      const response = await call(what, () => pub.articles[":slug"].comments.$get({ param: { slug } }));
      return (await bodyOrNull<PublicComment[]>(what, response)) ?? [];
    },
    async postComment(slug, input, readerAddress) {
      const what = `a comment on ${slug}`;
      const response = await call(what, () =>
        pub.articles[":slug"].comments.$post(
          { param: { slug }, json: input },
          // The API limits comments per reader: it must see the reader's address, not ours.
          readerAddress ? { headers: { "X-Forwarded-For": readerAddress } } : {},
        ),
      );
      // Widened: the API's documented statuses do not include its rate limit.
      const status: number = response.status;
      if (status === 202) return { kind: "pending" };
      if (status === 404 || status === 409) return { kind: "closed" };
      if (status === 400) {
        const error = (await response.json()) as unknown as ErrorBody;
        return {
          kind: "invalid",
          issues: (error.error.issues ?? []).map((issue) => ({
            path: issue.path.map(String),
            message: issue.message.vi,
          })),
        };
      }
      if (status === 429) {
        const seconds = Number(response.headers.get("Retry-After"));
        return { kind: "limited", retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 };
      }
      throw new ApiUnavailableError(`API answered ${status} for ${what}`);
    },
    async categories() {
      const what = "the categories";
      return body<Category[]>(what, await call(what, () => pub.categories.$get()));
    },
    async conference(id) {
      const what = `the conference ${id}`;
      return bodyOrNull<PublicConference>(
        what,
        await call(what, () => pub.conferences[":id"].$get({ param: { id } })),
      );
    },
    async conferences({ page, pageSize }) {
      const what = "the conference list";
      const response = await call(what, () =>
        pub.conferences.$get({ query: { page: String(page), pageSize: String(pageSize) } }),
      );
      return body<{ items: ConferenceSummary[]; total: number }>(what, response);
    },
    async organization(id) {
      const what = `the organisation ${id}`;
      const response = await call(what, () => pub.organizations[":id"].$get({ param: { id }, query: {} }));
      return bodyOrNull<PublicOrganization>(what, response);
    },
    async search({ q, page, pageSize }) {
      const what = "a search";
      const response = await call(what, () =>
        pub.search.$get({ query: { q, page: String(page), pageSize: String(pageSize) } }),
      );
      // A query the API cannot search (only punctuation, say) finds nothing.
      if (response.status === 400) return { items: [], total: 0, page, pageSize };
      return body<SearchPage>(what, response);
    },
    async figure(metricId, query) {
      const what = `the figure ${metricId}`;
      const response = await call(what, () => pub.metrics[":metricId"].$get({ param: { metricId }, query }));
      if (response.status === 400 || response.status === 409) return null;
      return bodyOrNull<PublicFigure>(what, response);
    },
  };
}
