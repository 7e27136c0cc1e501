import assert from "node:assert/strict";
import { test } from "node:test";
import { csvHeader } from "../table/table-csv.ts";
import { CATEGORY_IDS, type CategoryId, type TableRow } from "../table/table-model.ts";
import { AreaSelection } from "./area-selection.ts";
import { areaSummary, countyRollup, share } from "./area-summary.ts";
import { resolveSelection, statesNeeded } from "./resolve-selection.ts";
import { selectionCsv } from "./selection-csv.ts";
import { formatTractsParam, parseTractsParam } from "./tracts-param.ts";

function row(geoid: string, o: Partial<TableRow> = {}, met: CategoryId[] = []): TableRow {
  return {
    geoid,
    state: geoid.slice(0, 2),
    stateName: geoid.startsWith("72") ? "Puerto Rico" : "Alabama",
    stateAbbr: geoid.startsWith("72") ? "PR" : "AL",
    county: `County ${geoid.slice(2, 5)}`,
    population: 1000,
    mapped: true,
    identified: false,
    grandfathered: false,
    identifiedEarlier: false,
    categoriesMet: met.length,
    thresholdsMet: met.length,
    lowIncomePercentile: 0.5,
    lowIncome: false,
    tribalIdentified: false,
    tribalShare: 0,
    alaskaTribalAreas: 0,
    categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, met.includes(c)])) as Record<
      CategoryId,
      boolean
    >,
    ...o,
  };
}

test("tracts= parses ids, 10-digit ids, county and state codes; rejects the rest", () => {
  const p = parseTractsParam(" 01073001100, 1073001200,01073,06, 01-073-001100, abc, 123 ,,");
  assert.deepEqual(p.tracts, ["01073001100", "01073001200"]);
  assert.deepEqual(p.counties, ["01073"]);
  assert.deepEqual(p.states, ["06"]);
  assert.deepEqual(p.rejected, ["abc", "123"]);
  assert.deepEqual(parseTractsParam(null), { tracts: [], counties: [], states: [], rejected: [] });
});

test("tracts= is written compactly only for codes the address used, when all their tracts stay", () => {
  const groups = new Map([
    ["01073", ["01073000100", "01073000200"]],
    ["72", ["72001000100"]],
  ]);
  assert.equal(
    formatTractsParam(["01073000100", "01073000200", "01001000100", "72001000100"], groups),
    "72,01073,01001000100",
  );
  // One of the county's tracts removed: the county is written as its remaining ids.
  assert.equal(formatTractsParam(["01073000200", "01001000100"], groups), "01073000200,01001000100");
  assert.equal(formatTractsParam(["01001000100", "01001000200"]), "01001000100,01001000200");
  assert.equal(formatTractsParam([]), "");
});

test("the selection toggles, keeps order, reports changes and stops at the guard", () => {
  const s = new AreaSelection([], 3);
  const seen: string[] = [];
  s.onChange((c) => seen.push(`+${c.added.join("")}-${c.removed.join("")}`));
  s.toggle("a");
  s.add(["b", "a"]);
  s.toggle("a");
  assert.deepEqual(s.ids(), ["b"]);
  const c = s.add(["c", "d", "e"]);
  assert.deepEqual(c, { added: ["c", "d"], removed: [], refused: 1 });
  assert.deepEqual(s.ids(), ["b", "c", "d"]);
  s.set(["d", "x"]);
  assert.deepEqual(s.ids(), ["d", "x"]);
  s.clear();
  s.clear();
  assert.equal(s.size, 0);
  assert.deepEqual(seen, ["+a-", "+b-", "+-a", "+cd-", "+x-bc", "+-dx"]);
});

test("the area summary counts tracts, identified, grandfathered, tribal overlap, population, categories", () => {
  const rows = [
    row("01073000100", { identified: true, population: 4000, identifiedEarlier: true }, ["energy", "health"]),
    row("01073000200", { identified: true, grandfathered: true, population: 1500 }),
    row("01073000300", { tribalShare: 0.2, population: null, identifiedEarlier: null }, ["energy"]),
    row("72001000100", { alaskaTribalAreas: 2, population: 500 }),
    row("01073000100", { identified: true, population: 4000 }),
  ];
  const s = areaSummary(rows);
  assert.equal(s.tracts, 4);
  assert.equal(s.identified, 2);
  assert.equal(s.grandfathered, 1);
  assert.equal(s.tribalOverlap, 2);
  assert.equal(s.population, 6000);
  assert.equal(s.identifiedPopulation, 5500);
  assert.deepEqual(s.unknownPopulation, ["01073000300"]);
  assert.equal(s.categories.energy, 2);
  assert.equal(s.categories.health, 1);
  assert.equal(s.categories.water, 0);
  assert.equal(s.comparable, 3);
  assert.equal(s.identifiedEarlier, 1);
  assert.equal(share(s.identified, s.tracts), 0.5);
  assert.equal(share(1, 0), 0);
  assert.equal(areaSummary([]).tracts, 0);
});

test("the county roll-up sums each county apart, in code order", () => {
  const r = countyRollup([
    row("72001000100", { identified: true }),
    row("01073000100", { identified: true, population: 10 }),
    row("01073000200", { population: 20 }),
  ]);
  assert.deepEqual(
    r.map((c) => [c.code, c.county, c.state, c.summary.tracts, c.summary.identified, c.summary.population]),
    [
      ["01073", "County 073", "Alabama", 2, 1, 30],
      ["72001", "County 001", "Puerto Rico", 1, 1, 1000],
    ],
  );
});

test("county and state codes resolve to their tracts; unknown entries are named", () => {
  const rows = [row("01073000100"), row("01073000200"), row("01001000100"), row("72001000100")];
  const p = parseTractsParam("01001000100,01999000100,01073,72,02,x");
  assert.deepEqual(statesNeeded(p), ["01", "02", "72"]);
  const r = resolveSelection(p, rows);
  assert.deepEqual(r.ids, ["01001000100", "01073000100", "01073000200", "72001000100"]);
  assert.deepEqual([...r.groups.keys()], ["01073", "72"]);
  assert.deepEqual(r.unknown, ["x", "01999000100", "02"]);
  assert.equal(formatTractsParam(r.ids, r.groups), "72,01073,01001000100");
});

test("the selection's CSV: BOM, documented header with synthetic, rows in id order, file name", () => {
  const rows = [
    row("01073000200", { county: "Jefferson, County", population: 4781 }),
    row("01073000100", { identified: true, lowIncomePercentile: 0.653 }, ["energy"]),
  ];
  const { name, text } = selectionCsv("2.0", rows, true);
  assert.equal(name, "cejst-2.0-2-tracts.csv");
  assert.ok(text.startsWith("\uFEFF"));
  const lines = text.slice(1).trimEnd().split("\r\n");
  assert.equal(lines[0], csvHeader({ synthetic: true }).join(","));
  assert.ok(lines[0]?.endsWith(",synthetic"));
  assert.equal(lines.length, 3);
  assert.ok(lines[1]?.startsWith("2.0,01073000100,Alabama,County 073,1000,true,false,false,1,1,0.653,0,"));
  assert.ok(lines[2]?.startsWith('2.0,01073000200,Alabama,"Jefferson, County",4781,false,'));
  assert.ok(lines[2]?.endsWith(",true"));
  assert.ok(!selectionCsv("2.0", rows, false).text.includes("synthetic"));
});
