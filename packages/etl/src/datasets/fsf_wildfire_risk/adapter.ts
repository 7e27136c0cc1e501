import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetAdapter } from "../types.ts";
import { extract } from "./extract.ts";
import { SPEC, transform } from "./transform.ts";

/** First Street Foundation wildfire risk, 2010 tracts. */
export const wildfireRisk: DatasetAdapter<CsvTable> = {
  id: "fsf_wildfire_risk",
  title: "First Street wildfire risk: share of properties at risk today and in 30 years",
  outputs: ["dataset/fsf_wildfire_risk/usa.csv"],
  columns: ["GEOID10_TRACT", ...SPEC.columns],
  sourceHint: "fsf_fire.zip (or fire-tract2010.csv, or a folder holding either)",
  extract,
  transform,
};
