/**
 * The burden indicators of the CEJST score as data (methodology.md §7): for each one the exact
 * source column, the value the rule tests, the threshold, the socioeconomic gate it is paired
 * with, its tile codes and the names of the columns the rules write. The methodology core,
 * the decision trace and the map panel all read this table, so a name is spelled once.
 */

/** The eight categories ("factors") of §7, in the order the score evaluates them. */
export type CategoryId =
  | "climate"
  | "energy"
  | "transportation"
  | "housing"
  | "pollution"
  | "water"
  | "health"
  | "workforce";

/** Every category with its factor column, "at least one" column and tile codes. */
export interface CategorySpec {
  label: string;
  /** `<Name> Factor (Definition N)`. */
  factorColumn: string;
  factorTileCode: string;
  /** The "at least one threshold exceeded" column of the map panel (§7). */
  anyBurdenColumn: string;
  anyBurdenTileCode: string;
  /**
   * What the "at least one" column ORs: the burden columns, or (housing, water; §17 #11) the
   * counted columns, which makes it equal to the factor.
   */
  anyBurdenOf: "burden" | "counted";
}

/** The categories in evaluation order (§2.3). */
export const CATEGORY_IDS = [
  "climate",
  "energy",
  "transportation",
  "housing",
  "pollution",
  "water",
  "health",
  "workforce",
] as const satisfies readonly CategoryId[];

/** The eight categories (§7.1–§7.8). */
export const CATEGORIES = {
  climate: {
    label: "Climate change",
    factorColumn: "Climate Factor (Definition N)",
    factorTileCode: "N_CLT",
    anyBurdenColumn: "At least one climate threshold exceeded",
    anyBurdenTileCode: "N_CLT_EOMI",
    anyBurdenOf: "burden",
  },
  energy: {
    label: "Energy",
    factorColumn: "Energy Factor (Definition N)",
    factorTileCode: "N_ENY",
    anyBurdenColumn: "At least one energy threshold exceeded",
    anyBurdenTileCode: "N_ENY_EOMI",
    anyBurdenOf: "burden",
  },
  transportation: {
    label: "Transportation",
    factorColumn: "Transportation Factor (Definition N)",
    factorTileCode: "N_TRN",
    anyBurdenColumn: "At least one traffic threshold exceeded",
    anyBurdenTileCode: "N_TRN_EOMI",
    anyBurdenOf: "burden",
  },
  housing: {
    label: "Housing",
    factorColumn: "Housing Factor (Definition N)",
    factorTileCode: "N_HSG",
    anyBurdenColumn: "At least one housing threshold exceeded",
    anyBurdenTileCode: "N_HSG_EOMI",
    anyBurdenOf: "counted",
  },
  pollution: {
    label: "Legacy pollution",
    factorColumn: "Pollution Factor (Definition N)",
    factorTileCode: "N_PLN",
    anyBurdenColumn: "At least one pollution threshold exceeded",
    anyBurdenTileCode: "N_PLN_EOMI",
    anyBurdenOf: "burden",
  },
  water: {
    label: "Water and wastewater",
    factorColumn: "Water Factor (Definition N)",
    factorTileCode: "N_WTR",
    anyBurdenColumn: "At least one water threshold exceeded",
    anyBurdenTileCode: "N_WTR_EOMI",
    anyBurdenOf: "counted",
  },
  health: {
    label: "Health",
    factorColumn: "Health Factor (Definition N)",
    factorTileCode: "N_HLTH",
    anyBurdenColumn: "At least one health threshold exceeded",
    anyBurdenTileCode: "N_HLTH_EOMI",
    anyBurdenOf: "burden",
  },
  workforce: {
    label: "Workforce development",
    factorColumn: "Workforce Factor (Definition N)",
    factorTileCode: "N_WKFC",
    anyBurdenColumn: "At least one workforce threshold exceeded",
    anyBurdenTileCode: "N_WKFC_EOMI",
    // OR of the burden columns, except linguistic isolation in Puerto Rico (§7.8).
    anyBurdenOf: "burden",
  },
} as const satisfies Record<CategoryId, CategorySpec>;

/** Stable ids of the 33 burden indicators (26 with a low-income gate, 7 workforce). */
export type IndicatorId =
  | "expected_agriculture_loss"
  | "expected_building_loss"
  | "expected_population_loss"
  | "flood_risk"
  | "wildfire_risk"
  | "energy_burden"
  | "pm25"
  | "diesel_particulate_matter"
  | "travel_barriers"
  | "traffic_proximity"
  | "historic_underinvestment"
  | "housing_cost"
  | "lack_of_green_space"
  | "lack_of_indoor_plumbing"
  | "lead_paint"
  | "abandoned_mine_land"
  | "formerly_used_defense_sites"
  | "hazardous_waste"
  | "superfund"
  | "risk_management_plan"
  | "wastewater_discharge"
  | "underground_storage_tanks"
  | "diabetes"
  | "asthma"
  | "heart_disease"
  | "low_life_expectancy"
  | "linguistic_isolation"
  | "low_median_income"
  | "poverty"
  | "unemployment"
  | "island_unemployment"
  | "island_poverty"
  | "island_low_median_income";

/** Which socioeconomic condition a burden is paired with (§5.4, §5.7). */
export type SocioeconomicGate = "low_income" | "hs_education" | "island_hs_education";

/** `normal`: a higher value is a heavier burden. `reverse`: ranked descending (§6.5). */
export type IndicatorDirection = "normal" | "reverse";

/**
 * Tracts left out of an indicator's ranking (§6.3): `no_agricultural_value` where
 * `Contains agricultural value` is false; `puerto_rico` for GEOIDs starting `72`;
 * `population_20_or_less` where `Total population` is missing or ≤ 20.
 */
export type IndicatorDropRule = "none" | "no_agricultural_value" | "puerto_rico" | "population_20_or_less";

/** Where an indicator applies: the 50 states, DC and PR, or the four island areas. */
export type IndicatorArea = "states" | "islands";

/** One burden indicator. */
export interface IndicatorSpec {
  category: CategoryId;
  label: string;
  area: IndicatorArea;
  /** The raw column the indicator comes from (§4). */
  sourceColumn: string;
  /**
   * `percentile`: the rule tests `testedColumn >= threshold`. `flag`: the rule tests a
   * tri-state boolean column (missing = false) and `threshold` is unused (it is 1, "true").
   */
  test: "percentile" | "flag";
  /** The column the rule compares (a percentile column, or the boolean itself). */
  testedColumn: string;
  /** Tile code of the tested value, where the tiles carry it. */
  testedTileCode: string | null;
  direction: IndicatorDirection;
  /** The cut-off the tested value must reach (`>=`). */
  threshold: number;
  /** Extra condition (lead paint only): this column must be `<=` the value (§7.4). */
  alsoAtMost?: { column: string; threshold: number };
  gate: SocioeconomicGate;
  drop: IndicatorDropRule;
  /** The burden column ("Greater than or equal to the 90th percentile for …"). */
  burdenColumn: string;
  /** Tile code of the burden column. */
  tileCode: string;
  /** The burden paired with its gate ("… and is low income?"). */
  countedColumn: string;
  countedTileCode: string | null;
}

/**
 * §5.1 `ENVIRONMENTAL_BURDEN_THRESHOLD`: every burden percentile is compared with `>=` 0.90,
 * including the island workforce percentiles of §6.6.
 */
const P90 = 0.9;
/** Boolean indicators have no percentile; the tested value is the flag itself (§7.4, §7.5). */
const FLAG = 1;

/** Every burden indicator, grouped by category in the order the original evaluates them. */
export const INDICATORS = {
  // §7.1 climate change
  expected_agriculture_loss: {
    category: "climate",
    label: "Expected agriculture loss rate",
    area: "states",
    sourceColumn: "Expected agricultural loss rate (Natural Hazards Risk Index)",
    test: "percentile",
    testedColumn: "Expected agricultural loss rate (Natural Hazards Risk Index) (percentile)",
    testedTileCode: "EALR_PFS",
    direction: "normal",
    threshold: P90, // §7.1
    gate: "low_income",
    drop: "no_agricultural_value", // §6.3
    burdenColumn: "Greater than or equal to the 90th percentile for expected agricultural loss",
    tileCode: "EAL_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for expected agriculture loss rate and is low income?",
    countedTileCode: null,
  },
  expected_building_loss: {
    category: "climate",
    label: "Expected building loss rate",
    area: "states",
    sourceColumn: "Expected building loss rate (Natural Hazards Risk Index)",
    test: "percentile",
    testedColumn: "Expected building loss rate (Natural Hazards Risk Index) (percentile)",
    testedTileCode: "EBLR_PFS",
    direction: "normal",
    threshold: P90, // §7.1
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for expected building loss",
    tileCode: "EBL_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for expected building loss rate and is low income?",
    countedTileCode: null,
  },
  expected_population_loss: {
    category: "climate",
    label: "Expected population loss rate",
    area: "states",
    sourceColumn: "Expected population loss rate (Natural Hazards Risk Index)",
    test: "percentile",
    testedColumn: "Expected population loss rate (Natural Hazards Risk Index) (percentile)",
    testedTileCode: "EPLR_PFS",
    direction: "normal",
    threshold: P90, // §7.1
    gate: "low_income",
    drop: "population_20_or_less", // §6.3
    burdenColumn: "Greater than or equal to the 90th percentile for expected population loss",
    tileCode: "EPL_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for expected population loss rate and is low income?",
    countedTileCode: null,
  },
  flood_risk: {
    category: "climate",
    label: "Projected flood risk",
    area: "states",
    sourceColumn: "Share of properties at risk of flood in 30 years",
    test: "percentile",
    testedColumn: "Share of properties at risk of flood in 30 years (percentile)",
    testedTileCode: "FLD_PFS",
    direction: "normal",
    threshold: P90, // §7.1
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years",
    tileCode: "FLD_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for share of properties at risk of flood in 30 years and is low income?",
    countedTileCode: null,
  },
  wildfire_risk: {
    category: "climate",
    label: "Projected wildfire risk",
    area: "states",
    sourceColumn: "Share of properties at risk of fire in 30 years",
    test: "percentile",
    testedColumn: "Share of properties at risk of fire in 30 years (percentile)",
    testedTileCode: "WFR_PFS",
    direction: "normal",
    threshold: P90, // §7.1
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years",
    tileCode: "WFR_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for share of properties at risk of fire in 30 years and is low income?",
    countedTileCode: null,
  },
  // §7.2 energy
  energy_burden: {
    category: "energy",
    label: "Energy cost",
    area: "states",
    sourceColumn: "Energy burden",
    test: "percentile",
    testedColumn: "Energy burden (percentile)",
    testedTileCode: "EBF_PFS",
    direction: "normal",
    threshold: P90, // §7.2
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for energy burden",
    tileCode: "EB_ET",
    countedColumn: "Greater than or equal to the 90th percentile for energy burden and is low income?",
    countedTileCode: null,
  },
  pm25: {
    category: "energy",
    label: "PM2.5 in the air",
    area: "states",
    sourceColumn: "PM2.5 in the air",
    test: "percentile",
    testedColumn: "PM2.5 in the air (percentile)",
    testedTileCode: "PM25F_PFS",
    direction: "normal",
    threshold: P90, // §7.2
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for pm2.5 exposure",
    tileCode: "PM25_ET",
    countedColumn: "Greater than or equal to the 90th percentile for PM2.5 exposure and is low income?",
    countedTileCode: null,
  },
  // §7.6 transportation
  diesel_particulate_matter: {
    category: "transportation",
    label: "Diesel particulate matter exposure",
    area: "states",
    sourceColumn: "Diesel particulate matter exposure",
    test: "percentile",
    testedColumn: "Diesel particulate matter exposure (percentile)",
    testedTileCode: "DSF_PFS",
    direction: "normal",
    threshold: P90, // §7.6
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for diesel particulate matter",
    tileCode: "DS_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for diesel particulate matter and is low income?",
    countedTileCode: null,
  },
  travel_barriers: {
    category: "transportation",
    label: "Transportation barriers",
    area: "states",
    sourceColumn: "DOT Travel Barriers Score",
    test: "percentile",
    testedColumn: "DOT Travel Barriers Score (percentile)",
    testedTileCode: "TD_PFS",
    direction: "normal",
    threshold: P90, // §7.6
    gate: "low_income",
    drop: "population_20_or_less", // §6.3
    burdenColumn: "Greater than or equal to the 90th percentile for DOT travel barriers",
    tileCode: "TD_ET",
    countedColumn: "Greater than or equal to the 90th percentile for DOT transit barriers and is low income?",
    countedTileCode: null,
  },
  traffic_proximity: {
    category: "transportation",
    label: "Traffic proximity and volume",
    area: "states",
    sourceColumn: "Traffic proximity and volume",
    test: "percentile",
    testedColumn: "Traffic proximity and volume (percentile)",
    testedTileCode: "TF_PFS",
    direction: "normal",
    threshold: P90, // §7.6
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for traffic proximity",
    tileCode: "TP_ET",
    countedColumn: "Greater than or equal to the 90th percentile for traffic proximity and is low income?",
    countedTileCode: null,
  },
  // §7.4 housing
  historic_underinvestment: {
    category: "housing",
    label: "Historic underinvestment",
    area: "states",
    sourceColumn: "Tract-level redlining score meets or exceeds 3.25",
    test: "flag",
    testedColumn: "Tract-level redlining score meets or exceeds 3.25",
    testedTileCode: "HRS_ET",
    direction: "normal",
    threshold: FLAG, // §7.4: the boolean itself, missing = false
    gate: "low_income",
    drop: "none",
    burdenColumn: "Tract-level redlining score meets or exceeds 3.25",
    tileCode: "HRS_ET",
    countedColumn: "Tract-level redlining score meets or exceeds 3.25 and is low income",
    countedTileCode: null,
  },
  housing_cost: {
    category: "housing",
    label: "Housing cost",
    area: "states",
    sourceColumn: "Housing burden (percent)",
    test: "percentile",
    testedColumn: "Housing burden (percent) (percentile)",
    testedTileCode: "HBF_PFS",
    direction: "normal",
    threshold: P90, // §7.4
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for housing burden",
    tileCode: "HB_ET",
    countedColumn: "Greater than or equal to the 90th percentile for housing burden and is low income?",
    countedTileCode: null,
  },
  lack_of_green_space: {
    category: "housing",
    label: "Lack of green space",
    area: "states",
    sourceColumn:
      "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
    test: "percentile",
    testedColumn:
      "Share of the tract's land area that is covered by impervious surface or cropland as a percent (percentile)",
    testedTileCode: "IS_PFS",
    direction: "normal",
    threshold: P90, // §7.4
    gate: "low_income",
    drop: "none", // the 35-acre rule is not applied (§6.3, §17 #7)
    burdenColumn:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent",
    tileCode: "IS_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for share of the tract's land area that is covered by impervious surface or cropland as a percent and is low income?",
    countedTileCode: null,
  },
  lack_of_indoor_plumbing: {
    category: "housing",
    label: "Lack of indoor plumbing",
    area: "states",
    sourceColumn: "Share of homes with no kitchen or indoor plumbing (percent)",
    test: "percentile",
    testedColumn: "Share of homes with no kitchen or indoor plumbing (percent) (percentile)",
    testedTileCode: "KP_PFS",
    direction: "normal",
    threshold: P90, // §7.4
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for share of homes without indoor plumbing or a kitchen",
    tileCode: "KP_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for share of homes with no kitchen or indoor plumbing and is low income?",
    countedTileCode: null,
  },
  lead_paint: {
    category: "housing",
    label: "Lead paint",
    area: "states",
    sourceColumn: "Percent pre-1960s housing (lead paint indicator)",
    test: "percentile",
    testedColumn: "Percent pre-1960s housing (lead paint indicator) (percentile)",
    testedTileCode: "LPF_PFS",
    direction: "normal",
    threshold: P90, // §7.4
    // §5.1 MEDIAN_HOUSE_VALUE_THRESHOLD; a missing house-value percentile fails the test (§7.4)
    alsoAtMost: { column: "Median value ($) of owner-occupied housing units (percentile)", threshold: 0.9 },
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile",
    tileCode: "LPP_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile and is low income?",
    countedTileCode: null,
  },
  // §7.5 legacy pollution
  abandoned_mine_land: {
    category: "pollution",
    label: "Abandoned mine land",
    area: "states",
    sourceColumn: "Is there at least one abandoned mine in this census tract?",
    test: "flag",
    testedColumn: "Is there at least one abandoned mine in this census tract?",
    testedTileCode: null,
    direction: "normal",
    threshold: FLAG, // §7.5: missing = false
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Is there at least one abandoned mine in this census tract, where missing data is treated as False?",
    tileCode: "AML_ET",
    countedColumn: "There is at least one abandoned mine in this census tract and the tract is low income.",
    countedTileCode: null,
  },
  formerly_used_defense_sites: {
    category: "pollution",
    label: "Formerly used defense sites",
    // FUDS data covers the island areas too (§7.5)
    area: "states",
    sourceColumn: "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
    test: "flag",
    testedColumn: "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
    testedTileCode: "FUDS_RAW",
    direction: "normal",
    threshold: FLAG, // §7.5: missing = false
    gate: "low_income",
    drop: "none",
    burdenColumn:
      "Is there at least one Formerly Used Defense Site (FUDS) in the tract, where missing data is treated as False?",
    tileCode: "FUDS_ET",
    countedColumn:
      "There is at least one Formerly Used Defense Site (FUDS) in the tract and the tract is low income.",
    countedTileCode: null,
  },
  hazardous_waste: {
    category: "pollution",
    label: "Proximity to hazardous waste facilities",
    area: "states",
    sourceColumn: "Proximity to hazardous waste sites",
    test: "percentile",
    testedColumn: "Proximity to hazardous waste sites (percentile)",
    testedTileCode: "TSDF_PFS",
    direction: "normal",
    threshold: P90, // §7.5
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for proximity to hazardous waste sites",
    tileCode: "TSDF_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for proximity to hazardous waste facilities and is low income?",
    countedTileCode: null,
  },
  superfund: {
    category: "pollution",
    label: "Proximity to Superfund sites",
    area: "states",
    sourceColumn: "Proximity to NPL sites",
    test: "percentile",
    testedColumn: "Proximity to NPL sites (percentile)",
    testedTileCode: "NPL_PFS",
    direction: "normal",
    threshold: P90, // §7.5
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for NPL (superfund sites) proximity",
    tileCode: "NPL_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for proximity to superfund sites and is low income?",
    countedTileCode: null,
  },
  risk_management_plan: {
    category: "pollution",
    label: "Proximity to Risk Management Plan facilities",
    area: "states",
    sourceColumn: "Proximity to Risk Management Plan (RMP) facilities",
    test: "percentile",
    testedColumn: "Proximity to Risk Management Plan (RMP) facilities (percentile)",
    testedTileCode: "RMP_PFS",
    direction: "normal",
    threshold: P90, // §7.5
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for RMP proximity",
    tileCode: "RMP_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for proximity to RMP sites and is low income?",
    countedTileCode: null,
  },
  // §7.7 water and wastewater
  wastewater_discharge: {
    category: "water",
    label: "Wastewater discharge",
    area: "states",
    sourceColumn: "Wastewater discharge",
    test: "percentile",
    testedColumn: "Wastewater discharge (percentile)",
    testedTileCode: "WF_PFS",
    direction: "normal",
    threshold: P90, // §7.7
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for wastewater discharge",
    tileCode: "WD_ET",
    countedColumn: "Greater than or equal to the 90th percentile for wastewater discharge and is low income?",
    countedTileCode: null,
  },
  underground_storage_tanks: {
    category: "water",
    label: "Leaky underground storage tanks",
    area: "states",
    sourceColumn: "Leaky underground storage tanks",
    test: "percentile",
    testedColumn: "Leaky underground storage tanks (percentile)",
    testedTileCode: "UST_PFS",
    direction: "normal",
    threshold: P90, // §7.7
    gate: "low_income",
    drop: "none",
    // "underwater" is the original's spelling
    burdenColumn: "Greater than or equal to the 90th percentile for leaky underwater storage tanks",
    tileCode: "UST_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for leaky underground storage tanks and is low income?",
    countedTileCode: null,
  },
  // §7.3 health
  diabetes: {
    category: "health",
    label: "Diabetes",
    area: "states",
    sourceColumn: "Diagnosed diabetes among adults aged greater than or equal to 18 years",
    test: "percentile",
    testedColumn: "Diagnosed diabetes among adults aged greater than or equal to 18 years (percentile)",
    testedTileCode: "DF_PFS",
    direction: "normal",
    threshold: P90, // §7.3
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for diabetes",
    tileCode: "DB_ET",
    countedColumn: "Greater than or equal to the 90th percentile for diabetes and is low income?",
    countedTileCode: "DLI",
  },
  asthma: {
    category: "health",
    label: "Asthma",
    area: "states",
    sourceColumn: "Current asthma among adults aged greater than or equal to 18 years",
    test: "percentile",
    testedColumn: "Current asthma among adults aged greater than or equal to 18 years (percentile)",
    testedTileCode: "AF_PFS",
    direction: "normal",
    threshold: P90, // §7.3
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for asthma",
    tileCode: "A_ET",
    countedColumn: "Greater than or equal to the 90th percentile for asthma and is low income?",
    countedTileCode: "ALI",
  },
  heart_disease: {
    category: "health",
    label: "Heart disease",
    area: "states",
    sourceColumn: "Coronary heart disease among adults aged greater than or equal to 18 years",
    test: "percentile",
    testedColumn: "Coronary heart disease among adults aged greater than or equal to 18 years (percentile)",
    testedTileCode: "HDF_PFS",
    direction: "normal",
    threshold: P90, // §7.3
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for heart disease",
    tileCode: "HD_ET",
    countedColumn: "Greater than or equal to the 90th percentile for heart disease and is low income?",
    countedTileCode: null,
  },
  low_life_expectancy: {
    category: "health",
    label: "Low life expectancy",
    area: "states",
    sourceColumn: "Life expectancy (years)",
    test: "percentile",
    testedColumn: "Low life expectancy (percentile)",
    testedTileCode: "LLEF_PFS",
    direction: "reverse", // §6.5
    threshold: P90, // §7.3
    gate: "low_income",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for low life expectancy",
    tileCode: "LLE_ET",
    countedColumn: "Greater than or equal to the 90th percentile for low life expectancy and is low income?",
    countedTileCode: null,
  },
  // §7.8 workforce development, states, DC and PR
  linguistic_isolation: {
    category: "workforce",
    label: "Linguistic isolation",
    area: "states",
    sourceColumn: "Linguistic isolation (percent)",
    test: "percentile",
    testedColumn: "Linguistic isolation (percent) (percentile)",
    testedTileCode: "LIF_PFS",
    direction: "normal",
    threshold: P90, // §7.8
    gate: "hs_education",
    drop: "puerto_rico", // §6.3, §8
    burdenColumn: "Greater than or equal to the 90th percentile for households in linguistic isolation",
    tileCode: "LISO_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for households in linguistic isolation and has low HS attainment?",
    countedTileCode: null,
  },
  low_median_income: {
    category: "workforce",
    label: "Low median income",
    area: "states",
    sourceColumn: "Median household income as a percent of area median income",
    test: "percentile",
    testedColumn: "Low median household income as a percent of area median income (percentile)",
    testedTileCode: "LMI_PFS",
    direction: "reverse", // §6.5
    threshold: P90, // §7.8
    gate: "hs_education",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income",
    tileCode: "LMI_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS attainment?",
    countedTileCode: "LMILHSE",
  },
  poverty: {
    category: "workforce",
    label: "Poverty",
    area: "states",
    sourceColumn: "Percent of individuals < 100% Federal Poverty Line",
    test: "percentile",
    testedColumn: "Percent of individuals < 100% Federal Poverty Line (percentile)",
    testedTileCode: "P100_PFS",
    direction: "normal",
    threshold: P90, // §7.8
    gate: "hs_education",
    drop: "none",
    burdenColumn:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level",
    tileCode: "POV_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS attainment?",
    countedTileCode: "PLHSE",
  },
  unemployment: {
    category: "workforce",
    label: "Unemployment",
    area: "states",
    sourceColumn: "Unemployment (percent)",
    test: "percentile",
    testedColumn: "Unemployment (percent) (percentile)",
    testedTileCode: "UF_PFS",
    direction: "normal",
    threshold: P90, // §7.8
    gate: "hs_education",
    drop: "none",
    burdenColumn: "Greater than or equal to the 90th percentile for unemployment",
    tileCode: "UN_ET",
    countedColumn: "Greater than or equal to the 90th percentile for unemployment and has low HS attainment?",
    countedTileCode: "ULHSE",
  },
  // §7.8 workforce development, island areas (combined percentiles of §6.6)
  island_unemployment: {
    category: "workforce",
    label: "Unemployment (island areas)",
    area: "islands",
    sourceColumn: "Unemployment (percent) in 2009",
    test: "percentile",
    testedColumn: "Unemployment (percent) in 2009 for island areas (percentile)",
    testedTileCode: "IAULHSE_PFS",
    direction: "normal",
    threshold: P90, // §6.6, §7.8
    gate: "island_hs_education",
    drop: "none",
    burdenColumn: "Unemployment (percent) in 2009 exceeds 90th percentile",
    tileCode: "IA_UN_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for unemployment and has low HS education in 2009 (island areas)?",
    countedTileCode: "IAULHSE",
  },
  island_poverty: {
    category: "workforce",
    label: "Poverty (island areas)",
    area: "islands",
    sourceColumn: "Percentage households below 100% of federal poverty line in 2009",
    test: "percentile",
    testedColumn:
      "Percentage households below 100% of federal poverty line in 2009 for island areas (percentile)",
    testedTileCode: "IAPLHSE_PFS",
    direction: "normal",
    threshold: P90, // §6.6, §7.8
    gate: "island_hs_education",
    drop: "none",
    burdenColumn: "Percentage households below 100% of federal poverty line in 2009 exceeds 90th percentile",
    tileCode: "IA_POV_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for households at or below 100% federal poverty level and has low HS education in 2009 (island areas)?",
    countedTileCode: "IAPLHSE",
  },
  island_low_median_income: {
    category: "workforce",
    label: "Low median income (island areas)",
    area: "islands",
    sourceColumn: "Median household income as a percent of territory median income in 2009",
    test: "percentile",
    testedColumn: "Low median household income as a percent of territory median income in 2009 (percentile)",
    testedTileCode: "IALMILHSE_PFS",
    direction: "reverse", // §6.5, pooled over the four island areas (§17 #2)
    threshold: P90, // §6.6, §7.8
    gate: "island_hs_education",
    drop: "none",
    burdenColumn:
      "Low median household income as a percent of territory median income in 2009 exceeds 90th percentile",
    tileCode: "IA_LMI_ET",
    countedColumn:
      "Greater than or equal to the 90th percentile for low median household income as a percent of area median income and has low HS education in 2009 (island areas)?",
    countedTileCode: "IALMILHSE",
  },
} as const satisfies Record<IndicatorId, IndicatorSpec>;

/** Indicator ids in catalog order (grouped by category). */
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];
