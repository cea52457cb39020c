// The built API as a child server for tests: a free port, a fresh PGlite data folder, no DATABASE_URL.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getFreePort } from "./ports.js";
import { startProcess } from "./process.js";

/** Where the API's build lands; found from this file, so it works whatever the test's working directory. */
export const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../apps/api");
export const API_ENTRY = path.join(API_DIR, "dist/main.js");

export type StartApiOptions = {
  /** A PGlite data folder to use as is (kept on stop); by default a fresh one, deleted on stop. */
  dataDir?: string;
  /** Extra environment for the API, applied last. */
  env?: Record<string, string>;
  timeoutMs?: number;
};

/** The first system administrator every test API is started with (see `ADMIN_EMAIL` in the README). */
export const TEST_ADMIN = { email: "admin@sodoan.test", password: "mat-khau-quan-tri" } as const;

export type StartedApi = {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:41234`. */
  url: string;
  /** The system administrator created at start, unless the database already had accounts. */
  admin: { email: string; password: string };
  port: number;
  /** The API's process id, which also leads its process group. */
  pid: number;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts the built API (`apps/api/dist/main.js`) on a free port with PGlite in its own data folder.
 * `DATABASE_URL` is removed from its environment: tests never touch the database it names.
 */
export async function startApi(options: StartApiOptions = {}): Promise<StartedApi> {
  if (!existsSync(API_ENTRY)) {
    throw new Error(
      `The API is not built (${API_ENTRY} is missing): run \`pnpm --filter @sodoan/api build\`.`,
    );
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "sodoan-api-"));
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const removeDataDir = () => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const child = await startProcess({
      command: process.execPath,
      args: ["--enable-source-maps", API_ENTRY],
      cwd: API_DIR,
      env: {
        ...inherited,
        HOST: "127.0.0.1",
        API_PORT: String(port),
        DATA_DIR: dataDir,
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        ...options.env,
      },
      readyUrl: `${url}/api/health`,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
    return {
      url,
      admin: { ...TEST_ADMIN },
      port,
      pid: child.pid,
      dataDir,
      output: child.output,
      stop: async () => {
        await child.stop();
        removeDataDir();
      },
    };
  } catch (error) {
    removeDataDir();
    throw error;
  }
}

/**
 * Signs in to an API over HTTP; the Cookie header value that carries the session.
 * @example const cookie = await signIn(api.url, api.admin.email, api.admin.password)
 */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`Sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("sodoan_session="));
  if (cookie === undefined) throw new Error(`Sign-in as ${email} set no session cookie`);
  return cookie.split(";")[0] as string;
}
