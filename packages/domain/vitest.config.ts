import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/domain", {
  test: {
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
