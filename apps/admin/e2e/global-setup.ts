// One API with the demo data and one built admin server in front of it, for every browser test:
// loading the demo data costs about a minute of CPU, too much to pay per test file.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getFreePort, type StartedApi, startApi, startProcess } from "@sodoan/testing";
import type { TestProject } from "vitest/node";

const ADMIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ADMIN_ENTRY = path.join(ADMIN_DIR, "dist/server/main.js");

declare module "vitest" {
  export interface ProvidedContext {
    /** The API with the demo data, for arranging a test's data over HTTP. */
    apiUrl: string;
    /** The built admin server, proxying /api to that API. */
    adminUrl: string;
  }
}

/** Starts the built admin server in front of `apiUrl` on a free port. */
export async function startAdmin(apiUrl: string) {
  if (!existsSync(ADMIN_ENTRY)) {
    throw new Error(
      `The admin is not built (${ADMIN_ENTRY} is missing): run \`pnpm --filter @sodoan/admin build\`.`,
    );
  }
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    command: process.execPath,
    args: [ADMIN_ENTRY],
    cwd: ADMIN_DIR,
    env: { ...process.env, ADMIN_PORT: String(port), HOST: "127.0.0.1", API_URL: apiUrl },
    readyUrl: `${url}/`,
  });
  return { url, stop: server.stop };
}

export default async function setup(project: TestProject) {
  let api: StartedApi | undefined;
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;
  try {
    // A fresh API loads the demo data before it answers: allow for that on a busy machine.
    api = await startApi({ timeoutMs: 240_000 });
    admin = await startAdmin(api.url);
  } catch (error) {
    await api?.stop();
    throw error;
  }
  project.provide("apiUrl", api.url);
  project.provide("adminUrl", admin.url);
  return async () => {
    await admin?.stop();
    await api?.stop();
  };
}
