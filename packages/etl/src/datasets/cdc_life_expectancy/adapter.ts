import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { type SimpleTableSpec, transformSimpleTable } from "../support/simple-table.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

const SPEC: SimpleTableSpec = {
  dataset: "cdc_life_expectancy",
  geoid: { field: "Tract ID", zfill: false },
  columns: [{ name: "Life expectancy (years)", from: "e(0)" }],
};

/**
 * CDC USALEEP life expectancy at birth. The national file leaves out Maine and Wisconsin,
 * which come as separate files; the three are stacked in that order.
 */
export const cdcLifeExpectancy: DatasetAdapter<CsvTable[]> = {
  id: "cdc_life_expectancy",
  title: "CDC USALEEP 2010-2015: life expectancy at birth",
  outputs: ["dataset/cdc_life_expectancy/usa.csv"],
  columns: ["GEOID10_TRACT", "Life expectancy (years)"],
  sourceHint: "a folder (or the files) US_A.CSV, ME_A.CSV and WI_A.CSV",
  async extract(ctx) {
    const files = await locateRawFiles(ctx.sources, [
      { member: "US_A.CSV", archives: [] },
      { member: "ME_A.CSV", archives: [] },
      { member: "WI_A.CSV", archives: [] },
    ]);
    return files.map((f) => parseRawCsv(f));
  },
  transform: (tables) => transformSimpleTable(SPEC, tables),
};
