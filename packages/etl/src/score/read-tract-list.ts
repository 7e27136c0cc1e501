import { InputSchemaError } from "@cejst/schema";
import { readLargeCsvFile } from "../io/scan-csv-text.ts";

/**
 * Reads `census/csv/us.csv` (no header, one `GEOID10_TRACT` per line) and returns the
 * tract list sorted, which is the output order. A GEOID that is not 11 characters or
 * appears twice is an `InputSchemaError` naming the line.
 */
export async function readTractList(path: string): Promise<string[]> {
  const table = await readLargeCsvFile(path, { header: false });
  const seen = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++) {
    const geoid = (table.rows[r] as string[])[0] ?? "";
    const where = { file: table.file, line: table.lines[r], field: "GEOID10_TRACT" };
    if (geoid.length !== 11)
      throw new InputSchemaError(
        where,
        `GEOID must have exactly 11 characters (got ${JSON.stringify(geoid)})`,
      );
    const first = seen.get(geoid);
    if (first !== undefined)
      throw new InputSchemaError(where, `duplicate tract ${geoid} (first on line ${first})`);
    seen.set(geoid, table.lines[r] as number);
  }
  return [...seen.keys()].sort();
}
