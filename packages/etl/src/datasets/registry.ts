import { cdcLifeExpectancy } from "./cdc_life_expectancy/adapter.ts";
import { cdcPlaces } from "./cdc_places/adapter.ts";
import { census } from "./census/adapter.ts";
import { censusAcs } from "./census_acs/adapter.ts";
import { censusAcs2010 } from "./census_acs_2010/adapter.ts";
import { censusAcsMedianIncome } from "./census_acs_median_income/adapter.ts";
import { censusDecennial } from "./census_decennial/adapter.ts";
import { censusPlaces } from "./census_places/adapter.ts";
import { doeEnergyBurden } from "./doe_energy_burden/adapter.ts";
import { eamlis } from "./eamlis/adapter.ts";
import { ejscreen } from "./ejscreen/adapter.ts";
import { floodRisk } from "./fsf_flood_risk/adapter.ts";
import { wildfireRisk } from "./fsf_wildfire_risk/adapter.ts";
import { geocorr } from "./geocorr/adapter.ts";
import { historicRedlining } from "./historic_redlining/adapter.ts";
import { hudHousing } from "./hud_housing/adapter.ts";
import { nationalRiskIndex } from "./national_risk_index/adapter.ts";
import { nlcdNatureDeprived } from "./nlcd_nature_deprived/adapter.ts";
import { travelComposite } from "./travel_composite/adapter.ts";
import { tribalOverlap } from "./tribal_overlap/adapter.ts";
import type { DatasetAdapter, DatasetId } from "./types.ts";
import { usArmyFuds } from "./us_army_fuds/adapter.ts";

/** Every source adapter, by ETL name; the compiler checks that none is missing. */
export const DATASETS = {
  national_risk_index: nationalRiskIndex,
  hud_housing: hudHousing,
  cdc_places: cdcPlaces,
  ejscreen,
  census,
  fsf_flood_risk: floodRisk,
  fsf_wildfire_risk: wildfireRisk,
  doe_energy_burden: doeEnergyBurden,
  cdc_life_expectancy: cdcLifeExpectancy,
  geocorr,
  nlcd_nature_deprived: nlcdNatureDeprived,
  travel_composite: travelComposite,
  eamlis,
  us_army_fuds: usArmyFuds,
  historic_redlining: historicRedlining,
  census_acs: censusAcs,
  census_decennial: censusDecennial,
  census_acs_2010: censusAcs2010,
  census_acs_median_income: censusAcsMedianIncome,
  tribal_overlap: tribalOverlap,
  census_places: censusPlaces,
} satisfies Record<DatasetId, DatasetAdapter>;

/** The ETL names, in registry order. */
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** True when `name` is an ETL name this package has an adapter for. */
export function isDatasetId(name: string): name is DatasetId {
  return Object.hasOwn(DATASETS, name);
}
