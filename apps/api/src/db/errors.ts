// Tells what a database error means for the client: the database is down (503), the input broke a
// constraint the domain's schemas could not see (409 or 400), or it is our bug (500).

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);

function* causes(error: unknown): Generator<Error & { code?: unknown }> {
  for (let current = error; current instanceof Error; current = current.cause) yield current;
}

/**
 * Whether an error means the database is unavailable (503) rather than a bug (500). PostgreSQL's
 * class 08 is connection exceptions, 57P01–57P03 an administrator shutdown or a server starting.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const current of causes(error)) {
    const { code } = current;
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

/** What a constraint or data error says about the request that caused it. */
export type ConstraintViolation = "unique" | "reference" | "invalid_data";

/**
 * Classifies an error PostgreSQL raised for the data it was given: a duplicate (23505), a missing or
 * still-referenced record (23503), or a value it cannot store, such as a NUL byte in text (class 22).
 */
export function constraintViolationOf(error: unknown): ConstraintViolation | undefined {
  for (const current of causes(error)) {
    const { code } = current;
    if (typeof code !== "string") continue;
    if (code === "23505") return "unique";
    if (code === "23503") return "reference";
    if (code.startsWith("22") || code === "23502" || code === "23514") return "invalid_data";
  }
  return undefined;
}
