// Expected outcomes of domain rules are values, not exceptions: a refusal carries its reason.
import type { LocalizedText } from "./i18n/message.js";

/** A path into the input that a refusal is about, as in DESIGN §6 (`["member", "birthDate"]`). */
export type IssuePath = (string | number)[];

/** One thing wrong with an input or an action, naming where and why in both languages. */
export type DomainIssue = { path: IssuePath; message: LocalizedText };

/** The outcome of a rule: the value, or the code and issues that say why not. */
export type Result<T, Code extends string = string> =
  | { ok: true; value: T }
  | { ok: false; code: Code; message: LocalizedText; issues: DomainIssue[] };

/** A successful outcome. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A refused outcome; `issues` defaults to one issue at the root carrying the message. */
export function refuse<Code extends string>(
  code: Code,
  message: LocalizedText,
  issues: DomainIssue[] = [{ path: [], message }],
): { ok: false; code: Code; message: LocalizedText; issues: DomainIssue[] } {
  return { ok: false, code, message, issues };
}
