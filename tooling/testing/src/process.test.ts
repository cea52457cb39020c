import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { getFreePort } from "./ports.js";
import { startProcess } from "./process.js";

// A server that forks a grandchild, as `pnpm exec` or `tsx` do: stopping must end both.
const SERVER = `
const http = require("node:http");
const { spawn } = require("node:child_process");
const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
http.createServer((req, res) => res.end(String(grandchild.pid))).listen(Number(process.argv[1]), "127.0.0.1");
console.log("listening");
`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startProcess", () => {
  it("waits until the server answers, and stops its whole process group", async () => {
    const port = await getFreePort();
    const server = await startProcess({
      command: process.execPath,
      args: ["-e", SERVER, String(port)],
      readyUrl: `http://127.0.0.1:${port}/`,
      timeoutMs: 20_000,
    });
    const grandchild = Number(await (await fetch(`http://127.0.0.1:${port}/`)).text());
    expect(server.output()).toContain("listening");
    expect(isAlive(grandchild)).toBe(true);

    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    await expect.poll(() => isAlive(grandchild), { timeout: 5_000 }).toBe(false);
  });

  it("says what the child printed when it exits before it is ready", async () => {
    const port = await getFreePort();
    await expect(
      startProcess({
        command: process.execPath,
        args: ["-e", "console.error('no database'); process.exit(3)"],
        readyUrl: `http://127.0.0.1:${port}/`,
      }),
    ).rejects.toThrow(/exited \(3\)[\s\S]*no database/);
  });
});

describe("getFreePort", () => {
  it("gives a port nothing listens on, which a server can then take", async () => {
    const port = await getFreePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
