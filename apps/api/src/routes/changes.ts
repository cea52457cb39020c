// The public change feed: server-sent events telling news instances which article to refresh.
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { type ArticleChange, changeBusOf } from "../content/change-bus.js";
import { createRouter } from "../openapi.js";

/** How often an idle feed sends a comment, so that proxies keep the connection open. */
export const HEARTBEAT_MS = 25_000;

const feedRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["public"],
  summary:
    "Luồng thay đổi (SSE): sự kiện `change` { kind, id, slug } khi một bài được đăng, sửa, gỡ hay có bình luận được duyệt / " +
    "Change feed (SSE): a `change` event { kind, id, slug } when an article is published, edited, withdrawn or gets an approved comment",
  responses: {
    200: {
      description:
        "Luồng sự kiện; sự kiện `ready` khi đã lắng nghe / An event stream; a `ready` event once listening",
      content: { "text/event-stream": { schema: z.string() } },
    },
  },
});

export const changeRoutes = createRouter().openapi(feedRoute, (c) => {
  const bus = changeBusOf(c.var.services);
  c.header("Cache-Control", "no-store");
  return streamSSE(c, async (stream) => {
    const pending: ArticleChange[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = bus.subscribe((change) => {
      // Record writes concern the API's own caches; the news viewer caches articles only.
      if (change.kind !== "article") return;
      pending.push(change);
      wake?.();
    });
    let closed = false;
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: "ready", data: "{}" });
      while (!closed) {
        const change = pending.shift();
        if (change !== undefined) {
          await stream.writeSSE({ event: "change", data: JSON.stringify(change) });
          continue;
        }
        // Wait for a change, a disconnect or the heartbeat, whichever comes first.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (!closed && pending.length === 0) await stream.write(": keep-alive\n\n");
      }
    } finally {
      unsubscribe();
    }
  });
});
