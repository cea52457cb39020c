import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/news", {
  test: {
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.e2e.test.ts"],
  },
});
