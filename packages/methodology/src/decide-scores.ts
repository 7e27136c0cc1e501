import { CATEGORIES, CATEGORY_IDS, INDICATORS, type IndicatorId, type IndicatorSpec } from "@cejst/schema";
import { classifyAreas, PUERTO_RICO } from "./area.ts";
import { COL } from "./column-names.ts";
import { computeIslandCombinedPercentile } from "./island-combined-percentile.ts";
import { createRankScratch } from "./percentile-rank.ts";
import type { MethodologyVersion } from "./score-table.ts";
import { THRESHOLDS } from "./thresholds.ts";
import type { ColumnSource, VersionRules } from "./version-rules.ts";
import { V1_RULES } from "./versions/v1/rules.ts";
import { V2_RULES } from "./versions/v2/rules.ts";
import { applyTerritoryRule } from "./versions/v2/territory-rule.ts";

/** The rule set of each methodology version. */
export const VERSION_RULES: Record<MethodologyVersion, VersionRules> = { "1.0": V1_RULES, "2.0": V2_RULES };

/** Input of the decision stage: percentiles already computed (or taken from a stored table). */
export interface DecideInput extends ColumnSource {
  version: MethodologyVersion;
  geoids: readonly string[];
  /**
   * The share of disadvantaged neighbours of every tract, given `Definition N (communities)`
   * before the donut step (1/0 per tract). Normally {@link computeNeighbourAverage} over the
   * neighbour graph; a conformance test may return stored averages instead.
   */
  neighbourAverage(scoreN: Uint8Array): Float64Array;
}

/** Every column the rules write, by name, plus the area of each tract. */
export interface DecideResult {
  columns: Map<string, Float64Array | Uint8Array>;
  area: Uint8Array;
}

const WORKFORCE_ISLAND = {
  unemployment: {
    percentile: INDICATORS.island_unemployment.testedColumn,
    exceeds: INDICATORS.island_unemployment.burdenColumn,
  },
  poverty: {
    percentile: INDICATORS.island_poverty.testedColumn,
    exceeds: INDICATORS.island_poverty.burdenColumn,
  },
} as const;

/**
 * The score rules of methodology.md §2.3 applied column by column, from percentiles that are
 * already known. Split from the ranking so stored percentiles can be fed in directly.
 */
export function decideScores(input: DecideInput): DecideResult {
  const { geoids } = input;
  const rules = VERSION_RULES[input.version];
  const n = geoids.length;
  const area = classifyAreas(geoids);
  const out = new Map<string, Float64Array | Uint8Array>();
  const missing = new Float64Array(n).fill(Number.NaN);
  const noFlag = new Int8Array(n).fill(-1);
  const num = (name: string): ArrayLike<number> => {
    const own = out.get(name);
    if (own instanceof Float64Array) return own;
    const col = input.numeric(name) ?? missing;
    if (col.length !== n) throw new Error(`column ${name} must have one value per tract (got ${col.length})`);
    return col;
  };
  const flag = (name: string): Int8Array => {
    const col = input.flag(name) ?? noFlag;
    if (col.length !== n) throw new Error(`column ${name} must have one value per tract (got ${col.length})`);
    return col;
  };

  const tc = new Uint8Array(n);
  const adjustedPercentile = num(COL.adjustedP200Percentile);
  const scratch = createRankScratch(n);
  const li = rules.classifyLowIncome(input, area, adjustedPercentile, scratch);
  const isLowIncome = li.isLowIncome;
  out.set(COL.isLowIncome, isLowIncome);
  for (const [name, col] of li.columns) out.set(name, col);

  /** burden column of one indicator (1/0). */
  const burdenOf = (spec: IndicatorSpec): Uint8Array => {
    const b = new Uint8Array(n);
    if (spec.test === "flag") {
      const f = flag(spec.testedColumn);
      for (let i = 0; i < n; i++) b[i] = f[i] === 1 ? 1 : 0;
      return b;
    }
    const p = num(spec.testedColumn);
    const other = spec.alsoAtMost ? num(spec.alsoAtMost.column) : null;
    const atMost = spec.alsoAtMost?.threshold ?? 0;
    for (let i = 0; i < n; i++) {
      // NaN compares false, which is the "missing never satisfies a comparison" rule (§1.3).
      b[i] = p[i]! >= spec.threshold && (other === null || other[i]! <= atMost) ? 1 : 0;
    }
    return b;
  };

  const factors: Uint8Array[] = [];
  for (const category of CATEGORY_IDS) {
    if (category === "workforce") continue;
    const cat = CATEGORIES[category];
    const specs = (Object.values(INDICATORS) as IndicatorSpec[]).filter((s) => s.category === category);
    const factor = new Uint8Array(n);
    const anyBurden = new Uint8Array(n);
    for (const spec of specs) {
      const burden = burdenOf(spec);
      const counted = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const c = burden[i]! & isLowIncome[i]!;
        counted[i] = c;
        factor[i]! |= c;
        anyBurden[i]! |= cat.anyBurdenOf === "counted" ? c : burden[i]!;
        // §8: Puerto Rico's TC counts workforce hits only.
        if (area[i] !== PUERTO_RICO) tc[i]! += c;
      }
      // The redlining burden column is the source boolean itself; the table keeps it tri-state.
      if (spec.burdenColumn !== spec.testedColumn) out.set(spec.burdenColumn, burden);
      out.set(spec.countedColumn, counted);
    }
    out.set(cat.anyBurdenColumn, anyBurden);
    out.set(cat.factorColumn, factor);
    factors.push(factor);
  }

  // §7.8 workforce: burdens gated by high-school attainment, never by low income.
  const lowHs = new Uint8Array(n);
  const islandLowHs = new Uint8Array(n);
  const hs = num(COL.hsShare);
  const ihs = num(COL.islandHsShare);
  for (let i = 0; i < n; i++) {
    lowHs[i] = hs[i]! >= THRESHOLDS.highSchool ? 1 : 0;
    islandLowHs[i] = ihs[i]! >= THRESHOLDS.highSchool ? 1 : 0;
  }
  out.set(COL.lowHs, lowHs);
  const unemp = computeIslandCombinedPercentile(
    num(COL.islandUnemployment),
    num(COL.statesUnemployment2010),
    THRESHOLDS.burden,
    scratch,
  );
  out.set(COL.islandUnemploymentCombined, unemp.combined);
  out.set(WORKFORCE_ISLAND.unemployment.percentile, unemp.islandPercentile);
  out.set(WORKFORCE_ISLAND.unemployment.exceeds, unemp.exceeds);
  const pov = computeIslandCombinedPercentile(
    num(COL.islandPoverty),
    num(COL.statesPoverty2010),
    THRESHOLDS.burden,
    scratch,
  );
  out.set(COL.islandPovertyCombined, pov.combined);
  out.set(WORKFORCE_ISLAND.poverty.percentile, pov.islandPercentile);
  out.set(WORKFORCE_ISLAND.poverty.exceeds, pov.exceeds);
  const lmiIsland = burdenOf(INDICATORS.island_low_median_income);
  out.set(INDICATORS.island_low_median_income.burdenColumn, lmiIsland);
  out.set(COL.islandLowHs, islandLowHs);

  const workforce = new Uint8Array(n);
  const wfAny = new Uint8Array(n);
  const wfIds: IndicatorId[] = [
    "unemployment",
    "low_median_income",
    "linguistic_isolation",
    "poverty",
    "island_unemployment",
    "island_poverty",
    "island_low_median_income",
  ];
  for (const id of wfIds) {
    const spec: IndicatorSpec = INDICATORS[id];
    const burden = spec.area === "islands" ? (out.get(spec.burdenColumn) as Uint8Array) : burdenOf(spec);
    const gate = spec.gate === "island_hs_education" ? islandLowHs : lowHs;
    const counted = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = burden[i]! & gate[i]!;
      counted[i] = c;
      // §7.8: Puerto Rico never meets workforce (or its "at least one") through linguistic
      // isolation; its percentile is null there anyway. TC counts every area here.
      const isPrLing = id === "linguistic_isolation" && area[i] === PUERTO_RICO;
      if (!isPrLing) {
        workforce[i]! |= c;
        wfAny[i]! |= burden[i]!;
      }
      tc[i]! += c;
    }
    out.set(spec.burdenColumn, burden);
    out.set(spec.countedColumn, counted);
  }
  out.set(CATEGORIES.workforce.anyBurdenColumn, wfAny);
  const both = new Uint8Array(n);
  for (let i = 0; i < n; i++) both[i] = islandLowHs[i]! | lowHs[i]!;
  out.set(COL.bothWorkforceSocioeconomic, both);
  out.set(CATEGORIES.workforce.factorColumn, workforce);
  factors.push(workforce);

  // §13 counts, §10 tribal, §9 territory.
  const cc = new Float64Array(n);
  const scoreN = new Uint8Array(n);
  const tribal = flag(COL.tribalFlag);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (const f of factors) count += f[i]!;
    cc[i] = count;
    scoreN[i] = count > 0 || tribal[i] === 1 ? 1 : 0;
  }
  if (rules.territoryRule) applyTerritoryRule(scoreN, isLowIncome, area);
  const tcOut = new Float64Array(n);
  for (let i = 0; i < n; i++) tcOut[i] = tc[i]!;
  out.set(COL.totalThresholds, tcOut);
  out.set(COL.totalCategories, cc);
  out.set(COL.scoreN, scoreN);
  const scoreNPct = new Float64Array(n);
  for (let i = 0; i < n; i++) scoreNPct[i] = scoreN[i]!;
  out.set(COL.scoreNPercentile, scoreNPct);

  // §11 donut holes, one pass over SCORE_N (tribal and territory included, grandfathering not).
  const islandPct = li.islandPercentile ?? missing;
  const donutLi = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    donutLi[i] =
      rules.donutLowIncomePercentile(adjustedPercentile[i]!, islandPct[i]!) >= THRESHOLDS.donutLowIncome
        ? 1
        : 0;
  out.set(COL.donutLowIncome, donutLi);
  const avg = input.neighbourAverage(scoreN);
  if (avg.length !== n)
    throw new Error(`neighbour averages must have one value per tract (got ${avg.length})`);
  out.set(COL.neighbourAverage, avg);
  const surrounded = new Uint8Array(n);
  const donut = new Uint8Array(n);
  const final = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    surrounded[i] = avg[i]! >= THRESHOLDS.donutNeighbours ? 1 : 0;
    donut[i] = surrounded[i]! & donutLi[i]!;
    final[i] = scoreN[i]! | donut[i]!;
  }
  out.set(COL.surrounded, surrounded);
  out.set(COL.donut, donut);

  // §12 grandfathering, after the donut step.
  if (rules.grandfathering) {
    const v1 = flag(COL.v1Final);
    const grand = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const was = v1[i] === 1 ? 1 : 0;
      grand[i] = was & (final[i]! ^ 1);
      final[i]! |= was;
    }
    out.set(COL.grandfathered, grand);
  }
  out.set(COL.final, final);

  // §13 share of the tract that is disadvantaged.
  const tribalShare = num(COL.tribalShare);
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = tribalShare[i]!;
    share[i] = final[i] === 1 ? 1.0 : Number.isNaN(t) ? 0.0 : t;
  }
  out.set(COL.shareDisadvantaged, share);
  return { columns: out, area };
}
