/**
 * Hand-made decision traces for tests of what reads a trace (the decisive tests here, the
 * panel's consistency check in the web app): `ind` makes one indicator, `trace` a tract.
 */
import type { CategoryTrace, DecisionTrace, IndicatorTrace } from "../../src/explain.ts";

export const ind = (
  id: string,
  category: string,
  p: number | null,
  over: Partial<IndicatorTrace> = {},
): IndicatorTrace => ({
  id,
  category,
  label: id,
  value: p,
  percentile: p,
  threshold: 0.9,
  direction: "normal",
  exceeded: p !== null && p >= 0.9,
  margin: p === null ? null : p - 0.9,
  gate: category === "workforce" ? "hs_education" : "low_income",
  counted: false,
  ...over,
});

/** A consistent trace: categories, counts and the final flag follow from the indicators given. */
export function trace(
  inds: IndicatorTrace[],
  li: number | null,
  over: Partial<DecisionTrace> = {},
  hs = 0.05,
): DecisionTrace {
  const liMet = li !== null && li >= 0.65;
  const hsMet = hs >= 0.1;
  const indicators = inds.map((i) => ({
    ...i,
    counted: i.exceeded && (i.gate === "low_income" ? liMet : hsMet),
  }));
  const ids = [...new Set(indicators.map((i) => i.category))];
  const categories: CategoryTrace[] = ids.map((id) => {
    const mine = indicators.filter((i) => i.category === id);
    return {
      id,
      label: id,
      met: mine.some((i) => i.counted),
      indicators: mine.filter((i) => i.counted).map((i) => i.id),
      exceededWithoutGate: mine.filter((i) => i.exceeded && !i.counted).map((i) => i.id),
      why: "",
    };
  });
  const met = categories.filter((c) => c.met);
  return {
    version: "2.0",
    geoid: "11001000100",
    area: "nation",
    lowIncome: { percentile: li, source: "acs", threshold: 0.65, met: liMet },
    highSchool: { share: hs, threshold: 0.1, met: hsMet },
    islandHighSchool: { share: null, threshold: 0.1, met: false },
    indicators,
    categories,
    totalThresholdsExceeded: indicators.filter((i) => i.counted).length,
    totalCategoriesExceeded: met.length,
    tribal: { share: null, threshold: 0.995, met: false },
    territory: { applies: false, met: false },
    disadvantagedOnOwn: met.length > 0,
    adjacency: {
      neighbours: 3,
      waterOnlyExcluded: 0,
      counted: 3,
      disadvantaged: 0,
      average: 0,
      threshold: 1,
      surrounded: false,
      lowIncomePercentile: li,
      lowIncomeThreshold: 0.5,
      lowIncomeMet: li !== null && li >= 0.5,
      donut: false,
    },
    identifiedInV1: false,
    grandfathered: false,
    disadvantaged: met.length > 0,
    shareDisadvantaged: met.length > 0 ? 1 : 0,
    reasons: met.map((c) => ({ kind: "category" as const, category: c.id, indicators: c.indicators })),
    ...over,
  };
}
