// Turns a zod failure on request input into the API's issues, naming each field in both languages.
import type { DomainIssue } from "@sodoan/domain";
import type { z } from "zod";

/** The issues of a zod error, each with its path and a bilingual message. */
export function issuesOf(error: z.ZodError): DomainIssue[] {
  return error.issues.map((issue) => {
    const i18n = (issue as { params?: { i18n?: DomainIssue["message"] } }).params?.i18n;
    return {
      path: issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
      message: i18n ?? { vi: `Giá trị không hợp lệ: ${issue.message}`, en: issue.message },
    };
  });
}
