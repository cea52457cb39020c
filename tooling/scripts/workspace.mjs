// Finds the workspace packages, for the scripts that gather what each package wrote.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname;

/** Every workspace package with its folder and scripts. */
export function listPackages() {
  return ["apps", "packages", "tooling"].flatMap((group) =>
    readdirSync(join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(ROOT, group, entry.name);
        try {
          const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
          return [{ name: manifest.name, dir, scripts: manifest.scripts ?? {} }];
        } catch {
          return [];
        }
      }),
  );
}
