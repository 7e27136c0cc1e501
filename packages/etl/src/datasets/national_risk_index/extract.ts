import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { ExtractContext } from "../types.ts";

const KEEP = new Set(["TRACTFIPS", "EAL_SCORE", "POPULATION", "BUILDVALUE", "AGRIVALUE"]);

/** FEMA's tract table, as published inside `NRI_Table_CensusTracts.zip`. */
export async function extractNationalRiskIndex(ctx: ExtractContext): Promise<CsvTable> {
  const [file] = await locateRawFiles(ctx.sources, [
    { member: "NRI_Table_CensusTracts.csv", archives: ["NRI_Table_CensusTracts.zip"] },
  ]);
  ctx.progress({ stage: "extract", done: 1, total: 1, unit: "files", detail: file!.name });
  // The national table has hundreds of columns; only the ones the transform reads are kept.
  return parseRawCsv(file!, "utf8", (name) => KEEP.has(name) || /^[A-Z]{4}_EAL[ABP]$/.test(name));
}
