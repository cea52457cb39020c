// Dates as a Vietnamese reader types them (dd/mm/yyyy) and as the API writes them (yyyy-mm-dd).

/**
 * Reads `31/08/2017`, `08/2017` or `2017` into `2017-08-31`, `2017-08` or `2017`; any other text
 * comes back trimmed as it was typed, so the domain's schema can say what is wrong with it. Days and
 * months are not checked here: "31/02/2000" becomes "2000-02-31", which the schema refuses.
 * @example toIsoDate("31/08/2017") // "2017-08-31"
 */
export function toIsoDate(typed: string): string {
  const value = typed.trim();
  const full = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (full) return `${full[3]}-${pad(full[2])}-${pad(full[1])}`;
  const month = /^(\d{1,2})[/.-](\d{4})$/.exec(value);
  if (month) return `${month[2]}-${pad(month[1])}`;
  return value;
}

/**
 * Writes `2017-08-31` as `31/08/2017` (and `2017-08` as `08/2017`) for an input a person edits.
 * @example toTypedDate("2017-08-31") // "31/08/2017"
 */
export function toTypedDate(iso: string | undefined | null): string {
  if (!iso) return "";
  const [year, month, day] = iso.split("-");
  if (month === undefined) return year ?? "";
  if (day === undefined) return `${month}/${year}`;
  return `${day}/${month}/${year}`;
}

/** Whether an ISO text names a real calendar day (`2000-02-31` does not). */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(part: string | undefined): string {
  return (part ?? "").padStart(2, "0");
}
