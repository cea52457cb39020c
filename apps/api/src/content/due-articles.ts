// A scheduled article goes public at its hour without any write to announce it. This watcher tells
// the change feed when that hour comes, so the news viewers drop the pages that should now show it.
import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { article } from "../db/schema/index.js";
import type { Logger } from "../log.js";
import type { ChangeBus } from "./change-bus.js";

/**
 * The longest the watcher sleeps: an article scheduled meanwhile, on this instance or another, is
 * announced at most this late. Every instance announces it; a news viewer clearing its cache twice
 * costs nothing.
 */
export const DUE_CHECK_MS = 60_000;

export type DueArticleWatcher = { stop(): void };

export function watchDueArticles(services: {
  database: Database;
  changes: ChangeBus;
  now: () => Date;
  log?: Logger;
  maxWaitMs?: number;
}): DueArticleWatcher {
  const { database, changes, now } = services;
  const maxWait = services.maxWaitMs ?? DUE_CHECK_MS;
  let checkedUpTo = now().toISOString();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function check() {
    const at = now().toISOString();
    const scheduled = eq(article.status, "scheduled");
    // `published_at` holds a scheduled article's planned publication (content/articles.ts).
    const due = await database.db
      .select({ id: article.id, slug: article.slug })
      .from(article)
      .where(and(scheduled, gt(article.publishedAt, checkedUpTo), lte(article.publishedAt, at)));
    for (const row of due) await changes.publish({ kind: "article", id: row.id, slug: row.slug });
    checkedUpTo = at;
    const [next] = await database.db
      .select({ at: article.publishedAt })
      .from(article)
      .where(and(scheduled, gt(article.publishedAt, at)))
      .orderBy(asc(article.publishedAt))
      .limit(1);
    const wait = next?.at == null ? Number.NaN : Date.parse(next.at) - Date.parse(at);
    return Number.isFinite(wait) ? Math.min(maxWait, wait) : maxWait;
  }

  function arm(delay: number) {
    if (stopped) return;
    // Never keeps the process alive on its own.
    timer = setTimeout(run, Math.max(delay, 0)).unref();
  }

  function run() {
    check().then(arm, (error: unknown) => {
      // A database away for a while (a restart, a fault) is tried again at the next round.
      services.log?.({ level: "warn", msg: "due articles not checked", error: String(error) });
      arm(maxWait);
    });
  }

  arm(0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
