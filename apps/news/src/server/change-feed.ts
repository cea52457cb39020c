// Follows the API's change feed (server-sent events at /api/v1/public/changes), so that every news
// instance drops its cached pages as soon as an article is published, edited or withdrawn, or a
// comment approved; and reconnects when the feed breaks.

/** One change the API announces. */
export type ContentChange = { kind: string; id: string; slug: string };

export type ChangeFeedHandlers = {
  /** The feed is listening (again): anything may have changed while it was not. */
  onConnect: () => void;
  /** The feed broke: changes will go unheard until it reconnects. */
  onDisconnect: () => void;
  onChange: (change: ContentChange) => void;
  /** How long to wait before reconnecting. */
  retryMs?: number;
};

export type ChangeFeed = {
  /** Resolves once the feed has said it is listening for the first time. */
  ready: Promise<void>;
  readonly connected: boolean;
  stop(): void;
};

/** The path of the API's change feed. */
export const CHANGE_FEED_PATH = "/api/v1/public/changes";

/**
 * Connects to the feed of the API at `apiUrl` and keeps connecting until stopped.
 *
 * @example
 * const feed = followChanges(apiUrl, { onConnect: cache.clear, onDisconnect: cache.clear, onChange: cache.clear });
 */
export function followChanges(
  apiUrl: string,
  { onConnect, onDisconnect, onChange, retryMs = 2_000 }: ChangeFeedHandlers,
): ChangeFeed {
  const controller = new AbortController();
  let connected = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const handle = (event: string, data: string) => {
    if (event === "ready") {
      connected = true;
      onConnect();
      markReady();
    } else if (event === "change") {
      try {
        onChange(JSON.parse(data) as ContentChange);
      } catch {
        // A change we cannot read is still a change.
        onChange({ kind: "unknown", id: "", slug: "" });
      }
    }
  };

  const listen = async () => {
    const response = await fetch(new URL(CHANGE_FEED_PATH, apiUrl), {
      headers: { Accept: "text/event-stream" },
      signal: controller.signal,
    });
    if (!response.ok || response.body === null) throw new Error(`change feed answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, "\n");
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length > 0 || event !== "message") handle(event, data.join("\n"));
        end = buffer.indexOf("\n\n");
      }
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        await listen();
      } catch {
        // Unreachable, refused or cut: try again after a pause.
      }
      if (connected) {
        connected = false;
        onDisconnect();
      }
      if (controller.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        timer.unref?.();
        controller.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  })();

  return {
    ready,
    get connected() {
      return connected;
    },
    stop() {
      controller.abort();
    },
  };
}
