// The change feed's bus: tells every API instance (and through it every news instance) which
// public content changed, in process on PGlite and through LISTEN/NOTIFY on PostgreSQL.
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Database } from "../db/client.js";

/**
 * One change: an article the news viewer must drop from its cache, or records written through an
 * API instance, which the instances' public read caches must drop (see public-read-cache.ts).
 */
export type ContentChange = ArticleChange | { kind: "records" };
export type ArticleChange = { kind: "article"; id: string; slug: string };

/** Publishes changes and hands them to subscribers, on this instance and every other one. */
export type ChangeBus = {
  /** Sends a change to every subscriber of every instance; call it after the write committed. */
  publish(change: ContentChange): Promise<void>;
  /** Calls `listener` for every change until the returned function is called. */
  subscribe(listener: (change: ContentChange) => void): () => void;
  close(): Promise<void>;
};

/** The PostgreSQL channel the instances share. */
export const CHANGE_CHANNEL = "sodoan_content_changes";

/** A bus for one process: enough for PGlite, which has no other instance to tell. */
export function createLocalChangeBus(): ChangeBus {
  const emitter = localEmitter();
  return {
    async publish(change) {
      emitter.emit("change", change);
    },
    subscribe: (listener) => subscribeTo(emitter, listener),
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * A bus over LISTEN/NOTIFY on a connection of its own (a pooled one would be handed to other
 * queries and lose the LISTEN). Every instance, this one included, hears each NOTIFY once.
 */
export async function createPostgresChangeBus(connection: pg.ClientConfig): Promise<ChangeBus> {
  const emitter = localEmitter();
  const client = new pg.Client(connection);
  // A lost connection must not crash the process; the feed then stays silent until a restart.
  client.on("error", () => {});
  client.on("notification", (message) => {
    if (message.channel !== CHANGE_CHANNEL || message.payload === undefined) return;
    try {
      emitter.emit("change", JSON.parse(message.payload) as ContentChange);
    } catch {
      // A payload we did not write is ignored.
    }
  });
  await client.connect();
  await client.query(`listen ${CHANGE_CHANNEL}`);
  return {
    async publish(change) {
      await client.query("select pg_notify($1, $2)", [CHANGE_CHANNEL, JSON.stringify(change)]);
    },
    subscribe: (listener) => subscribeTo(emitter, listener),
    async close() {
      emitter.removeAllListeners();
      await client.end().catch(() => {});
    },
  };
}

/** The bus that fits a database: LISTEN/NOTIFY on a server, in process on PGlite. */
export async function openChangeBus(database: Database): Promise<ChangeBus> {
  if (database.driver === "pglite") return createLocalChangeBus();
  // The pool drizzle was built with knows how to reach the server; the bus opens its own client.
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return createPostgresChangeBus({ ...pool.options, max: undefined } as pg.ClientConfig);
}

function localEmitter(): EventEmitter {
  const emitter = new EventEmitter();
  // Every open feed is a listener; there may be many.
  emitter.setMaxListeners(0);
  return emitter;
}

function subscribeTo(emitter: EventEmitter, listener: (change: ContentChange) => void): () => void {
  emitter.on("change", listener);
  return () => emitter.off("change", listener);
}

const fallbackBuses = new WeakMap<object, ChangeBus>();

/** The bus an app was given, or one in-process bus per app when it was given none. */
export function changeBusOf(services: { changes?: ChangeBus | undefined }): ChangeBus {
  if (services.changes !== undefined) return services.changes;
  let bus = fallbackBuses.get(services);
  if (bus === undefined) {
    bus = createLocalChangeBus();
    fallbackBuses.set(services, bus);
  }
  return bus;
}
