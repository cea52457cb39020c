// Tells a database that cannot be reached apart from a query that failed for its own reasons.
const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);

/**
 * Whether an error means the database is unavailable (503) rather than a bug (500). PostgreSQL's
 * class 08 is connection exceptions, 57P01–57P03 an administrator shutdown or a server starting.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || code.startsWith("08"))) return true;
    if (code === "57P01" || code === "57P02" || code === "57P03") return true;
    if (
      /Connection terminated|timeout exceeded when trying to connect|PGlite is closed/i.test(current.message)
    ) {
      return true;
    }
  }
  return false;
}
