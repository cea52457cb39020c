import { afterEach, describe, expect, it, vi } from "vitest";
import { findChromium } from "./chromium.js";

describe("findChromium", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("takes CHROME_PATH when it names an executable", () => {
    vi.stubEnv("CHROME_PATH", process.execPath);
    expect(findChromium()).toBe(process.execPath);
  });

  it("says plainly when CHROME_PATH names nothing it can run", () => {
    vi.stubEnv("CHROME_PATH", "/nonexistent/chromium");
    expect(() => findChromium()).toThrow(/CHROME_PATH is set to \/nonexistent\/chromium/);
  });
});
