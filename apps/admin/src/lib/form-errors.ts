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
    // A check the domain worded itself reads "vi / en"; any other carries zod's English text
    // ("Too small: …"), for which the domain has its words per issue code, as the API answers.
    errors[key] ??= issue.message.includes(" / ")
      ? pickMessage(issue.message, locale)
      : messageOfIssue(issue)[locale];
  }
  return errors;
}

export function fieldErrorsOfApi(issues: readonly ApiIssue[], locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    errors[key] ??= issue.message[locale];
  }
  return errors;
}
