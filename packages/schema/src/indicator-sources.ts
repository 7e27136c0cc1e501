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
  source: "U.S. Census Bureau, American Community Survey",
  year: "2015–2019",
};
const PLACES: IndicatorSource = {
  dataset: "cdc_places",
  source: "CDC PLACES",
  year: "2016–2019",
};
const ISLANDS: IndicatorSource = {
  dataset: "census_decennial",
  source: "U.S. Census Bureau, Decennial Census of the Island Areas",
  year: "2010 (1.0), 2020 (2.0)",
};
const ejscreen = (source: string, year: string): IndicatorSource => ({
  dataset: "ejscreen",
  source: `${source} (as compiled in EPA EJScreen)`,
  year,
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
  pm25: ejscreen("EPA Office of Air and Radiation, fusion of model and monitor data", "2017"),
  diesel_particulate_matter: ejscreen("EPA National Air Toxics Assessment", "2014"),
  travel_barriers: {
    dataset: "travel_composite",
    source: "U.S. Department of Transportation, Transportation Access Disadvantage",
    year: "2022",
  },
  traffic_proximity: ejscreen("U.S. Department of Transportation traffic data", "2017"),
  historic_underinvestment: {
    dataset: "historic_redlining",
    source: "National Community Reinvestment Coalition, Historic Redlining Score",
    year: "2010",
  },
  housing_cost: CHAS,
  lack_of_green_space: {
    dataset: "nlcd_nature_deprived",
    source: "Trust for Public Land and American Forests, from the National Land Cover Database",
    year: "2019",
  },
  lack_of_indoor_plumbing: CHAS,
  lead_paint: ejscreen("U.S. Census Bureau, American Community Survey", "2015–2019"),
  abandoned_mine_land: {
    dataset: "eamlis",
    source: "Department of the Interior, Abandoned Mine Land Inventory System (e-AMLIS)",
    year: "2017",
  },
  formerly_used_defense_sites: {
    dataset: "us_army_fuds",
    source: "U.S. Army Corps of Engineers, Formerly Used Defense Sites",
    year: "2019",
  },
  hazardous_waste: ejscreen("EPA Treatment, Storage and Disposal Facilities", "2020"),
  superfund: ejscreen("EPA Superfund National Priorities List", "2020"),
  risk_management_plan: ejscreen("EPA Risk Management Plan facilities", "2020"),
  wastewater_discharge: ejscreen("EPA Risk-Screening Environmental Indicators", "2020"),
  underground_storage_tanks: ejscreen("EPA UST Finder", "2021"),
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
