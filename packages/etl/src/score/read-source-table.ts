import { join } from "node:path";
import { InputSchemaError } from "@cejst/schema";
import { type CsvTable, parseBoolCell, parseNumberCell, requireColumn } from "../io/csv-table.ts";
import { readLargeCsvFile } from "../io/scan-csv-text.ts";
import { type DatasetFileSpec, GEOID_COLUMN } from "./dataset-files.ts";
import { type InputColumnKind, inputColumnKind } from "./input-column-kind.ts";

/** The most rows a source table may have (methodology.md §2.2 step 1). */
export const MAX_SOURCE_ROWS = 74_160;

/** A parsed source column, one value per row of its file. */
export type SourceColumn =
  | { kind: "numeric"; values: Float64Array }
  | { kind: "flag"; values: (boolean | null)[] }
  | { kind: "text"; values: (string | null)[] };

/** One validated source table keyed by GEOID. */
export interface SourceTable {
  /** The file as named in messages. */
  file: string;
  /** Row of each GEOID in this file. */
  rowOf: Map<string, number>;
  columns: Map<string, SourceColumn>;
}

/**
 * Reads and validates one source table (methodology.md §2.2 step 1): the listed columns
 * exist, every `GEOID10_TRACT` has exactly 11 characters and appears once, there are at most
 * 74,160 rows, numeric cells are numbers (or empty) and flags are booleans (or empty).
 * Every violation is an `InputSchemaError` naming file, line and column; a missing file is
 * an `InputMissingError`.
 */
export async function readSourceTable(
  dataDir: string,
  spec: DatasetFileSpec,
  kindOf: (column: string) => InputColumnKind = inputColumnKind,
): Promise<SourceTable> {
  const table = await readLargeCsvFile(join(dataDir, spec.path));
  return parseSourceTable(table, spec.columns, kindOf);
}

/** Validates an already parsed CSV as a source table with the given columns. */
export function parseSourceTable(
  table: CsvTable,
  columns: readonly string[],
  kindOf: (column: string) => InputColumnKind = inputColumnKind,
): SourceTable {
  const geoidAt = requireColumn(table, GEOID_COLUMN);
  const wanted = columns.map((name) => [name, requireColumn(table, name)] as const);
  if (table.rows.length > MAX_SOURCE_ROWS)
    throw new InputSchemaError(
      { file: table.file, line: table.lines[MAX_SOURCE_ROWS], field: GEOID_COLUMN },
      `more than ${MAX_SOURCE_ROWS} rows (got ${table.rows.length})`,
    );
  const rowOf = readGeoidColumn(table, geoidAt);
  const parsed = new Map<string, SourceColumn>();
  const n = table.rows.length;
  for (const [name, at] of wanted) {
    const kind = kindOf(name);
    if (kind === "numeric") {
      const values = new Float64Array(n);
      for (let r = 0; r < n; r++)
        values[r] = parseNumberCell((table.rows[r] as string[])[at] as string, table, r, at) ?? Number.NaN;
      parsed.set(name, { kind, values });
    } else if (kind === "flag") {
      const values: (boolean | null)[] = new Array(n);
      for (let r = 0; r < n; r++)
        values[r] = parseBoolCell((table.rows[r] as string[])[at] as string, table, r, at);
      parsed.set(name, { kind, values });
    } else {
      const values: (string | null)[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const v = (table.rows[r] as string[])[at] as string;
        values[r] = v === "" ? null : v;
      }
      parsed.set(name, { kind, values });
    }
  }
  return { file: table.file, rowOf, columns: parsed };
}

/** Map from GEOID to row, after checking length and uniqueness. */
export function readGeoidColumn(table: CsvTable, at: number): Map<string, number> {
  const rowOf = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++) {
    const geoid = (table.rows[r] as string[])[at] as string;
    const where = () => ({ file: table.file, line: table.lines[r], field: table.header[at] });
    if (geoid.length !== 11)
      throw new InputSchemaError(
        where(),
        `GEOID must have exactly 11 characters (got ${JSON.stringify(geoid)})`,
      );
    const seen = rowOf.get(geoid);
    if (seen !== undefined)
      throw new InputSchemaError(where(), `duplicate tract ${geoid} (first on line ${table.lines[seen]})`);
    rowOf.set(geoid, r);
  }
  return rowOf;
}
