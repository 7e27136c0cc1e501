import { csvFileName, tableCsv } from "../table/table-csv.ts";
import type { TableRow } from "../table/table-model.ts";

/**
 * The area selection's CSV file (web.md §4.4): the table view's export format (UTF-8 with a
 * byte-order mark, English headers, `.` decimals in every language) for the selected rows in
 * tract id order, named `cejst-{version}-{n}-tracts.csv`.
 */
export function selectionCsv(
  version: string,
  rows: readonly TableRow[],
  synthetic: boolean,
): { name: string; text: string } {
  const sorted = [...rows].sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  return { name: csvFileName(version, sorted.length), text: tableCsv(version, sorted, { synthetic }) };
}
