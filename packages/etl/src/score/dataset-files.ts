/**
 * The dataset files the score reads and the columns it takes from each (spec `datasets.md`,
 * contract 1), in the order the original joins them (methodology.md §2.1). Folder names and
 * column strings are a data contract with `cejst etl` and with the original pipeline.
 */
import type { MethodologyVersion } from "@cejst/methodology";

/** One source table: its path under the dataset folder and the columns the score needs. */
export interface DatasetFileSpec {
  /** Folder name under `dataset/` (the original's name, e.g. `travel_composite` for DOT). */
  name: string;
  /** Path relative to the dataset folder, with `/` separators. */
  path: string;
  /** Columns besides `GEOID10_TRACT` that must be present. */
  columns: readonly string[];
}

/** The join key of every source table. */
export const GEOID_COLUMN = "GEOID10_TRACT";

const CENSUS_ACS: DatasetFileSpec = {
  name: "census_acs",
  path: "dataset/census_acs/usa.csv",
  columns: [
    "Total population",
    "Unemployment (percent)",
    "Linguistic isolation (percent)",
    "Median household income in the past 12 months",
    "Percent of individuals < 100% Federal Poverty Line",
    "Percent of individuals < 150% Federal Poverty Line",
    "Percent of individuals < 200% Federal Poverty Line, imputed",
    "Total population of individuals < 200% Federal Poverty Line",
    "Total population of individuals < 200% Federal Poverty Line, imputed",
    "Median value ($) of owner-occupied housing units",
    "Percent individuals age 25 or over with less than high school degree",
    "B14006_009E",
    "B14006_010E",
    "B14006_019E",
    "B14006_020E",
    "Ratio <200% FPL to <100% FPL, overall",
    "Estimated population count of off-campus university students <200% FPL",
    "Estimated population count of people in a househould with income <200% FPL, excluding all university students",
    "Everyone in poverty dataset, minus all off-campus university students",
    "Percent enrollment in college or graduate school",
    "Percent of population not currently enrolled in college or graduate school",
    "Percent enrollment in college or graduate school, imputed",
    "Population enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)",
    "Population enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing), imputed",
    "Total population of individuals < 100% Federal Poverty Line",
    "Total population of individuals < 100% Federal Poverty Line, imputed",
    "Population below poverty line enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)",
    "Population below poverty line enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing), imputed",
    "C17002_001E",
    "Total population in poverty dataset (all income levels), imputed",
    "Income data has been estimated based on neighbor income",
    "Black or African American",
    "American Indian / Alaska Native",
    "Asian",
    "Native Hawaiian or Pacific",
    "two or more races",
    "White",
    "Hispanic or Latino",
    "other races",
    "Percent Black or African American",
    "Percent American Indian / Alaska Native",
    "Percent Asian",
    "Percent Native Hawaiian or Pacific",
    "Percent two or more races",
    "Percent White",
    "Percent Hispanic or Latino",
    "Percent other races",
    "Percent age under 10",
    "Percent age 10 to 64",
    "Percent age over 64",
    "Percent of individuals below 200% Federal Poverty Line",
    "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
  ],
};

const HUD_HOUSING: DatasetFileSpec = {
  name: "hud_housing",
  path: "dataset/hud_housing/usa.csv",
  columns: [
    "HOUSING_BURDEN_NUMERATOR",
    "HOUSING_BURDEN_DENOMINATOR",
    "Housing burden (percent)",
    "Share of homes with no kitchen or indoor plumbing (percent)",
    "DENOM INCL NOT COMPUTED",
  ],
};

const CDC_PLACES: DatasetFileSpec = {
  name: "cdc_places",
  path: "dataset/cdc_places/usa.csv",
  columns: [
    "Diagnosed diabetes among adults aged greater than or equal to 18 years",
    "Current asthma among adults aged greater than or equal to 18 years",
    "Coronary heart disease among adults aged greater than or equal to 18 years",
    "Cancer (excluding skin cancer) among adults aged greater than or equal to 18 years",
    "Current lack of health insurance among adults aged 18-64 years",
    "Physical health not good for greater than or equal to 14 days among adults aged greater than or equal to 18 years",
  ],
};

const CDC_LIFE_EXPECTANCY: DatasetFileSpec = {
  name: "cdc_life_expectancy",
  path: "dataset/cdc_life_expectancy/usa.csv",
  columns: ["Life expectancy (years)"],
};

const DOE_ENERGY_BURDEN: DatasetFileSpec = {
  name: "doe_energy_burden",
  path: "dataset/doe_energy_burden/usa.csv",
  columns: ["Energy burden"],
};

const EJSCREEN: DatasetFileSpec = {
  name: "ejscreen",
  path: "dataset/ejscreen/usa.csv",
  columns: [
    "Air toxics cancer risk",
    "Respiratory hazard index",
    "Diesel particulate matter exposure",
    "PM2.5 in the air",
    "Ozone",
    "Traffic proximity and volume",
    "Proximity to Risk Management Plan (RMP) facilities",
    "Proximity to hazardous waste sites",
    "Proximity to NPL sites",
    "Wastewater discharge",
    "Percent of households in linguistic isolation",
    "Poverty (Less than 200% of federal poverty line)",
    "Individuals over 64 years old",
    "Individuals under 5 years old",
    "Percent pre-1960s housing (lead paint indicator)",
    "Leaky underground storage tanks",
  ],
};

const GEOCORR: DatasetFileSpec = {
  name: "geocorr",
  path: "dataset/geocorr/usa.csv",
  columns: ["Urban Heuristic Flag"],
};

const NATIONAL_RISK_INDEX: DatasetFileSpec = {
  name: "national_risk_index",
  path: "dataset/national_risk_index/usa.csv",
  columns: [
    "FEMA Risk Index Expected Annual Loss Score",
    "Expected population loss rate (Natural Hazards Risk Index)",
    "Expected agricultural loss rate (Natural Hazards Risk Index)",
    "Expected building loss rate (Natural Hazards Risk Index)",
    "Contains agricultural value",
  ],
};

const CENSUS_ACS_MEDIAN_INCOME_2019: DatasetFileSpec = {
  name: "census_acs_median_income_2019",
  path: "dataset/census_acs_median_income_2019/usa.csv",
  columns: [
    "Census Place Name",
    "County Name",
    "State Abbreviation",
    "Metropolitan/Micropolitan Statistical Area Name",
    "MSA ID",
    "MSA Type",
    "Median household income in the past 12 months (MSA; 2019 inflation-adjusted dollars)",
    "GEOID2",
    "Median household income (State; 2019 inflation-adjusted dollars)",
    "AMI Reference",
    "Area Median Income (State or metropolitan)",
  ],
};

const CENSUS_ACS_2010: DatasetFileSpec = {
  name: "census_acs_2010",
  path: "dataset/census_acs_2010/usa.csv",
  columns: [
    "Unemployment (percent) in 2010",
    "Percent of individuals less than 100% Federal Poverty Line in 2010",
    "Percent of individuals < 150% Federal Poverty Line in 2010",
    "Percent of individuals < 200% Federal Poverty Line in 2010",
  ],
};

const HISTORIC_REDLINING: DatasetFileSpec = {
  name: "historic_redlining",
  path: "dataset/historic_redlining/usa.csv",
  columns: [
    "Tract-level redlining score",
    "Tract-level redlining score meets or exceeds 3.25",
    "Tract-level redlining score meets or exceeds 3.5",
    "Tract-level redlining score meets or exceeds 3.75",
  ],
};

const TRAVEL_COMPOSITE: DatasetFileSpec = {
  name: "travel_composite",
  path: "dataset/travel_composite/usa.csv",
  columns: ["DOT Travel Barriers Score"],
};

const FSF_FLOOD_RISK: DatasetFileSpec = {
  name: "fsf_flood_risk",
  path: "dataset/fsf_flood_risk/usa.csv",
  columns: [
    "Count of properties eligible for flood risk calculation within tract (floor of 250)",
    "Count of properties at risk of flood today",
    "Count of properties at risk of flood in 30 years",
    "Share of properties at risk of flood today",
    "Share of properties at risk of flood in 30 years",
  ],
};

const FSF_WILDFIRE_RISK: DatasetFileSpec = {
  name: "fsf_wildfire_risk",
  path: "dataset/fsf_wildfire_risk/usa.csv",
  columns: [
    "Count of properties eligible for wildfire risk calculation within tract (floor of 250)",
    "Count of properties at risk of wildfire today",
    "Count of properties at risk of wildfire in 30 years",
    "Share of properties at risk of fire today",
    "Share of properties at risk of fire in 30 years",
  ],
};

const NLCD_NATURE_DEPRIVED: DatasetFileSpec = {
  name: "nlcd_nature_deprived",
  path: "dataset/nlcd_nature_deprived/usa.csv",
  columns: [
    "Does the tract have at least 35 acres in it?",
    "Share of the tract's land area that is covered by impervious surface as a percent",
    "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
    "Share of the tract's land area that is covered by cropland as a percent",
  ],
};

const EAMLIS: DatasetFileSpec = {
  name: "eamlis",
  path: "dataset/eamlis/usa.csv",
  columns: ["Is there at least one abandoned mine in this census tract?"],
};

const US_ARMY_FUDS: DatasetFileSpec = {
  name: "us_army_fuds",
  path: "dataset/us_army_fuds/usa.csv",
  columns: [
    "Count of eligible Formerly Used Defense Site (FUDS) properties centroids",
    "Count of ineligible Formerly Used Defense Site (FUDS) properties centroids",
    "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
  ],
};

const TRIBAL_OVERLAP: DatasetFileSpec = {
  name: "tribal_overlap",
  path: "dataset/tribal_overlap/usa.csv",
  columns: [
    "Number of Tribal areas within Census tract for Alaska",
    "Number of Tribal areas within Census tract",
    "Percent of the Census tract that is within Tribal areas",
    "Names of Tribal areas within Census tract",
    "Percent of the Census tract that is within Tribal areas, for display",
    "Identified as disadvantaged due to tribal overlap",
  ],
};

const CENSUS_DECENNIAL_2010: DatasetFileSpec = {
  name: "census_decennial_2010",
  path: "dataset/census_decennial_2010/usa.csv",
  columns: [
    "Total population in 2009",
    "Median household income in 2009 ($)",
    "Territory Median Income",
    "Median household income as a percent of territory median income in 2009",
    "Percentage households below 100% of federal poverty line in 2009",
    "Percentage households below 200% of federal poverty line in 2009",
    "Percent individuals age 25 or over with less than high school degree in 2009",
    "Unemployment (percent) in 2009",
    "Percent Black or African American in 2009",
    "Percent American Indian / Alaska Native in 2009",
    "Percent Asian in 2009",
    "Percent Native Hawaiian or Pacific in 2009",
    "Percent two or more races in 2009",
    "Percent White in 2009",
    "Percent Hispanic or Latino in 2009",
    "Percent other races in 2009",
  ],
};

const CENSUS_DECENNIAL_2020: DatasetFileSpec = {
  name: "census_decennial_2020",
  path: "dataset/census_decennial_2020/usa.csv",
  columns: [
    "Total population in 2009",
    "Median household income in 2009 ($)",
    "Territory Median Income",
    "Median household income as a percent of territory median income in 2009",
    "Percentage households below 100% of federal poverty line in 2009",
    "Percentage households below 200% of federal poverty line in 2009",
    "Percentage households below 200% of federal poverty line in 2009, imputed",
    "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed",
    "Unemployment (percent) in 2009",
    "Percent individuals age 25 or over with less than high school degree in 2009",
    "Percent enrollment in college, graduate or professional school",
    "Percent of population not currently enrolled in college, graduate or professional school",
    "Population enrolled in college, graduate or professional school",
    "Income data has been estimated based on neighbor income in 2009 (island areas)",
    "Percent Black or African American in 2009",
    "Percent American Indian / Alaska Native in 2009",
    "Percent Asian in 2009",
    "Percent Native Hawaiian or Pacific in 2009",
    "Percent two or more races in 2009",
    "Percent White in 2009",
    "Percent Hispanic or Latino in 2009",
    "Percent other races in 2009",
  ],
};

/**
 * The source tables a methodology reads, in join order. 1.0 takes the island areas from the
 * 2010 decennial folder, 2.0 from the 2020 one.
 */
export function datasetFilesFor(version: MethodologyVersion): readonly DatasetFileSpec[] {
  return version === "1.0"
    ? [
        CENSUS_ACS,
        HUD_HOUSING,
        CDC_PLACES,
        CDC_LIFE_EXPECTANCY,
        DOE_ENERGY_BURDEN,
        EJSCREEN,
        GEOCORR,
        NATIONAL_RISK_INDEX,
        CENSUS_ACS_MEDIAN_INCOME_2019,
        CENSUS_DECENNIAL_2010,
        CENSUS_ACS_2010,
        HISTORIC_REDLINING,
        TRAVEL_COMPOSITE,
        FSF_FLOOD_RISK,
        FSF_WILDFIRE_RISK,
        NLCD_NATURE_DEPRIVED,
        EAMLIS,
        US_ARMY_FUDS,
        TRIBAL_OVERLAP,
      ]
    : [
        CENSUS_ACS,
        HUD_HOUSING,
        CDC_PLACES,
        CDC_LIFE_EXPECTANCY,
        DOE_ENERGY_BURDEN,
        EJSCREEN,
        GEOCORR,
        NATIONAL_RISK_INDEX,
        CENSUS_ACS_MEDIAN_INCOME_2019,
        CENSUS_DECENNIAL_2020,
        CENSUS_ACS_2010,
        HISTORIC_REDLINING,
        TRAVEL_COMPOSITE,
        FSF_FLOOD_RISK,
        FSF_WILDFIRE_RISK,
        NLCD_NATURE_DEPRIVED,
        EAMLIS,
        US_ARMY_FUDS,
        TRIBAL_OVERLAP,
      ];
}
