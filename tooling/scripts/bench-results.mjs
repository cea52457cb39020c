// The format every benchmark writes (DESIGN §6): { results: [{ name, value, unit }] }.

const NAME = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/**
 * Merges several reports into one, sorted by name. A malformed row or a name reported twice is a
 * bug in a benchmark, so it throws rather than guess which row to keep.
 * @param {{ results: { name: string, value: number, unit: string }[] }[]} reports
 */
export function mergeBenchResults(reports) {
  const byName = new Map();
  for (const report of reports) {
    for (const row of report.results ?? []) {
      if (!NAME.test(row.name)) throw new Error(`Benchmark name must be dotted lower case: ${row.name}`);
      if (typeof row.value !== "number" || !Number.isFinite(row.value)) {
        throw new Error(`Benchmark ${row.name} has no finite value`);
      }
      if (typeof row.unit !== "string") throw new Error(`Benchmark ${row.name} has no unit`);
      if (byName.has(row.name)) throw new Error(`Benchmark ${row.name} is reported twice`);
      byName.set(row.name, row);
    }
  }
  const results = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { results };
}
