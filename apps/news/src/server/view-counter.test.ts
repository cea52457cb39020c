import { getFreePort } from "@sodoan/testing";
import { describe, expect, it } from "vitest";
import { createViewCounter, isRobot } from "./view-counter";

describe("the view counter", () => {
  it("adds up views by article until they are sent", () => {
    const views = createViewCounter({ apiUrl: "http://127.0.0.1:9", flushMs: 0 });
    views.count("bai-a");
    views.count("bai-b");
    views.count("bai-a");
    expect([...views.pending()]).toEqual([
      ["bai-a", 2],
      ["bai-b", 1],
    ]);
  });

  it("keeps the views for the next batch when the API cannot be reached", async () => {
    const closed = `http://127.0.0.1:${await getFreePort()}`;
    const views = createViewCounter({ apiUrl: closed, flushMs: 0, timeoutMs: 2_000 });
    views.count("bai-a");
    views.count("bai-a");
    await views.flush();
    views.count("bai-a");
    expect(views.pending().get("bai-a")).toBe(3);
    await views.stop();
    expect(views.pending().get("bai-a")).toBe(3);
  });

  it("takes crawlers and link previews for what they are, and browsers for readers", () => {
    expect(isRobot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).toBe(true);
    expect(isRobot("facebookexternalhit/1.1")).toBe(true);
    expect(
      isRobot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/140.0 Safari/537.36"),
    ).toBe(false);
    expect(isRobot(undefined)).toBe(false);
  });
});
