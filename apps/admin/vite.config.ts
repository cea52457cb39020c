// Builds the admin SPA into dist/ and, with `--ssr server/main.ts`, its small production server into dist/server/.
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defaultServerConditions, defineConfig } from "vite";

const port = Number(process.env.ADMIN_PORT ?? 5173);
const apiUrl = process.env.API_URL ?? "http://127.0.0.1:8787";
const host = process.env.HOST ?? "127.0.0.1";

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
  // Workspace packages are read as TypeScript source, so the admin builds without building them first.
  resolve: { conditions: ["@sodoan/source", ...defaultClientConditions] },
  ssr: {
    resolve: { conditions: ["@sodoan/source", ...defaultServerConditions] },
    // The server bundle carries its few dependencies, so dist/ runs with plain `node` anywhere.
    noExternal: true,
  },
  server: {
    host,
    port,
    strictPort: true,
    // Same origin in development as in production: the session cookie stays first-party, no CORS.
    proxy: { "/api": { target: apiUrl } },
  },
  preview: { host, port, strictPort: true },
  // The manifest names the chunks of each route, for the first-load size benchmark.
  build: isSsrBuild ? { target: "node20", sourcemap: true } : { sourcemap: true, manifest: true },
}));
