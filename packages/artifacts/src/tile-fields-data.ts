/**
 * The high-tile property table (artifacts.md §2.3): short code, source score column and how
 * the value is encoded, in tile-CSV order. `UI_EXP` and `THRHLD` are computed, not listed.
 */

import type { TileField } from "./tile-field.ts";

/** The 124 tile codes of methodology 2.0, in order. */
export const TILE_FIELDS_V2: readonly TileField[] = [
  { code: "GTF", source: "GEOID10_TRACT", kind: "text" },
  { code: "SF", source: "State/Territory", kind: "text" },
  { code: "CF", source: "County Name", kind: "text" },
  {
    code: "DF_PFS",
    source: "Diagnosed diabetes among adults aged greater than or equal to 18 years (percentile)",
    kind: "float",
  },
  {
    code: "AF_PFS",
    source: "Current asthma among adults aged greater than or equal to 18 years (percentile)",
    kind: "float",
  },
  {
    code: "HDF_PFS",
    source: "Coronary heart disease among adults aged greater than or equal to 18 years (percentile)",
    kind: "float",
  },
  { code: "DSF_PFS", source: "Diesel particulate matter exposure (percentile)", kind: "float" },
  { code: "EBF_PFS", source: "Energy burden (percentile)", kind: "float" },
  {
    code: "EALR_PFS",
    source: "Expected agricultural loss rate (Natural Hazards Risk Index) (percentile)",
    kind: "float",
  },
  {
    code: "EBLR_PFS",
    source: "Expected building loss rate (Natural Hazards Risk Index) (percentile)",
    kind: "float",
  },
  {
    code: "EPLR_PFS",
    source: "Expected population loss rate (Natural Hazards Risk Index) (percentile)",
    kind: "float",
  },
  { code: "HBF_PFS", source: "Housing burden (percent) (percentile)", kind: "float" },
  { code: "LLEF_PFS", source: "Low life expectancy (percentile)", kind: "float" },
  { code: "LIF_PFS", source: "Linguistic isolation (percent) (percentile)", kind: "float" },
  {
    code: "LMI_PFS",
    source: "Low median household income as a percent of area median income (percentile)",
    kind: "float",
  },
  { code: "PM25F_PFS", source: "PM2.5 in the air (percentile)", kind: "float" },
  {
    code: "HSEF",
    source: "Percent individuals age 25 or over with less than high school degree",
    kind: "float",
  },
  {
    code: "P100_PFS",
    source: "Percent of individuals < 100% Federal Poverty Line (percentile)",
    kind: "float",
  },
  {
    code: "P200_I_PFS",
    source: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)",
    kind: "float",
  },
  {
    code: "AJDLI_ET",
    source: "Meets the less stringent low income criterion for the adjacency index?",
    kind: "bool",
  },
  { code: "LPF_PFS", source: "Percent pre-1960s housing (lead paint indicator) (percentile)", kind: "float" },
  {
    code: "KP_PFS",
    source: "Share of homes with no kitchen or indoor plumbing (percent) (percentile)",
    kind: "float",
  },
  { code: "NPL_PFS", source: "Proximity to NPL sites (percentile)", kind: "float" },
  {
    code: "RMP_PFS",
    source: "Proximity to Risk Management Plan (RMP) facilities (percentile)",
    kind: "float",
  },
  { code: "TSDF_PFS", source: "Proximity to hazardous waste sites (percentile)", kind: "float" },
  { code: "TPF", source: "Total population", kind: "float" },
  { code: "TF_PFS", source: "Traffic proximity and volume (percentile)", kind: "float" },
  { code: "UF_PFS", source: "Unemployment (percent) (percentile)", kind: "float" },
  { code: "WF_PFS", source: "Wastewater discharge (percentile)", kind: "float" },
  { code: "UST_PFS", source: "Leaky underground storage tanks (percentile)", kind: "float" },
  { code: "N_WTR", source: "Water Factor (Definition N)", kind: "bool" },
  { code: "N_WKFC", source: "Workforce Factor (Definition N)", kind: "bool" },
  { code: "N_CLT", source: "Climate Factor (Definition N)", kind: "bool" },
  { code: "N_ENY", source: "Energy Factor (Definition N)", kind: "bool" },
  { code: "N_TRN", source: "Transportation Factor (Definition N)", kind: "bool" },
  { code: "N_HSG", source: "Housing Factor (Definition N)", kind: "bool" },
  { code: "N_PLN", source: "Pollution Factor (Definition N)", kind: "bool" },
  { code: "N_HLTH", source: "Health Factor (Definition N)", kind: "bool" },
  { code: "SN_C", source: "Definition N community, including adjacency index tracts", kind: "bool" },
  { code: "SN_C_V10", source: "Definition N community, including adjacency index tracts v1.0", kind: "bool" },
  { code: "SN_GRAND", source: "Grandfathered Definition N (communities) from v1.0", kind: "bool" },
  { code: "SN_T", source: "Identified as disadvantaged due to tribal overlap", kind: "flag" },
  {
    code: "DLI",
    source: "Greater than or equal to the 90th percentile for diabetes and is low income?",
    kind: "bool",
  },
  {
    code: "ALI",
    source: "Greater than or equal to the 90th percentile for asthma and is low income?",
    kind: "bool",
  },
  {
    code: "PLHSE",
    source:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS attainment?",
    kind: "bool",
  },
  {
    code: "LMILHSE",
    source:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS attainment?",
    kind: "bool",
  },
  {
    code: "ULHSE",
    source: "Greater than or equal to the 90th percentile for unemployment and has low HS attainment?",
    kind: "bool",
  },
  {
    code: "EPL_ET",
    source: "Greater than or equal to the 90th percentile for expected population loss",
    kind: "bool",
  },
  {
    code: "EAL_ET",
    source: "Greater than or equal to the 90th percentile for expected agricultural loss",
    kind: "bool",
  },
  {
    code: "EBL_ET",
    source: "Greater than or equal to the 90th percentile for expected building loss",
    kind: "bool",
  },
  { code: "EB_ET", source: "Greater than or equal to the 90th percentile for energy burden", kind: "bool" },
  {
    code: "PM25_ET",
    source: "Greater than or equal to the 90th percentile for pm2.5 exposure",
    kind: "bool",
  },
  {
    code: "DS_ET",
    source: "Greater than or equal to the 90th percentile for diesel particulate matter",
    kind: "bool",
  },
  {
    code: "TP_ET",
    source: "Greater than or equal to the 90th percentile for traffic proximity",
    kind: "bool",
  },
  {
    code: "LPP_ET",
    source:
      "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile",
    kind: "bool",
  },
  { code: "HRS_ET", source: "Tract-level redlining score meets or exceeds 3.25", kind: "flag" },
  {
    code: "KP_ET",
    source:
      "Greater than or equal to the 90th percentile for share of homes without indoor plumbing or a kitchen",
    kind: "bool",
  },
  { code: "HB_ET", source: "Greater than or equal to the 90th percentile for housing burden", kind: "bool" },
  { code: "RMP_ET", source: "Greater than or equal to the 90th percentile for RMP proximity", kind: "bool" },
  {
    code: "NPL_ET",
    source: "Greater than or equal to the 90th percentile for NPL (superfund sites) proximity",
    kind: "bool",
  },
  {
    code: "TSDF_ET",
    source: "Greater than or equal to the 90th percentile for proximity to hazardous waste sites",
    kind: "bool",
  },
  {
    code: "WD_ET",
    source: "Greater than or equal to the 90th percentile for wastewater discharge",
    kind: "bool",
  },
  {
    code: "UST_ET",
    source: "Greater than or equal to the 90th percentile for leaky underwater storage tanks",
    kind: "bool",
  },
  { code: "DB_ET", source: "Greater than or equal to the 90th percentile for diabetes", kind: "bool" },
  { code: "A_ET", source: "Greater than or equal to the 90th percentile for asthma", kind: "bool" },
  { code: "HD_ET", source: "Greater than or equal to the 90th percentile for heart disease", kind: "bool" },
  {
    code: "LLE_ET",
    source: "Greater than or equal to the 90th percentile for low life expectancy",
    kind: "bool",
  },
  { code: "UN_ET", source: "Greater than or equal to the 90th percentile for unemployment", kind: "bool" },
  {
    code: "LISO_ET",
    source: "Greater than or equal to the 90th percentile for households in linguistic isolation",
    kind: "bool",
  },
  {
    code: "POV_ET",
    source:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level",
    kind: "bool",
  },
  {
    code: "LMI_ET",
    source:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income",
    kind: "bool",
  },
  {
    code: "IA_LMI_ET",
    source:
      "Low median household income as a percent of territory median income in 2009 exceeds 90th percentile",
    kind: "bool",
  },
  { code: "IA_UN_ET", source: "Unemployment (percent) in 2009 exceeds 90th percentile", kind: "bool" },
  {
    code: "IA_POV_ET",
    source: "Percentage households below 100% of federal poverty line in 2009 exceeds 90th percentile",
    kind: "bool",
  },
  { code: "TC", source: "Total threshold criteria exceeded", kind: "int" },
  { code: "CC", source: "Total categories exceeded", kind: "float" },
  {
    code: "IAULHSE",
    source:
      "Greater than or equal to the 90th percentile for unemployment and has low HS education in 2009 (island areas)?",
    kind: "bool",
  },
  {
    code: "IAPLHSE",
    source:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS education in 2009 (island areas)?",
    kind: "bool",
  },
  {
    code: "IALMILHSE",
    source:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS education in 2009 (island areas)?",
    kind: "bool",
  },
  {
    code: "IALMILHSE_PFS",
    source: "Low median household income as a percent of territory median income in 2009 (percentile)",
    kind: "float",
  },
  {
    code: "IAPLHSE_PFS",
    source: "Percentage households below 100% of federal poverty line in 2009 for island areas (percentile)",
    kind: "float",
  },
  {
    code: "IAULHSE_PFS",
    source: "Unemployment (percent) in 2009 for island areas (percentile)",
    kind: "float",
  },
  { code: "LHE", source: "Low high school education", kind: "bool" },
  { code: "IALHE", source: "Low high school education in 2009 (island areas)", kind: "bool" },
  {
    code: "IAHSEF",
    source: "Percent individuals age 25 or over with less than high school degree in 2009",
    kind: "float",
  },
  { code: "N_CLT_EOMI", source: "At least one climate threshold exceeded", kind: "bool" },
  { code: "N_ENY_EOMI", source: "At least one energy threshold exceeded", kind: "bool" },
  { code: "N_TRN_EOMI", source: "At least one traffic threshold exceeded", kind: "bool" },
  { code: "N_HSG_EOMI", source: "At least one housing threshold exceeded", kind: "bool" },
  { code: "N_PLN_EOMI", source: "At least one pollution threshold exceeded", kind: "bool" },
  { code: "N_WTR_EOMI", source: "At least one water threshold exceeded", kind: "bool" },
  { code: "N_HLTH_EOMI", source: "At least one health threshold exceeded", kind: "bool" },
  { code: "N_WKFC_EOMI", source: "At least one workforce threshold exceeded", kind: "bool" },
  { code: "FPL200S", source: "Is low income (imputed and adjusted)?", kind: "bool" },
  {
    code: "FPL200P",
    source:
      "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
    kind: "float",
  },
  { code: "N_WKFC_EBSI", source: "Both workforce socioeconomic indicators exceeded", kind: "bool" },
  {
    code: "TD_ET",
    source: "Greater than or equal to the 90th percentile for DOT travel barriers",
    kind: "bool",
  },
  { code: "TD_PFS", source: "DOT Travel Barriers Score (percentile)", kind: "float" },
  { code: "FLD_PFS", source: "Share of properties at risk of flood in 30 years (percentile)", kind: "float" },
  { code: "WFR_PFS", source: "Share of properties at risk of fire in 30 years (percentile)", kind: "float" },
  {
    code: "FLD_ET",
    source:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years",
    kind: "bool",
  },
  {
    code: "WFR_ET",
    source:
      "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years",
    kind: "bool",
  },
  { code: "ADJ_ET", source: "Is the tract surrounded by disadvantaged communities?", kind: "bool" },
  {
    code: "IS_PFS",
    source:
      "Share of the tract's land area that is covered by impervious surface or cropland as a percent (percentile)",
    kind: "float",
  },
  {
    code: "IS_ET",
    source:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent",
    kind: "bool",
  },
  {
    code: "AML_ET",
    source:
      "Is there at least one abandoned mine in this census tract, where missing data is treated as False?",
    kind: "bool",
  },
  {
    code: "FUDS_RAW",
    source: "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
    kind: "flag",
  },
  {
    code: "FUDS_ET",
    source:
      "Is there at least one Formerly Used Defense Site (FUDS) in the tract, where missing data is treated as False?",
    kind: "bool",
  },
  { code: "IMP_FLG", source: "Income data has been estimated based on neighbor income", kind: "flag" },
  { code: "DM_B", source: "Percent Black or African American", kind: "float" },
  { code: "DM_AI", source: "Percent American Indian / Alaska Native", kind: "float" },
  { code: "DM_A", source: "Percent Asian", kind: "float" },
  { code: "DM_HI", source: "Percent Native Hawaiian or Pacific", kind: "float" },
  { code: "DM_T", source: "Percent two or more races", kind: "float" },
  { code: "DM_W", source: "Percent White", kind: "float" },
  { code: "DM_H", source: "Percent Hispanic or Latino", kind: "float" },
  { code: "DM_O", source: "Percent other races", kind: "float" },
  { code: "AGE_10", source: "Percent age under 10", kind: "float" },
  { code: "AGE_MIDDLE", source: "Percent age 10 to 64", kind: "float" },
  { code: "AGE_OLD", source: "Percent age over 64", kind: "float" },
  { code: "TA_COUNT_AK", source: "Number of Tribal areas within Census tract for Alaska", kind: "float" },
  { code: "TA_COUNT_C", source: "Number of Tribal areas within Census tract", kind: "float" },
  { code: "TA_PERC", source: "Percent of the Census tract that is within Tribal areas", kind: "float" },
  {
    code: "TA_PERC_FE",
    source: "Percent of the Census tract that is within Tribal areas, for display",
    kind: "float",
  },
];
