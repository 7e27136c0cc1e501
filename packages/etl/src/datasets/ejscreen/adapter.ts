import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetAdapter } from "../types.ts";
import { extractEjscreen } from "./extract.ts";
import { EJSCREEN_COLUMNS, transformEjscreen } from "./transform.ts";

/** EPA EJSCREEN 2021, tracts of the states and Puerto Rico. */
export const ejscreen: DatasetAdapter<CsvTable> = {
  id: "ejscreen",
  title: "EPA EJSCREEN 2021: environmental indicators",
  outputs: ["dataset/ejscreen/usa.csv"],
  columns: EJSCREEN_COLUMNS,
  sourceHint: "EJSCREEN_2021_USPR_Tracts.csv.zip (or the CSV inside it, or a folder holding either)",
  extract: extractEjscreen,
  transform: transformEjscreen,
};
