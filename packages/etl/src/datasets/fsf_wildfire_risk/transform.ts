import type { CsvTable } from "../../io/csv-table.ts";
import { type FirstStreetSpec, transformFirstStreet } from "../support/first-street.ts";
import type { OutputFile } from "../types.ts";

export const SPEC: FirstStreetSpec = {
  dataset: "fsf_wildfire_risk",
  member: "fire-tract2010.csv",
  archive: "fsf_fire.zip",
  today: "burnprob_year00_flag",
  in30: "burnprob_year30_flag",
  columns: [
    "Count of properties eligible for wildfire risk calculation within tract (floor of 250)",
    "Count of properties at risk of wildfire today",
    "Count of properties at risk of wildfire in 30 years",
    "Share of properties at risk of fire today",
    "Share of properties at risk of fire in 30 years",
  ],
};

/** `burnprob_year00_flag` and `burnprob_year30_flag` over `max(count_properties, 250)`. */
export function transform(table: CsvTable): OutputFile[] {
  return transformFirstStreet(SPEC, table);
}
