// Watch mode across the repo: `pnpm vitest`. CI goes through `turbo run test` instead.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
