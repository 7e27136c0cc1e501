/**
 * The adapters whose raw input is one or more CSV files, with the fixture files and the
 * columns their broken copies alter; shared by `adapters.test.ts` (golden outputs, rows)
 * and `bad-input-matrix.test.ts` (every kind of bad input).
 */
export interface CsvSource {
  id: string;
  /** Raw files, relative to the adapter's `fixtures/` folder. */
  members: string[];
  /** The archive the source publishes them in, if any. */
  archive?: string;
  encoding: "utf8" | "latin1";
  /** The member the broken copies alter, and its columns to break. */
  target: string;
  geoid: string;
  numeric: string;
  required: string;
  /** Makes a tract id of the wrong length (sources that pad ids accept short ones, so this varies). */
  breakLength?: (id: string) => string;
  /** Rows before the data (geocorr's description row). */
  skip?: number;
  /** Extra `--source` paths inside the folder (median income's JSON responses). */
  extraSources?: string[];
  /** Fixture files copied beside the members, not altered. */
  extraFiles?: string[];
}

export const CSV_SOURCES: CsvSource[] = [
  {
    id: "national_risk_index",
    members: ["NRI_Table_CensusTracts.csv"],
    archive: "NRI_Table_CensusTracts.zip",
    encoding: "utf8",
    target: "NRI_Table_CensusTracts.csv",
    geoid: "TRACTFIPS",
    numeric: "HAIL_EALP",
    required: "AGRIVALUE",
  },
  {
    id: "hud_housing",
    members: ["140/Table3.csv", "140/Table8.csv"],
    archive: "2014thru2018-140-csv.zip",
    encoding: "latin1",
    target: "140/Table8.csv",
    geoid: "geoid",
    numeric: "T8_est20",
    required: "T8_est68",
  },
  {
    id: "cdc_places",
    members: ["census_tract.csv"],
    encoding: "utf8",
    target: "census_tract.csv",
    geoid: "LocationID",
    numeric: "Data_Value",
    required: "Measure",
  },
  {
    id: "ejscreen",
    members: ["EJSCREEN_2021_USPR_Tracts.csv"],
    archive: "EJSCREEN_2021_USPR_Tracts.csv.zip",
    encoding: "utf8",
    target: "EJSCREEN_2021_USPR_Tracts.csv",
    geoid: "ID",
    numeric: "PTRAF",
    required: "PM25",
  },
  {
    id: "doe_energy_burden",
    members: ["DOE_LEAD_AMI_TRACT_2018_ALL.csv"],
    archive: "DOE_LEAD_AMI_TRACT_2018_ALL.csv.zip",
    encoding: "utf8",
    target: "DOE_LEAD_AMI_TRACT_2018_ALL.csv",
    geoid: "FIP",
    numeric: "BURDEN",
    required: "BURDEN",
    breakLength: (id: string) => `${id}00`,
  },
  {
    id: "cdc_life_expectancy",
    members: ["US_A.CSV", "ME_A.CSV", "WI_A.CSV"],
    encoding: "utf8",
    target: "US_A.CSV",
    geoid: "Tract ID",
    numeric: "e(0)",
    required: "e(0)",
  },
  {
    id: "geocorr",
    members: ["geocorr_urban_rural.csv"],
    archive: "geocorr_urban_rural.csv.zip",
    encoding: "utf8",
    target: "geocorr_urban_rural.csv",
    geoid: "GEOID10_TRACT",
    numeric: "urban_heuristic_flag",
    required: "urban_heuristic_flag",
  },
  {
    id: "nlcd_nature_deprived",
    members: ["usa_conus_nat_dep__compiled_by_TPL.csv"],
    archive: "usa_conus_nat_dep__compiled_by_TPL.csv.zip",
    encoding: "utf8",
    target: "usa_conus_nat_dep__compiled_by_TPL.csv",
    geoid: "GEOID10_TRACT",
    numeric: "PctNatural",
    required: "PctImperv",
  },
  ...(["fsf_flood_risk", "fsf_wildfire_risk"] as const).map((id): CsvSource => {
    const [dir, file, today] =
      id === "fsf_flood_risk"
        ? ["fsf_flood", "flood-tract2010.csv", "mid_depth_100_year00"]
        : ["fsf_fire", "fire-tract2010.csv", "burnprob_year00_flag"];
    return {
      id,
      members: [`${dir}/${file}`],
      archive: `${dir}.zip`,
      encoding: "utf8",
      target: `${dir}/${file}`,
      geoid: "GEOID",
      numeric: today,
      required: "count_properties",
      breakLength: (id: string) => id.slice(0, -2),
    };
  }),
];
