import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CalendarDateSchema } from "../time/index.js";
import { toIssues, VALIDATION_FAILED_MESSAGE, validate } from "./issues.js";
import { bilingual } from "./message.js";

const Schema = z
  .object({
    name: z.string().min(1),
    code: z.string().max(3),
    age: z.number().int().min(16).max(30),
    tags: z.array(z.string()).min(1),
    kind: z.enum(["a", "b"]),
    email: z.email().optional(),
    birthDate: CalendarDateSchema.optional(),
    shape: z
      .discriminatedUnion("type", [
        z.object({ type: z.literal("x"), size: z.number() }),
        z.object({ type: z.literal("y") }),
      ])
      .optional(),
    card: z
      .string()
      .refine((value) => value.startsWith("Đ"), bilingual("Số thẻ sai", "Wrong card number"))
      .optional(),
  })
  .strict();

const valid = { name: "An", code: "AB", age: 20, tags: ["x"], kind: "a" };

function issuesFor(input: unknown) {
  const result = validate(Schema, input);
  return result.ok ? [] : result.issues;
}

describe("validate", () => {
  it("returns the parsed value", () => {
    expect(validate(Schema, valid)).toEqual({ ok: true, value: valid });
  });

  it("refuses with VALIDATION_FAILED and the §6 message", () => {
    expect(validate(Schema, {})).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      message: VALIDATION_FAILED_MESSAGE,
    });
    expect(VALIDATION_FAILED_MESSAGE).toEqual({ vi: "Dữ liệu không hợp lệ", en: "Invalid input" });
  });

  it.each([
    ["a missing field", { ...valid, name: undefined }, ["name"], "Bắt buộc", "Required"],
    ["a wrong type", { ...valid, age: "20" }, ["age"], "Phải là số", "Must be a number"],
    ["an empty string", { ...valid, name: "" }, ["name"], "Không được để trống", "Must not be empty"],
    [
      "a long string",
      { ...valid, code: "ABCD" },
      ["code"],
      "Tối đa 3 ký tự",
      "Must have at most 3 characters",
    ],
    ["a small number", { ...valid, age: 15 }, ["age"], "Phải từ 16 trở lên", "Must be at least 16"],
    ["a big number", { ...valid, age: 31 }, ["age"], "Không được quá 30", "Must be at most 30"],
    ["a non-integer", { ...valid, age: 20.5 }, ["age"], "Phải là số nguyên", "Must be a whole number"],
    ["an empty list", { ...valid, tags: [] }, ["tags"], "Cần ít nhất một mục", "Must have at least one item"],
    [
      "an unknown option",
      { ...valid, kind: "c" },
      ["kind"],
      'Phải là một trong: "a", "b"',
      'Must be one of: "a", "b"',
    ],
    [
      "a bad email",
      { ...valid, email: "no" },
      ["email"],
      "Không đúng định dạng địa chỉ email",
      "Must be an email address",
    ],
    ["an unknown key", { ...valid, extra: 1 }, [], "Trường không được phép: extra", "Unknown field: extra"],
    [
      "a bad date",
      { ...valid, birthDate: "2017-02-30" },
      ["birthDate"],
      "Ngày không tồn tại trong lịch",
      "No such day in the calendar",
    ],
    ["a custom rule", { ...valid, card: "X1" }, ["card"], "Số thẻ sai", "Wrong card number"],
    [
      "an unknown variant",
      { ...valid, shape: { type: "z" } },
      ["shape", "type"],
      'Phải là một trong: "x", "y"',
      'Must be one of: "x", "y"',
    ],
    ["a bad variant field", { ...valid, shape: { type: "x" } }, ["shape", "size"], "Bắt buộc", "Required"],
  ])("names %s", (_, input, path, vi, en) => {
    expect(issuesFor(input)).toEqual([{ path, message: { vi, en } }]);
  });

  it("reports every issue", () => {
    expect(issuesFor({}).map((issue) => issue.path)).toEqual([
      ["name"],
      ["code"],
      ["age"],
      ["tags"],
      ["kind"],
    ]);
  });
});

describe("toIssues", () => {
  it("works on an error parsed without the input", () => {
    const parsed = Schema.safeParse({ ...valid, name: undefined, age: "x" });
    expect(parsed.success).toBe(false);
    expect(toIssues(parsed.error ?? { issues: [] })).toEqual([
      { path: ["name"], message: { vi: "Bắt buộc", en: "Required" } },
      { path: ["age"], message: { vi: "Phải là số", en: "Must be a number" } },
    ]);
  });

  it("unfolds a plain union to its closest branch", () => {
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.number(), c: z.number() })]);
    const parsed = union.safeParse({ a: 1 });
    expect(toIssues(parsed.error ?? { issues: [] })).toEqual([
      { path: ["a"], message: { vi: "Phải là chuỗi ký tự", en: "Must be text" } },
    ]);
  });
});
