import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/domain", {
  test: {
    // The domain is pure, with no module state to leak between files: sharing one module graph
    // spares loading zod and every schema once per file.
    isolate: false,
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
