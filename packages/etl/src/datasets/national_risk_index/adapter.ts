import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetAdapter } from "../types.ts";
import { extractNationalRiskIndex } from "./extract.ts";
import { NRI_COLUMNS, transformNationalRiskIndex } from "./transform.ts";

/** FEMA National Risk Index, census tract table. */
export const nationalRiskIndex: DatasetAdapter<CsvTable> = {
  id: "national_risk_index",
  title: "FEMA National Risk Index: expected annual loss rates",
  outputs: ["dataset/national_risk_index/usa.csv"],
  columns: NRI_COLUMNS,
  sourceHint: "NRI_Table_CensusTracts.zip (or the CSV inside it, or a folder holding either)",
  extract: extractNationalRiskIndex,
  transform: transformNationalRiskIndex,
};
