import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/admin", {
  test: {
    include: ["src/**/*.test.{ts,tsx}", "server/**/*.test.ts", "e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    // The browser tests share one API: running their files one after the other keeps the two
    // cores for the API and the browser.
    fileParallelism: false,
    hookTimeout: 270_000,
    // A browser test signs in and waits for figures computed over thousands of members.
    testTimeout: 90_000,
  },
});
