/**
 * The download column list (artifacts.md §3.10, from the original `csv.yml`/`excel.yml`):
 * header, source score column and format, in output order. One list feeds the CSV, the
 * workbook, the Parquet sibling and the codebook, so they cannot drift apart.
 */

import type { DownloadField } from "./download-field.ts";

/** The 136 download fields of methodology 2.0, in order. */
export const DOWNLOAD_FIELDS_V2: readonly DownloadField[] = [
  { label: "Census tract 2010 ID", score: "GEOID10_TRACT", format: "string" },
  { label: "County Name", score: "County Name", format: "string" },
  { label: "State/Territory", score: "State/Territory", format: "string" },
  {
    label: "Percent Black or African American alone",
    score: "Percent Black or African American",
    format: "float",
  },
  {
    label: "Percent American Indian / Alaska Native",
    score: "Percent American Indian / Alaska Native",
    format: "float",
  },
  { label: "Percent Asian", score: "Percent Asian", format: "float" },
  {
    label: "Percent Native Hawaiian or Pacific",
    score: "Percent Native Hawaiian or Pacific",
    format: "float",
  },
  { label: "Percent two or more races", score: "Percent two or more races", format: "float" },
  { label: "Percent White", score: "Percent White", format: "float" },
  { label: "Percent Hispanic or Latino", score: "Percent Hispanic or Latino", format: "float" },
  { label: "Percent other races", score: "Percent other races", format: "float" },
  { label: "Percent age under 10", score: "Percent age under 10", format: "float" },
  { label: "Percent age 10 to 64", score: "Percent age 10 to 64", format: "float" },
  { label: "Percent age over 64", score: "Percent age over 64", format: "float" },
  { label: "Total threshold criteria exceeded", score: "Total threshold criteria exceeded", format: "int64" },
  { label: "Total categories exceeded", score: "Total categories exceeded", format: "int64" },
  {
    label: "Identified as disadvantaged without considering neighbors",
    score: "Definition N (communities)",
    format: "bool",
  },
  {
    label: "Identified as disadvantaged based on neighbors and relaxed low income threshold only",
    score: "Definition N (communities) (based on adjacency index and low income alone)",
    format: "bool",
  },
  {
    label: "Identified as disadvantaged due to tribal overlap",
    score: "Identified as disadvantaged due to tribal overlap",
    format: "bool",
  },
  {
    label: "Identified as disadvantaged",
    score: "Definition N community, including adjacency index tracts",
    format: "bool",
  },
  {
    label: "Percentage of tract that is disadvantaged by area",
    score: "Percentage of tract that is disadvantaged",
    format: "percentage",
  },
  {
    label: "Share of neighbors that are identified as disadvantaged",
    score: "Definition N (communities) (average of neighbors)",
    format: "percentage",
  },
  {
    label: "Identified as disadvantaged in v1.0",
    score: "Definition N community, including adjacency index tracts v1.0",
    format: "bool",
  },
  {
    label: "Identified as disadvantaged solely due to status in v1.0 (grandfathered)",
    score: "Grandfathered Definition N (communities) from v1.0",
    format: "bool",
  },
  { label: "Total population", score: "Total population", format: "float" },
  {
    label: "Interpolated number of off-campus students in poverty",
    score: "Estimated population count of off-campus university students <200% FPL",
    format: "float",
  },
  {
    label: "Adjusted percent of individuals below 200% Federal Poverty Line (percentile)",
    score: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)",
    format: "float",
  },
  {
    label: "Adjusted percent of individuals below 200% Federal Poverty Line",
    score: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
    format: "float",
  },
  { label: "Is low income?", score: "Is low income (imputed and adjusted)?", format: "bool" },
  {
    label: "Income data has been estimated based on geographic neighbor income",
    score: "Income data has been estimated based on neighbor income",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for expected agriculture loss rate and is low income?",
    score:
      "Greater than or equal to the 90th percentile for expected agriculture loss rate and is low income?",
    format: "bool",
  },
  {
    label: "Expected agricultural loss rate (Natural Hazards Risk Index) (percentile)",
    score: "Expected agricultural loss rate (Natural Hazards Risk Index) (percentile)",
    format: "percentage",
  },
  {
    label: "Expected agricultural loss rate (Natural Hazards Risk Index)",
    score: "Expected agricultural loss rate (Natural Hazards Risk Index)",
    format: "loss_rate_percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for expected building loss rate and is low income?",
    score: "Greater than or equal to the 90th percentile for expected building loss rate and is low income?",
    format: "bool",
  },
  {
    label: "Expected building loss rate (Natural Hazards Risk Index) (percentile)",
    score: "Expected building loss rate (Natural Hazards Risk Index) (percentile)",
    format: "percentage",
  },
  {
    label: "Expected building loss rate (Natural Hazards Risk Index)",
    score: "Expected building loss rate (Natural Hazards Risk Index)",
    format: "loss_rate_percentage",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for expected population loss rate and is low income?",
    score:
      "Greater than or equal to the 90th percentile for expected population loss rate and is low income?",
    format: "bool",
  },
  {
    label: "Expected population loss rate (Natural Hazards Risk Index) (percentile)",
    score: "Expected population loss rate (Natural Hazards Risk Index) (percentile)",
    format: "percentage",
  },
  {
    label: "Expected population loss rate (Natural Hazards Risk Index)",
    score: "Expected population loss rate (Natural Hazards Risk Index)",
    format: "loss_rate_percentage",
  },
  {
    label: "Share of properties at risk of flood in 30 years (percentile)",
    score: "Share of properties at risk of flood in 30 years (percentile)",
    format: "percentage",
  },
  {
    label: "Share of properties at risk of flood in 30 years",
    score: "Share of properties at risk of flood in 30 years",
    format: "percentage",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years",
    score:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years and is low income?",
    score:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years and is low income?",
    format: "bool",
  },
  {
    label: "Share of properties at risk of fire in 30 years (percentile)",
    score: "Share of properties at risk of fire in 30 years (percentile)",
    format: "percentage",
  },
  {
    label: "Share of properties at risk of fire in 30 years",
    score: "Share of properties at risk of fire in 30 years",
    format: "percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years",
    score: "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years and is low income?",
    score:
      "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years and is low income?",
    format: "bool",
  },
  {
    label: "Greater than or equal to the 90th percentile for energy burden and is low income?",
    score: "Greater than or equal to the 90th percentile for energy burden and is low income?",
    format: "bool",
  },
  { label: "Energy burden (percentile)", score: "Energy burden (percentile)", format: "percentage" },
  { label: "Energy burden", score: "Energy burden", format: "percentage" },
  {
    label: "Greater than or equal to the 90th percentile for PM2.5 exposure and is low income?",
    score: "Greater than or equal to the 90th percentile for PM2.5 exposure and is low income?",
    format: "bool",
  },
  { label: "PM2.5 in the air (percentile)", score: "PM2.5 in the air (percentile)", format: "percentage" },
  { label: "PM2.5 in the air", score: "PM2.5 in the air", format: "float" },
  {
    label: "Greater than or equal to the 90th percentile for diesel particulate matter and is low income?",
    score: "Greater than or equal to the 90th percentile for diesel particulate matter and is low income?",
    format: "bool",
  },
  {
    label: "Diesel particulate matter exposure (percentile)",
    score: "Diesel particulate matter exposure (percentile)",
    format: "percentage",
  },
  {
    label: "Diesel particulate matter exposure",
    score: "Diesel particulate matter exposure",
    format: "float",
  },
  {
    label: "Greater than or equal to the 90th percentile for traffic proximity and is low income?",
    score: "Greater than or equal to the 90th percentile for traffic proximity and is low income?",
    format: "bool",
  },
  {
    label: "Traffic proximity and volume (percentile)",
    score: "Traffic proximity and volume (percentile)",
    format: "percentage",
  },
  { label: "Traffic proximity and volume", score: "Traffic proximity and volume", format: "float" },
  {
    label: "Greater than or equal to the 90th percentile for DOT transit barriers and is low income?",
    score: "Greater than or equal to the 90th percentile for DOT transit barriers and is low income?",
    format: "bool",
  },
  {
    label: "DOT Travel Barriers Score (percentile)",
    score: "DOT Travel Barriers Score (percentile)",
    format: "percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for housing burden and is low income?",
    score: "Greater than or equal to the 90th percentile for housing burden and is low income?",
    format: "bool",
  },
  {
    label: "Housing burden (percent) (percentile)",
    score: "Housing burden (percent) (percentile)",
    format: "percentage",
  },
  { label: "Housing burden (percent)", score: "Housing burden (percent)", format: "percentage" },
  {
    label:
      "Greater than or equal to the 90th percentile for lead paint, the median house value is less than 90th percentile and is low income?",
    score:
      "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile and is low income?",
    format: "bool",
  },
  {
    label: "Percent pre-1960s housing (lead paint indicator) (percentile)",
    score: "Percent pre-1960s housing (lead paint indicator) (percentile)",
    format: "percentage",
  },
  {
    label: "Percent pre-1960s housing (lead paint indicator)",
    score: "Percent pre-1960s housing (lead paint indicator)",
    format: "percentage",
  },
  {
    label: "Median value ($) of owner-occupied housing units (percentile)",
    score: "Median value ($) of owner-occupied housing units (percentile)",
    format: "percentage",
  },
  {
    label: "Median value ($) of owner-occupied housing units",
    score: "Median value ($) of owner-occupied housing units",
    format: "float",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent and is low income?",
    score:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent and is low income?",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent",
    score:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent",
    format: "bool",
  },
  {
    label: "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
    score: "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
    format: "percentage",
  },
  {
    label:
      "Share of the tract's land area that is covered by impervious surface or cropland as a percent (percentile)",
    score:
      "Share of the tract's land area that is covered by impervious surface or cropland as a percent (percentile)",
    format: "percentage",
  },
  {
    label: "Does the tract have at least 35 acres in it?",
    score: "Does the tract have at least 35 acres in it?",
    format: "bool",
  },
  {
    label: "Tract experienced historic underinvestment and remains low income",
    score: "Tract-level redlining score meets or exceeds 3.25 and is low income",
    format: "bool",
  },
  {
    label: "Tract experienced historic underinvestment",
    score: "Tract-level redlining score meets or exceeds 3.25",
    format: "bool",
  },
  {
    label: "Share of homes with no kitchen or indoor plumbing (percentile)",
    score: "Share of homes with no kitchen or indoor plumbing (percent) (percentile)",
    format: "float",
  },
  {
    label: "Share of homes with no kitchen or indoor plumbing (percent)",
    score: "Share of homes with no kitchen or indoor plumbing (percent)",
    format: "float",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for proximity to hazardous waste facilities and is low income?",
    score:
      "Greater than or equal to the 90th percentile for proximity to hazardous waste facilities and is low income?",
    format: "bool",
  },
  {
    label: "Proximity to hazardous waste sites (percentile)",
    score: "Proximity to hazardous waste sites (percentile)",
    format: "percentage",
  },
  {
    label: "Proximity to hazardous waste sites",
    score: "Proximity to hazardous waste sites",
    format: "float",
  },
  {
    label: "Greater than or equal to the 90th percentile for proximity to superfund sites and is low income?",
    score: "Greater than or equal to the 90th percentile for proximity to superfund sites and is low income?",
    format: "bool",
  },
  {
    label: "Proximity to NPL (Superfund) sites (percentile)",
    score: "Proximity to NPL sites (percentile)",
    format: "percentage",
  },
  { label: "Proximity to NPL (Superfund) sites", score: "Proximity to NPL sites", format: "float" },
  {
    label: "Greater than or equal to the 90th percentile for proximity to RMP sites and is low income?",
    score: "Greater than or equal to the 90th percentile for proximity to RMP sites and is low income?",
    format: "bool",
  },
  {
    label: "Proximity to Risk Management Plan (RMP) facilities (percentile)",
    score: "Proximity to Risk Management Plan (RMP) facilities (percentile)",
    format: "percentage",
  },
  {
    label: "Proximity to Risk Management Plan (RMP) facilities",
    score: "Proximity to Risk Management Plan (RMP) facilities",
    format: "float",
  },
  {
    label: "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
    score: "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
    format: "bool",
  },
  {
    label: "Is there at least one abandoned mine in this census tract?",
    score: "Is there at least one abandoned mine in this census tract?",
    format: "bool",
  },
  {
    label: "There is at least one abandoned mine in this census tract and the tract is low income.",
    score: "There is at least one abandoned mine in this census tract and the tract is low income.",
    format: "bool",
  },
  {
    label:
      "There is at least one Formerly Used Defense Site (FUDS) in the tract and the tract is low income.",
    score:
      "There is at least one Formerly Used Defense Site (FUDS) in the tract and the tract is low income.",
    format: "bool",
  },
  {
    label:
      "Is there at least one Formerly Used Defense Site (FUDS) in the tract, where missing data is treated as False?",
    score:
      "Is there at least one Formerly Used Defense Site (FUDS) in the tract, where missing data is treated as False?",
    format: "bool",
  },
  {
    label:
      "Is there at least one abandoned mine in this census tract, where missing data is treated as False?",
    score:
      "Is there at least one abandoned mine in this census tract, where missing data is treated as False?",
    format: "bool",
  },
  {
    label: "Greater than or equal to the 90th percentile for wastewater discharge and is low income?",
    score: "Greater than or equal to the 90th percentile for wastewater discharge and is low income?",
    format: "bool",
  },
  {
    label: "Wastewater discharge (percentile)",
    score: "Wastewater discharge (percentile)",
    format: "percentage",
  },
  { label: "Wastewater discharge", score: "Wastewater discharge", format: "float" },
  {
    label:
      "Greater than or equal to the 90th percentile for leaky underground storage tanks and is low income?",
    score:
      "Greater than or equal to the 90th percentile for leaky underground storage tanks and is low income?",
    format: "bool",
  },
  {
    label: "Leaky underground storage tanks (percentile)",
    score: "Leaky underground storage tanks (percentile)",
    format: "percentage",
  },
  { label: "Leaky underground storage tanks", score: "Leaky underground storage tanks", format: "float" },
  {
    label: "Greater than or equal to the 90th percentile for asthma and is low income?",
    score: "Greater than or equal to the 90th percentile for asthma and is low income?",
    format: "bool",
  },
  {
    label: "Current asthma among adults aged greater than or equal to 18 years (percentile)",
    score: "Current asthma among adults aged greater than or equal to 18 years (percentile)",
    format: "percentage",
  },
  {
    label: "Current asthma among adults aged greater than or equal to 18 years",
    score: "Current asthma among adults aged greater than or equal to 18 years",
    format: "percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for diabetes and is low income?",
    score: "Greater than or equal to the 90th percentile for diabetes and is low income?",
    format: "bool",
  },
  {
    label: "Diagnosed diabetes among adults aged greater than or equal to 18 years (percentile)",
    score: "Diagnosed diabetes among adults aged greater than or equal to 18 years (percentile)",
    format: "percentage",
  },
  {
    label: "Diagnosed diabetes among adults aged greater than or equal to 18 years",
    score: "Diagnosed diabetes among adults aged greater than or equal to 18 years",
    format: "percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for heart disease and is low income?",
    score: "Greater than or equal to the 90th percentile for heart disease and is low income?",
    format: "bool",
  },
  {
    label: "Coronary heart disease among adults aged greater than or equal to 18 years (percentile)",
    score: "Coronary heart disease among adults aged greater than or equal to 18 years (percentile)",
    format: "percentage",
  },
  {
    label: "Coronary heart disease among adults aged greater than or equal to 18 years",
    score: "Coronary heart disease among adults aged greater than or equal to 18 years",
    format: "percentage",
  },
  {
    label: "Greater than or equal to the 90th percentile for low life expectancy and is low income?",
    score: "Greater than or equal to the 90th percentile for low life expectancy and is low income?",
    format: "bool",
  },
  {
    label: "Low life expectancy (percentile)",
    score: "Low life expectancy (percentile)",
    format: "percentage",
  },
  { label: "Life expectancy (years)", score: "Life expectancy (years)", format: "float" },
  {
    label:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS attainment?",
    score:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS attainment?",
    format: "bool",
  },
  {
    label: "Low median household income as a percent of area median income (percentile)",
    score: "Low median household income as a percent of area median income (percentile)",
    format: "percentage",
  },
  {
    label: "Median household income as a percent of area median income",
    score: "Median household income as a percent of area median income",
    format: "percentage",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for households in linguistic isolation and has low HS attainment?",
    score:
      "Greater than or equal to the 90th percentile for households in linguistic isolation and has low HS attainment?",
    format: "bool",
  },
  {
    label: "Linguistic isolation (percent) (percentile)",
    score: "Linguistic isolation (percent) (percentile)",
    format: "percentage",
  },
  { label: "Linguistic isolation (percent)", score: "Linguistic isolation (percent)", format: "percentage" },
  {
    label: "Greater than or equal to the 90th percentile for unemployment and has low HS attainment?",
    score: "Greater than or equal to the 90th percentile for unemployment and has low HS attainment?",
    format: "bool",
  },
  {
    label: "Unemployment (percent) (percentile)",
    score: "Unemployment (percent) (percentile)",
    format: "percentage",
  },
  { label: "Unemployment (percent)", score: "Unemployment (percent)", format: "percentage" },
  {
    label:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS attainment?",
    score:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS attainment?",
    format: "bool",
  },
  {
    label: "Percent of individuals below 200% Federal Poverty Line (percentile)",
    score: "Percent of individuals below 200% Federal Poverty Line (percentile)",
    format: "percentage",
  },
  {
    label: "Percent of individuals below 200% Federal Poverty Line",
    score: "Percent of individuals below 200% Federal Poverty Line",
    format: "percentage",
  },
  {
    label: "Percent of individuals < 100% Federal Poverty Line (percentile)",
    score: "Percent of individuals < 100% Federal Poverty Line (percentile)",
    format: "percentage",
  },
  {
    label: "Percent of individuals < 100% Federal Poverty Line",
    score: "Percent of individuals < 100% Federal Poverty Line",
    format: "percentage",
  },
  {
    label: "Percent individuals age 25 or over with less than high school degree (percentile)",
    score: "Percent individuals age 25 or over with less than high school degree (percentile)",
    format: "percentage",
  },
  {
    label: "Percent individuals age 25 or over with less than high school degree",
    score: "Percent individuals age 25 or over with less than high school degree",
    format: "percentage",
  },
  {
    label: "Percent of residents who are not currently enrolled in higher ed",
    score: "Percent of population not currently enrolled in college or graduate school",
    format: "percentage",
  },
  {
    label: "Unemployment (percent) in 2019 (island areas) and 2010 (states and PR)",
    score: "Unemployment (percent) in 2009 (island areas) and 2010 (states and PR)",
    format: "percentage",
  },
  {
    label:
      "Percentage households below 100% of federal poverty line in 2019 (island areas) and 2010 (states and PR)",
    score:
      "Percentage households below 100% of federal poverty line in 2009 (island areas) and 2010 (states and PR)",
    format: "percentage",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for unemployment and has low HS education in 2019 (island areas)?",
    score:
      "Greater than or equal to the 90th percentile for unemployment and has low HS education in 2009 (island areas)?",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS education in 2019 (island areas)?",
    score:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS education in 2009 (island areas)?",
    format: "bool",
  },
  {
    label:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS education in 2019 (island areas)?",
    score:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS education in 2009 (island areas)?",
    format: "bool",
  },
  {
    label: "Number of Tribal areas within Census tract for Alaska",
    score: "Number of Tribal areas within Census tract for Alaska",
    format: "int64",
  },
  {
    label: "Names of Tribal areas within Census tract",
    score: "Names of Tribal areas within Census tract",
    format: "string",
  },
  {
    label: "Percent of the Census tract that is within Tribal areas",
    score: "Percent of the Census tract that is within Tribal areas",
    format: "percentage",
  },
];
