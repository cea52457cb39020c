// Builds the news viewer: hashed CSS with a manifest into dist/, and (with `--ssr`) the server into dist/server/.
import { defaultServerConditions, defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  // Workspace packages are read as TypeScript source and bundled into the server.
  ssr: { resolve: { conditions: ["@sodoan/source", ...defaultServerConditions] } },
  build: isSsrBuild
    ? { target: "node20", sourcemap: true }
    : {
        // The pages ship no JavaScript: the only client entry is the stylesheet.
        manifest: true,
        cssCodeSplit: true,
        rolldownOptions: { input: { site: "src/styles/site.css" } },
      },
}));
