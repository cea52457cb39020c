import { describe, expect, it } from "vitest";
import { parseNewsEnv } from "./env";

describe("parseNewsEnv", () => {
  it("falls back to the documented defaults", () => {
    expect(parseNewsEnv({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      apiUrl: "http://127.0.0.1:8787",
      publicUrl: "http://localhost:3000",
    });
  });

  it("treats empty variables as unset", () => {
    expect(parseNewsEnv({ NEWS_PORT: "", PUBLIC_URL: "" }).port).toBe(3000);
  });

  it("reads the variables", () => {
    const env = parseNewsEnv({
      NEWS_PORT: "4000",
      API_URL: "http://api:8787",
      PUBLIC_URL: "https://tin.example.vn",
    });
    expect(env).toMatchObject({ port: 4000, apiUrl: "http://api:8787", publicUrl: "https://tin.example.vn" });
  });

  it("names every bad variable", () => {
    expect(() => parseNewsEnv({ NEWS_PORT: "cổng", API_URL: "ftp://x" })).toThrow(/NEWS_PORT[\s\S]*API_URL/);
  });
});
