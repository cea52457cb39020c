// Turns a zod failure on request input into the API's 400 body, naming each field in both languages.
import type { DomainIssue } from "@sodoan/domain";
import type { z } from "zod";
import { ApiError, DEFAULT_MESSAGES } from "./errors.js";

function issuesOf(error: z.ZodError, prefix: (string | number)[]): DomainIssue[] {
  return error.issues.map((issue) => {
    const i18n = (issue as { params?: { i18n?: DomainIssue["message"] } }).params?.i18n;
    return {
      path: [...prefix, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))],
      message: i18n ?? { vi: `Giá trị không hợp lệ: ${issue.message}`, en: issue.message },
    };
  });
}

/** Parses input with a schema, or throws a VALIDATION_FAILED error whose issue paths start at `prefix`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.output<S>;
  throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, {
    issues: issuesOf(parsed.error, prefix),
  });
}
