import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { ExtractContext } from "../types.ts";

/** CDC PLACES tract file, long format (one row per tract and measure). */
export async function extractCdcPlaces(ctx: ExtractContext): Promise<CsvTable> {
  const [file] = await locateRawFiles(ctx.sources, [
    { member: "census_tract.csv", archives: ["census_tract.zip"] },
  ]);
  ctx.progress({ stage: "extract", done: 1, total: 1, unit: "files", detail: file!.name });
  return parseRawCsv(file!);
}
