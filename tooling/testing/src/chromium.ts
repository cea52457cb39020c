// A real Chromium for browser tests: found on the machine (or installed once on Debian), never downloaded by Playwright.
import { execFileSync } from "node:child_process";
import { accessSync, closeSync, constants, existsSync, openSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

const HOW_TO_GET_ONE =
  "Browser tests need Chromium. Install it (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask chromium`) " +
  "or set CHROME_PATH to a Chromium or Chrome executable.";

/** The flags that keep Chromium quiet, offline and happy inside containers (Playwright adds `--headless`). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * The path of a Chromium executable: `CHROME_PATH`, then the usual install places. On Debian as
 * root it installs the distribution's package once; elsewhere it throws and says how to get one.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv))
      throw new Error(`CHROME_PATH is set to ${fromEnv}, which is not an executable.`);
    return fromEnv;
  }
  const found = CANDIDATES.find(isExecutable);
  if (found) return found;
  if (canInstallWithApt()) {
    installChromiumOnce();
    const installed = CANDIDATES.find(isExecutable);
    if (installed) return installed;
  }
  throw new Error(HOW_TO_GET_ONE);
}

/**
 * Launches headless Chromium. Playwright gives it an empty temporary profile of its own and
 * deletes it on `browser.close()`.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function canInstallWithApt(): boolean {
  return (
    process.platform === "linux" &&
    existsSync("/etc/debian_version") &&
    typeof process.getuid === "function" &&
    process.getuid() === 0
  );
}

/** Several test files may ask at once: the first takes a lock file, the others wait for it. */
function installChromiumOnce(): void {
  const lock = path.join(tmpdir(), "sodoan-chromium-install.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, "wx");
    } catch {
      // Someone else installs; a lock older than ten minutes is left over from a crash.
      if (isStale(lock)) rmSync(lock, { force: true });
      if (CANDIDATES.some(isExecutable)) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}. ${HOW_TO_GET_ONE}`);
      sleepSync(1_000);
      continue;
    }
    try {
      if (CANDIDATES.some(isExecutable)) return;
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      const install = () => execFileSync("apt-get", ["install", "-y", "chromium"], { env, stdio: "pipe" });
      try {
        install();
      } catch {
        execFileSync("apt-get", ["update"], { env, stdio: "pipe" });
        install();
      }
      return;
    } catch (error) {
      throw new Error(`Installing chromium with apt-get failed: ${String(error)}. ${HOW_TO_GET_ONE}`);
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

function isStale(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > 10 * 60_000;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
