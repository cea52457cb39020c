// Field errors from the two places they come from, keyed the same way (`admission.date`): the
// domain's zod schema in the browser, and the API's error body `issues[].path`.
import { type Locale, messageOfIssue } from "@sodoan/domain";
import type { z } from "zod";
import type { ApiIssue } from "./api";
import { pickMessage } from "./locale";

/** One message per field path (the first one found), for the form to show beside the field. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOfZod(error: z.ZodError, locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    // A message written in both languages ("vi / en") is the schema's own; zod's defaults are
    // English only, so they are replaced by the domain's bilingual wording of the issue.
    errors[key] ??= issue.message.includes(" / ")
      ? pickMessage(issue.message, locale)
      : messageOfIssue(issue)[locale];
  }
  return errors;
}

/**
 * The API's issues by field; `under` keeps those inside one part of the body (`["event"]` for the
 * event of a bulk action), keyed from there as the form's own fields are.
 */
export function fieldErrorsOfApi(
  issues: readonly ApiIssue[],
  locale: Locale,
  under: readonly string[] = [],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (under.some((part, i) => issue.path[i] !== part)) continue;
    const key = issue.path.slice(under.length).map(String).join(".");
    errors[key] ??= issue.message[locale];
  }
  return errors;
}
