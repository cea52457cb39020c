// A throwaway PostgreSQL server of a test's own, for what a shared server must never undergo: being
// stopped under traffic and started again. Found from the machine's PostgreSQL binaries.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getFreePort } from "./ports.js";

export type PostgresCluster = {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  /** Stops the server at once, as a crash or an operator would; the data stays. */
  stop: () => void;
  /** Starts it again on the same port and data. */
  start: () => void;
  /** Stops it if running and deletes its data. */
  destroy: () => void;
};

/** The folder holding `initdb` and `pg_ctl`: `PG_BIN`, the PATH, or Debian's versioned folders. */
export function findPostgresBin(): string | undefined {
  const candidates = [
    process.env.PG_BIN,
    ...(process.env.PATH ?? "").split(path.delimiter),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  return candidates.find(
    (dir): dir is string =>
      dir !== undefined && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
  );
}

/** The uid and gid of the `postgres` account, which the server needs when we are root. */
function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = execFileSync("getent", ["passwd", "postgres"], { encoding: "utf8" }).trim();
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Creates and starts a cluster in a temporary folder, fsync off: nothing in it needs to survive. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw new Error("No PostgreSQL server binaries (initdb, pg_ctl): install postgresql, or set PG_BIN.");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "sodoan-pg-"));
  const dataDir = path.join(dir, "data");
  const account = postgresAccount();
  // The server refuses to run as root: as root, run it as postgres, in a folder it owns.
  if (account !== undefined) {
    chownSync(dir, account.uid, account.gid);
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    const options = { stdio: "pipe" as const, cwd: dir };
    if (account === undefined) execFileSync(command, args, options);
    else execFileSync("runuser", ["-u", "postgres", "--", command, ...args], options);
  };
  const port = await getFreePort();
  run("initdb", ["-A", "trust", "-U", "postgres", "--no-sync", "-D", dataDir]);
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`;
  const start = () =>
    run("pg_ctl", ["-w", "-D", dataDir, "-o", serverOptions, "-l", path.join(dir, "log"), "start"]);
  const stop = () => run("pg_ctl", ["-w", "-D", dataDir, "-m", "immediate", "stop"]);
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      stop();
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    destroy: () => {
      if (running) stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
