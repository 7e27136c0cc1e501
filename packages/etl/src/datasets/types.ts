import type { ProgressSink } from "@cejst/schema";

/** ETL names of the sources this package can read, spelled as the original pipeline spells them. */
export type DatasetId =
  | "national_risk_index"
  | "hud_housing"
  | "cdc_places"
  | "ejscreen"
  | "census"
  | "fsf_flood_risk"
  | "fsf_wildfire_risk"
  | "doe_energy_burden"
  | "cdc_life_expectancy"
  | "geocorr"
  | "nlcd_nature_deprived"
  | "travel_composite"
  | "eamlis"
  | "us_army_fuds"
  | "historic_redlining"
  | "census_acs"
  | "census_decennial"
  | "census_acs_2010"
  | "census_acs_median_income"
  | "tribal_overlap"
  | "census_places";

/**
 * One file an adapter writes, relative to the `--out` folder. Large files come as chunks
 * written in order (a national GeoJSON is longer than one JavaScript string can be).
 */
export interface OutputFile {
  path: string;
  data: string | readonly string[];
}

/** What `extract` is given: the paths named by `--source`, and somewhere to report progress. */
export interface ExtractContext {
  sources: readonly string[];
  /** The output folder, where adapters that join to tracts find `census/geojson/us.json`. */
  out: string;
  progress: ProgressSink;
  /** Methodology version the output is for (`census_acs`, `census_decennial`); default "2.0". */
  methodology?: "1.0" | "2.0";
}

/**
 * A source adapter: `extract` reads the raw files (and fails with a located
 * `InputSchemaError` on anything malformed), `transform` is pure and returns the files to
 * write. Nothing is written until `transform` has succeeded.
 */
export interface DatasetAdapter<Raw = unknown> {
  id: DatasetId;
  /** One line for `cejst etl --help`. */
  title: string;
  /** The files written, relative to `--out`. */
  outputs: readonly string[];
  /** Columns of the main output table, in order (empty for non-tabular outputs). */
  columns: readonly string[];
  /** What `--source` should point at. */
  sourceHint: string;
  extract(ctx: ExtractContext): Promise<Raw>;
  transform(raw: Raw): OutputFile[];
}
