import { csvField, formatFixed10, formatPythonFloat } from "@cejst/etl";
import { computeAdjustedLowIncomeV1, computeAdjustedLowIncomeV2, nri10 } from "@cejst/methodology";
import type { Tract } from "./geography.ts";
import { imputeByNeighbours } from "./impute-by-neighbours.ts";
import { hashString, type Rng, rngFor, unitFromHash } from "./prng.ts";
import { MINING_STATES, STATE_ABBREVIATIONS, TERRITORY_MEDIAN_INCOME, TRIBAL_STATES } from "./states.ts";
import { type IslandCounts, RACE_GROUPS, type TractValues } from "./tract-values.ts";

/** The methodology versions whose ETL the sample reproduces. */
export type SampleVersion = "1.0" | "2.0";

/** One CSV file of a dataset folder: its path, header and rows (formatted CSV lines). */
export interface DatasetFile {
  path: string;
  header: readonly string[];
  /** One CSV line per row, without terminator. */
  lines: string[];
}

type Cell = number | boolean | string | null;
type Formatter = (x: Cell) => string;

/** pandas `to_csv` float text (`4781.0`), empty for missing. */
const py: Formatter = (x) => (typeof x === "number" ? formatPythonFloat(x) : x === null ? "" : String(x));
/** The `%.10f` text the NRI adapter writes (its floats are rounded to 10 decimals first). */
const f10: Formatter = (x) => (typeof x === "number" ? formatFixed10(x) : x === null ? "" : String(x));
/** Integers as integers (columns without missing values are written by pandas as int64). */
const int: Formatter = (x) => (x === null ? "" : String(x));
const bool: Formatter = (x) => (x === null ? "" : x ? "True" : "False");
/** The only formatter whose output may need CSV quoting. */
const text: Formatter = (x) => (x === null ? "" : csvField(String(x)));

/** Division as pandas does it: `0/0` is missing. */
function ratio(num: number | null, den: number | null): number | null {
  if (num === null || den === null) return null;
  const r = num / den;
  return Number.isNaN(r) ? null : r;
}

const or = (raw: number | null, imputed: number | null) => (raw !== null ? raw : imputed);
const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

class FileBuilder {
  readonly lines: string[] = [];
  readonly path: string;
  readonly columns: ReadonlyArray<readonly [string, Formatter]>;
  constructor(path: string, columns: ReadonlyArray<readonly [string, Formatter]>) {
    this.path = path;
    this.columns = columns;
  }
  add(geoid: string, cells: readonly Cell[]): void {
    if (cells.length !== this.columns.length)
      throw new Error(
        `${this.path} row has ${cells.length} cells for ${this.columns.length} columns (got ${geoid})`,
      );
    // Formatters return CSV-safe text, so a row is one flat string: 74,000 rows × 60 cells
    // kept as separate strings made the garbage collector the slowest part of a national run.
    const parts = new Array<string>(cells.length + 1);
    parts[0] = geoid;
    for (let i = 0; i < cells.length; i++) parts[i + 1] = this.columns[i]![1](cells[i]!);
    this.lines.push(parts.join(","));
  }
  build(): DatasetFile {
    return {
      path: this.path,
      header: ["GEOID10_TRACT", ...this.columns.map((c) => c[0])],
      lines: this.lines,
    };
  }
}

/** ACS 2006–2010 counts of a tract (states and PR): the poverty universe and labour force. */
export interface Acs2010Counts {
  universe: number;
  k100: number;
  k150: number;
  k200: number;
  laborForce: number;
  unemployed: number;
}

/** The 2006–2010 counts both the dataset file and the raw Census API response are written from. */
export function acs2010Counts(t: Tract, values: readonly TractValues[], seed: number): Acs2010Counts | null {
  const a = values[t.index]!.acs;
  if (!a) return null;
  const g = rngFor(seed, "acs2010", t.geoid);
  const universe = a.population === 0 ? 0 : Math.round(a.population * (0.85 + 0.2 * g.next()));
  const share = (base: number | null) => (base === null ? 0.3 : base) * Math.exp(0.25 * g.normal());
  const p200 = clamp(share(ratio(a.n200, a.nTot)), 0, 1);
  const k200 = Math.round(universe * p200);
  const k150 = Math.round(k200 * (0.7 + 0.1 * g.next()));
  const k100 = Math.round(k150 * (0.6 + 0.15 * g.next()));
  const laborForce = Math.round(a.laborForce * (0.9 + 0.2 * g.next()));
  const unemployed = Math.round(
    laborForce * clamp((a.unemployed / Math.max(a.laborForce, 1)) * 1.4 * Math.exp(0.3 * g.normal()), 0, 1),
  );
  return { universe, k100, k150, k200, laborForce, unemployed };
}

/** HUD CHAS counts of a tract: cost-burdened households, the burden denominator, plumbing. */
export interface ChasCounts {
  numerator: number;
  denominator: number;
  /** Households whose burden was not computed (no or negative income). */
  notComputed: number;
  households: number;
  lackingPlumbing: number;
}

/** The CHAS counts both the dataset file and the raw CHAS tables are written from (states and PR). */
export function chasCounts(t: Tract, values: readonly TractValues[], seed: number): ChasCounts {
  const g = rngFor(seed, "chas", t.geoid);
  const a = values[t.index]!.acs!;
  const L = values[t.index]!.latent;
  const den = Math.round(a.households * (0.93 + 0.05 * g.next()));
  const num = Math.round(den * sigmoid(-1.2 + 0.55 * L.deprivation + 0.25 * L.urban + 0.3 * g.normal()));
  const lacking = g.chance(0.55)
    ? 0
    : Math.round(a.households * 0.006 * Math.exp(0.5 * L.deprivation + g.normal()));
  const notComputed = Math.round(a.households * 0.02 * g.next());
  return {
    numerator: num,
    denominator: den,
    notComputed,
    households: a.households,
    lackingPlumbing: Math.min(lacking, a.households),
  };
}

/**
 * Splits a count into `parts` whole parts (the cells of a census table that sum to it), the
 * same way every time, so a file written from the parts and one written from the total agree.
 */
export function splitCount(total: number, parts: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let k = 0; k < parts - 1; k++) {
    const share = Math.floor(left / (parts - k)) + (k === 0 ? left % (parts - k) : 0);
    out.push(share);
    left -= share;
  }
  out.push(left);
  return out;
}

const ACS_RATE_NAMES = {
  p200Imputed: "Percent of individuals < 200% Federal Poverty Line, imputed",
  adjusted: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
} as const;

/**
 * The values both versions share, drawn once: ACS derived columns and neighbour imputation.
 * Everything per version is computed from these in `datasetFilesFor`.
 */
export interface SharedDerived {
  acsRows: number[];
  /** Per tract index (ACS rows only): raw and imputed series. */
  raw: Map<string, Array<number | null>>;
  imputed: Map<string, Array<number | null>>;
  /**
   * The 1.0 ETL imputes only the 200 % share and the college rate, so a tract is imputed
   * when one of those two is missing; these are its `p200` and `college` series.
   */
  imputedV1: Map<string, Array<number | null>>;
}

/** Neighbour-imputes the ACS low-income inputs (methodology.md §5.2) once for both versions. */
export function deriveShared(tracts: readonly Tract[], values: readonly TractValues[]): SharedDerived {
  const acsRows = tracts.filter((t) => values[t.index]!.acs).map((t) => t.index);
  const pos = new Map<number, number>();
  acsRows.forEach((t, i) => {
    pos.set(t, i);
  });
  const series = (f: (v: TractValues) => number | null) => acsRows.map((t) => f(values[t]!));
  const sum = (...xs: (number | null)[]) =>
    xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + b!, 0);
  const raw = new Map<string, Array<number | null>>([
    ["p200", series((v) => ratio(v.acs!.n200, v.acs!.nTot))],
    ["n200", series((v) => v.acs!.n200)],
    ["b009", series((v) => v.acs!.b009)],
    ["undergrad", series((v) => sum(v.acs!.b009, v.acs!.b019))],
    ["uPov", series((v) => sum(v.acs!.b009, v.acs!.b010))],
    ["uOff", series((v) => sum(v.acs!.b009, v.acs!.b010, v.acs!.b019, v.acs!.b020))],
    ["college", series((v) => ratio(v.acs!.collegeEnrolled, v.acs!.collegeUniverse))],
    ["nTot", series((v) => v.acs!.nTot)],
    ["n100", series((v) => v.acs!.n100)],
  ]);
  const rows = acsRows.map((t) => ({
    geoid: tracts[t]!.geoid,
    population: values[t]!.acs!.population,
    neighbours: tracts[t]!.neighbours.filter((n) => pos.has(n)).map((n) => pos.get(n)!),
  }));
  const keys = [...raw.keys()];
  const out = imputeByNeighbours(
    rows,
    keys.map((k) => raw.get(k)!),
  );
  const v1 = imputeByNeighbours(rows, [raw.get("p200")!, raw.get("college")!]);
  return {
    acsRows,
    raw,
    imputed: new Map(keys.map((k, i) => [k, out[i]!])),
    imputedV1: new Map([
      ["p200", v1[0]!],
      ["college", v1[1]!],
    ]),
  };
}

/**
 * Every `dataset/<name>/usa.csv` of one version's folder, each built when called (so a
 * national run holds one file's text at a time).
 */
export function datasetFilesFor(
  version: SampleVersion,
  tracts: readonly Tract[],
  values: readonly TractValues[],
  shared: SharedDerived,
  seed: number,
  wanted?: (dataset: string) => boolean,
): Array<() => DatasetFile> {
  const files: Array<() => DatasetFile> = [];
  // `dataset` names the folder the builder writes, so a caller can skip files it does not read.
  const add = (dataset: string, build: () => DatasetFile) => {
    if (!wanted || wanted(dataset)) files.push(build);
  };
  const r = (purpose: string, t: Tract): Rng => rngFor(seed, purpose, t.geoid);
  const land = tracts.filter((t) => !t.water);
  const statesAndPr = land.filter((t) => t.area === "nation" || t.area === "PR");
  const states = land.filter((t) => t.area === "nation");
  const islands = tracts.filter((t) => values[t.index]!.island);
  const pop = (t: Tract) => values[t.index]!.acs?.population ?? values[t.index]!.island?.population ?? 0;
  const L = (t: Tract) => values[t.index]!.latent;

  add("census_acs", () => censusAcs(version, tracts, values, shared));

  // ACS 2006–2010: states and PR, used only to rank the island areas.
  add("census_acs_2010", () => {
    const b = new FileBuilder("dataset/census_acs_2010/usa.csv", [
      ["Unemployment (percent) in 2010", py],
      ["Percent of individuals less than 100% Federal Poverty Line in 2010", py],
      ["Percent of individuals < 150% Federal Poverty Line in 2010", py],
      ["Percent of individuals < 200% Federal Poverty Line in 2010", py],
    ]);
    for (const t of tracts) {
      const c = acs2010Counts(t, values, seed);
      if (!c) continue;
      b.add(t.geoid, [
        ratio(c.unemployed, c.laborForce),
        ratio(c.k100, c.universe),
        ratio(c.k150, c.universe),
        ratio(c.k200, c.universe),
      ]);
    }
    return b.build();
  });

  // Area median income: the metro median where the tract's county is metropolitan, else the state's.
  add("census_acs_median_income_2019", () => {
    const b = new FileBuilder("dataset/census_acs_median_income_2019/usa.csv", [
      ["Census Place Name", text],
      ["County Name", text],
      ["State Abbreviation", text],
      ["Metropolitan/Micropolitan Statistical Area Name", text],
      ["MSA ID", text],
      ["MSA Type", text],
      ["Median household income in the past 12 months (MSA; 2019 inflation-adjusted dollars)", py],
      ["GEOID2", text],
      ["Median household income (State; 2019 inflation-adjusted dollars)", py],
      ["AMI Reference", text],
      ["Area Median Income (State or metropolitan)", py],
    ]);
    for (const t of statesAndPr) {
      const st = t.state;
      const stateMedian =
        st === "72"
          ? 20539
          : Math.round(52000 + 33000 * unitFromHash(hashString(`${seed}:state-median:${st}`)));
      const cr = rngFor(seed, "msa", t.county.fips);
      const type =
        st === "72" ? null : t.density >= 2 || cr.chance(0.25) ? "Metro" : cr.chance(0.4) ? "Micro" : null;
      const msaId = type ? String(10000 + (hashString(`${seed}:msa:${t.county.fips}`) % 89999)) : null;
      const msaIncome = type ? Math.round(stateMedian * Math.exp(0.18 * cr.normal())) : null;
      const abbr = STATE_ABBREVIATIONS[st] ?? st;
      const countyName = st === "72" ? `${t.county.name} Municipio` : `${t.county.name} County`;
      b.add(t.geoid, [
        t.density >= 3 ? `${t.county.name} city` : null,
        countyName,
        abbr,
        type
          ? `${t.county.name} ${type === "Metro" ? "Metropolitan" : "Micropolitan"} Statistical Area (synthetic), ${abbr}`
          : null,
        msaId,
        type,
        msaIncome,
        st,
        stateMedian,
        type === "Metro" ? "MSA" : "State",
        type === "Metro" ? msaIncome : stateMedian,
      ]);
    }
    return b.build();
  });

  add("census_decennial", () => islandFile(version, tracts, islands, values));

  // CDC PLACES 2021: states and DC (PLACES has no Puerto Rico).
  add("cdc_places", () => {
    const b = new FileBuilder("dataset/cdc_places/usa.csv", [
      ["Diagnosed diabetes among adults aged greater than or equal to 18 years", py],
      ["Current asthma among adults aged greater than or equal to 18 years", py],
      ["Coronary heart disease among adults aged greater than or equal to 18 years", py],
      ["Cancer (excluding skin cancer) among adults aged greater than or equal to 18 years", py],
      ["Current lack of health insurance among adults aged 18-64 years", py],
      [
        "Physical health not good for greater than or equal to 14 days among adults aged greater than or equal to 18 years",
        py,
      ],
    ]);
    for (const t of states) {
      const g = r("places", t);
      if (pop(t) < 50 || g.chance(0.01)) continue;
      const d = L(t).deprivation;
      const v = (base: number, slope: number, sd: number) =>
        roundTo(Math.max(0.5, base * Math.exp(slope * d + sd * g.normal())), 1);
      b.add(t.geoid, [
        v(10.5, 0.22, 0.12),
        v(9.6, 0.1, 0.08),
        v(6.1, 0.17, 0.2),
        v(6.6, -0.05, 0.18),
        v(11, 0.35, 0.25),
        v(12.5, 0.2, 0.1),
      ]);
    }
    return b.build();
  });

  // USALEEP life expectancy: states and DC, with the gaps the survey had.
  add("cdc_life_expectancy", () => {
    const b = new FileBuilder("dataset/cdc_life_expectancy/usa.csv", [["Life expectancy (years)", py]]);
    for (const t of states) {
      const g = r("life", t);
      if (pop(t) === 0 || g.chance(0.06)) continue;
      b.add(t.geoid, [roundTo(78.6 - 2.6 * L(t).deprivation + 1.6 * g.normal(), 1)]);
    }
    return b.build();
  });

  // DOE LEAD energy burden: states and PR.
  add("doe_energy_burden", () => {
    const b = new FileBuilder("dataset/doe_energy_burden/usa.csv", [["Energy burden", py]]);
    for (const t of statesAndPr) {
      const g = r("lead", t);
      if (pop(t) === 0 || g.chance(0.005)) continue;
      b.add(t.geoid, [roundTo(0.028 * Math.exp(0.35 * L(t).deprivation + 0.25 * g.normal()), 3)]);
    }
    return b.build();
  });

  // Abandoned mine lands: only tracts with at least one mine appear (the rest are missing).
  add("eamlis", () => {
    const b = new FileBuilder("dataset/eamlis/usa.csv", [
      ["Is there at least one abandoned mine in this census tract?", bool],
    ]);
    for (const t of states) {
      const p = MINING_STATES.has(t.state) ? (t.density <= 2 ? 0.14 : 0.03) : 0.004;
      if (r("mines", t).chance(p)) b.add(t.geoid, [true]);
    }
    return b.build();
  });

  // EJSCREEN 2021: states and PR.
  add("ejscreen", () => {
    const b = new FileBuilder("dataset/ejscreen/usa.csv", [
      ["Air toxics cancer risk", py],
      ["Respiratory hazard index", py],
      ["Diesel particulate matter exposure", py],
      ["PM2.5 in the air", py],
      ["Ozone", py],
      ["Traffic proximity and volume", py],
      ["Proximity to Risk Management Plan (RMP) facilities", py],
      ["Proximity to hazardous waste sites", py],
      ["Proximity to NPL sites", py],
      ["Wastewater discharge", py],
      ["Percent of households in linguistic isolation", py],
      ["Poverty (Less than 200% of federal poverty line)", py],
      ["Individuals over 64 years old", py],
      ["Individuals under 5 years old", py],
      ["Percent pre-1960s housing (lead paint indicator)", py],
      ["Leaky underground storage tanks", py],
    ]);
    for (const t of statesAndPr) {
      const g = r("ejscreen", t);
      const a = values[t.index]!.acs!;
      const l = L(t);
      const e = l.pollution;
      const lognormal = (median: number, slope: number, sd: number) =>
        median * Math.exp(slope * e + sd * g.normal());
      const regional = (base: number, sd: number) => base + sd * (0.7 * l.hazard + 0.3 * g.normal());
      const people = a.population > 0;
      b.add(t.geoid, [
        10 * Math.max(1, Math.round(2.5 + 0.8 * e + 0.4 * g.normal())),
        roundTo(Math.max(0.1, 0.35 + 0.12 * e + 0.05 * g.normal()), 1),
        lognormal(0.25, 0.7, 0.35),
        regional(8.3, 1.4),
        regional(42, 4.5),
        g.chance(0.02) ? 0 : lognormal(150, 1.2, 0.9),
        lognormal(0.45, 0.8, 0.8),
        lognormal(0.6, 0.9, 0.9),
        lognormal(0.08, 0.5, 0.9),
        g.chance(0.04) ? null : g.chance(0.1) ? 0 : lognormal(0.2, 0.8, 2.2),
        people ? ratio(a.isolatedHouseholds, a.households) : null,
        people ? ratio(a.n200, a.nTot) : null,
        people ? ratio(a.over64, a.population) : null,
        people ? ratio(Math.round(a.under10 * (0.45 + 0.1 * g.next())), a.population) : null,
        clamp(sigmoid(l.oldHousing + 0.5 * l.urban - 0.6 + 0.4 * g.normal()), 0, 1),
        g.chance(0.15) ? 0 : lognormal(1.2, 0.9, 0.8),
      ]);
    }
    return b.build();
  });

  // First Street flood (states and PR) and wildfire (states) risk.
  for (const hazard of ["flood", "fire"] as const)
    add(hazard === "flood" ? "fsf_flood_risk" : "fsf_wildfire_risk", () => {
      const rows = hazard === "flood" ? statesAndPr : states;
      const b = new FileBuilder(
        hazard === "flood" ? "dataset/fsf_flood_risk/usa.csv" : "dataset/fsf_wildfire_risk/usa.csv",
        hazard === "flood"
          ? [
              ["Count of properties eligible for flood risk calculation within tract (floor of 250)", int],
              ["Count of properties at risk of flood today", int],
              ["Count of properties at risk of flood in 30 years", int],
              ["Share of properties at risk of flood today", py],
              ["Share of properties at risk of flood in 30 years", py],
            ]
          : [
              ["Count of properties eligible for wildfire risk calculation within tract (floor of 250)", int],
              ["Count of properties at risk of wildfire today", int],
              ["Count of properties at risk of wildfire in 30 years", int],
              ["Share of properties at risk of fire today", py],
              ["Share of properties at risk of fire in 30 years", py],
            ],
      );
      for (const t of rows) {
        const g = r(hazard, t);
        if (g.chance(0.01)) continue;
        const props = Math.round(Math.max(pop(t), 40) * (0.35 + 0.2 * g.next()));
        const floor = Math.max(props, 250);
        const west = t.centre[0] < -100;
        const base =
          hazard === "flood"
            ? -3 + 0.9 * L(t).hazard + (t.awater > 0 ? 0.6 : 0)
            : -3.4 + 0.9 * L(t).hazard + (west ? 1.4 : -0.8) - 1.2 * L(t).urban;
        const none = g.chance(hazard === "flood" ? 0.2 : west ? 0.25 : 0.6);
        const today = none ? 0 : Math.round(props * sigmoid(base + 0.6 * g.normal()));
        const later = none ? 0 : Math.min(props, today + Math.round(props * 0.03 * g.next()));
        b.add(t.geoid, [floor, today, later, today / floor, later / floor]);
      }
      return b.build();
    });

  // geocorr urban flag: states only (Puerto Rico is not in geocorr).
  add("geocorr", () => {
    const b = new FileBuilder("dataset/geocorr/usa.csv", [["Urban Heuristic Flag", int]]);
    for (const t of states) b.add(t.geoid, [L(t).urban > 0.45 ? 1 : 0]);
    return b.build();
  });

  // NCRC historic redlining: older urban tracts of the states only.
  add("historic_redlining", () => {
    const b = new FileBuilder("dataset/historic_redlining/usa.csv", [
      ["Tract-level redlining score", py],
      ["Tract-level redlining score meets or exceeds 3.25", bool],
      ["Tract-level redlining score meets or exceeds 3.5", bool],
      ["Tract-level redlining score meets or exceeds 3.75", bool],
    ]);
    for (const t of states) {
      const g = r("redlining", t);
      if (t.density < 3 || !g.chance(0.35)) continue;
      const score = roundTo(
        1 + 3 * sigmoid(0.9 * L(t).deprivation + 0.5 * L(t).oldHousing + 0.4 * g.normal()),
        2,
      );
      b.add(t.geoid, [score, score >= 3.25, score >= 3.5, score >= 3.75]);
    }
    return b.build();
  });

  // HUD CHAS 2014–2018: states and PR.
  add("hud_housing", () => {
    const b = new FileBuilder("dataset/hud_housing/usa.csv", [
      ["HOUSING_BURDEN_NUMERATOR", int],
      ["HOUSING_BURDEN_DENOMINATOR", int],
      ["Housing burden (percent)", py],
      ["Share of homes with no kitchen or indoor plumbing (percent)", py],
      ["DENOM INCL NOT COMPUTED", int],
    ]);
    for (const t of statesAndPr) {
      const c = chasCounts(t, values, seed);
      b.add(t.geoid, [
        c.numerator,
        c.denominator,
        ratio(c.numerator, c.denominator),
        ratio(c.lackingPlumbing, c.households),
        c.denominator + c.notComputed,
      ]);
    }
    return b.build();
  });

  // FEMA NRI: states; every float rounded to 10 decimals as the adapter did.
  add("national_risk_index", () => {
    const b = new FileBuilder("dataset/national_risk_index/usa.csv", [
      ["FEMA Risk Index Expected Annual Loss Score", f10],
      ["Expected population loss rate (Natural Hazards Risk Index)", f10],
      ["Expected agricultural loss rate (Natural Hazards Risk Index)", f10],
      ["Expected building loss rate (Natural Hazards Risk Index)", f10],
      ["Contains agricultural value", bool],
    ]);
    for (const t of states) {
      const g = r("nri", t);
      const h = L(t).hazard;
      const agri = L(t).urban < 0.6 ? !g.chance(0.1) : g.chance(0.3);
      b.add(t.geoid, [
        nri10(clamp(18 + 7 * h + 4 * g.normal(), 0.1, 99.9)),
        nri10(2.5e-6 * Math.exp(0.8 * h + 1.1 * g.normal())),
        agri ? nri10(3e-4 * Math.exp(0.9 * h + 1.3 * g.normal())) : 0,
        nri10(2.5e-4 * Math.exp(0.8 * h + 0.9 * g.normal())),
        agri,
      ]);
    }
    return b.build();
  });

  // NLCD nature deprivation (TPL): contiguous states only.
  add("nlcd_nature_deprived", () => {
    const b = new FileBuilder("dataset/nlcd_nature_deprived/usa.csv", [
      ["Does the tract have at least 35 acres in it?", bool],
      ["Share of the tract's land area that is covered by impervious surface as a percent", py],
      ["Share of the tract's land area that is covered by impervious surface or cropland as a percent", py],
      ["Share of the tract's land area that is covered by cropland as a percent", py],
    ]);
    for (const t of states) {
      if (t.state === "02" || t.state === "15") continue;
      const g = r("nlcd", t);
      if (g.chance(0.02)) continue;
      const u = L(t).urban;
      const impervious = roundTo(clamp(75 * u ** 1.5 + 8 * g.normal(), 0, 99), 4);
      const crop = roundTo(clamp((1 - u) * 45 * g.next() * (g.chance(0.4) ? 0 : 1), 0, 100 - impervious), 4);
      // TPL publishes the natural share; the non-natural one is 100 minus it, as the ETL computes.
      const natural = roundTo(100 - impervious - crop, 4);
      b.add(t.geoid, [t.aland >= 141640, impervious, 100 - natural, crop]);
    }
    return b.build();
  });

  // DOT transportation disadvantage: states only.
  add("travel_composite", () => {
    const b = new FileBuilder("dataset/travel_composite/usa.csv", [["DOT Travel Barriers Score", py]]);
    for (const t of states) {
      const g = r("dot", t);
      if (g.chance(0.02)) continue;
      b.add(t.geoid, [roundTo(45 + 6 * L(t).deprivation - 4 * L(t).urban + 9 * g.normal(), 9)]);
    }
    return b.build();
  });

  // US Army FUDS: only tracts with at least one site.
  add("us_army_fuds", () => {
    const b = new FileBuilder("dataset/us_army_fuds/usa.csv", [
      ["Count of eligible Formerly Used Defense Site (FUDS) properties centroids", int],
      ["Count of ineligible Formerly Used Defense Site (FUDS) properties centroids", int],
      ["Is there at least one Formerly Used Defense Site (FUDS) in the tract?", bool],
    ]);
    for (const t of land) {
      const g = r("fuds", t);
      const p = t.area === "nation" ? 0.03 : t.area === "PR" ? 0.06 : 0.2;
      if (!g.chance(p)) continue;
      const eligible = g.chance(0.6) ? 1 + Math.floor(g.next() * g.next() * 4) : 0;
      const ineligible = eligible === 0 || g.chance(0.3) ? 1 + Math.floor(g.next() * 3) : 0;
      b.add(t.geoid, [eligible, ineligible, eligible > 0]);
    }
    return b.build();
  });
  return files;
}

function censusAcs(
  version: SampleVersion,
  tracts: readonly Tract[],
  values: readonly TractValues[],
  shared: SharedDerived,
): DatasetFile {
  const b = new FileBuilder("dataset/census_acs/usa.csv", [
    ["Total population", py],
    ["Unemployment (percent)", py],
    ["Linguistic isolation (percent)", py],
    ["Median household income in the past 12 months", py],
    ["Percent of individuals < 100% Federal Poverty Line", py],
    ["Percent of individuals < 150% Federal Poverty Line", py],
    [ACS_RATE_NAMES.p200Imputed, py],
    ["Total population of individuals < 200% Federal Poverty Line", py],
    ["Total population of individuals < 200% Federal Poverty Line, imputed", py],
    ["Median value ($) of owner-occupied housing units", py],
    ["Percent individuals age 25 or over with less than high school degree", py],
    ["B14006_009E", py],
    ["B14006_010E", py],
    ["B14006_019E", py],
    ["B14006_020E", py],
    ["Ratio <200% FPL to <100% FPL, overall", py],
    ["Estimated population count of off-campus university students <200% FPL", py],
    [
      "Estimated population count of people in a househould with income <200% FPL, excluding all university students",
      py,
    ],
    ["Everyone in poverty dataset, minus all off-campus university students", py],
    ["Percent enrollment in college or graduate school", py],
    ["Percent of population not currently enrolled in college or graduate school", py],
    ["Percent enrollment in college or graduate school, imputed", py],
    [
      "Population enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)",
      py,
    ],
    [
      "Population enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing), imputed",
      py,
    ],
    ["Total population of individuals < 100% Federal Poverty Line", py],
    ["Total population of individuals < 100% Federal Poverty Line, imputed", py],
    [
      "Population below poverty line enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)",
      py,
    ],
    [
      "Population below poverty line enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing), imputed",
      py,
    ],
    ["C17002_001E", py],
    ["Total population in poverty dataset (all income levels), imputed", py],
    ["Income data has been estimated based on neighbor income", bool],
    ...RACE_GROUPS.map((g) => [g, py] as const),
    ...RACE_GROUPS.map((g) => [`Percent ${g}`, py] as const),
    ["Percent age under 10", py],
    ["Percent age 10 to 64", py],
    ["Percent age over 64", py],
    ["Percent of individuals below 200% Federal Poverty Line", py],
    [ACS_RATE_NAMES.adjusted, py],
  ]);
  const { raw } = shared;
  const imputed = version === "1.0" ? new Map([...shared.imputed, ...shared.imputedV1]) : shared.imputed;
  const col = (k: string, i: number, which: "raw" | "imp") => (which === "raw" ? raw : imputed).get(k)![i]!;
  const both = (k: string, i: number) => or(col(k, i, "raw"), col(k, i, "imp"));
  shared.acsRows.forEach((ti, i) => {
    const t = tracts[ti]!;
    const a = values[ti]!.acs!;
    let adjusted: number | null;
    let u200: number | null = null;
    let ratio200: number | null = null;
    let withoutStudents: number | null = null;
    let everyoneButStudents: number | null = null;
    if (version === "1.0") {
      adjusted = computeAdjustedLowIncomeV1(both("p200", i), both("college", i));
    } else {
      const counts = {
        nTot: both("nTot", i),
        n100: both("n100", i),
        n200: both("n200", i),
        uPov: both("uPov", i),
        uOff: both("uOff", i),
      };
      const v2 = computeAdjustedLowIncomeV2(counts);
      adjusted = v2.adjusted;
      u200 = v2.u200;
      if (counts.n200 !== null && counts.n100 !== null)
        ratio200 = Math.max(Math.max(counts.n200, 1) / Math.max(counts.n100, 1), 1);
      if (counts.n200 !== null && u200 !== null) withoutStudents = Math.max(counts.n200 - u200, 0);
      if (counts.nTot !== null && counts.uOff !== null)
        everyoneButStudents = Math.max(counts.nTot - counts.uOff, 1);
    }
    const rawP200 = col("p200", i, "raw");
    const p = a.population;
    const college = col("college", i, "raw");
    b.add(t.geoid, [
      p,
      ratio(a.unemployed, a.laborForce),
      ratio(a.isolatedHouseholds, a.households),
      a.medianIncome,
      ratio(a.n100, a.nTot),
      ratio(a.n150, a.nTot),
      col("p200", i, "imp"),
      a.n200,
      col("n200", i, "imp"),
      a.medianHomeValue,
      ratio(a.lessThanHighSchool, a.age25),
      a.b009,
      a.b010,
      a.b019,
      a.b020,
      ratio200,
      u200,
      withoutStudents,
      everyoneButStudents,
      college,
      college === null ? null : 1 - college,
      col("college", i, "imp"),
      col("uOff", i, "raw"),
      col("uOff", i, "imp"),
      a.n100,
      col("n100", i, "imp"),
      col("uPov", i, "raw"),
      col("uPov", i, "imp"),
      a.nTot,
      col("nTot", i, "imp"),
      adjusted !== null && rawP200 === null,
      ...a.race,
      ...a.race.map((c) => ratio(c, p)),
      ratio(a.under10, p),
      ratio(p - a.under10 - a.over64, p),
      ratio(a.over64, p),
      rawP200,
      adjusted,
    ]);
  });
  return b.build();
}

/** The cells of the island tables a tract's counts are written as (by sex, by income band). */
export interface IslandCells {
  /** Households below 50 %, 50–74 % and 75–99 % of the poverty line. */
  below100: number[];
  /** Households at or above 200 % (`null`: suppressed). */
  over200: number | null;
  /** Adults 25+ without a high school degree: male, female. */
  lessThanHighSchool: number[];
  /** Labour force and unemployed: male, female. */
  laborForce: number[];
  unemployed: number[];
  /** College enrolment: male, female. */
  college: number[];
}

/** Splits a tract's island counts into table cells, the same way for the dataset file and the raw responses. */
export function islandCells(v: IslandCounts): IslandCells {
  return {
    below100: splitCount(v.householdsBelow100, 3),
    over200: v.householdsBelow200 === null ? null : v.households - v.householdsBelow200,
    lessThanHighSchool: splitCount(v.lessThanHighSchool, 2),
    laborForce: splitCount(v.laborForce, 2),
    unemployed: splitCount(v.unemployed, 2),
    college: splitCount(v.collegeEnrolled, 2),
  };
}

function islandFile(
  version: SampleVersion,
  tracts: readonly Tract[],
  islands: readonly Tract[],
  values: readonly TractValues[],
): DatasetFile {
  const race = RACE_GROUPS.map((g) => [`Percent ${g} in 2009`, py] as const);
  if (version === "1.0") {
    const b = new FileBuilder("dataset/census_decennial_2010/usa.csv", [
      ["Total population in 2009", py],
      ["Median household income in 2009 ($)", py],
      ["Territory Median Income", py],
      ["Median household income as a percent of territory median income in 2009", py],
      ["Percentage households below 100% of federal poverty line in 2009", py],
      ["Percentage households below 200% of federal poverty line in 2009", py],
      ["Percent individuals age 25 or over with less than high school degree in 2009", py],
      ["Unemployment (percent) in 2009", py],
      ...race,
    ]);
    // The 1.0 adapter turned every 0 of every downloaded variable into a missing value, and
    // the 2010 tables split households, workers and adults into cells (`islandCells`), so a
    // zero cell leaves its sum missing. The 2010 files carry no race table.
    const nz = (x: number | null) => (x === 0 ? null : x);
    const sum = (xs: readonly number[]) => (xs.some((x) => x === 0) ? null : xs.reduce((a, b) => a + b, 0));
    for (const t of islands) {
      const v = values[t.index]!.island!;
      const c = islandCells(v);
      const territory = TERRITORY_MEDIAN_INCOME["1.0"][t.state]!;
      const hh = nz(v.households);
      const over200 = c.over200 === null ? null : nz(c.over200);
      b.add(t.geoid, [
        nz(v.population),
        nz(v.medianIncome),
        territory,
        ratio(nz(v.medianIncome), territory),
        ratio(sum(c.below100), hh),
        hh === null || over200 === null ? null : (hh - over200) / hh,
        ratio(sum(c.lessThanHighSchool), nz(v.age25)),
        ratio(sum(c.unemployed), sum(c.laborForce)),
        ...v.race.map(() => null),
      ]);
    }
    return b.build();
  }
  const b = new FileBuilder("dataset/census_decennial_2020/usa.csv", [
    ["Total population in 2009", py],
    ["Median household income in 2009 ($)", py],
    ["Territory Median Income", py],
    ["Median household income as a percent of territory median income in 2009", py],
    ["Percentage households below 100% of federal poverty line in 2009", py],
    ["Percentage households below 200% of federal poverty line in 2009", py],
    ["Percentage households below 200% of federal poverty line in 2009, imputed", py],
    ["Percentage households below 200% of federal poverty line in 2009, adjusted and imputed", py],
    ["Unemployment (percent) in 2009", py],
    ["Percent individuals age 25 or over with less than high school degree in 2009", py],
    ["Percent enrollment in college, graduate or professional school", py],
    ["Percent of population not currently enrolled in college, graduate or professional school", py],
    ["Population enrolled in college, graduate or professional school", py],
    ["Income data has been estimated based on neighbor income in 2009 (island areas)", bool],
    ...race,
  ]);
  const pos = new Map<number, number>();
  islands.forEach((t, i) => {
    pos.set(t.index, i);
  });
  const share200 = islands.map((t) => {
    const v = values[t.index]!.island!;
    return v.householdsBelow200 === null
      ? null
      : ratio(v.households - (v.households - v.householdsBelow200), v.households);
  });
  const [imputed200] = imputeByNeighbours(
    islands.map((t) => ({
      geoid: t.geoid,
      population: values[t.index]!.island!.population,
      neighbours: tracts[t.index]!.neighbours.filter((n) => pos.has(n)).map((n) => pos.get(n)!),
    })),
    [share200],
  );
  islands.forEach((t, i) => {
    const v = values[t.index]!.island!;
    const territory = v.population > 0 ? TERRITORY_MEDIAN_INCOME["2.0"][t.state]! : null;
    const raw200 = share200[i]!;
    const imp200 = imputed200![i]!;
    const adjusted = or(raw200, imp200);
    const college = ratio(v.collegeEnrolled, v.population);
    b.add(t.geoid, [
      v.population,
      v.medianIncome,
      territory,
      ratio(v.medianIncome, territory),
      ratio(v.householdsBelow100, v.households),
      raw200,
      imp200,
      adjusted === null ? null : Math.max(adjusted, 0),
      ratio(v.unemployed, v.laborForce),
      // The 2.0 adapter divides by total population, not by adults 25+ (methodology.md §17 #9).
      ratio(v.lessThanHighSchool, v.population),
      college,
      college === null ? null : 1 - college,
      v.collegeEnrolled,
      raw200 === null && imp200 !== null,
      ...v.race.map((c) => ratio(c, v.population)),
    ]);
  });
  return b.build();
}

/**
 * Synthetic tribal areas as a GeoJSON FeatureCollection in the layout the tribal_overlap
 * adapter reads (`landAreaName`, `tribalId`): round patches (32-gons) centred on tracts of
 * states with tribal lands; in Alaska "Annette Island" (the only Alaskan polygon) and village
 * points, which give a count but no percentage (methodology.md §10). The overlap itself is
 * computed by that adapter, for the sample folders as for the raw files.
 */
export function tribalAreasGeoJson(land: readonly Tract[], seed: number): string {
  const features: string[] = [];
  const polygon = (id: string, name: string, x: number, y: number, r: number) => {
    const cos = Math.cos((y * Math.PI) / 180);
    const ring: [number, number][] = [];
    for (let k = 0; k < 32; k++) {
      const a = (2 * Math.PI * k) / 32;
      ring.push([roundTo(x + (r * Math.cos(a)) / cos, 7), roundTo(y + r * Math.sin(a), 7)]);
    }
    ring.push(ring[0]!);
    features.push(
      JSON.stringify({
        type: "Feature",
        properties: { tribalId: id, landAreaName: name, synthetic: true },
        geometry: { type: "Polygon", coordinates: [ring] },
      }),
    );
  };
  const byState = new Map<string, Tract[]>();
  for (const t of land) {
    const list = byState.get(t.state);
    if (list) list.push(t);
    else byState.set(t.state, [t]);
  }
  for (const [st, list] of byState) {
    const rng = rngFor(seed, "tribal-patches", st);
    if (TRIBAL_STATES.has(st)) {
      const n = Math.max(1, Math.round(list.length * 0.01));
      for (let k = 0; k < n; k++) {
        const c = list[rng.int(list.length)]!;
        polygon(
          `S${st}${k + 1}`,
          `Tribal Area ${st}-${k + 1}`,
          c.centre[0],
          c.centre[1],
          c.cellDeg * (1.2 + 3.5 * rng.next()),
        );
      }
    }
    if (st === "02") {
      const ketchikan = list.filter((t) => t.county.fips === "02130");
      const c = ketchikan[ketchikan.length - 1] ?? list[rng.int(list.length)]!;
      polygon("S0200", "Annette Island", c.centre[0], c.centre[1], c.cellDeg * 0.8);
    }
  }
  for (const t of land) {
    if (t.state !== "02" || !rngFor(seed, "villages", t.geoid).chance(0.3)) continue;
    const villages = 1 + rngFor(seed, "villages-n", t.geoid).int(3);
    for (let k = 0; k < villages; k++) {
      // Points spread along the tract's middle, well inside it.
      const x = t.bbox[0] + ((k + 1) / (villages + 1)) * (t.bbox[2] - t.bbox[0]);
      features.push(
        JSON.stringify({
          type: "Feature",
          properties: {
            tribalId: `V${t.geoid}${k + 1}`,
            landAreaName: `Alaska Native Village ${t.geoid.slice(5, 9)}-${k + 1}`,
            synthetic: true,
          },
          geometry: { type: "Point", coordinates: [roundTo(x, 7), roundTo(t.centre[1], 7)] },
        }),
      );
    }
  }
  return `{"type":"FeatureCollection","name":"SYNTHETIC tribal areas (cejst sample)","features":[\n${features.join(",\n")}\n]}\n`;
}
