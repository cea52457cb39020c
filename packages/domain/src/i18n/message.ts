// Text a person reads, always in Vietnamese first and English second.
import { z } from "zod";

/** A sentence in both of the project's languages. */
export const LocalizedTextSchema = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The languages a person can read Sổ Đoàn in, Vietnamese first. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Builds a bilingual text.
 * @example text("Ngày sinh không hợp lệ", "Invalid date of birth")
 */
export function text(vi: string, en: string): LocalizedText {
  return { vi, en };
}

/**
 * The options of a zod refinement whose message is bilingual: the issue's `message` reads
 * "vi / en" for whoever prints it raw, and `params.i18n` keeps both texts apart for `toIssues`.
 * @example z.string().refine(isCardNumber, bilingual("Số thẻ đoàn không hợp lệ", "Invalid Union card number"))
 */
export function bilingual(vi: string, en: string, path?: (string | number)[]) {
  return {
    message: `${vi} / ${en}`,
    params: { i18n: { vi, en } satisfies LocalizedText },
    ...(path === undefined ? {} : { path }),
  };
}
