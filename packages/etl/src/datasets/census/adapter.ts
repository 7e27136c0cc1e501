import type { DatasetAdapter } from "../types.ts";
import { extractCensus, type TigerTract } from "./extract.ts";
import { transformCensus } from "./transform.ts";

/** TIGER/Line 2010 census tracts: the tract universe and its polygons. */
export const census: DatasetAdapter<TigerTract[]> = {
  id: "census",
  title: "TIGER/Line 2010 census tracts: tract list and polygons",
  outputs: ["census/csv/us.csv", "census/geojson/us.json"],
  columns: [],
  sourceHint: "tl_2010_<FIPS>_tract10.zip archives, or folders holding them (repeat --source)",
  extract: extractCensus,
  transform: transformCensus,
};
