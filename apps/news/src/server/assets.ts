// Where the page's stylesheet comes from: Vite's hashed build (read from its manifest) or the source file in development.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The stylesheet entry named in vite.config.ts. */
const STYLESHEET_ENTRY = "src/styles/site.css";
/** In development the source stylesheet is served here, uncached. */
export const DEV_STYLESHEET_PATH = "/styles/site.css";

export type Assets =
  /** `vite build` ran: files under `distDir/assets/` are content-hashed. */
  | { mode: "built"; distDir: string; stylesheets: string[] }
  /** No build: the source stylesheet is served as it is. */
  | { mode: "source"; stylesheetFile: string; stylesheets: string[] };

type ManifestChunk = { file: string; css?: string[] };

/**
 * Finds the assets beside the server: `root` is dist/ for the built server (dist/server/main.js) and
 * src/ when it runs from source, where there is no manifest.
 */
export function resolveAssets(root: string): Assets {
  const manifestFile = path.join(root, ".vite", "manifest.json");
  if (!existsSync(manifestFile)) {
    return {
      mode: "source",
      stylesheetFile: path.join(root, "styles", "site.css"),
      stylesheets: [DEV_STYLESHEET_PATH],
    };
  }
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, ManifestChunk>;
  const entry = manifest[STYLESHEET_ENTRY];
  if (!entry) throw new Error(`${manifestFile} has no entry for ${STYLESHEET_ENTRY}`);
  // A CSS entry is its own file; a JS entry would list its CSS apart.
  const files = entry.file.endsWith(".css") ? [entry.file] : (entry.css ?? []);
  return { mode: "built", distDir: root, stylesheets: files.map((file) => `/${file}`) };
}

/** The source assets of this package, for tests and development. */
export function sourceAssets(): Assets {
  return resolveAssets(path.resolve(import.meta.dirname, ".."));
}
