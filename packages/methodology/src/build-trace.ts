import { CATEGORIES, CATEGORY_IDS, INDICATORS, type IndicatorId, type IndicatorSpec } from "@cejst/schema";
import { ISLAND_AREA, PUERTO_RICO } from "./area.ts";
import { COL } from "./column-names.ts";
import type { DecideResult } from "./decide-scores.ts";
import type { CategoryTrace, DecisionTrace, IndicatorTrace, TraceReason } from "./explain.ts";
import type { RankedTable } from "./rank-inputs.ts";
import type { NeighbourGraph } from "./score-table.ts";
import { THRESHOLDS } from "./thresholds.ts";
import { ISLAND_LOW_INCOME_COLUMNS } from "./versions/v2/rules.ts";

/** What a trace is read from: the ranked inputs, the decided columns and the graph. */
export interface TraceSource {
  ranked: Pick<RankedTable, "version" | "geoids" | "numeric" | "flags">;
  decided: DecideResult;
  neighbours: NeighbourGraph | null;
  aland10: Float64Array | null;
}

const orNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

/** Builds the decision trace of row `row` (cheap: reads one value per column). */
export function buildTrace(src: TraceSource, row: number): DecisionTrace {
  const { ranked, decided } = src;
  const n = ranked.geoids.length;
  if (!Number.isInteger(row) || row < 0 || row >= n)
    throw new Error(`trace row must be a tract index (got ${row})`);
  const version = ranked.version;
  const num = (name: string): number | null => {
    const own = decided.columns.get(name);
    if (own instanceof Float64Array) return orNull(own[row]);
    // Decided flags are Uint8Array; only numeric columns are read here.
    return orNull(ranked.numeric.get(name)?.[row]);
  };
  const bit = (name: string): boolean => decided.columns.get(name)?.[row] === 1;
  const tri = (name: string): boolean | null => {
    const v = ranked.flags.get(name)?.[row];
    return v === 1 ? true : v === 0 ? false : null;
  };
  const areaCode = decided.area[row];
  const area = areaCode === PUERTO_RICO ? "puerto_rico" : areaCode === ISLAND_AREA ? "island_area" : "nation";

  const islandLi = version === "2.0" && areaCode === ISLAND_AREA;
  const liPercentile = islandLi ? num(ISLAND_LOW_INCOME_COLUMNS.percentile) : num(COL.adjustedP200Percentile);
  const lowIncome = {
    percentile: liPercentile,
    source: islandLi ? ("island_joint_ranking" as const) : ("acs" as const),
    threshold: THRESHOLDS.lowIncome,
    met: bit(COL.isLowIncome),
  };

  const indicators: IndicatorTrace[] = [];
  for (const [id, s] of Object.entries(INDICATORS) as [IndicatorId, IndicatorSpec][]) {
    const isFlag = s.test === "flag";
    const p = isFlag ? null : num(s.testedColumn);
    const exceeded = s.burdenColumn === s.testedColumn ? tri(s.testedColumn) === true : bit(s.burdenColumn);
    const t: IndicatorTrace = {
      id,
      category: s.category,
      label: s.label,
      value: isFlag ? tri(s.sourceColumn) : num(s.sourceColumn),
      percentile: p,
      threshold: isFlag ? null : s.threshold,
      direction: s.direction,
      exceeded,
      margin: p === null || isFlag ? null : p - s.threshold,
      gate: s.gate,
      counted: bit(s.countedColumn),
    };
    if (s.alsoAtMost) {
      const hv = num(s.alsoAtMost.column);
      t.houseValue = {
        percentile: hv,
        threshold: s.alsoAtMost.threshold,
        met: hv !== null && hv <= s.alsoAtMost.threshold,
      };
    }
    indicators.push(t);
  }

  const categories: CategoryTrace[] = CATEGORY_IDS.map((id) => {
    const cat = CATEGORIES[id];
    const mine = indicators.filter((i) => i.category === id);
    const counted = mine.filter(
      (i) => i.counted && !(id === "workforce" && i.id === "linguistic_isolation" && area === "puerto_rico"),
    );
    const ungated = mine.filter((i) => i.exceeded && !i.counted);
    const met = bit(cat.factorColumn);
    const gateName = id === "workforce" ? "the high-school education condition" : "low income";
    const why = met
      ? `${counted.map((i) => i.label).join(", ")} at or above the threshold with ${gateName} met`
      : ungated.length > 0
        ? `${ungated.map((i) => i.label).join(", ")} at or above the threshold but ${gateName} not met`
        : "no indicator at or above its threshold";
    return {
      id,
      label: cat.label,
      met,
      indicators: counted.map((i) => i.id),
      exceededWithoutGate: ungated.map((i) => i.id),
      why,
    };
  });

  // Adjacency evidence from the graph, when there is one.
  let neighbours: number | null = null;
  let waterOnly: number | null = null;
  let counted: number | null = null;
  let disadvantaged: number | null = null;
  if (src.neighbours) {
    const { offsets, indices } = src.neighbours;
    const scoreN = decided.columns.get(COL.scoreN)!;
    neighbours = 0;
    waterOnly = 0;
    counted = 0;
    disadvantaged = 0;
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const j = indices[k]!;
      if (j === row) continue;
      neighbours++;
      if (version === "2.0" && src.aland10 && !(src.aland10[j]! > 0)) {
        waterOnly++;
        continue;
      }
      counted++;
      disadvantaged += scoreN[j]!;
    }
    if (version === "1.0") waterOnly = 0;
  }
  const donutLiPercentile =
    version === "2.0"
      ? (num(COL.adjustedP200Percentile) ?? num(ISLAND_LOW_INCOME_COLUMNS.percentile))
      : num(COL.adjustedP200Percentile);
  const average = num(COL.neighbourAverage);
  const adjacency = {
    neighbours,
    waterOnlyExcluded: waterOnly,
    counted,
    disadvantaged,
    average,
    threshold: THRESHOLDS.donutNeighbours,
    surrounded: bit(COL.surrounded),
    lowIncomePercentile: donutLiPercentile,
    lowIncomeThreshold: THRESHOLDS.donutLowIncome,
    lowIncomeMet: bit(COL.donutLowIncome),
    donut: bit(COL.donut),
  };

  const tribalShare = num(COL.tribalShare);
  const tribal = { share: tribalShare, threshold: THRESHOLDS.tribalShare, met: tri(COL.tribalFlag) === true };
  const territoryApplies = version === "2.0" && areaCode === ISLAND_AREA;
  const territory = { applies: territoryApplies, met: territoryApplies && lowIncome.met };
  const disadvantagedOnOwn = bit(COL.scoreN);
  const final = bit(COL.final);
  const grandfathered = version === "2.0" && bit(COL.grandfathered);

  const reasons: TraceReason[] = [];
  for (const c of categories)
    if (c.met) reasons.push({ kind: "category", category: c.id, indicators: c.indicators });
  if (tribal.met) reasons.push({ kind: "tribal", share: tribalShare });
  if (territory.met) reasons.push({ kind: "territory", lowIncomePercentile: lowIncome.percentile });
  if (adjacency.donut && average !== null)
    reasons.push({
      kind: "adjacency",
      average,
      neighboursCounted: counted,
      lowIncomePercentile: donutLiPercentile,
    });
  if (grandfathered) reasons.push({ kind: "grandfathered" });

  return {
    version,
    geoid: ranked.geoids[row]!,
    area,
    lowIncome,
    highSchool: { share: num(COL.hsShare), threshold: THRESHOLDS.highSchool, met: bit(COL.lowHs) },
    islandHighSchool: {
      share: num(COL.islandHsShare),
      threshold: THRESHOLDS.highSchool,
      met: bit(COL.islandLowHs),
    },
    indicators,
    categories,
    totalThresholdsExceeded: num(COL.totalThresholds) ?? 0,
    totalCategoriesExceeded: num(COL.totalCategories) ?? 0,
    tribal,
    territory,
    disadvantagedOnOwn,
    adjacency,
    identifiedInV1: version === "2.0" ? tri(COL.v1Final) === true : null,
    grandfathered,
    disadvantaged: final,
    shareDisadvantaged: num(COL.shareDisadvantaged) ?? 0,
    reasons,
  };
}
