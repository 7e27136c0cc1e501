import type { Tract } from "./geography.ts";
import { hashInts, hashString, type Rng, rngFor, smoothField } from "./prng.ts";

/** Latent, spatially correlated conditions of a tract, each roughly standard normal. */
export interface Latent {
  /** Deprivation: poverty, low income, poor health. */
  deprivation: number;
  /** Urbanity in [0, 1]: density of the county plus local variation. */
  urban: number;
  /** Pollution burden. */
  pollution: number;
  /** Natural-hazard exposure. */
  hazard: number;
  /** Age of the housing stock. */
  oldHousing: number;
}

/** Raw ACS-like counts of a tract (states, DC and PR); `null` is a suppressed value. */
export interface AcsCounts {
  population: number;
  /** `C17002_001E` and the cumulative counts below 100/150/200 % FPL. */
  nTot: number | null;
  n100: number | null;
  n150: number | null;
  n200: number | null;
  /** B14004: population 15+ (universe) and enrolled in college or graduate school. */
  collegeUniverse: number | null;
  collegeEnrolled: number | null;
  /** B14006_009E, _010E, _019E, _020E. */
  b009: number | null;
  b010: number | null;
  b019: number | null;
  b020: number | null;
  laborForce: number;
  unemployed: number;
  households: number;
  isolatedHouseholds: number;
  medianIncome: number | null;
  medianHomeValue: number | null;
  age25: number;
  lessThanHighSchool: number;
  /** Counts by race/ethnicity, in RACE_GROUPS order. */
  race: number[];
  under10: number;
  over64: number;
}

/** Island decennial counts (one set, written per version with that version's rules). */
export interface IslandCounts {
  population: number;
  households: number;
  householdsBelow100: number;
  /** `null`: suppressed (imputed in 2.0). */
  householdsBelow200: number | null;
  age25: number;
  lessThanHighSchool: number;
  laborForce: number;
  unemployed: number;
  medianIncome: number | null;
  collegeEnrolled: number;
  race: number[];
}

/** Race and ethnicity groups, in the order of the ACS columns. */
export const RACE_GROUPS = [
  "Black or African American",
  "American Indian / Alaska Native",
  "Asian",
  "Native Hawaiian or Pacific",
  "two or more races",
  "White",
  "Hispanic or Latino",
  "other races",
] as const;

/** Everything drawn for one tract. */
export interface TractValues {
  latent: Latent;
  /** Zero-population land tract (parks, airports, industrial land). */
  zeroPopulation: boolean;
  acs?: AcsCounts;
  island?: IslandCounts;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function field(seed: number, name: string, t: Tract, wavelengthDeg: number): number {
  return smoothField(
    hashInts(seed, hashString(name)),
    t.centre[0] / wavelengthDeg,
    t.centre[1] / wavelengthDeg,
  );
}

function countyEffect(seed: number, name: string, fips: string): number {
  return rngFor(seed, name, fips).normal();
}

/** Multi-scale field: regional, city-scale and neighbourhood-scale noise plus a county effect. */
function correlated(seed: number, name: string, t: Tract, rng: Rng): number {
  return (
    0.45 * field(seed, `${name}:a`, t, 2.5) +
    0.45 * field(seed, `${name}:b`, t, 0.25) +
    0.4 * field(seed, `${name}:c`, t, 0.04) +
    0.35 * countyEffect(seed, name, t.county.fips) +
    0.35 * rng.normal()
  );
}

function dirichletShares(weights: readonly number[], rng: Rng): number[] {
  // Gamma(k≈w) approximated by w·exp(σN): skewed shares with many near-zero groups.
  const g = weights.map((w) => (w <= 0 ? 0 : w * Math.exp(1.1 * rng.normal())));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / sum);
}

const round = Math.round;

/** Draws latent conditions and counts for every tract. */
export function drawTractValues(tracts: readonly Tract[], seed: number): TractValues[] {
  return tracts.map((t) => {
    const rng = rngFor(seed, "tract", t.geoid);
    const island = t.area !== "nation" && t.area !== "PR";
    let deprivation = correlated(seed, "deprivation", t, rng);
    if (t.area === "PR") deprivation += 1.4;
    if (island) deprivation += 0.7;
    const urban = Math.min(
      1,
      Math.max(0, t.density / 6 + 0.15 * field(seed, "urban", t, 0.1) + 0.1 * rng.normal()),
    );
    const pollution = 0.55 * correlated(seed, "pollution", t, rng) + 0.9 * (urban - 0.4) + 0.2 * deprivation;
    const hazard = correlated(seed, "hazard", t, rng);
    const oldHousing = correlated(seed, "old-housing", t, rng) + (t.state < "30" ? 0.3 : -0.2);
    const latent = { deprivation, urban, pollution, hazard, oldHousing };
    const zeroPopulation = t.water || rng.chance(island ? 0.05 : 0.008);
    if (island) return { latent, zeroPopulation, island: drawIsland(t, latent, zeroPopulation, rng) };
    return { latent, zeroPopulation, acs: drawAcs(t, latent, zeroPopulation, rng) };
  });
}

function drawAcs(t: Tract, l: Latent, zero: boolean, rng: Rng): AcsCounts {
  const population = zero
    ? 0
    : Math.max(12, round(4000 * (0.8 + 0.5 * l.urban) * Math.exp(0.45 * rng.normal())));
  // Group quarters only (a prison, a dormitory block): people, but no poverty universe.
  const groupQuarters = population > 0 && rng.chance(0.0015);
  const gqShare = groupQuarters ? 1 : rng.chance(0.8) ? rng.next() * 0.03 : rng.next() * 0.25;
  const nTot = population - round(population * gqShare);
  const p200 = sigmoid(-0.75 + 0.85 * l.deprivation + 0.25 * rng.normal());
  const n200 = round(nTot * p200);
  const n100 = round(n200 * (0.3 + 0.25 * rng.next() + 0.1 * sigmoid(l.deprivation)));
  const n150 = n100 + round((n200 - n100) * (0.45 + 0.15 * rng.next()));
  const collegeTown = t.density >= 2 && rng.chance(0.015);
  const collegeRate = collegeTown
    ? 0.25 + 0.4 * rng.next()
    : Math.min(0.4, 0.07 * Math.exp(0.5 * rng.normal()));
  const collegeUniverse = round(population * 0.93);
  const collegeEnrolled = round(collegeUniverse * collegeRate);
  const offCampus = Math.min(
    nTot,
    round(collegeEnrolled * (collegeTown ? 0.5 + 0.4 * rng.next() : 0.85 + 0.15 * rng.next())),
  );
  const studentPoverty = Math.min(
    0.9,
    (n100 / Math.max(nTot, 1)) * 1.3 + 0.08 * rng.next() + (collegeTown ? 0.25 : 0),
  );
  const undergrad = round(offCampus * (0.7 + 0.2 * rng.next()));
  const grad = offCampus - undergrad;
  const b009 = round(undergrad * studentPoverty);
  const b010 = round(grad * studentPoverty * 0.6);
  const laborForce = round(population * (0.45 + 0.1 * rng.next()));
  const unemployed = round(laborForce * sigmoid(-2.9 + 0.55 * l.deprivation + 0.35 * rng.normal()));
  const households = round(population / (2.2 + 1.0 * rng.next()));
  const hispanicRegion =
    t.area === "PR" ? 8 : t.state === "48" || t.state === "06" || t.state === "04" ? 1.2 : 0.25;
  const isolatedShare = rng.chance(0.3)
    ? 0
    : Math.min(0.6, 0.02 * Math.exp(0.9 * rng.normal() + 0.8 * hispanicRegion * 0.4 + 0.6 * l.urban));
  const isolatedHouseholds = round(households * isolatedShare);
  const suppressed = population > 0 && !groupQuarters && rng.chance(0.004);
  const medianIncome =
    population === 0 || groupQuarters || rng.chance(0.01)
      ? null
      : round(
          (t.area === "PR" ? 30000 : 66000) *
            Math.exp(-0.42 * l.deprivation + 0.25 * l.urban + 0.15 * rng.normal()),
        );
  const medianHomeValue =
    population === 0 || rng.chance(0.025)
      ? null
      : Math.max(
          9999,
          100 *
            round(
              (t.area === "PR" ? 1100 : 2300) *
                Math.exp(-0.3 * l.deprivation + 0.9 * (l.urban - 0.3) + 0.3 * rng.normal()),
            ),
        );
  const age25 = round(population * (0.6 + 0.12 * rng.next()));
  const lessThanHighSchool = round(age25 * sigmoid(-2.4 + 0.75 * l.deprivation + 0.35 * rng.normal()));
  const raceWeights = [
    0.13 * Math.exp(0.8 * l.deprivation) * (t.state === "11" || t.state === "24" ? 3 : 1),
    t.state === "04" || t.state === "02" || t.state === "35" ? 0.25 : 0.01,
    0.06 * (0.5 + l.urban) * (t.state === "06" ? 3 : 1),
    t.state === "15" ? 0.1 : 0.003,
    0.03,
    t.area === "PR" ? 0.003 : 0.6,
    0.1 * hispanicRegion,
    0.005,
  ];
  const shares = population > 0 ? dirichletShares(raceWeights, rng) : raceWeights.map(() => 0);
  const race = shares.map((s) => round(population * s));
  const under10 = round(population * Math.max(0.02, 0.12 + 0.025 * rng.normal()));
  const over64 = round(population * Math.min(0.6, Math.max(0.02, 0.16 + 0.05 * rng.normal())));
  return {
    population,
    nTot: suppressed ? null : nTot,
    n100: suppressed ? null : n100,
    n150: suppressed ? null : n150,
    n200: suppressed ? null : n200,
    collegeUniverse: suppressed ? null : collegeUniverse,
    collegeEnrolled: suppressed ? null : collegeEnrolled,
    b009: suppressed ? null : b009,
    b010: suppressed ? null : b010,
    b019: suppressed ? null : undergrad - b009,
    b020: suppressed ? null : grad - b010,
    laborForce,
    unemployed,
    households,
    isolatedHouseholds,
    medianIncome: suppressed ? null : medianIncome,
    medianHomeValue,
    age25,
    lessThanHighSchool,
    race,
    under10,
    over64,
  };
}

function drawIsland(t: Tract, l: Latent, zero: boolean, rng: Rng): IslandCounts {
  const population = zero ? 0 : Math.max(30, round(2500 * Math.exp(0.5 * rng.normal())));
  const households = round(population / (3 + 1.5 * rng.next()));
  const share200 = sigmoid(0.2 + 0.8 * l.deprivation + 0.3 * rng.normal());
  const below200 = round(households * share200);
  const below100 = round(below200 * (0.45 + 0.25 * rng.next()));
  const age25 = round(population * (0.55 + 0.1 * rng.next()));
  const laborForce = round(population * (0.4 + 0.15 * rng.next()));
  const weights =
    t.area === "VI"
      ? [0.75, 0.003, 0.01, 0.003, 0.03, 0.12, 0.15, 0.02]
      : t.area === "GU"
        ? [0.01, 0.002, 0.35, 0.45, 0.1, 0.07, 0.01, 0.01]
        : [0.002, 0.002, 0.3, 0.6, 0.07, 0.02, 0.005, 0.01];
  const shares = population > 0 ? dirichletShares(weights, rng) : weights.map(() => 0);
  return {
    population,
    households,
    householdsBelow100: below100,
    householdsBelow200: population > 0 && rng.chance(0.05) ? null : below200,
    age25,
    lessThanHighSchool: round(age25 * sigmoid(-1.3 + 0.6 * l.deprivation + 0.3 * rng.normal())),
    laborForce,
    unemployed: round(laborForce * sigmoid(-2.5 + 0.5 * l.deprivation + 0.3 * rng.normal())),
    medianIncome:
      population === 0 || rng.chance(0.04)
        ? null
        : round(
            (t.area === "GU" ? 58000 : t.area === "VI" ? 40000 : t.area === "MP" ? 31000 : 26000) *
              Math.exp(-0.35 * l.deprivation + 0.2 * rng.normal()),
          ),
    collegeEnrolled: round(population * 0.06 * Math.exp(0.4 * rng.normal())),
    race: shares.map((s) => round(population * s)),
  };
}
