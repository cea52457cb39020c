// Counts article views in the news server, in front of the page cache so that a cached page still
// counts, and reports them to the API in batches instead of one write per reader.

export type ViewCounterOptions = {
  apiUrl: string;
  /** The API's `VIEW_COUNT_TOKEN`, when it has one. */
  token?: string | undefined;
  /** How often the counts are sent; 0 sends them only on `flush()`. */
  flushMs: number;
  timeoutMs?: number;
};

export type ViewCounter = {
  /** One more view of the article with this slug. */
  count(slug: string): void;
  /** Sends what was counted; kept for the next try when the API cannot take it. */
  flush(): Promise<void>;
  /** Sends what is left and stops the timer. */
  stop(): Promise<void>;
  /** Views counted and not yet sent, by slug. */
  pending(): ReadonlyMap<string, number>;
};

/** The path the API takes batches of views at. */
export const ARTICLE_VIEWS_PATH = "/api/v1/public/article-views";
/** The header that carries the token. */
export const VIEW_COUNT_TOKEN_HEADER = "X-View-Count-Token";
/** The API's largest batch. */
const BATCH_SIZE = 500;
/** Articles remembered while the API is away; beyond that, views of new ones are dropped. */
const MAX_PENDING = 10_000;

/**
 * @example
 * const views = createViewCounter({ apiUrl, token: env.viewCountToken, flushMs: 10_000 });
 * views.count("dai-hoi-doan-tinh-ha-nam");
 */
export function createViewCounter({
  apiUrl,
  token,
  flushMs,
  timeoutMs = 5_000,
}: ViewCounterOptions): ViewCounter {
  let counts = new Map<string, number>();
  let flushing: Promise<void> = Promise.resolve();

  const add = (slug: string, n: number) => {
    if (!counts.has(slug) && counts.size >= MAX_PENDING) return;
    counts.set(slug, (counts.get(slug) ?? 0) + n);
  };

  const send = async (batch: [string, number][]) => {
    const response = await fetch(new URL(ARTICLE_VIEWS_PATH, apiUrl), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(token === undefined ? {} : { [VIEW_COUNT_TOKEN_HEADER]: token }),
      },
      body: JSON.stringify({ items: batch.map(([slug, count]) => ({ slug, count })) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    // A refused batch (a wrong token, say) would be refused again: only a busy API gets a retry.
    if (response.status >= 500) throw new Error(`the API answered ${response.status} to view counts`);
    if (!response.ok)
      console.warn(`View counts refused by the API (${response.status}); check VIEW_COUNT_TOKEN.`);
  };

  const flushNow = async () => {
    if (counts.size === 0) return;
    const taken = [...counts];
    counts = new Map();
    for (let start = 0; start < taken.length; start += BATCH_SIZE) {
      const batch = taken.slice(start, start + BATCH_SIZE);
      try {
        await send(batch);
      } catch {
        // Kept for the next flush, added to what came in meanwhile.
        for (const [slug, n] of taken.slice(start)) add(slug, n);
        return;
      }
    }
  };

  const flush = () => {
    // One flush at a time, so that a batch is never sent twice.
    flushing = flushing.then(flushNow);
    return flushing;
  };

  const timer = flushMs > 0 ? setInterval(() => void flush(), flushMs) : undefined;
  timer?.unref();

  return {
    count: (slug) => add(slug, 1),
    flush,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      await flush();
    },
    pending: () => counts,
  };
}

/** Crawlers and link previews are not readers. */
export function isRobot(userAgent: string | undefined): boolean {
  return (
    userAgent !== undefined &&
    /bot|crawl|spider|slurp|preview|facebookexternalhit|lighthouse/i.test(userAgent)
  );
}
