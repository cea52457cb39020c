// A domain rule's refusal as an API error: 409 with the rule's bilingual reason and its stable code.
import type { DomainIssue, LocalizedText } from "@sodoan/domain";
import { ApiError } from "../errors.js";

/**
 * The header carrying the domain's refusal code (`RECORD_CLOSED`, `MEMBER_UNDER_AGE`, …): the error
 * body's `code` is the API's vocabulary (`CONFLICT`) and has no slot for the rule's own code.
 */
export const REFUSAL_CODE_HEADER = "X-Refusal-Code";

/** The error to throw for a domain `Result` that said no. */
export function refusalError(result: {
  code: string;
  message: LocalizedText;
  issues: DomainIssue[];
}): ApiError {
  return new ApiError("CONFLICT", result.message, {
    issues: result.issues,
    headers: { [REFUSAL_CODE_HEADER]: result.code },
  });
}
