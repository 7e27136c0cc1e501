import type { CsvTable } from "../../io/csv-table.ts";
import { type FirstStreetSpec, transformFirstStreet } from "../support/first-street.ts";
import type { OutputFile } from "../types.ts";

export const SPEC: FirstStreetSpec = {
  dataset: "fsf_flood_risk",
  member: "flood-tract2010.csv",
  archive: "fsf_flood.zip",
  today: "mid_depth_100_year00",
  in30: "mid_depth_100_year30",
  columns: [
    "Count of properties eligible for flood risk calculation within tract (floor of 250)",
    "Count of properties at risk of flood today",
    "Count of properties at risk of flood in 30 years",
    "Share of properties at risk of flood today",
    "Share of properties at risk of flood in 30 years",
  ],
};

/** `mid_depth_100_year00` and `mid_depth_100_year30` over `max(count_properties, 250)`. */
export function transform(table: CsvTable): OutputFile[] {
  return transformFirstStreet(SPEC, table);
}
