import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/api", {
  test: { include: ["src/**/*.test.ts"], globalSetup: ["./src/db/test-template.ts"] },
});
