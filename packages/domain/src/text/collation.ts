// Vietnamese collation as plain strings: keys that sort right when compared by code units.

/** The Vietnamese alphabet in dictionary order, with the Latin letters it borrows in their place. */
const ALPHABET = [
  "a",
  "ă",
  "â",
  "b",
  "c",
  "d",
  "đ",
  "e",
  "ê",
  "f",
  "g",
  "h",
  "i",
  "j",
  "k",
  "l",
  "m",
  "n",
  "o",
  "ô",
  "ơ",
  "p",
  "q",
  "r",
  "s",
  "t",
  "u",
  "ư",
  "v",
  "w",
  "x",
  "y",
  "z",
] as const;

/** Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng. */
const TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"] as const;

// Keys use printable ASCII only, so a database in C collation orders them the same way:
// level separator < word separator < digits < letters.
const LEVEL_SEPARATOR = " ";
const WORD_SEPARATOR = "!";
const FIRST_LETTER_CODE = 0x41;

const LETTER_CODES = new Map<string, string>(
  ALPHABET.map((letter, i) => [letter, String.fromCharCode(FIRST_LETTER_CODE + i)]),
);

/** Vowel modifiers that make a separate letter (ă â ê ô ơ ư), unlike tone marks. */
const LETTER_MARKS = new Set(["\u0306", "\u0302", "\u031b"]);

type Letter = { primary: string; isUpper: boolean };
type Word = { letters: Letter[]; tone: number };

function splitWord(word: string): Word {
  const letters: Letter[] = [];
  let tone = 0;
  // Each base character with its combining marks, after canonical decomposition.
  const clusters = word.normalize("NFD").match(/\P{M}\p{M}*/gu) ?? [];
  for (const cluster of clusters) {
    const base = cluster[0] ?? "";
    let marks = "";
    for (const mark of cluster.slice(1)) {
      const toneIndex = TONE_MARKS.indexOf(mark as (typeof TONE_MARKS)[number]);
      if (toneIndex > 0 && tone === 0) tone = toneIndex;
      else if (LETTER_MARKS.has(mark)) marks += mark;
    }
    const lower = base.toLowerCase();
    const isUpper = lower !== base;
    if (/[0-9]/.test(base)) {
      letters.push({ primary: base, isUpper: false });
      continue;
    }
    const letter = lower === "đ" ? "đ" : `${lower}${marks}`.normalize("NFC");
    const code = LETTER_CODES.get(letter) ?? LETTER_CODES.get(lower);
    if (code !== undefined) letters.push({ primary: code, isUpper });
    else if (/\p{L}/u.test(base)) letters.push({ primary: lower, isUpper });
  }
  return { letters, tone };
}

function keyOfWords(words: string[]): string {
  const parsed = words.map(splitWord).filter((word) => word.letters.length > 0);
  const primary = parsed
    .map((word) => word.letters.map((letter) => letter.primary).join(""))
    .join(WORD_SEPARATOR);
  const tones = parsed.map((word) => String(word.tone)).join("");
  const cases = parsed
    .map((word) => word.letters.map((letter) => (letter.isUpper ? "1" : "0")).join(""))
    .join("");
  return [primary, tones, cases].join(LEVEL_SEPARATOR);
}

function wordsOf(value: string): string[] {
  return value
    .normalize("NFC")
    .split(/[\s\-–—]+/u)
    .filter((word) => word.length > 0);
}

/**
 * A key that orders text the Vietnamese way when compared by code units (or ORDER BY in a
 * database with C collation): letters in the order a ă â b c d đ e ê … o ô ơ … u ư, then tones
 * (none, huyền, hỏi, ngã, sắc, nặng), then case. Characters outside the alphabet sort after it.
 * @example vietnameseSortKey("ăn") > vietnameseSortKey("an") // true
 */
export function vietnameseSortKey(value: string): string {
  return keyOfWords(wordsOf(value));
}

/**
 * A key that orders person names the Vietnamese way: by given name (the last word), then the
 * rest from the family name on.
 * @example personNameSortKey("Trần Ngọc Nam") < personNameSortKey("Nguyễn Thị Phương Quỳnh") // true
 */
export function personNameSortKey(fullName: string): string {
  const words = wordsOf(fullName);
  const given = words.pop();
  return keyOfWords(given === undefined ? [] : [given, ...words]);
}

/** Compares two texts in Vietnamese order, for `Array.prototype.sort`. */
export function compareVietnamese(a: string, b: string): number {
  const left = vietnameseSortKey(a);
  const right = vietnameseSortKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Compares two person names in Vietnamese order (given name first), for `Array.prototype.sort`. */
export function comparePersonNames(a: string, b: string): number {
  const left = personNameSortKey(a);
  const right = personNameSortKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
