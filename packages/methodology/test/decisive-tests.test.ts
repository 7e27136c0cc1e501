import assert from "node:assert/strict";
import { test } from "node:test";
import { howClose, indicatorApplies, traceTests } from "../src/decisive-tests.ts";
import { ind, trace } from "./helpers/trace-fixture.ts";

const ids = (r: ReturnType<typeof howClose>) =>
  r.kind === "inconsistent" ? [] : r.decisive.map((x) => x.id);

test("one burden with low income: both are decisive, smallest margin first (W54)", () => {
  const r = howClose(trace([ind("pm25", "energy", 0.93), ind("asthma", "health", 0.4)], 0.654));
  assert.equal(r.kind, "identified");
  assert.deepEqual(ids(r), ["lowIncome", "pm25"]);
  if (r.kind === "identified") assert.ok(Math.abs((r.decisive[0]?.margin ?? 0) - 0.004) < 1e-12);
});

test("two categories met: no burden is decisive, the shared low-income test is (W54)", () => {
  const r = howClose(trace([ind("pm25", "energy", 0.95), ind("asthma", "health", 0.97)], 0.8));
  assert.equal(r.kind, "identified");
  assert.deepEqual(ids(r), ["lowIncome"]);
});

test("a low-income and a workforce category: nothing is decisive", () => {
  const r = howClose(trace([ind("pm25", "energy", 0.95), ind("poverty", "workforce", 0.97)], 0.8, {}, 0.2));
  assert.deepEqual(ids(r), []);
  assert.equal(r.kind, "identified");
});

test("a burden without low income: low income is decisive with its negative margin (W53)", () => {
  const r = howClose(trace([ind("pm25", "energy", 0.95), ind("asthma", "health", 0.5)], 0.62));
  assert.equal(r.kind, "not-identified");
  assert.deepEqual(ids(r), ["lowIncome"]);
  if (r.kind === "not-identified") assert.ok(Math.abs((r.decisive[0]?.margin ?? 0) + 0.03) < 1e-12);
});

test("nothing met and low income not met: no single test, the nearest burden and low income instead", () => {
  const r = howClose(trace([ind("pm25", "energy", 0.7), ind("asthma", "health", 0.85)], 0.3));
  assert.equal(r.kind, "not-identified");
  assert.deepEqual(ids(r), []);
  if (r.kind !== "not-identified") return;
  assert.equal(r.nearestBurden?.id, "asthma");
  assert.equal(r.lowIncome?.id, "lowIncome");
});

test("missing values are listed, never reversed", () => {
  const r = howClose(trace([ind("pm25", "energy", null), ind("asthma", "health", 0.5)], 0.8));
  assert.equal(r.kind, "not-identified");
  if (r.kind !== "not-identified") return;
  assert.deepEqual(
    r.missing.map((x) => x.id),
    ["pm25"],
  );
  assert.deepEqual(ids(r), ["asthma"]);
});

test("grandfathered: the 1.0 status, and what would identify it under the 2.0 rules alone (W55)", () => {
  const base = trace([ind("pm25", "energy", 0.95)], 0.6);
  const r = howClose({ ...base, identifiedInV1: true, grandfathered: true, disadvantaged: true });
  assert.equal(r.kind, "grandfathered");
  assert.deepEqual(ids(r), ["lowIncome"]);
});

test("identified in 1.0 as well: no 2.0 test alone changes the answer", () => {
  const base = trace([ind("pm25", "energy", 0.95)], 0.7);
  assert.deepEqual(ids(howClose({ ...base, identifiedInV1: true })), []);
});

test("surrounded: the adjusted low-income test is decisive; tribal land and the island rule are routes", () => {
  const base = trace([ind("pm25", "energy", 0.5)], 0.55);
  const surrounded = howClose({
    ...base,
    disadvantaged: true,
    adjacency: { ...base.adjacency, surrounded: true, donut: true, average: 1, disadvantaged: 3 },
  });
  assert.deepEqual(ids(surrounded), ["adjustedLowIncome"]);
  const tribal = howClose({
    ...base,
    disadvantaged: true,
    tribal: { share: 1, threshold: 0.995, met: true },
  });
  assert.deepEqual(ids(tribal), ["tribal"]);
  const island = howClose({
    ...trace([], 0.7),
    area: "island_area",
    territory: { applies: true, met: true },
    disadvantaged: true,
  });
  assert.deepEqual(ids(island), ["lowIncome"]);
});

test("results that do not add up to the published flag are inconsistent, and nothing is claimed", () => {
  const base = trace([ind("pm25", "energy", 0.5)], 0.3);
  assert.equal(howClose({ ...base, disadvantaged: true }).kind, "inconsistent");
  const cats = trace([ind("pm25", "energy", 0.95)], 0.9);
  assert.equal(
    howClose({ ...cats, categories: cats.categories.map((c) => ({ ...c, met: false })) }).kind,
    "inconsistent",
  );
});

test("coverage: island indicators only in the Island Areas, linguistic isolation never in Puerto Rico", () => {
  const island = ind("island_poverty", "workforce", 0.95, { gate: "island_hs_education" });
  const ling = ind("linguistic_isolation", "workforce", 0.95);
  const nation = trace([island, ling], 0.5);
  assert.equal(indicatorApplies(nation, island), false);
  assert.equal(indicatorApplies(nation, ling), true);
  assert.equal(indicatorApplies({ ...nation, area: "puerto_rico" }, ling), false);
  assert.equal(indicatorApplies({ ...nation, area: "island_area" }, island), true);
  assert.deepEqual(
    traceTests({ ...nation, area: "puerto_rico" }).map((x) => x.id),
    ["lowIncome", "highSchool"],
  );
});
