/**
 * The columns of the score table (methodology.md §15.1), as data. The order is the original's
 * output order; the v1.0 table is the v2.0 list without 11 v2.0-only columns.
 */

/** Non-numeric inputs, first in the table (group 1). `GEOID10_TRACT` is the key. */
export const NON_NUMERIC_INPUT_COLUMNS = [
  "GEOID10_TRACT",
  "Does the tract have at least 35 acres in it?",
  "Contains agricultural value",
  "Names of Tribal areas within Census tract",
] as const;

/**
 * Numeric inputs (group 2): raw indicators and demographics, parsed as float64; each gets a
 * `<column> (percentile)`. Two of them are v2.0-only (see {@link V2_ONLY_COLUMNS}).
 */
export const NUMERIC_INPUT_COLUMNS = [
  "Housing burden (percent)",
  "Share of homes with no kitchen or indoor plumbing (percent)",
  "Total population",
  "Estimated population count of off-campus university students <200% FPL",
  "Median household income (% of state median household income)",
  "Current asthma among adults aged greater than or equal to 18 years",
  "Coronary heart disease among adults aged greater than or equal to 18 years",
  "Cancer (excluding skin cancer) among adults aged greater than or equal to 18 years",
  "Current lack of health insurance among adults aged 18-64 years",
  "Diagnosed diabetes among adults aged greater than or equal to 18 years",
  "Physical health not good for greater than or equal to 14 days among adults aged greater than or equal to 18 years",
  "Percent of individuals < 100% Federal Poverty Line",
  "Percent of individuals < 150% Federal Poverty Line",
  "Percent of individuals below 200% Federal Poverty Line",
  "Area Median Income (State or metropolitan)",
  "Median household income in the past 12 months",
  "Energy burden",
  "FEMA Risk Index Expected Annual Loss Score",
  "Urban Heuristic Flag",
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
  "Percent pre-1960s housing (lead paint indicator)",
  "Individuals under 5 years old",
  "Individuals over 64 years old",
  "Linguistic isolation (percent)",
  "Percent of households in linguistic isolation",
  "Poverty (Less than 200% of federal poverty line)",
  "Percent individuals age 25 or over with less than high school degree",
  "Unemployment (percent)",
  "Median value ($) of owner-occupied housing units",
  "Percent enrollment in college or graduate school",
  "Percent of population not currently enrolled in college or graduate school",
  "Expected building loss rate (Natural Hazards Risk Index)",
  "Expected agricultural loss rate (Natural Hazards Risk Index)",
  "Expected population loss rate (Natural Hazards Risk Index)",
  "Percent individuals age 25 or over with less than high school degree in 2009",
  "Percentage households below 100% of federal poverty line in 2009",
  "Percentage households below 200% of federal poverty line in 2009",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed",
  "Unemployment (percent) in 2009",
  "Unemployment (percent) in 2010",
  "Percent of individuals less than 100% Federal Poverty Line in 2010",
  "Total population in 2009",
  "Leaky underground storage tanks",
  "DOT Travel Barriers Score",
  "Share of properties at risk of flood in 30 years",
  "Share of properties at risk of fire in 30 years",
  "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
  "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
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
  "Percent of the Census tract that is within Tribal areas",
  "Number of Tribal areas within Census tract for Alaska",
  "Number of Tribal areas within Census tract",
  "Percent of the Census tract that is within Tribal areas, for display",
] as const;

/**
 * Island-area race shares of the decennial census. They are ranked (their percentiles stay in
 * the table) but the raw columns are dropped after scoring, when they overwrite the `Percent …`
 * columns of island tracts (§2.4).
 */
export const ISLAND_RACE_2009_COLUMNS = [
  "Percent Black or African American in 2009",
  "Percent American Indian / Alaska Native in 2009",
  "Percent Asian in 2009",
  "Percent Native Hawaiian or Pacific in 2009",
  "Percent two or more races in 2009",
  "Percent White in 2009",
  "Percent Hispanic or Latino in 2009",
  "Percent other races in 2009",
] as const;

/** Raw columns of the three reverse ("Low …") percentiles (group 3, §6.5). */
export const REVERSE_PERCENTILE_SOURCE_COLUMNS = [
  "Median household income as a percent of area median income",
  "Life expectancy (years)",
  "Median household income as a percent of territory median income in 2009",
] as const;

/** Tri-state booleans (group 4, §1.3): true / false / missing; missing acts as false. */
export const TRI_STATE_INPUT_COLUMNS = [
  "Is there at least one abandoned mine in this census tract?",
  "Income data has been estimated based on neighbor income",
  "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
  "Tract-level redlining score meets or exceeds 3.25",
  "Identified as disadvantaged due to tribal overlap",
  "Definition N community, including adjacency index tracts v1.0",
] as const;

/** The three reverse percentiles, in output order (end of group 5). */
export const REVERSE_PERCENTILE_COLUMNS = [
  "Low median household income as a percent of area median income (percentile)",
  "Low life expectancy (percentile)",
  "Low median household income as a percent of territory median income in 2009 (percentile)",
] as const;

/** Group 6: mean of `Total population` and `Total population in 2009`, skipping missing values. */
export const COMBINED_POPULATION_COLUMN = "Total population in 2009 (island areas) and 2019 (states and PR)";

/** Group 7: the columns the rules create, in the order they are created (§2.3). */
export const SCORING_COLUMNS = [
  "Total threshold criteria exceeded",
  "Is low income (imputed and adjusted)?",
  "Percentage households below 200% of federal poverty line in 2009 (island areas) and 2010 (states and PR)",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed exceeds 65th percentile",
  "Greater than or equal to the 90th percentile for expected population loss",
  "Greater than or equal to the 90th percentile for expected agricultural loss",
  "Greater than or equal to the 90th percentile for expected building loss",
  "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years",
  "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years",
  "At least one climate threshold exceeded",
  "Greater than or equal to the 90th percentile for expected population loss rate and is low income?",
  "Greater than or equal to the 90th percentile for expected agriculture loss rate and is low income?",
  "Greater than or equal to the 90th percentile for expected building loss rate and is low income?",
  "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years and is low income?",
  "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years and is low income?",
  "Climate Factor (Definition N)",
  "Greater than or equal to the 90th percentile for energy burden",
  "Greater than or equal to the 90th percentile for pm2.5 exposure",
  "At least one energy threshold exceeded",
  "Greater than or equal to the 90th percentile for PM2.5 exposure and is low income?",
  "Greater than or equal to the 90th percentile for energy burden and is low income?",
  "Energy Factor (Definition N)",
  "Greater than or equal to the 90th percentile for diesel particulate matter",
  "Greater than or equal to the 90th percentile for DOT travel barriers",
  "Greater than or equal to the 90th percentile for traffic proximity",
  "At least one traffic threshold exceeded",
  "Greater than or equal to the 90th percentile for diesel particulate matter and is low income?",
  "Greater than or equal to the 90th percentile for traffic proximity and is low income?",
  "Greater than or equal to the 90th percentile for DOT transit barriers and is low income?",
  "Transportation Factor (Definition N)",
  "Tract-level redlining score meets or exceeds 3.25 and is low income",
  "Greater than or equal to the 90th percentile for share of homes without indoor plumbing or a kitchen",
  "Greater than or equal to the 90th percentile for share of homes with no kitchen or indoor plumbing and is low income?",
  "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile",
  "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile and is low income?",
  "Greater than or equal to the 90th percentile for housing burden",
  "Greater than or equal to the 90th percentile for housing burden and is low income?",
  "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent",
  "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent and is low income?",
  "At least one housing threshold exceeded",
  "Housing Factor (Definition N)",
  "Greater than or equal to the 90th percentile for RMP proximity",
  "Greater than or equal to the 90th percentile for NPL (superfund sites) proximity",
  "Greater than or equal to the 90th percentile for proximity to hazardous waste sites",
  "Is there at least one Formerly Used Defense Site (FUDS) in the tract, where missing data is treated as False?",
  "Is there at least one abandoned mine in this census tract, where missing data is treated as False?",
  "At least one pollution threshold exceeded",
  "Greater than or equal to the 90th percentile for proximity to RMP sites and is low income?",
  "Greater than or equal to the 90th percentile for proximity to superfund sites and is low income?",
  "Greater than or equal to the 90th percentile for proximity to hazardous waste facilities and is low income?",
  "There is at least one abandoned mine in this census tract and the tract is low income.",
  "There is at least one Formerly Used Defense Site (FUDS) in the tract and the tract is low income.",
  "Pollution Factor (Definition N)",
  "Greater than or equal to the 90th percentile for wastewater discharge",
  "Greater than or equal to the 90th percentile for leaky underwater storage tanks",
  "Greater than or equal to the 90th percentile for wastewater discharge and is low income?",
  "Greater than or equal to the 90th percentile for leaky underground storage tanks and is low income?",
  "At least one water threshold exceeded",
  "Water Factor (Definition N)",
  "Greater than or equal to the 90th percentile for diabetes",
  "Greater than or equal to the 90th percentile for asthma",
  "Greater than or equal to the 90th percentile for heart disease",
  "Greater than or equal to the 90th percentile for low life expectancy",
  "At least one health threshold exceeded",
  "Greater than or equal to the 90th percentile for diabetes and is low income?",
  "Greater than or equal to the 90th percentile for asthma and is low income?",
  "Greater than or equal to the 90th percentile for heart disease and is low income?",
  "Greater than or equal to the 90th percentile for low life expectancy and is low income?",
  "Health Factor (Definition N)",
  "Low high school education",
  "Greater than or equal to the 90th percentile for unemployment",
  "Greater than or equal to the 90th percentile for low median household income as a percent of area median income",
  "Greater than or equal to the 90th percentile for households in linguistic isolation",
  "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level",
  "Greater than or equal to the 90th percentile for households in linguistic isolation and has low HS attainment?",
  "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS attainment?",
  "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS attainment?",
  "Greater than or equal to the 90th percentile for unemployment and has low HS attainment?",
  "At least one workforce threshold exceeded",
  "Unemployment (percent) in 2009 (island areas) and 2010 (states and PR)",
  "Unemployment (percent) in 2009 for island areas (percentile)",
  "Unemployment (percent) in 2009 exceeds 90th percentile",
  "Percentage households below 100% of federal poverty line in 2009 (island areas) and 2010 (states and PR)",
  "Percentage households below 100% of federal poverty line in 2009 for island areas (percentile)",
  "Percentage households below 100% of federal poverty line in 2009 exceeds 90th percentile",
  "Low median household income as a percent of territory median income in 2009 exceeds 90th percentile",
  "Low high school education in 2009 (island areas)",
  "Greater than or equal to the 90th percentile for unemployment and has low HS education in 2009 (island areas)?",
  "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS education in 2009 (island areas)?",
  "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS education in 2009 (island areas)?",
  "Both workforce socioeconomic indicators exceeded",
  "Workforce Factor (Definition N)",
  "Total categories exceeded",
  "Definition N (communities)",
  "Definition N (communities) (percentile)",
  "Meets the less stringent low income criterion for the adjacency index?",
  "Definition N (communities) (average of neighbors)",
  "Is the tract surrounded by disadvantaged communities?",
  "Definition N (communities) (based on adjacency index and low income alone)",
  "Definition N community, including adjacency index tracts",
  "Grandfathered Definition N (communities) from v1.0",
  "Percentage of tract that is disadvantaged",
] as const;

/** The 11 columns that exist only in the v2.0 table. */
export const V2_ONLY_COLUMNS: ReadonlySet<string> = new Set<string>([
  "Estimated population count of off-campus university students <200% FPL",
  "Percentage households below 200% of federal poverty line in 2009",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed",
  "Definition N community, including adjacency index tracts v1.0",
  "Estimated population count of off-campus university students <200% FPL (percentile)",
  "Percentage households below 200% of federal poverty line in 2009 (percentile)",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed (percentile)",
  "Percentage households below 200% of federal poverty line in 2009 (island areas) and 2010 (states and PR)",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
  "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed exceeds 65th percentile",
  "Grandfathered Definition N (communities) from v1.0",
]);

/** `<column> (percentile)`, the name the ranking gives a numeric column. */
export function percentileColumnName(column: string): `${string} (percentile)` {
  return `${column} (percentile)`;
}

/** Every column of the v2.0 score table (272), in output order. */
export const SCORE_COLUMNS_V2: readonly string[] = [
  ...NON_NUMERIC_INPUT_COLUMNS,
  ...NUMERIC_INPUT_COLUMNS,
  ...REVERSE_PERCENTILE_SOURCE_COLUMNS,
  ...TRI_STATE_INPUT_COLUMNS,
  ...[...NUMERIC_INPUT_COLUMNS, ...ISLAND_RACE_2009_COLUMNS].map(percentileColumnName),
  ...REVERSE_PERCENTILE_COLUMNS,
  COMBINED_POPULATION_COLUMN,
  ...SCORING_COLUMNS,
];

/** Every column of the v1.0 score table (261), in output order. */
export const SCORE_COLUMNS_V1: readonly string[] = SCORE_COLUMNS_V2.filter((c) => !V2_ONLY_COLUMNS.has(c));
