// CSV as RFC 4180 writes it: a small reader and writer, so imports and exports need no dependency.

/** A CSV text that cannot be read, with the record where reading stopped (1 = the first). */
export class CsvSyntaxError extends Error {
  readonly record: number;
  constructor(record: number, message: string) {
    super(message);
    this.name = "CsvSyntaxError";
    this.record = record;
  }
}

/**
 * The records of a CSV text: fields split on commas, quoted fields may hold commas, quotes ("")
 * and line breaks; CRLF or LF ends a record; a leading byte-order mark is skipped; blank lines
 * are dropped.
 * @example parseCsv('a,"b ""c"""\n1,2') // [["a", 'b "c"'], ["1", "2"]]
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
    afterQuote = false;
  };
  for (; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else field += char;
      continue;
    }
    if (char === ",") {
      record.push(field);
      field = "";
      afterQuote = false;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else if (char === '"' && field === "" && !afterQuote) {
      quoted = true;
    } else if (afterQuote || char === '"') {
      throw new CsvSyntaxError(records.length + 1, "a quote in the middle of a field");
    } else field += char;
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, "a quoted field is not closed");
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

/**
 * One CSV field, quoted when it must be. A value a spreadsheet would run as a formula gets a
 * leading apostrophe (phone numbers such as +84… and negative numbers are left alone).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=@\t\r]/.test(text) || /^[+-][^0-9 .]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF. */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
