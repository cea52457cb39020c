// The If-Match of a record read from a list: the API tags version N as "vN", the same value its
// ETag header carries, so a list row can be updated without reading the record again.

/** @example ifMatchOf(3) // '"v3"' */
export function ifMatchOf(version: number): string {
  return `"v${version}"`;
}
