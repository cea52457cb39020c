import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  citeDocument,
  claimedDates,
  DOCUMENT_TYPES,
  DocumentCreateSchema,
  type DocumentSymbolParts,
  DocumentSymbolSchema,
  type DocumentType,
  DocumentUpdateSchema,
  formatDocumentSymbol,
  hasConflictingDates,
  isSameDocumentSymbol,
  normalizeDocumentSymbol,
  parseDocumentSymbol,
} from "./index.js";

describe("parseDocumentSymbol", () => {
  const conclusion07 = { number: "07", type: "KL", issuer: "TWĐTN", department: "BTC" };
  it.each([
    ["07-KL/TWĐTN-BTC", conclusion07],
    ["Kết luận số 07-KL/TWĐTN-BTC", conclusion07],
    ["kết luận số 07-kl/twđtn-btc", conclusion07],
    ["07 – KL / TWĐTN – BTC", conclusion07],
    ["07—KL/TWDTN‐BTC", conclusion07],
    ["7-KL/TWĐTN-BTC", conclusion07],
    ["Nghị quyết 125-NQ/TĐTN", { number: "125", type: "NQ", issuer: "TĐTN" }],
    ["12-qd/tdtn-vp", { number: "12", type: "QĐ", issuer: "TĐTN", department: "VP" }],
    ["03-CTr/TWĐTN-TNNT", { number: "03", type: "CTr", issuer: "TWĐTN", department: "TNNT" }],
    ["04-CT/TWĐTN", { number: "04", type: "CT", issuer: "TWĐTN" }],
    ["15-KH/ĐTN", { number: "15", type: "KH", issuer: "ĐTN" }],
  ])("%s", (input, expected) => {
    expect(parseDocumentSymbol(input)).toEqual(expected);
  });

  it.each(["", "Kết luận số bảy", "07/TWĐTN-BTC", "07-XY/TWĐTN"])("finds no symbol in %j", (input) => {
    expect(parseDocumentSymbol(input)).toBeUndefined();
  });

  it("compares symbols however they were typed", () => {
    expect(isSameDocumentSymbol("08-KL/TWĐTN-BTC", "Kết luận 8 - KL/TWDTN-BTC")).toBe(true);
    expect(isSameDocumentSymbol("08-KL/TWĐTN-BTC", "07-KL/TWĐTN-BTC")).toBe(false);
    expect(normalizeDocumentSymbol("07 - kl/twdtn - btc")).toBe("07-KL/TWĐTN-BTC");
  });

  it("stores only the canonical form and normalises input", () => {
    expect(DocumentSymbolSchema.safeParse("07-KL/TWĐTN-BTC").success).toBe(true);
    expect(DocumentSymbolSchema.safeParse("7-kl/twdtn-btc").success).toBe(false);
    const created = DocumentCreateSchema.parse({
      symbol: "Kết luận số 08-KL/TWĐTN-BTC",
      title: "Nâng cao chất lượng",
    });
    expect(created.symbol).toBe("08-KL/TWĐTN-BTC");
    expect(created.dateClaims).toEqual([]);
  });
});

describe("date claims", () => {
  const conclusion08 = {
    dateClaims: [
      { date: "2019-03-05", source: { name: "Tỉnh đoàn Hà Nam" } },
      { date: "2019-02-14", source: { name: "Một nguồn cấp tỉnh khác" } },
    ],
  };

  it("keeps every claim with its source", () => {
    expect(claimedDates(conclusion08)).toEqual([
      { date: "2019-02-14", sources: ["Một nguồn cấp tỉnh khác"] },
      { date: "2019-03-05", sources: ["Tỉnh đoàn Hà Nam"] },
    ]);
    expect(hasConflictingDates(conclusion08)).toBe(true);
    expect(
      hasConflictingDates({ dateClaims: [conclusion08.dateClaims[0] ?? { date: "", source: { name: "" } }] }),
    ).toBe(false);
  });

  it("refuses the same source twice for one date", () => {
    const claim = { date: "2019-02-14", source: { name: "A" } };
    const parsed = DocumentCreateSchema.safeParse({
      symbol: "07-KL/TWĐTN-BTC",
      title: "T",
      dateClaims: [claim, claim],
    });
    expect(parsed.success).toBe(false);
  });
});

const letters = fc.stringMatching(/^[A-ZĐ]{1,6}$/);
const canonicalArb: fc.Arbitrary<DocumentSymbolParts> = fc
  .record({
    number: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(2, "0")),
    type: fc.constantFrom(...(Object.keys(DOCUMENT_TYPES) as DocumentType[])),
    issuer: fc.oneof(
      fc.constantFrom("TWĐTN", "TĐTN", "ĐTN"),
      letters.filter((s) => !s.includes("Đ") && !s.includes("D")),
    ),
    department: fc.option(letters, { nil: undefined }),
  })
  .map(({ department, ...rest }) => (department === undefined ? rest : { ...rest, department }));

describe("properties", () => {
  test.prop([canonicalArb])("parse after format is the identity on canonical symbols", (parts) => {
    const symbol = formatDocumentSymbol(parts);
    expect(parseDocumentSymbol(symbol)).toEqual(parts);
    expect(normalizeDocumentSymbol(symbol)).toBe(symbol);
    expect(normalizeDocumentSymbol(`Văn bản số ${symbol.toLowerCase().replace(/-/g, " – ")}`)).toBe(symbol);
  });
});

describe("citeDocument", () => {
  it.each([
    ["07-KL/TWĐTN-BTC", { vi: "Kết luận số 07-KL/TWĐTN-BTC", en: "Conclusion No. 07-KL/TWĐTN-BTC" }],
    ["12-qd/tdtn", { vi: "Quyết định số 12-QĐ/TĐTN", en: "Decision No. 12-QĐ/TĐTN" }],
    ["không rõ", { vi: "không rõ", en: "không rõ" }],
  ])("%s", (symbol, expected) => {
    expect(citeDocument(symbol)).toEqual(expected);
  });
});

describe("DocumentUpdateSchema", () => {
  it("leaves the claims alone when they are not sent", () => {
    expect(DocumentUpdateSchema.parse({ symbol: "7-kl/twdtn-btc" })).toEqual({ symbol: "07-KL/TWĐTN-BTC" });
  });
});
