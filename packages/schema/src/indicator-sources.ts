import type { IndicatorId } from "./indicators.ts";

/** Where an indicator's data comes from, for people reading the methodology page. */
export interface IndicatorSource {
  /** The ETL dataset that reads it (`cejst etl <dataset>`). */
  dataset: string;
  /** The publisher and data set, as the technical support document names them. */
  source: string;
  /** The years the data describe. */
  year: string;
}

// Publishers and vintages follow the specification: methodology.md §4.1 (ACS 2015–2019),
// §4.4 (island decennial census: 2010 for 1.0, 2020 DHC-A for 2.0), §4.5 (the other sources:
// HUD CHAS 2014–2018, CDC PLACES 2021, CDC USALEEP, DOE LEAD 2018, EPA EJSCREEN 2021, DOT 2022
// transportation disadvantage layer, NCRC historic redlining on 2010 tracts, OSMRE eAMLIS,
// US Army FUDS, NLCD via TPL, First Street) and datasets.md (the dataset folders). §4.5 names
// no year for FEMA NRI, First Street, NLCD/TPL, eAMLIS and FUDS: those years are the vintages
// of the files the ETL reads (the technical support document's table of sources).
const NRI: IndicatorSource = {
  dataset: "national_risk_index",
  source: "FEMA National Risk Index",
  year: "2014–2021",
};
const CHAS: IndicatorSource = {
  dataset: "hud_housing",
  source: "HUD Comprehensive Housing Affordability Strategy (CHAS)",
  year: "2014–2018",
};
const ACS: IndicatorSource = {
  dataset: "census_acs",
  source: "U.S. Census Bureau, American Community Survey 5-year estimates",
  year: "2015–2019",
};
const PLACES: IndicatorSource = {
  dataset: "cdc_places",
  source: "CDC PLACES, 2021 release",
  year: "2021",
};
const ISLANDS: IndicatorSource = {
  dataset: "census_decennial",
  source: "U.S. Census Bureau, Decennial Census of the Island Areas",
  year: "2010 (1.0), 2020 (2.0)",
};
// methodology.md §4.5: every EJSCREEN-derived column comes from the EJSCREEN 2021 tract file.
const ejscreen = (indicator: string): IndicatorSource => ({
  dataset: "ejscreen",
  source: `EPA EJSCREEN 2021: ${indicator}`,
  year: "2021",
});

/**
 * The source and years of every burden indicator (the technical support document's table of
 * data sources), so the methodology page names them from one catalogue. Values are the same
 * in versions 1.0 and 2.0 except where `year` says otherwise.
 */
export const INDICATOR_SOURCES = {
  expected_agriculture_loss: NRI,
  expected_building_loss: NRI,
  expected_population_loss: NRI,
  flood_risk: { dataset: "fsf_flood_risk", source: "First Street Foundation, Flood Model", year: "2022" },
  wildfire_risk: {
    dataset: "fsf_wildfire_risk",
    source: "First Street Foundation, Wildfire Model",
    year: "2022",
  },
  energy_burden: {
    dataset: "doe_energy_burden",
    source: "U.S. Department of Energy, Low-Income Energy Affordability Data (LEAD) Tool",
    year: "2018",
  },
  pm25: ejscreen("PM2.5 in the air"),
  diesel_particulate_matter: ejscreen("diesel particulate matter exposure"),
  travel_barriers: {
    dataset: "travel_composite",
    source: "U.S. Department of Transportation, Transportation Disadvantage layer",
    year: "2022",
  },
  traffic_proximity: ejscreen("traffic proximity and volume"),
  historic_underinvestment: {
    dataset: "historic_redlining",
    source: "National Community Reinvestment Coalition, Historic Redlining Score (2010 tracts)",
    year: "2010",
  },
  housing_cost: CHAS,
  lack_of_green_space: {
    dataset: "nlcd_nature_deprived",
    source: "National Land Cover Database, as compiled by the Trust for Public Land",
    year: "2019",
  },
  lack_of_indoor_plumbing: CHAS,
  lead_paint: ejscreen("pre-1960 housing (from the American Community Survey)"),
  abandoned_mine_land: {
    dataset: "eamlis",
    source:
      "Office of Surface Mining Reclamation and Enforcement, Abandoned Mine Land Inventory System (eAMLIS)",
    year: "2017",
  },
  formerly_used_defense_sites: {
    dataset: "us_army_fuds",
    source: "U.S. Army Corps of Engineers, Formerly Used Defense Sites (FUDS)",
    year: "2019",
  },
  hazardous_waste: ejscreen("proximity to hazardous waste facilities"),
  superfund: ejscreen("proximity to Superfund National Priorities List sites"),
  risk_management_plan: ejscreen("proximity to Risk Management Plan facilities"),
  wastewater_discharge: ejscreen("wastewater discharge"),
  underground_storage_tanks: ejscreen("leaking underground storage tanks"),
  diabetes: PLACES,
  asthma: PLACES,
  heart_disease: PLACES,
  low_life_expectancy: {
    dataset: "cdc_life_expectancy",
    source: "CDC U.S. Small-area Life Expectancy Estimates Project (USALEEP)",
    year: "2010–2015",
  },
  linguistic_isolation: ACS,
  low_median_income: ACS,
  poverty: ACS,
  unemployment: ACS,
  island_unemployment: ISLANDS,
  island_poverty: ISLANDS,
  island_low_median_income: ISLANDS,
} as const satisfies Record<IndicatorId, IndicatorSource>;
