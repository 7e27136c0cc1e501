import { InputSchemaError } from "@cejst/schema";
import { readCsvColumns } from "../io/scan-csv-columns.ts";
import { GEOID_COLUMN } from "./dataset-files.ts";
import { geoidRows } from "./read-source-table.ts";

/** The 1.0 final flag as the results file names it (methodology.md §12). */
export const V1_FINAL_COLUMN = "Definition N community, including adjacency index tracts";
/** The name the 1.0 flag takes in a 2.0 score table. */
export const V1_FLAG_COLUMN = "Definition N community, including adjacency index tracts v1.0";

/**
 * Reads the 1.0 results for grandfathering (methodology.md §12): any CSV with
 * `GEOID10_TRACT` and `Definition N community, including adjacency index tracts` — the
 * published 4-column file or a full 1.0 `usa.csv` written by `cejst score`. Returns the
 * tri-state flag per GEOID. Bad GEOIDs, duplicates and non-boolean flags are
 * `InputSchemaError`s naming file, line and column.
 */
export async function readV1Results(path: string): Promise<Map<string, boolean | null>> {
  let missing: string | undefined;
  const table = await readCsvColumns(path, (header) => {
    const geoidAt = header.indexOf(GEOID_COLUMN);
    const flagAt = header.indexOf(V1_FINAL_COLUMN);
    missing = geoidAt === -1 ? GEOID_COLUMN : flagAt === -1 ? V1_FINAL_COLUMN : undefined;
    return missing === undefined
      ? [
          { index: geoidAt, kind: "text" },
          { index: flagAt, kind: "flag" },
        ]
      : [];
  });
  if (missing !== undefined)
    throw new InputSchemaError({ file: table.file, line: 1, field: missing }, "required column is missing");
  if (table.rows > 74_160)
    throw new InputSchemaError(
      { file: table.file, line: table.lines[74_160], field: GEOID_COLUMN },
      `more than 74160 rows (got ${table.rows})`,
    );
  const geoids = table.columns[0]?.values as string[];
  const values = table.columns[1]?.values as (boolean | null)[];
  const rowOf = geoidRows(table.file, geoids, table.lines);
  table.failCells();
  const flags = new Map<string, boolean | null>();
  for (const [geoid, r] of rowOf) flags.set(geoid, values[r] as boolean | null);
  return flags;
}
