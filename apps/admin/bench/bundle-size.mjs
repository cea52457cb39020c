// The first-load size benchmark: the gzip size of the JavaScript a browser must download to show
// the sign-in page and then the dashboard — the entry chunk, the dashboard route's chunk, and every
// chunk they import statically — read from the Vite manifest of the built SPA (dist/).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ADMIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ADMIN_DIR, "dist");
const MANIFEST = path.join(DIST, ".vite", "manifest.json");
/** The routes of the first visit: sign-in lives in the entry; the dashboard is its own chunk. */
const ROUTE_MODULES = ["src/pages/dashboard.tsx"];
/** DESIGN's budget for that first visit. */
const BUDGET_BYTES = 150 * 1024;

/** The manifest keys of the entry, the routes, and everything they import statically. */
export function firstLoadChunks(manifest, routeModules) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`The manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  for (const key of routeModules) visit(key);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith(".js"));
}

if (!existsSync(MANIFEST)) {
  console.error(
    `No ${path.relative(ADMIN_DIR, MANIFEST)}: build the admin first (pnpm --filter @sodoan/admin build).`,
  );
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
const files = firstLoadChunks(manifest, ROUTE_MODULES);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
  total += size;
  console.log(`${String(size).padStart(8)} B  ${file}`);
}
console.log(`${String(total).padStart(8)} B  gzip, sign-in + dashboard (budget ${BUDGET_BYTES} B)`);
mkdirSync(path.join(ADMIN_DIR, ".bench"), { recursive: true });
writeFileSync(
  path.join(ADMIN_DIR, ".bench", "admin.json"),
  `${JSON.stringify({ results: [{ name: "admin.js.gzip_bytes", value: total, unit: "B" }] }, null, 2)}\n`,
);
if (total > BUDGET_BYTES) {
  console.error(`Over budget by ${total - BUDGET_BYTES} B`);
  process.exit(1);
}
