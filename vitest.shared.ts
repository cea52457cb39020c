// The settings every package's vitest config starts from.
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";

/** Reads workspace packages as TypeScript source, and writes results where `pnpm test` sums them. */
export function defineSodoanProject(name: string, config: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      resolve: { conditions: ["@sodoan/source", ...defaultClientConditions] },
      ssr: { resolve: { conditions: ["@sodoan/source", ...defaultServerConditions] } },
      test: {
        name,
        // PGlite and browsers start slowly on two busy cores.
        hookTimeout: 60_000,
        testTimeout: 30_000,
        reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
      },
    }),
    config,
  );
}
