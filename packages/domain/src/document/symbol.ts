// Document symbols (số ký hiệu văn bản) such as `07-KL/TWĐTN-BTC`: lenient parsing, canonical form.
import { z } from "zod";
import { bilingual, type LocalizedText } from "../i18n/message.js";

/** The kinds of Union document a symbol names, with their abbreviation as written in symbols. */
export const DOCUMENT_TYPES = {
  KL: { vi: "Kết luận", en: "Conclusion" },
  NQ: { vi: "Nghị quyết", en: "Resolution" },
  HD: { vi: "Hướng dẫn", en: "Guidance" },
  KH: { vi: "Kế hoạch", en: "Plan" },
  QĐ: { vi: "Quyết định", en: "Decision" },
  CTr: { vi: "Chương trình", en: "Programme" },
  CT: { vi: "Chỉ thị", en: "Directive" },
  TB: { vi: "Thông báo", en: "Notice" },
  BC: { vi: "Báo cáo", en: "Report" },
  QC: { vi: "Quy chế", en: "Regulation" },
  TTr: { vi: "Tờ trình", en: "Submission" },
} as const satisfies Record<string, LocalizedText>;

/** The abbreviation of a document type, e.g. `KL` or `CTr`. */
export const DocumentTypeSchema = z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]);
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** A document symbol taken apart: `07-KL/TWĐTN-BTC` is number 07, type KL, issuer TWĐTN, department BTC. */
export type DocumentSymbolParts = {
  number: string;
  type: DocumentType;
  issuer: string;
  department?: string;
};

/**
 * Issuer codes whose Đ is known, so that a symbol typed without it (`TWDTN`) gets it back.
 * Other issuers keep the letters as written.
 */
const KNOWN_ISSUERS = ["TWĐTN", "TWĐ", "TĐTN", "TĐ", "ĐTN", "HĐTN", "QĐTN", "TXĐTN", "ĐKDN", "ĐK", "BCH"];

const DASH = "[-‐‑‒–—―−]";
const LETTERS = "[A-Za-zĐđ]+";
const SYMBOL_PATTERN = new RegExp(
  `(\\d+)\\s*${DASH}\\s*(${LETTERS})\\s*/\\s*(${LETTERS})(?:\\s*${DASH}\\s*(${LETTERS}))?`,
  "u",
);

function foldD(value: string): string {
  return value.replace(/[Đđ]/g, "D").toUpperCase();
}

function canonicalType(written: string): DocumentType | undefined {
  const folded = foldD(written);
  return (Object.keys(DOCUMENT_TYPES) as DocumentType[]).find((type) => foldD(type) === folded);
}

function canonicalIssuer(written: string): string {
  const folded = foldD(written);
  return KNOWN_ISSUERS.find((issuer) => foldD(issuer) === folded) ?? written.toUpperCase();
}

/** Numbers are written with at least two digits (`07`), as Union offices number their documents. */
function canonicalNumber(written: string): string {
  const trimmed = written.replace(/^0+(?=\d)/, "");
  return trimmed.padStart(2, "0");
}

/**
 * Reads a document symbol however it was typed: dash variants, spaces, D for Đ, lower case, and
 * words around it ("Kết luận số 07-KL/TWĐTN-BTC"). Returns undefined when no symbol is found.
 * @example parseDocumentSymbol("ket luan so 7 – kl/twdtn-btc") // { number: "07", type: "KL", issuer: "TWĐTN", department: "BTC" }
 */
export function parseDocumentSymbol(input: string): DocumentSymbolParts | undefined {
  const match = SYMBOL_PATTERN.exec(input.normalize("NFC"));
  if (match === null) return undefined;
  const [, number, type, issuer, department] = match;
  if (number === undefined || type === undefined || issuer === undefined) return undefined;
  const documentType = canonicalType(type);
  if (documentType === undefined) return undefined;
  const parts: DocumentSymbolParts = {
    number: canonicalNumber(number),
    type: documentType,
    issuer: canonicalIssuer(issuer),
  };
  if (department !== undefined) parts.department = department.toUpperCase();
  return parts;
}

/**
 * Writes a symbol in its canonical form.
 * @example formatDocumentSymbol({ number: "07", type: "KL", issuer: "TWĐTN", department: "BTC" }) // "07-KL/TWĐTN-BTC"
 */
export function formatDocumentSymbol(parts: DocumentSymbolParts): string {
  const base = `${parts.number}-${parts.type}/${parts.issuer}`;
  return parts.department === undefined ? base : `${base}-${parts.department}`;
}

/**
 * The canonical form of a symbol typed in any accepted way, or undefined when none is found.
 * @example normalizeDocumentSymbol("07 - KL/TWDTN - BTC") // "07-KL/TWĐTN-BTC"
 */
export function normalizeDocumentSymbol(input: string): string | undefined {
  const parts = parseDocumentSymbol(input);
  return parts === undefined ? undefined : formatDocumentSymbol(parts);
}

/** Whether two typed symbols name the same document (Đ and D compared alike). */
export function isSameDocumentSymbol(a: string, b: string): boolean {
  const left = normalizeDocumentSymbol(a);
  const right = normalizeDocumentSymbol(b);
  return left !== undefined && right !== undefined && foldD(left) === foldD(right);
}

const SYMBOL_MESSAGE = bilingual(
  "Số ký hiệu văn bản không hợp lệ (ví dụ: 07-KL/TWĐTN-BTC)",
  "Invalid document symbol (for example 07-KL/TWĐTN-BTC)",
);

/**
 * A stored symbol: already in canonical form.
 * @example DocumentSymbolSchema.parse("08-KL/TWĐTN-BTC")
 */
export const DocumentSymbolSchema = z
  .string()
  .refine((value) => normalizeDocumentSymbol(value) === value, SYMBOL_MESSAGE);
export type DocumentSymbol = z.infer<typeof DocumentSymbolSchema>;

/**
 * A symbol as a person types it; the output is the canonical form.
 * @example DocumentSymbolInputSchema.parse("Kết luận số 07-KL/TWĐTN-BTC") // "07-KL/TWĐTN-BTC"
 */
export const DocumentSymbolInputSchema = z
  .string()
  .refine((value) => normalizeDocumentSymbol(value) !== undefined, SYMBOL_MESSAGE)
  .transform((value) => normalizeDocumentSymbol(value) ?? value);
