import assert from "node:assert/strict";
import { test } from "node:test";
import { INDICATOR_LAYERS } from "../map/indicator-layer.ts";
import { indicatorsOfLayer } from "./indicator-highlight.ts";
import { keepOpenCategories, keptOpenCategories } from "./open-categories.ts";
import { snapHeight } from "./sheet.ts";

const stops = { peek: 150, half: 300, full: 600 };

test("a drag ends at the nearest height", () => {
  assert.equal(snapHeight(170, stops, "peek", 20), "peek");
  assert.equal(snapHeight(280, stops, "peek", 130), "half");
  assert.equal(snapHeight(560, stops, "half", 260), "full");
  assert.equal(snapHeight(200, stops, "full", -400), "peek");
});

test("a long fling that ends near where it started still moves one height that way", () => {
  // Dragged up 200 px from peek, then back near peek's height: the net move decides.
  assert.equal(snapHeight(210, stops, "peek", 160), "half");
  assert.equal(snapHeight(240, stops, "half", -160), "peek");
  assert.equal(snapHeight(600, stops, "full", 200), "full");
});

test("an indicator layer's code names the catalogue indicators the panel marks", () => {
  assert.deepEqual(indicatorsOfLayer("EBF_PFS"), ["energy_burden"]);
  assert.deepEqual(indicatorsOfLayer("NOT_A_CODE"), []);
  for (const l of INDICATOR_LAYERS) assert.ok(indicatorsOfLayer(l.code).includes(l.id), l.code);
});

test("the open categories are kept for one tract in session storage", () => {
  const store = new Map<string, string>();
  const fake = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  const g = globalThis as { sessionStorage?: unknown };
  const before = g.sessionStorage;
  g.sessionStorage = fake;
  try {
    assert.equal(keptOpenCategories("01073001100"), undefined, "nothing kept yet");
    keepOpenCategories("01073001100", ["energy", "water"]);
    assert.deepEqual([...(keptOpenCategories("01073001100") ?? [])], ["energy", "water"]);
    assert.equal(keptOpenCategories("01073001200"), undefined, "another tract opens with its defaults");
    keepOpenCategories("01073001100", []);
    assert.deepEqual([...(keptOpenCategories("01073001100") ?? ["x"])], [], "all closed is kept too");
    store.set("cejst:open-categories", "{not json");
    assert.equal(keptOpenCategories("01073001100"), undefined, "a damaged entry is ignored");
  } finally {
    g.sessionStorage = before;
  }
  assert.equal(keptOpenCategories("01073001100"), undefined, "no storage, nothing kept");
});
