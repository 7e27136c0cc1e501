import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { type SimpleTableSpec, transformSimpleTable } from "../support/simple-table.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

const SPEC: SimpleTableSpec = {
  dataset: "geocorr",
  geoid: { field: "GEOID10_TRACT", zfill: false },
  columns: [{ name: "Urban Heuristic Flag", from: "urban_heuristic_flag" }],
};

/** The urban/rural flag derived from Geocorr 2014 (tract to urban-area shares). */
export const geocorr: DatasetAdapter<CsvTable> = {
  id: "geocorr",
  title: "Geocorr 2014: urban heuristic flag",
  outputs: ["dataset/geocorr/usa.csv"],
  columns: ["GEOID10_TRACT", "Urban Heuristic Flag"],
  sourceHint: "geocorr_urban_rural.csv.zip (or the CSV inside it, or a folder holding either)",
  async extract(ctx) {
    const [file] = await locateRawFiles(ctx.sources, [
      { member: "geocorr_urban_rural.csv", archives: ["geocorr_urban_rural.csv.zip"] },
    ]);
    return parseRawCsv(file!);
  },
  transform: (table) => transformSimpleTable(SPEC, [table]),
};
