import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { ExtractContext } from "../types.ts";

/** EPA EJSCREEN 2021 tract table, as published in `EJSCREEN_2021_USPR_Tracts.csv.zip`. */
export async function extractEjscreen(ctx: ExtractContext): Promise<CsvTable> {
  const [file] = await locateRawFiles(ctx.sources, [
    { member: "EJSCREEN_2021_USPR_Tracts.csv", archives: ["EJSCREEN_2021_USPR_Tracts.csv.zip"] },
  ]);
  ctx.progress({ stage: "extract", done: 1, total: 1, unit: "files", detail: file!.name });
  return parseRawCsv(file!);
}
