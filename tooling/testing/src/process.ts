// Child servers for tests: started in their own process group, ready when a URL answers, stopped as a group.
import { type ChildProcess, spawn } from "node:child_process";

export type StartProcessOptions = {
  command: string;
  args?: string[];
  cwd?: string;
  /** The child's whole environment; pass `{ ...process.env, … }` to inherit. */
  env?: NodeJS.ProcessEnv;
  /** Polled until it answers 2xx. */
  readyUrl: string;
  timeoutMs?: number;
};

export type StartedProcess = {
  pid: number;
  /** Everything the child printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** Stops the whole process group and waits for the child to exit. */
  stop: () => Promise<void>;
};

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Spawns a server and resolves once `readyUrl` answers 2xx.
 *
 * The child leads its own process group, so that a wrapper (`pnpm exec`, `tsx`, a shell) cannot
 * leave the real server running when only the wrapper is killed.
 *
 * @example
 * const api = await startProcess({ command: "node", args: ["dist/main.js"], readyUrl: "http://127.0.0.1:8787/api/health" });
 * await api.stop();
 */
export async function startProcess(options: StartProcessOptions): Promise<StartedProcess> {
  const { command, args = [], cwd, env, readyUrl, timeoutMs = 60_000 } = options;
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const capture = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", capture);
  child.stderr?.on("data", capture);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });

  const stop = () => stopGroup(child, exited);
  const describe = () => `${command} ${args.join(" ")}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      throw new Error(`Could not start ${describe()}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${describe()} exited (${child.exitCode ?? child.signalCode}) before ${readyUrl} answered.\n${output}`,
      );
    }
    if (await answers(readyUrl)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${describe()} did not answer at ${readyUrl} within ${timeoutMs} ms.\n${output}`);
    }
    await delay(150);
  }

  if (child.pid === undefined) throw new Error(`${describe()} has no process id`);
  return { pid: child.pid, output: () => output, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(pid, "SIGTERM");
    const gone = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
    if (!gone) {
      signalGroup(pid, "SIGKILL");
      await exited;
    }
  }
  // Grandchildren that ignored SIGTERM still belong to the group after the leader exits.
  signalGroup(pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
