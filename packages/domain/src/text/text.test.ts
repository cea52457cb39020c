import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  comparePersonNames,
  compareVietnamese,
  foldVietnamese,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  matchesSearch,
  personNameSortKey,
  slugify,
  vietnameseSortKey,
} from "./index.js";

describe("foldVietnamese", () => {
  it.each([
    ["Trần Ngọc Nam", "tran ngoc nam"],
    ["Nguyễn Thị Phương Quỳnh", "nguyen thi phuong quynh"],
    ["ĐOÀN  Khối\tdoanh nghiệp ", "doan khoi doanh nghiep"],
    ["Đàm Mỹ Anh", "dam my anh"],
    ["Trần Ngọc Nam".normalize("NFD"), "tran ngoc nam"],
    ["ư ơ ă â ê ô", "u o a a e o"],
  ])("%s → %s", (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
});

describe("matchesSearch", () => {
  it.each([
    ["Trần Ngọc Nam", "tran ngoc nam", true],
    ["Trần Ngọc Nam", "TRẦN nam", true],
    ["Trần Ngọc Nam", "nam tran", true],
    ["Trần Ngọc Nam", "ngoc", true],
    ["Trần Ngọc Nam", "", true],
    ["Trần Ngọc Nam", "tran van nam", false],
    ["Đoàn Khối doanh nghiệp", "doan khoi", true],
  ])("%s ∋ %s: %s", (haystack, query, expected) => {
    expect(matchesSearch(haystack, query)).toBe(expected);
  });
});

describe("slugify", () => {
  it.each([
    ["Hội nghị chuyên đề 2017", "hoi-nghi-chuyen-de-2017"],
    ["  Đoàn Khối: doanh nghiệp!! ", "doan-khoi-doanh-nghiep"],
    ["Kết luận 07-KL/TWĐTN-BTC", "ket-luan-07-kl-twdtn-btc"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe("collation", () => {
  it("orders letters the Vietnamese way, tones after the base letter", () => {
    const words = ["ư", "u", "ơ", "ô", "o", "đ", "d", "ê", "e", "â", "ă", "a", "á", "à", "ả", "ã", "ạ", "b"];
    expect([...words].sort(compareVietnamese)).toEqual([
      "a",
      "à",
      "ả",
      "ã",
      "á",
      "ạ",
      "ă",
      "â",
      "b",
      "d",
      "đ",
      "e",
      "ê",
      "o",
      "ô",
      "ơ",
      "u",
      "ư",
    ]);
  });

  it("puts a shorter word before its extensions and letters before tones", () => {
    expect(["anh", "an", "ánh", "ăn", "ám"].sort(compareVietnamese)).toEqual([
      "ám",
      "an",
      "anh",
      "ánh",
      "ăn",
    ]);
  });

  it("orders person names by given name, then from the family name", () => {
    const names = [
      "Nguyễn Thị Phương Quỳnh",
      "Trần Ngọc Nam",
      "Đàm Mỹ Anh",
      "Huỳnh Công Trí",
      "Lê Văn Anh",
      "Tấn Phát",
    ];
    expect([...names].sort(comparePersonNames)).toEqual([
      "Đàm Mỹ Anh",
      "Lê Văn Anh",
      "Trần Ngọc Nam",
      "Tấn Phát",
      "Nguyễn Thị Phương Quỳnh",
      "Huỳnh Công Trí",
    ]);
  });

  it("treats old and new tone placement alike", () => {
    expect(vietnameseSortKey("Hòa")).toBe(vietnameseSortKey("Hoà"));
    expect(personNameSortKey("Lê Thị Thủy")).toBe(personNameSortKey("Lê  Thị Thuỷ".normalize("NFD")));
  });

  it("keys use printable ASCII for Vietnamese names", () => {
    expect(personNameSortKey("Nguyễn Thị Phương Quỳnh")).toMatch(/^[\x20-\x7e]+$/);
  });
});

// A reference order written independently of the key: compare word by word, letter by letter.
const ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(" ");
const TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
function parseSyllable(word: string) {
  const decomposed = word.normalize("NFD").toLowerCase();
  const tone = Math.max(0, ...[...decomposed].map((c) => TONES.indexOf(c)));
  const letters = [...decomposed.replace(/[\u0300\u0309\u0303\u0301\u0323]/g, "").normalize("NFC")].map((c) =>
    ALPHABET.indexOf(c),
  );
  return { letters, tone };
}
function referenceCompare(a: string[], b: string[]): number {
  const pa = a.map(parseSyllable);
  const pb = b.map(parseSyllable);
  const flat = (p: typeof pa) => p.flatMap((w, i) => (i === 0 ? w.letters : [-1, ...w.letters]));
  const la = flat(pa);
  const lb = flat(pb);
  for (let i = 0; i < Math.min(la.length, lb.length); i++)
    if (la[i] !== lb[i]) return (la[i] ?? 0) - (lb[i] ?? 0);
  if (la.length !== lb.length) return la.length - lb.length;
  for (let i = 0; i < pa.length; i++)
    if (pa[i]?.tone !== pb[i]?.tone) return (pa[i]?.tone ?? 0) - (pb[i]?.tone ?? 0);
  return 0;
}

const letterArb = fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxy");
const syllableArb = fc
  .tuple(fc.array(letterArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...TONES))
  .map(([letters, tone]) => {
    const word = letters.join("");
    const vowel = word.search(/[aăâeêioôơuưy]/);
    return vowel < 0 ? word : (word.slice(0, vowel + 1) + tone + word.slice(vowel + 1)).normalize("NFC");
  });
const wordsArb = fc.array(syllableArb, { minLength: 1, maxLength: 4 });

describe("properties", () => {
  test.prop([fc.string()])("folding is idempotent and a text matches itself", (value) => {
    expect(foldVietnamese(foldVietnamese(value))).toBe(foldVietnamese(value));
    expect(matchesSearch(value, value)).toBe(true);
    expect(foldVietnamese(value.normalize("NFD"))).toBe(foldVietnamese(value.normalize("NFC")));
  });

  test.prop([wordsArb])("a name matches its folded form", (words) => {
    expect(matchesSearch(words.join(" "), foldVietnamese(words.join(" ")))).toBe(true);
  });

  test.prop([wordsArb, wordsArb])("the sort key agrees with the Vietnamese order", (a, b) => {
    const byKey = Math.sign(compareVietnamese(a.join(" "), b.join(" ")));
    expect(byKey).toBe(Math.sign(referenceCompare(a, b)));
  });

  test.prop([wordsArb, wordsArb])("person keys order by given name first", (a, b) => {
    const reorder = (words: string[]) => [words.at(-1) ?? "", ...words.slice(0, -1)];
    const byKey = Math.sign(comparePersonNames(a.join(" "), b.join(" ")));
    expect(byKey).toBe(Math.sign(referenceCompare(reorder(a), reorder(b))));
  });

  test.prop([fc.string()])("slugs hold only lower-case letters, digits and inner hyphens", (value) => {
    expect(slugify(value)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
  });
});

describe("formatNumber and formatPercent", () => {
  it.each([
    [1587, "vi", "1.587"],
    [1587, "en", "1,587"],
    [1234567.891, "vi", "1.234.567,89"],
    [1234567.891, "en", "1,234,567.89"],
    [-582, "vi", "-582"],
    [0, "vi", "0"],
    [999, "en", "999"],
    [-0.001, "en", "0"],
  ] as const)("formatNumber(%s, %s) = %s", (value, locale, expected) => {
    expect(formatNumber(value, locale)).toBe(expected);
  });

  it("honours the number of decimals asked", () => {
    expect(formatNumber(2.71234, "vi", { maximumFractionDigits: 3 })).toBe("2,712");
    expect(formatNumber(2, "en", { minimumFractionDigits: 2 })).toBe("2.00");
  });

  it.each([
    [0.5876, "vi", "58,8%"],
    [0.5876, "en", "58.8%"],
    [342 / 582, "vi", "58,8%"],
    [0.95, "vi", "95,0%"],
    [1, "en", "100.0%"],
    [12.5, "vi", "1.250,0%"],
  ] as const)("formatPercent(%s, %s) = %s", (value, locale, expected) => {
    expect(formatPercent(value, locale)).toBe(expected);
  });

  it("takes the decimals of a percentage", () => {
    expect(formatPercent(0.5876, "vi", { decimals: 0 })).toBe("59%");
  });
});

describe("formatDate and formatDateTime", () => {
  it.each([
    ["2017-08-31", "vi", "31/08/2017"],
    ["2017-08-31", "en", "31 Aug 2017"],
    ["2019-02-04", "en", "4 Feb 2019"],
    ["1995-04", "vi", "04/1995"],
    ["1995-04", "en", "Apr 1995"],
    ["1995", "vi", "1995"],
  ] as const)("formatDate(%s, %s) = %s", (date, locale, expected) => {
    expect(formatDate(date, locale)).toBe(expected);
  });

  it.each([
    ["2017-09-01T06:00:00Z", "vi", "13:00 01/09/2017"],
    ["2017-09-01T13:00:00+07:00", "en", "13:00, 1 Sep 2017"],
    ["2017-08-31T18:30:00Z", "vi", "01:30 01/09/2017"],
  ] as const)("formatDateTime(%s, %s) = %s", (instant, locale, expected) => {
    expect(formatDateTime(instant, locale)).toBe(expected);
  });
});
