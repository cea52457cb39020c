// One error vocabulary for the whole API: a code, its HTTP status, and one body for every error.
import { type DomainIssue, type LocalizedText, VALIDATION_FAILED_MESSAGE } from "@sodoan/domain";
import { z } from "zod";

/** Every error code the API answers with (DESIGN §6). */
export const ErrorCodeSchema = z.enum([
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PRECONDITION_REQUIRED",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "DATABASE_UNAVAILABLE",
  // Answered by the servers in front of the API (the admin's /api proxy) when the API is unreachable.
  "API_UNAVAILABLE",
  "INTERNAL_ERROR",
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 428 | 429 | 500 | 502 | 503;

/** The HTTP status of each code; exhaustive, so a new code cannot be forgotten here. */
export function statusOf(code: ErrorCode): ErrorStatus {
  switch (code) {
    case "VALIDATION_FAILED":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "PRECONDITION_FAILED":
      return 412;
    case "PAYLOAD_TOO_LARGE":
      return 413;
    case "PRECONDITION_REQUIRED":
      return 428;
    case "RATE_LIMITED":
      return 429;
    case "DATABASE_UNAVAILABLE":
      return 503;
    case "API_UNAVAILABLE":
      return 502;
    case "INTERNAL_ERROR":
      return 500;
  }
}

/** The body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: LocalizedText; issues: DomainIssue[]; requestId: string };
};

/** Thrown by handlers for an expected failure; `app.onError` turns it into the error body. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly localized: LocalizedText;
  readonly issues: DomainIssue[];
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: LocalizedText,
    options: { issues?: DomainIssue[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message.en, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.localized = message;
    this.issues = options.issues ?? [];
    this.headers = options.headers ?? {};
  }
}

/** The default message of each code, for errors raised without a more specific one. */
export const DEFAULT_MESSAGES: Record<ErrorCode, LocalizedText> = {
  VALIDATION_FAILED: VALIDATION_FAILED_MESSAGE,
  UNAUTHENTICATED: { vi: "Cần đăng nhập", en: "Sign-in required" },
  FORBIDDEN: { vi: "Bạn không có quyền làm việc này", en: "You may not do this" },
  NOT_FOUND: { vi: "Không tìm thấy", en: "Not found" },
  CONFLICT: { vi: "Thao tác trái với quy định", en: "A rule does not allow this" },
  PRECONDITION_FAILED: {
    vi: "Bản ghi đã được người khác thay đổi, hãy tải lại",
    en: "The record was changed by someone else; reload it",
  },
  PRECONDITION_REQUIRED: { vi: "Thiếu tiêu đề If-Match", en: "The If-Match header is required" },
  PAYLOAD_TOO_LARGE: { vi: "Dữ liệu gửi lên quá lớn", en: "The request body is too large" },
  RATE_LIMITED: { vi: "Quá nhiều yêu cầu, hãy thử lại sau", en: "Too many requests; try again later" },
  DATABASE_UNAVAILABLE: {
    vi: "Cơ sở dữ liệu tạm thời không sẵn sàng",
    en: "The database is temporarily unavailable",
  },
  API_UNAVAILABLE: { vi: "Không kết nối được tới API", en: "The API cannot be reached" },
  INTERNAL_ERROR: { vi: "Lỗi hệ thống", en: "Internal error" },
};

/** Builds the error body for a code. */
export function errorBody(
  code: ErrorCode,
  requestId: string,
  message: LocalizedText = DEFAULT_MESSAGES[code],
  issues: DomainIssue[] = [],
): ErrorBody {
  return { error: { code, message, issues, requestId } };
}
