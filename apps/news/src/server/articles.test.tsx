import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { getFreePort } from "@sodoan/testing";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsServer } from "./app";
import { sourceAssets } from "./assets";

// Until the API has demo data, a stand-in on a real port answers with published articles.
const items = [
  {
    id: "a2",
    slug: "ra-quan-tinh-nguyen-he-2024",
    title: "Ra quân Chiến dịch Thanh niên tình nguyện hè 2024",
    lead: "Hơn 500 đoàn viên <b>tham gia</b>.",
    category: "Phong trào",
    organizationName: "Thành đoàn TP. Hồ Chí Minh",
    publishedAt: "2024-06-01T01:00:00.000Z",
  },
  {
    id: "a1",
    slug: "dai-hoi-doan-phuong-ben-nghe",
    title: "Đại hội Đoàn phường Bến Nghé",
    lead: "Đại hội bầu Ban Chấp hành gồm 15 đồng chí.",
    category: "Đại hội",
    organizationName: "Đoàn phường Bến Nghé",
    publishedAt: "2024-03-25T18:30:00.000Z",
  },
];

let server: Server;
let apiUrl: string;
let askedFor: Record<string, string> = {};
let commentFrom: string | undefined;

beforeAll(async () => {
  const stub = new Hono()
    .get("/api/v1/public/articles", (c) => {
      askedFor = c.req.query();
      return c.json({ items, total: items.length, page: 1, pageSize: 20 });
    })
    .post("/api/v1/public/articles/:slug/comments", (c) => {
      commentFrom = c.req.header("X-Forwarded-For");
      return c.json({ status: "pending" }, 202);
    })
    .get("/api/v1/public/categories", (c) =>
      c.json([
        { category: "Phong trào", count: 1 },
        { category: "Đại hội", count: 1 },
      ]),
    );
  const port = await getFreePort();
  apiUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: stub.fetch, port, hostname: "127.0.0.1" }, () => resolve()) as Server;
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the home page with published articles", () => {
  it("asks the API for the first page of the latest articles", async () => {
    const app = createNewsServer({
      apiUrl,
      publicUrl: "http://localhost:3000",
      assets: sourceAssets(),
      cache: false,
      views: false,
    });
    await app.request("/");
    expect(askedFor).toEqual({ page: "1", pageSize: "20" });
  });

  it("lists them newest first with links, dates in Vietnam time and escaped text", async () => {
    const app = createNewsServer({
      apiUrl,
      publicUrl: "http://localhost:3000",
      assets: sourceAssets(),
      cache: false,
      views: false,
    });
    const response = await app.request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const html = await response.text();
    expect(html).toContain('<a href="/bai-viet/ra-quan-tinh-nguyen-he-2024">Ra quân Chiến dịch');
    expect(html).toContain(
      '<a href="/bai-viet/dai-hoi-doan-phuong-ben-nghe">Đại hội Đoàn phường Bến Nghé</a>',
    );
    expect(html.indexOf("Ra quân")).toBeLessThan(html.indexOf("Bến Nghé</a>"));
    expect(html).toContain(">01/06/2024</time>");
    expect(html).toContain(">26/03/2024</time>");
    expect(html).toContain("Hơn 500 đoàn viên &lt;b&gt;tham gia&lt;/b&gt;.");
    expect(html).not.toContain("Chưa có bài viết nào.");
    expect(html).not.toContain("<script");
  });
});

describe("a comment sent through the news server", () => {
  it("reaches the API with the reader's address, so that its rate limit counts per reader", async () => {
    const app = createNewsServer({
      apiUrl,
      publicUrl: "http://localhost:3000",
      assets: sourceAssets(),
      cache: false,
      views: false,
    });
    const response = await app.request("/bai-viet/dai-hoi-doan-phuong-ben-nghe/binh-luan", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.7" },
      body: new URLSearchParams({ authorName: "Lan", body: "Hay quá" }).toString(),
    });
    expect(response.status).toBe(303);
    expect(commentFrom).toBe("203.0.113.7");
  });
});
