// Answers read from the database, kept for as long as the database holds the same data, so that a
// list paged back and forth, or opened by many cadres at once, is computed once.
//
// The key of every answer includes the database's snapshot (`pg_current_snapshot()`: the
// transactions whose writes a query would see). Two equal snapshots see exactly the same rows, and
// any write that commits changes the snapshot, so an answer is reused only while nothing has been
// written since: on any instance, by any path, the API's or not. No instance has to be told of
// another's writes.
//
// The snapshot is read before the answer is computed, so an answer is never older than its key:
// a reader with the same snapshot gets what it would have read itself, or newer.
//
// The snapshot moves with every write transaction on the server (of any database it holds), so
// answers last as long as reads go without a write between them, which is how records are looked
// at: in bursts of reading between saves.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { rowsOf } from "./queries/tree.js";

export type SnapshotCacheOptions = {
  /** How many answers are held; the least recently used go first. */
  maxEntries?: number;
};

export type SnapshotCache = {
  /**
   * The answer under `key` as of the database's current data: held, or computed and held. The key
   * says what the answer is, its kind first (`members.page …`), so that one key is one type.
   */
  get<V>(db: Db, key: string, compute: () => Promise<V>): Promise<V>;
  /**
   * The same cache as one request sees it: everything the request asks (its session, its scope,
   * its page) is keyed by one reading of the snapshot, taken at its first question, where each
   * question would otherwise wait for a reading of its own. A request that writes must not read
   * through its view after the write: the view's key would not move with it.
   */
  forRequest(): SnapshotCache;
  size(): number;
};

/** A cache for one database (an app's: see `createApp`). */
export function createSnapshotCache(options: SnapshotCacheOptions = {}): SnapshotCache {
  const maxEntries = options.maxEntries ?? 256;
  // Map order is recency order: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, unknown>();
  // Answers being computed, so that readers who come together compute each answer once.
  const pending = new Map<string, Promise<unknown>>();

  // Requests that come together share one reading of the snapshot: a reading sent after a request
  // arrived sees every write committed before it, so it serves every request that arrived before it
  // was sent. While one reading is out, those who arrive wait for the next, sent when it returns.
  let sent: Promise<unknown> = Promise.resolve();
  let next: Promise<string> | undefined;
  const snapshotOf = (db: Db) => {
    next ??= sent.then(() => {
      next = undefined;
      const reading = currentSnapshot(db);
      sent = reading.catch(() => {});
      return reading;
    });
    return next;
  };

  async function held<V>(snapshot: string, key: string, compute: () => Promise<V>): Promise<V> {
    const at = `${snapshot}\n${key}`;
    if (entries.has(at)) {
      const value = entries.get(at) as V;
      entries.delete(at);
      entries.set(at, value);
      return value;
    }
    const waiting = pending.get(at);
    if (waiting !== undefined) return waiting as Promise<V>;
    const computing = compute();
    pending.set(at, computing);
    try {
      const computed = await computing;
      entries.set(at, computed);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return computed;
    } finally {
      pending.delete(at);
    }
  }

  const cache: SnapshotCache = {
    async get(db, key, compute) {
      return held(await snapshotOf(db), key, compute);
    },
    forRequest() {
      let reading: Promise<string> | undefined;
      const view: SnapshotCache = {
        async get(db, key, compute) {
          reading ??= snapshotOf(db);
          return held(await reading, key, compute);
        },
        forRequest: () => view,
        size: cache.size,
      };
      return view;
    },
    size: () => entries.size,
  };
  return cache;
}

/** Which transactions' writes a query would see now, as text: `xmin:xmax:in-progress,...`. */
async function currentSnapshot(db: Db): Promise<string> {
  const result = await db.execute(sql`select pg_current_snapshot()::text as snapshot`);
  const [row] = rowsOf<{ snapshot: string }>(result);
  if (row === undefined) throw new Error("pg_current_snapshot() returned no row");
  return row.snapshot;
}
