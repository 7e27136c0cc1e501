import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetAdapter } from "../types.ts";
import { extract } from "./extract.ts";
import { SPEC, transform } from "./transform.ts";

/** First Street Foundation flood risk, 2010 tracts. */
export const floodRisk: DatasetAdapter<CsvTable> = {
  id: "fsf_flood_risk",
  title: "First Street flood risk: share of properties at risk today and in 30 years",
  outputs: ["dataset/fsf_flood_risk/usa.csv"],
  columns: ["GEOID10_TRACT", ...SPEC.columns],
  sourceHint: "fsf_flood.zip (or flood-tract2010.csv, or a folder holding either)",
  extract,
  transform,
};
