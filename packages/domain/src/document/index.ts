// Union documents cited by symbol, with their title and every date that a source claims for them.
import { z } from "zod";
import type { LocalizedText } from "../i18n/message.js";
import { bilingual } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { type CalendarDate, CalendarDateSchema, InstantSchema } from "../time/index.js";
import {
  DOCUMENT_TYPES,
  DocumentSymbolInputSchema,
  DocumentSymbolSchema,
  normalizeDocumentSymbol as normalizeSymbol,
  parseDocumentSymbol,
} from "./symbol.js";

export * from "./symbol.js";

/** Where a claim about a document comes from: a publication, a web page, an archive. */
export const SourceSchema = z.object({
  name: z.string().min(1),
  url: z.url().optional(),
  accessedOn: CalendarDateSchema.optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** A date that one source gives a document; sources can disagree, so each claim is kept. */
export const DateClaimSchema = z.object({ date: CalendarDateSchema, source: SourceSchema });
export type DateClaim = z.infer<typeof DateClaimSchema>;

/** The claims on one document; disagreeing dates are kept, only repeats are refused. */
export const DateClaimsSchema = z
  .array(DateClaimSchema)
  .refine(
    (claims) => new Set(claims.map((claim) => `${claim.date}|${claim.source.name}`)).size === claims.length,
    bilingual("Một nguồn chỉ ghi một lần cho cùng một ngày", "A source is listed once per date"),
  );

const documentFields = {
  title: z.string().min(1),
  /** The date the project takes as the document's own, when one has been chosen. */
  date: CalendarDateSchema.optional(),
  dateClaims: DateClaimsSchema.default([]),
};

/** A stored Union document. */
export const DocumentSchema = z.object({
  id: IdSchema,
  symbol: DocumentSymbolSchema,
  ...documentFields,
  recordedAt: InstantSchema,
});
export type Document = z.infer<typeof DocumentSchema>;

/** A new document as an admin enters it; the symbol may be typed loosely. */
export const DocumentCreateSchema = z.object({ symbol: DocumentSymbolInputSchema, ...documentFields });
export type DocumentCreate = z.infer<typeof DocumentCreateSchema>;

/** Changes to a document; claims are replaced as a whole, and left alone when absent. */
export const DocumentUpdateSchema = DocumentCreateSchema.extend({ dateClaims: DateClaimsSchema }).partial();
export type DocumentUpdate = z.infer<typeof DocumentUpdateSchema>;

/**
 * How another record cites a document: its symbol, and its id when it is on file.
 * @example DocumentReferenceSchema.parse({ symbol: "07-KL/TWĐTN-BTC" })
 */
export const DocumentReferenceSchema = z.object({
  symbol: DocumentSymbolSchema,
  documentId: IdSchema.optional(),
  title: z.string().min(1).optional(),
  date: CalendarDateSchema.optional(),
});
export type DocumentReference = z.infer<typeof DocumentReferenceSchema>;

/** A citation as typed in a form: the symbol is normalised. */
export const DocumentReferenceInputSchema = DocumentReferenceSchema.extend({
  symbol: DocumentSymbolInputSchema,
});

/** The dates claimed for a document, each with the sources that give it, earliest first. */
export function claimedDates(
  document: Pick<Document, "dateClaims">,
): { date: CalendarDate; sources: string[] }[] {
  const byDate = new Map<CalendarDate, string[]>();
  for (const claim of document.dateClaims) {
    const sources = byDate.get(claim.date) ?? [];
    sources.push(claim.source.name);
    byDate.set(claim.date, sources);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, sources]) => ({ date, sources }));
}

/**
 * Whether the sources disagree on a document's date.
 * @example hasConflictingDates({ dateClaims: [{ date: "2019-03-05", source: { name: "A" } }, { date: "2019-02-14", source: { name: "B" } }] }) // true
 */
export function hasConflictingDates(document: Pick<Document, "dateClaims">): boolean {
  return claimedDates(document).length > 1;
}

/**
 * How a text cites a document: its kind, then its symbol. The kind comes from the symbol, so it
 * is never stored beside it.
 * @example citeDocument("07-KL/TWĐTN-BTC") // { vi: "Kết luận số 07-KL/TWĐTN-BTC", en: "Conclusion No. 07-KL/TWĐTN-BTC" }
 */
export function citeDocument(symbol: string): LocalizedText {
  const parts = parseDocumentSymbol(symbol);
  if (parts === undefined) return { vi: symbol, en: symbol };
  const kind = DOCUMENT_TYPES[parts.type];
  const canonical = normalizeSymbol(symbol) ?? symbol;
  return { vi: `${kind.vi} số ${canonical}`, en: `${kind.en} No. ${canonical}` };
}
