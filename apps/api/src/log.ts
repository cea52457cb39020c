// Structured logs: one JSON object a line, with the request id, so a request can be followed.

/** A log entry; `msg` says what happened, the rest are fields. */
export type LogEntry = { level: "info" | "warn" | "error"; msg: string } & Record<string, unknown>;
export type Logger = (entry: LogEntry) => void;

/** Writes each entry as a JSON line: to stdout, or stderr for errors. */
export const jsonLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry }, errorReplacer);
  if (entry.level === "error") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

/** The line each answered request leaves. */
export function requestEntry(request: {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** When it was received, by `performance.now()`. */
  started: number;
}): LogEntry {
  const { started, ...fields } = request;
  return {
    level: request.status >= 500 ? "error" : "info",
    msg: "request",
    ...fields,
    ms: Math.round(performance.now() - started),
  };
}

/** Discards every entry: for tests. */
export const silentLogger: Logger = () => {};

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
