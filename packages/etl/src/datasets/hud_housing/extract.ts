import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { ExtractContext } from "../types.ts";

/** CHAS tables 3 and 8 (tract level); HUD publishes them in Latin-1. */
export interface HudHousingRaw {
  table3: CsvTable;
  table8: CsvTable;
}

const ARCHIVES = ["2014thru2018-140-csv.zip"];

/** Reads `140/Table3.csv` and `140/Table8.csv` from the CHAS archive (or a folder holding them). */
export async function extractHudHousing(ctx: ExtractContext): Promise<HudHousingRaw> {
  const [t3, t8] = await locateRawFiles(ctx.sources, [
    { member: "Table3.csv", archives: ARCHIVES },
    { member: "Table8.csv", archives: ARCHIVES },
  ]);
  ctx.progress({ stage: "extract", done: 2, total: 2, unit: "files" });
  return { table3: parseRawCsv(t3!, "latin1"), table8: parseRawCsv(t8!, "latin1") };
}
