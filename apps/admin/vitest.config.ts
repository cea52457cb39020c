import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/admin", {
  test: {
    include: ["src/**/*.test.{ts,tsx}", "server/**/*.test.ts", "e2e/**/*.e2e.test.ts"],
  },
});
