import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANGE_FEED_PATH, type ContentChange, followChanges } from "./change-feed";

// A feed in the API's format on a real socket, which the test can make speak and hang up; the API's
// own feed is followed by the cache tests in pages.test.tsx and the browser tests.
let server: Server;
let url: string;
let connections = 0;
const streams: { send: (event: string, data: string) => Promise<void>; close: () => void }[] = [];

beforeAll(async () => {
  const app = new Hono().get(CHANGE_FEED_PATH, (c) =>
    streamSSE(c, async (stream) => {
      connections += 1;
      let hangUp: () => void = () => {};
      const closed = new Promise<void>((resolve) => {
        hangUp = resolve;
      });
      streams.push({ send: (event, data) => stream.writeSSE({ event, data }), close: hangUp });
      await stream.writeSSE({ event: "ready", data: "{}" });
      await closed;
    }),
  );
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`;
      resolve();
    }) as Server;
  });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("following the change feed", () => {
  it("hears changes, and reconnects after the feed breaks, saying so both ways", async () => {
    const events: string[] = [];
    const changes: ContentChange[] = [];
    const feed = followChanges(url, {
      onConnect: () => events.push("connect"),
      onDisconnect: () => events.push("disconnect"),
      onChange: (change) => changes.push(change),
      retryMs: 50,
    });
    await feed.ready;
    expect(feed.connected).toBe(true);
    await streams.at(-1)?.send("change", JSON.stringify({ kind: "article", id: "a1", slug: "bai-moi" }));
    await expect.poll(() => changes).toEqual([{ kind: "article", id: "a1", slug: "bai-moi" }]);

    streams.at(-1)?.close();
    await expect.poll(() => events).toEqual(["connect", "disconnect", "connect"]);
    expect(connections).toBe(2);
    await streams.at(-1)?.send("change", "không phải JSON");
    await expect.poll(() => changes.length).toBe(2);

    feed.stop();
    await expect.poll(() => events.at(-1)).toBe("disconnect");
    expect(feed.connected).toBe(false);
  });
});
