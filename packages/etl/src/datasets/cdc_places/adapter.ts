import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetAdapter } from "../types.ts";
import { extractCdcPlaces } from "./extract.ts";
import { CDC_PLACES_COLUMNS, transformCdcPlaces } from "./transform.ts";

/** CDC PLACES 2021, census tract data. */
export const cdcPlaces: DatasetAdapter<CsvTable> = {
  id: "cdc_places",
  title: "CDC PLACES 2021: diabetes, asthma, heart disease, cancer, insurance, physical health",
  outputs: ["dataset/cdc_places/usa.csv"],
  columns: CDC_PLACES_COLUMNS,
  sourceHint: "census_tract.csv (the PLACES tract file) or a folder holding it",
  extract: extractCdcPlaces,
  transform: transformCdcPlaces,
};
