// Vietnamese text made comparable: diacritics folding, search matching and slugs.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE = /\s+/gu;

/**
 * Text without diacritics, in lower case, with whitespace collapsed; đ becomes d. The same
 * for NFC and NFD input.
 * @example foldVietnamese("Trần  Ngọc Nam") // "tran ngoc nam"
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(WHITESPACE, " ")
    .trim();
}

/**
 * Whether every word of the query appears in the text, ignoring diacritics and case; an empty
 * query matches everything.
 * @example matchesSearch("Trần Ngọc Nam", "tran nam") // true
 */
export function matchesSearch(haystack: string, query: string): boolean {
  const text = foldVietnamese(haystack);
  return foldVietnamese(query)
    .split(" ")
    .every((word) => text.includes(word));
}

/**
 * A URL slug: folded, ASCII letters and digits joined by single hyphens.
 * @example slugify("Hội nghị chuyên đề 2017") // "hoi-nghi-chuyen-de-2017"
 */
export function slugify(value: string): string {
  return foldVietnamese(value)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
