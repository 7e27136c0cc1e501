import assert from "node:assert/strict";
import { test } from "node:test";
import type { DecisionTrace, IndicatorTrace } from "@cejst/methodology/explain";
import type { TractRecord } from "../data/release.ts";
import { t } from "../i18n.ts";
import { historyRows } from "./tract-history.ts";

const indicator = (percentile: number | null, exceeded: boolean): IndicatorTrace => ({
  id: "energy_burden",
  category: "energy",
  label: "Energy cost",
  value: percentile,
  percentile,
  threshold: 0.9,
  direction: "normal",
  exceeded,
  margin: percentile === null ? null : percentile - 0.9,
  gate: "low_income",
  counted: exceeded,
});

function record(identified: boolean, lowIncome: number, energy: IndicatorTrace[]): TractRecord {
  const trace = {
    lowIncome: { percentile: lowIncome, source: "acs", threshold: 0.65, met: lowIncome >= 0.65 },
    indicators: energy,
    totalCategoriesExceeded: identified ? 1 : 0,
    totalThresholdsExceeded: identified ? 1 : 0,
  } as unknown as DecisionTrace;
  return {
    geoid: "01001020100",
    label: "2.0",
    methodology: "2.0",
    mapped: true,
    interiorPoint: { lat: 0, lon: 0 },
    bbox: null,
    state: { fips: "01", name: "Alabama" },
    county: { fips: "01001", name: "Autauga" },
    tile: { SN_C: identified ? 1 : 0 },
    trace,
  };
}

test("a tract newly identified: answer, counts and low income change; an equal row stays equal", () => {
  const rows = historyRows(
    "en",
    record(false, 0.6077, [indicator(0.95, true)]),
    record(true, 0.6542, [indicator(0.95, true)]),
  );
  const by = new Map(rows.map((r) => [r.key, r]));
  assert.deepEqual([by.get("answer")?.older, by.get("answer")?.newer], [t("en", "no"), t("en", "yes")]);
  assert.deepEqual([by.get("categories")?.older, by.get("categories")?.newer], ["0", "1"]);
  assert.notEqual(by.get("low_income")?.older, by.get("low_income")?.newer);
  assert.ok(by.get("low_income")?.older.startsWith(t("en", "percentileOf", { p: 60 })));
  assert.ok(by.get("low_income")?.newer.startsWith(t("en", "percentileOf", { p: 65 })));
  assert.equal(by.get("energy_burden")?.older, by.get("energy_burden")?.newer);
});

test("percentiles carry the panel's English ordinal endings (92nd, 21st), Spanish none", () => {
  const rows = historyRows("en", record(false, 0.2199, [indicator(0.9299, true)]), record(false, 0.2, []));
  const by = new Map(rows.map((r) => [r.key, r]));
  assert.equal(by.get("energy_burden")?.older, "92nd percentile ✔");
  assert.equal(by.get("low_income")?.older, "21st percentile ✖");
  const es = historyRows("es", record(false, 0.2199, [indicator(0.9299, true)]), record(false, 0.2, []));
  assert.equal(es.find((r) => r.key === "energy_burden")?.older, "percentil 92 ✔");
});

test("an indicator only one version has shows a dash in the other; Spanish labels", () => {
  const rows = historyRows("es", record(false, 0.2, []), record(false, 0.2, [indicator(null, false)]));
  const energy = rows.find((r) => r.key === "energy_burden");
  assert.equal(energy?.older, "–");
  assert.equal(energy?.newer, "–");
  assert.notEqual(energy?.label, "Energy cost");
});
