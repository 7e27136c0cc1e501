import { join } from "node:path";
import { InputSchemaError } from "@cejst/schema";
import { type CsvColumnPlan, readCsvColumns } from "../io/scan-csv-columns.ts";
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
  const names = [GEOID_COLUMN, ...spec.columns];
  let missing: string | undefined;
  const table = await readCsvColumns(join(dataDir, spec.path), (header) => {
    const plans: CsvColumnPlan[] = [];
    for (const [k, name] of names.entries()) {
      const index = header.indexOf(name);
      if (index === -1) {
        missing ??= name;
        continue;
      }
      plans.push({ index, kind: k === 0 ? "text" : kindOf(name) });
    }
    return plans;
  });
  // Errors in the order of a whole-file parse followed by per-column checks.
  if (missing !== undefined)
    throw new InputSchemaError({ file: table.file, line: 1, field: missing }, "required column is missing");
  if (table.rows > MAX_SOURCE_ROWS)
    throw new InputSchemaError(
      { file: table.file, line: table.lines[MAX_SOURCE_ROWS], field: GEOID_COLUMN },
      `more than ${MAX_SOURCE_ROWS} rows (got ${table.rows})`,
    );
  const [geoids, ...rest] = table.columns;
  const rowOf = geoidRows(table.file, geoids?.values as string[], table.lines);
  table.failCells();
  const columns = new Map<string, SourceColumn>();
  rest.forEach((column, k) => {
    const name = spec.columns[k] as string;
    if (column.kind === "text") {
      const values = column.values as (string | null)[];
      for (let r = 0; r < values.length; r++) if (values[r] === "") values[r] = null;
      columns.set(name, { kind: "text", values });
    } else columns.set(name, column);
  });
  return { file: table.file, rowOf, columns };
}

/** Map from GEOID to row, after checking length and uniqueness (errors name the line). */
export function geoidRows(
  file: string,
  geoids: readonly string[],
  lines: readonly number[],
): Map<string, number> {
  const rowOf = new Map<string, number>();
  for (let r = 0; r < geoids.length; r++) {
    const geoid = geoids[r] as string;
    if (geoid.length !== 11)
      throw new InputSchemaError(
        { file, line: lines[r], field: GEOID_COLUMN },
        `GEOID must have exactly 11 characters (got ${JSON.stringify(geoid)})`,
      );
    const seen = rowOf.get(geoid);
    if (seen !== undefined)
      throw new InputSchemaError(
        { file, line: lines[r], field: GEOID_COLUMN },
        `duplicate tract ${geoid} (first on line ${lines[seen]})`,
      );
    rowOf.set(geoid, r);
  }
  return rowOf;
}
