import { InputSchemaError } from "@cejst/schema";
import { parseBoolCell, requireColumn } from "../io/csv-table.ts";
import { readLargeCsvFile } from "../io/scan-csv-text.ts";
import { GEOID_COLUMN } from "./dataset-files.ts";
import { readGeoidColumn } from "./read-source-table.ts";

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
  const table = await readLargeCsvFile(path);
  const geoidAt = requireColumn(table, GEOID_COLUMN);
  const flagAt = requireColumn(table, V1_FINAL_COLUMN);
  if (table.rows.length > 74_160)
    throw new InputSchemaError(
      { file: table.file, line: table.lines[74_160], field: GEOID_COLUMN },
      `more than 74160 rows (got ${table.rows.length})`,
    );
  const rowOf = readGeoidColumn(table, geoidAt);
  const flags = new Map<string, boolean | null>();
  for (const [geoid, r] of rowOf)
    flags.set(geoid, parseBoolCell((table.rows[r] as string[])[flagAt] as string, table, r, flagAt));
  return flags;
}
