import assert from "node:assert/strict";
import { test } from "node:test";
import {
  classBreaks,
  INDICATOR_LAYERS,
  indicatorClasses,
  indicatorFill,
  MISSING_COLOUR,
  missingValue,
} from "./indicator-layer.ts";

test("energy cost is a layer on EBF_PFS whose last class starts at its 90th percentile threshold", () => {
  const energy = INDICATOR_LAYERS.find((l) => l.code === "EBF_PFS");
  assert.ok(energy, "EBF_PFS is offered");
  assert.equal(energy.category, "energy");
  assert.deepEqual(classBreaks(energy.threshold), [0.5, 0.8, 0.9]);
  assert.deepEqual(
    indicatorClasses(energy).map((c) => [c.from, c.to]),
    [
      [0, 49],
      [50, 79],
      [80, 89],
      [90, 100],
    ],
  );
  const fill = JSON.stringify(indicatorFill(energy));
  assert.ok(fill.includes('"EBF_PFS"') && fill.includes(MISSING_COLOUR), fill);
});

test("every layer code is unique and every threshold a fraction", () => {
  assert.ok(
    INDICATOR_LAYERS.length >= 20,
    `most burden indicators are layers (got ${INDICATOR_LAYERS.length})`,
  );
  assert.equal(new Set(INDICATOR_LAYERS.map((l) => l.code)).size, INDICATOR_LAYERS.length);
  for (const l of INDICATOR_LAYERS)
    assert.ok(l.threshold > 0.2 && l.threshold <= 1, `${l.code} ${l.threshold}`);
});

test("the grey fill and the hatch select missing values with the same expression", () => {
  const energy = INDICATOR_LAYERS.find((l) => l.code === "EBF_PFS");
  assert.ok(energy);
  const missing = missingValue(energy);
  assert.deepEqual(missing, ["any", ["!", ["has", "EBF_PFS"]], ["==", ["get", "EBF_PFS"], null]]);
  const fill = indicatorFill(energy);
  assert.deepEqual(fill.slice(0, 3), ["case", missing, MISSING_COLOUR]);
});
