import assert from "node:assert/strict";
import { test } from "node:test";
import { TABLE_MESSAGES } from "./messages.ts";
import { csvFileName, csvHeader, tableCsv } from "./table-csv.ts";
import {
  answerTotals,
  clampPage,
  parseShard,
  rowAnswer,
  rowMatcher,
  rowRoutes,
  rowTransition,
  type ShardEntry,
  sortRows,
  type TableRow,
  transitionTotals,
} from "./table-model.ts";
import { TABLE_COLUMNS } from "./test-fixture.ts";

const COLUMNS: string[] = [...TABLE_COLUMNS];
const F = false;
const DC: ShardEntry = {
  state: "11",
  name: "District of Columbia",
  abbreviation: "DC",
  tracts: 4,
  path: "x",
};

// geoid, county, pop, mapped, identified, grand, earlier, CC, TC, LI%, LI, SN_T, share, AK, 8 categories
const shard = {
  columns: COLUMNS,
  rows: [
    [
      "11001000100",
      "District, of Columbia",
      4000,
      true,
      true,
      false,
      true,
      2,
      3,
      0.7,
      true,
      null,
      null,
      null,
      true,
      F,
      true,
      F,
      F,
      F,
      F,
      F,
    ],
    [
      "11001000200",
      'Ñuble "North"',
      null,
      true,
      true,
      true,
      true,
      0,
      0,
      0.5,
      false,
      null,
      null,
      null,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
    ],
    [
      "11001000300",
      "Dakota",
      1200,
      true,
      false,
      false,
      false,
      0,
      1,
      null,
      false,
      false,
      0.3,
      null,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
    ],
    [
      "11001000400",
      "Dakota",
      900,
      false,
      true,
      false,
      false,
      0,
      0,
      0.55,
      true,
      null,
      null,
      null,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
      F,
    ],
  ],
};

const rows = (): TableRow[] => parseShard("api/table/11.json", shard, DC);

test("parseShard reads by column name and fills the state from the index", () => {
  const r = rowsByIdx(0);
  assert.equal(r.geoid, "11001000100");
  assert.equal(r.stateName, "District of Columbia");
  assert.equal(r.population, 4000);
  assert.equal(r.categories.climate, true);
  assert.equal(r.categories.energy, false);
  assert.equal(rowsByIdx(1).population, null);
  const reordered = { columns: [...COLUMNS].reverse(), rows: shard.rows.map((x) => [...x].reverse()) };
  assert.deepEqual(parseShard("f", reordered, DC), rows());
});

function rowsByIdx(i: number): TableRow {
  const r = rows()[i];
  assert.ok(r);
  return r;
}

test("parseShard names the file, row and field of bad input", () => {
  assert.throws(
    () => parseShard("api/table/11.json", { columns: COLUMNS.slice(1), rows: [] }, DC),
    /api\/table\/11\.json column geoid is missing/,
  );
  const bad = { columns: COLUMNS, rows: [["123", ...(shard.rows[0] ?? []).slice(1)]] };
  assert.throws(() => parseShard("api/table/11.json", bad, DC), /api\/table\/11\.json row 1 field geoid/);
  assert.throws(() => parseShard("f.json", { rows: [] }, DC), /f\.json has no columns or rows/);
});

test("answer, routes and transition follow the published flags", () => {
  const [a, b, c, d] = rows() as [TableRow, TableRow, TableRow, TableRow];
  assert.equal(rowAnswer(a), "yes");
  assert.equal(rowAnswer(c), "partially", "tribal overlap without identification is Partially");
  assert.deepEqual(rowRoutes(a), ["burdens"]);
  assert.deepEqual(rowRoutes(b), ["grandfathered"]);
  assert.deepEqual(rowRoutes(c), []);
  assert.deepEqual(rowRoutes(d), ["adjacency"], "identified with no other route: surrounded");
  assert.equal(rowTransition(a), "inBoth");
  assert.equal(rowTransition(b), "keptByGrandfathering");
  assert.equal(rowTransition(c), "inNeither");
  assert.equal(rowTransition(d), "added");
  assert.equal(rowTransition({ ...a, identifiedEarlier: null, grandfathered: null }), "notComparable");
  assert.equal(rowTransition({ ...a, identified: false }), "removed");
  assert.deepEqual(answerTotals(rows()), { yes: 3, partially: 1, no: 0 });
  assert.equal(transitionTotals(rows()).added, 1);
});

test("island-area tracts identified by low income alone take the territory route", () => {
  const gu = parseShard("g", shard, { ...DC, state: "66" })[3];
  assert.ok(gu);
  assert.deepEqual(rowRoutes(gu), ["territory"]);
});

test("filters: answer, category, id prefix with separators, accent-insensitive county", () => {
  const ids = (f: Parameters<typeof rowMatcher>[0]) =>
    rows()
      .filter(rowMatcher(f))
      .map((r) => r.geoid.slice(-3));
  assert.deepEqual(ids({ answer: "yes" }), ["100", "200", "400"]);
  assert.deepEqual(ids({ category: "health" }), ["100"]);
  assert.deepEqual(ids({ q: "11001 0002" }), ["200"]);
  assert.deepEqual(ids({ q: "1100100030" }), ["300"], "ten digits are a prefix too");
  assert.deepEqual(ids({ q: "1100100031" }), []);
  assert.deepEqual(ids({ q: "nuble" }), ["200"]);
  assert.deepEqual(ids({ q: "DAKOTA", answer: "yes" }), ["400"]);
  assert.deepEqual(ids({ state: "06" }), []);
  assert.deepEqual(ids({ transition: "added" }), ["400"]);
});

test("sorting puts missing values last in both directions and breaks ties by id", () => {
  const asc = sortRows(rows(), { key: "population", dir: "asc" }).map((r) => r.population);
  assert.deepEqual(asc, [900, 1200, 4000, null]);
  const desc = sortRows(rows(), { key: "population", dir: "desc" }).map((r) => r.population);
  assert.deepEqual(desc, [4000, 1200, 900, null]);
  const county = sortRows(rows(), { key: "county", dir: "asc" }).map((r) => r.geoid.slice(-3));
  assert.deepEqual(county, ["300", "400", "100", "200"]);
  const li = sortRows(rows(), { key: "lowIncomePercentile", dir: "desc" }).map((r) => r.geoid.slice(-3));
  assert.deepEqual(li, ["100", "400", "200", "300"]);
});

test("clampPage keeps the page in range", () => {
  assert.deepEqual(clampPage(9, 60, 25), { page: 3, pages: 3 });
  assert.deepEqual(clampPage(0, 0, 25), { page: 1, pages: 1 });
  assert.deepEqual(clampPage(Number.NaN, 10, 25), { page: 1, pages: 1 });
});

test("CSV: BOM, documented header, quoted text, empty for missing, synthetic column", () => {
  const csv = tableCsv("2.0", rows().slice(0, 2), { synthetic: true });
  assert.ok(csv.startsWith("\uFEFFversion,tract_id,state,county,population,identified,grandfathered,"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.length, 4, "header, two rows, final empty line");
  const header = lines[0]?.split(",") ?? [];
  assert.deepEqual(header, csvHeader({ synthetic: true }));
  assert.equal(header.at(-1), "synthetic");
  assert.equal(
    lines[1],
    '2.0,11001000100,District of Columbia,"District, of Columbia",4000,true,false,false,2,3,0.7,,true,false,true,false,false,false,false,false,burdens,true',
  );
  assert.ok(lines[2]?.includes(',"Ñuble ""North""",,true,true,'), lines[2]);
  const cmp = tableCsv("2.0", rows().slice(3), { synthetic: false, compareWith: "1.0" });
  assert.ok(cmp.split("\r\n")[0]?.endsWith(",routes,change_from_1.0"));
  assert.ok(cmp.split("\r\n")[1]?.endsWith(",adjacency,added"));
  assert.equal(csvFileName("2.0", 4), "cejst-2.0-4-tracts.csv");
});

test("table messages: same keys in both languages and no untranslated value", () => {
  assert.deepEqual(Object.keys(TABLE_MESSAGES.es).sort(), Object.keys(TABLE_MESSAGES.en).sort());
  const same = Object.keys(TABLE_MESSAGES.en).filter(
    (k) =>
      TABLE_MESSAGES.en[k as keyof typeof TABLE_MESSAGES.en] ===
      TABLE_MESSAGES.es[k as keyof typeof TABLE_MESSAGES.es],
  );
  assert.deepEqual(same, []);
});
