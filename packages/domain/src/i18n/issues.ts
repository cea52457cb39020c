// Zod's findings turned into the issues the API and the forms show, in Vietnamese and English.
import type { z } from "zod";
import { type DomainIssue, ok, type Result, refuse } from "../result.js";
import type { LocalizedText } from "./message.js";

type ZodIssue = z.core.$ZodIssue;

/** The message of a refused input as a whole (DESIGN §6). */
export const VALIDATION_FAILED_MESSAGE: LocalizedText = { vi: "Dữ liệu không hợp lệ", en: "Invalid input" };

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: { vi: "chuỗi ký tự", en: "text" },
  number: { vi: "số", en: "a number" },
  int: { vi: "số nguyên", en: "a whole number" },
  boolean: { vi: "đúng/sai", en: "true or false" },
  object: { vi: "đối tượng", en: "an object" },
  array: { vi: "danh sách", en: "a list" },
  date: { vi: "ngày", en: "a date" },
  bigint: { vi: "số nguyên lớn", en: "a big integer" },
  null: { vi: "null", en: "null" },
  undefined: { vi: "không có giá trị", en: "nothing" },
};

const FORMAT_NAMES: Record<string, LocalizedText> = {
  email: { vi: "địa chỉ email", en: "an email address" },
  url: { vi: "địa chỉ URL", en: "a URL" },
  uuid: { vi: "UUID", en: "a UUID" },
  datetime: { vi: "thời điểm ISO 8601", en: "an ISO 8601 date-time" },
  date: { vi: "ngày YYYY-MM-DD", en: "a YYYY-MM-DD date" },
  time: { vi: "giờ", en: "a time" },
  regex: { vi: "mẫu quy định", en: "the required pattern" },
  starts_with: { vi: "phần đầu quy định", en: "the required beginning" },
  ends_with: { vi: "phần cuối quy định", en: "the required ending" },
  includes: { vi: "nội dung quy định", en: "the required content" },
};

function typeName(name: string): LocalizedText {
  return TYPE_NAMES[name] ?? { vi: name, en: name };
}

function quote(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function sizeMessage(issue: Extract<ZodIssue, { code: "too_small" | "too_big" }>): LocalizedText {
  const isMin = issue.code === "too_small";
  const bound = String(issue.code === "too_small" ? issue.minimum : issue.maximum);
  const strict = !issue.inclusive;
  switch (issue.origin) {
    case "string":
      if (isMin && bound === "1") return { vi: "Không được để trống", en: "Must not be empty" };
      return isMin
        ? { vi: `Cần ít nhất ${bound} ký tự`, en: `Must have at least ${bound} characters` }
        : { vi: `Tối đa ${bound} ký tự`, en: `Must have at most ${bound} characters` };
    case "array":
    case "set":
      if (isMin && bound === "1") return { vi: "Cần ít nhất một mục", en: "Must have at least one item" };
      return isMin
        ? { vi: `Cần ít nhất ${bound} mục`, en: `Must have at least ${bound} items` }
        : { vi: `Tối đa ${bound} mục`, en: `Must have at most ${bound} items` };
    default:
      if (isMin) {
        return strict
          ? { vi: `Phải lớn hơn ${bound}`, en: `Must be greater than ${bound}` }
          : { vi: `Phải từ ${bound} trở lên`, en: `Must be at least ${bound}` };
      }
      return strict
        ? { vi: `Phải nhỏ hơn ${bound}`, en: `Must be less than ${bound}` }
        : { vi: `Không được quá ${bound}`, en: `Must be at most ${bound}` };
  }
}

/**
 * Whether a type issue is about a missing value. Zod keeps the input only when asked
 * (`reportInput`), so its default English message is the fallback witness.
 */
function isMissing(issue: Extract<ZodIssue, { code: "invalid_type" }>): boolean {
  if ("input" in issue) return issue.input === undefined;
  return issue.message.endsWith("received undefined");
}

function i18nOf(issue: ZodIssue): LocalizedText | undefined {
  const params = (issue as { params?: { i18n?: Partial<LocalizedText> } }).params;
  const i18n = params?.i18n;
  return typeof i18n?.vi === "string" && typeof i18n.en === "string"
    ? { vi: i18n.vi, en: i18n.en }
    : undefined;
}

/**
 * The bilingual message of one zod issue: the one given with `bilingual()`, else a short text
 * per issue code.
 */
export function messageOfIssue(issue: ZodIssue): LocalizedText {
  const custom = i18nOf(issue);
  if (custom !== undefined) return custom;
  switch (issue.code) {
    case "invalid_type": {
      if (isMissing(issue)) return { vi: "Bắt buộc", en: "Required" };
      const expected = typeName(issue.expected);
      return { vi: `Phải là ${expected.vi}`, en: `Must be ${expected.en}` };
    }
    case "too_small":
    case "too_big":
      return sizeMessage(issue);
    case "invalid_format": {
      const format = FORMAT_NAMES[issue.format] ?? { vi: issue.format, en: issue.format };
      return { vi: `Không đúng định dạng ${format.vi}`, en: `Must be ${format.en}` };
    }
    case "not_multiple_of":
      return { vi: `Phải là bội số của ${issue.divisor}`, en: `Must be a multiple of ${issue.divisor}` };
    case "unrecognized_keys":
      return {
        vi: `Trường không được phép: ${issue.keys.join(", ")}`,
        en: `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`,
      };
    case "invalid_value": {
      const values = issue.values.map(quote).join(", ");
      return issue.values.length === 1
        ? { vi: `Phải là ${values}`, en: `Must be ${values}` }
        : { vi: `Phải là một trong: ${values}`, en: `Must be one of: ${values}` };
    }
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      if (issue.errors.length === 0 && Array.isArray(options) && options.length > 0) {
        const values = options.map(quote).join(", ");
        return { vi: `Phải là một trong: ${values}`, en: `Must be one of: ${values}` };
      }
      return {
        vi: "Không khớp với dạng dữ liệu nào được chấp nhận",
        en: "Matches none of the accepted shapes",
      };
    }
    case "invalid_key":
      return { vi: "Khóa không hợp lệ", en: "Invalid key" };
    case "invalid_element":
      return { vi: "Phần tử không hợp lệ", en: "Invalid element" };
    case "custom":
      return { vi: issue.message || "Giá trị không hợp lệ", en: issue.message || "Invalid value" };
    default:
      return { vi: "Giá trị không hợp lệ", en: "Invalid value" };
  }
}

function pathOf(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === "number" ? key : String(key)));
}

/**
 * The issues of a zod error, each with its path and a message in both languages. A union whose
 * every branch failed reports the issues of the branch that got furthest.
 * @example toIssues(schema.safeParse(input).error) // [{ path: ["birthDate"], message: { vi: "Bắt buộc", en: "Required" } }]
 */
export function toIssues(error: { issues: readonly ZodIssue[] }): DomainIssue[] {
  return error.issues.flatMap((issue) => issuesOf(issue, []));
}

// The input a value was given is left out of the issues: it may be personal data.
function issuesOf(issue: ZodIssue, prefix: (string | number)[]): DomainIssue[] {
  const path = [...prefix, ...pathOf(issue.path)];
  if (issue.code === "invalid_union" && issue.errors.length > 0 && i18nOf(issue) === undefined) {
    // The branch with the fewest issues is usually the one the sender meant.
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    if (best.length > 0) return best.flatMap((inner) => issuesOf(inner, path));
  }
  return [{ path, message: messageOfIssue(issue) }];
}

/**
 * Parses an input with a schema: the parsed value, or `VALIDATION_FAILED` with every issue.
 * @example validate(MemberCreateSchema, body) // { ok: false, code: "VALIDATION_FAILED", message: { vi: "Dữ liệu không hợp lệ", … }, issues }
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, "VALIDATION_FAILED"> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  return refuse("VALIDATION_FAILED", VALIDATION_FAILED_MESSAGE, toIssues(parsed.error));
}
