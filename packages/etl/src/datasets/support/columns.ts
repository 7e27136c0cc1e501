import { InputSchemaError } from "@cejst/schema";
import { type CsvTable, parseCsvText, parseNumberCell } from "../../io/csv-table.ts";
import { CHUNK_BYTES, parseCsvColumns } from "./chunked-csv.ts";
import type { NumericColumn } from "./frame.ts";
import { missingNameError } from "./missing-name.ts";
import { decodeText, type RawFile } from "./source-files.ts";

const intRE = /^[+-]?\d+$/;

/**
 * Decodes and parses a raw CSV file (errors name the file, or the archive member, and line).
 * Large files are parsed in pieces; `keep` drops columns an adapter does not read, which is
 * what lets national files fit in memory.
 */
export function parseRawCsv(
  file: RawFile,
  encoding: "utf8" | "latin1" = "utf8",
  keep?: (name: string) => boolean,
): CsvTable {
  if (file.bytes.length > CHUNK_BYTES) return parseCsvColumns(file, encoding, keep);
  return parseCsvText(decodeText(file, encoding), file.name);
}

/**
 * Index of a column in the header, or an `InputSchemaError` naming the expected column on
 * line 1 (and the header name that looks like a misspelling of it, if one does).
 */
export function requireColumn(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i === -1) throw missingNameError({ file: table.file, line: 1 }, name, table.header);
  return i;
}

/**
 * Reads a numeric column as pandas' `read_csv` types it: `int` when every cell is an integer
 * literal and none is missing, otherwise float with `null` for missing cells. A cell that is
 * not a number is an `InputSchemaError` naming file, line and column.
 */
export function numericColumn(table: CsvTable, name: string): NumericColumn {
  const c = requireColumn(table, name);
  let int = true;
  const values = table.rows.map((row, r) => {
    const text = row[c] ?? "";
    const v = parseNumberCell(text, table, r, c);
    if (v === null || !intRE.test(text)) int = false;
    return v;
  });
  return { values, int };
}

/** A text column read as strings (as `dtype=str` does), empty cells kept as `""`. */
export function stringColumn(table: CsvTable, name: string): string[] {
  const c = requireColumn(table, name);
  return table.rows.map((row) => row[c] ?? "");
}

/**
 * Checks tract ids as the original's output validation does: 11 characters (digits here),
 * no duplicates. `lines[i]` is where `ids[i]` came from, for the error.
 */
export function checkTractIds(
  ids: readonly string[],
  where: { file: string; field: string; lines: readonly (number | undefined)[]; files?: readonly string[] },
): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const line = where.lines[i];
    const file = where.files?.[i] ?? where.file;
    if (!/^\d{11}$/.test(id))
      throw new InputSchemaError(
        { file, line, field: where.field },
        `tract GEOID must be 11 digits (got ${JSON.stringify(id)})`,
      );
    const prev = seen.get(id);
    if (prev !== undefined)
      throw new InputSchemaError(
        { file, line, field: where.field },
        `duplicate tract GEOID ${id} (first on line ${where.lines[prev] ?? "?"} of ${where.files?.[prev] ?? where.file})`,
      );
    seen.set(id, i);
  });
}

/** Row-wise sum skipping nulls, left to right; a row of nulls sums to 0 (pandas `sum(axis=1)`). */
export function rowSum(columns: readonly NumericColumn[], row: number): number {
  let s = 0;
  for (const c of columns) {
    const v = c.values[row];
    if (v !== null && v !== undefined) s += v;
  }
  return s;
}
