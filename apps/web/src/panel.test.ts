import assert from "node:assert/strict";
import { test } from "node:test";
import type { CategoryTrace, DecisionTrace } from "@cejst/methodology/explain";
import { t } from "./i18n.ts";
import { panelAnswer, reasonStatements } from "./panel.ts";

const category = (id: string, label: string, over: Partial<CategoryTrace> = {}): CategoryTrace => ({
  id,
  label,
  met: false,
  indicators: [],
  exceededWithoutGate: [],
  why: "",
  ...over,
});

function trace(over: Partial<DecisionTrace> = {}): DecisionTrace {
  return {
    version: "2.0",
    geoid: "11001000100",
    area: "nation",
    lowIncome: { percentile: 0.2, source: "acs", threshold: 0.65, met: false },
    highSchool: { share: 0.05, threshold: 0.1, met: false },
    islandHighSchool: { share: null, threshold: 0.1, met: false },
    indicators: [],
    categories: [category("energy", "Energy"), category("water", "Water and wastewater")],
    totalThresholdsExceeded: 0,
    totalCategoriesExceeded: 0,
    tribal: { share: null, threshold: 0.995, met: false },
    territory: { applies: false, met: false },
    disadvantagedOnOwn: false,
    adjacency: {
      neighbours: 3,
      waterOnlyExcluded: 0,
      counted: 3,
      disadvantaged: 0,
      average: 0,
      threshold: 1,
      surrounded: false,
      lowIncomePercentile: 0.2,
      lowIncomeThreshold: 0.5,
      lowIncomeMet: false,
      donut: false,
    },
    identifiedInV1: false,
    grandfathered: false,
    disadvantaged: false,
    shareDisadvantaged: 0,
    reasons: [],
    ...over,
  };
}

test("nothing met: says so, and states the low-income test", () => {
  assert.deepEqual(reasonStatements("en", trace(), {}), [
    t("en", "reasonNothing"),
    t("en", "reasonLowIncomeNotMet"),
  ]);
});

test("met categories are named with their burden count, in the page language", () => {
  const tr = trace({
    disadvantaged: true,
    disadvantagedOnOwn: true,
    categories: [
      category("energy", "Energy", { met: true, indicators: ["pm25", "energy_burden"] }),
      category("water", "Water and wastewater"),
    ],
    reasons: [{ kind: "category", category: "energy", indicators: ["pm25", "energy_burden"] }],
  });
  assert.deepEqual(reasonStatements("en", tr, {}), [
    t("en", "reasonCategories", { n: 2, m: 1, names: "Energy" }),
  ]);
  assert.deepEqual(reasonStatements("es", tr, {}), [
    t("es", "reasonCategories", { n: 2, m: 1, names: "Energía" }),
  ]);
});

test("burdens without the socioeconomic test, surrounded-rule failure and a partial tribal overlap are all listed", () => {
  const tr = trace({
    categories: [
      category("water", "Water and wastewater", { exceededWithoutGate: ["wastewater_discharge"] }),
    ],
    adjacency: { ...trace().adjacency, disadvantaged: 2 },
  });
  const got = reasonStatements("en", tr, { TA_PERC: 0.4 });
  assert.equal(got.length, 3);
  assert.equal(got[0], t("en", "reasonWithoutGate", { names: "Water and wastewater" }));
  assert.equal(got[1], t("en", "reasonNotSurrounded", { a: 2, k: 3 }));
  assert.equal(got[2], t("en", "reasonTribalPart", { share: "40%" }));
});

test("grandfathered and surrounded routes come from the trace's reasons", () => {
  const tr = trace({
    disadvantaged: true,
    grandfathered: true,
    identifiedInV1: true,
    reasons: [
      { kind: "adjacency", average: 1, neighboursCounted: 4, lowIncomePercentile: 0.55 },
      { kind: "grandfathered" },
    ],
    adjacency: { ...trace().adjacency, surrounded: true, counted: 4, disadvantaged: 4 },
  });
  const got = reasonStatements("en", tr, {});
  assert.ok(got.includes(t("en", "reasonSurrounded", { k: 4 })));
  assert.ok(got.includes(t("en", "reasonGrandfathered")));
});

test("a tribal share under 1% reads less than 1%, in both languages", () => {
  for (const lang of ["en", "es"] as const) {
    const got = reasonStatements(lang, trace(), { TA_PERC: 0.004 });
    assert.ok(got.includes(t(lang, "reasonTribalTiny")), lang);
    assert.ok(!got.some((s) => s.includes("0.4") || s.includes("0,4")), lang);
  }
});

test("a tribal share the tiles round to 0 still answers Partially, from the trace", () => {
  const tiny = trace({ tribal: { share: 0.004, threshold: 0.995, met: false } });
  assert.equal(panelAnswer({ SN_C: false, TA_PERC: 0 }, tiny), "partially");
  assert.equal(panelAnswer({ SN_C: false, TA_PERC: 0 }, trace()), "no");
  assert.equal(panelAnswer({ SN_C: true, TA_PERC: 0 }, tiny), "yes");
  assert.equal(panelAnswer({ SN_C: false, TA_PERC: 0 }, null), "no");
  assert.ok(reasonStatements("en", tiny, { TA_PERC: 0 }).includes(t("en", "reasonTribalTiny")));
});

test("neighbours without land are said to be left out wherever the surrounded rule is stated", () => {
  const base = trace();
  const surrounded = trace({
    disadvantaged: true,
    reasons: [{ kind: "adjacency", average: 1, neighboursCounted: 3, lowIncomePercentile: 0.55 }],
    adjacency: { ...base.adjacency, surrounded: true, donut: true, disadvantaged: 3, waterOnlyExcluded: 1 },
  });
  assert.ok(
    reasonStatements("en", surrounded, {}).includes(t("en", "reasonNeighboursWithoutLand", { w: 1 })),
  );
  const failed = trace({ adjacency: { ...base.adjacency, disadvantaged: 2, waterOnlyExcluded: 2 } });
  assert.ok(reasonStatements("es", failed, {}).includes(t("es", "reasonNeighboursWithoutLand", { w: 2 })));
  assert.ok(
    !reasonStatements("en", trace({ adjacency: { ...base.adjacency, waterOnlyExcluded: 2 } }), {}).some((s) =>
      s.startsWith("2 neighbouring"),
    ),
  );
});
