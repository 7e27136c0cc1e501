/**
 * The two complete v2.0 score rows of the original (methodology.md §18.2): feeding their stored
 * percentiles, raw shares, tri-state booleans and stored neighbour averages into the rules must
 * reproduce every scoring column exactly, and the assembled table must match column for column.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SCORING_COLUMNS } from "@cejst/schema";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { COL } from "../src/column-names.ts";
import { assembleScoreTable, decideRanked } from "../src/compute-score-table.ts";
import type { RankedTable } from "../src/rank-inputs.ts";
import { INPUT_COLUMNS, SCORE_COLUMNS } from "../src/score-columns.ts";
import { parseBool, parseNum, readCsvRows } from "./helpers/csv.ts";

const REL = "score_rules/v2.0-score-rows.csv";
const path = sharedFixture(REL);
const skip = path ? false : missingFixtureMessage(REL);

/** The stored rows as a ranked table: every numeric column (raw and percentile) as given. */
function loadStoredTable(file: string) {
  const { header, rows } = readCsvRows(file);
  const cell = (r: string[], name: string) => {
    const k = header.indexOf(name);
    assert.ok(k >= 0, `fixture lacks column ${name}`);
    return r[k]!;
  };
  const geoids = rows.map((r) => cell(r, "GEOID10_TRACT"));
  const flagNames = new Set(INPUT_COLUMNS["2.0"].flags);
  const textNames = new Set(["GEOID10_TRACT", ...INPUT_COLUMNS["2.0"].text]);
  const ranked: RankedTable = {
    version: "2.0",
    geoids,
    numeric: new Map(),
    flags: new Map(),
    text: new Map(),
  };
  for (const name of header) {
    if (textNames.has(name)) {
      if (name !== "GEOID10_TRACT")
        ranked.text.set(
          name,
          rows.map((r) => cell(r, name) || null),
        );
    } else if (flagNames.has(name)) {
      ranked.flags.set(
        name,
        Int8Array.from(rows, (r) => {
          const b = parseBool(cell(r, name));
          return b === null ? -1 : b ? 1 : 0;
        }),
      );
    } else if (!SCORING_COLUMNS.includes(name as never)) {
      ranked.numeric.set(
        name,
        Float64Array.from(rows, (r) => parseNum(cell(r, name))),
      );
    }
  }
  const storedAverage = Float64Array.from(rows, (r) => parseNum(cell(r, COL.neighbourAverage)));
  return { header, rows, cell, ranked, storedAverage };
}

/** Compares one computed value with the stored CSV text of the same cell. */
function sameCell(kind: string, value: unknown, expected: string): boolean {
  if (expected === "") return value === null || (typeof value === "number" && Number.isNaN(value));
  if (kind === "bool") return value === parseBool(expected);
  if (kind === "text") return value === expected;
  return typeof value === "number" && value === Number(expected);
}

test("every scoring column of the two stored v2.0 rows is reproduced from their stored inputs", {
  skip,
}, () => {
  const { rows, cell, ranked, storedAverage } = loadStoredTable(path!);
  const decided = decideRanked(ranked, () => storedAverage);
  const table = assembleScoreTable(ranked, decided, { neighbours: null, aland10: null });
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const mismatches: string[] = [];
  for (const name of SCORING_COLUMNS) {
    const col = byName.get(name);
    assert.ok(col, `no output column ${name}`);
    rows.forEach((r, i) => {
      if (!sameCell(col.kind, col.values[i], cell(r, name)))
        mismatches.push(
          `${ranked.geoids[i]} ${name}: got ${String(col.values[i])}, expected ${cell(r, name)}`,
        );
    });
  }
  assert.deepEqual(mismatches, []);
});

test("the assembled v2.0 table has the stored header and every stored value", { skip }, () => {
  const { header, rows, cell, ranked, storedAverage } = loadStoredTable(path!);
  assert.deepEqual([...SCORE_COLUMNS["2.0"]], header);
  const table = assembleScoreTable(
    ranked,
    decideRanked(ranked, () => storedAverage),
    {
      neighbours: null,
      aland10: null,
    },
  );
  assert.deepEqual(
    table.columns.map((c) => c.name),
    header,
  );
  const mismatches: string[] = [];
  for (const col of table.columns)
    rows.forEach((r, i) => {
      if (!sameCell(col.kind, col.values[i], cell(r, col.name)))
        mismatches.push(`${col.name}[${i}]: got ${String(col.values[i])}, expected ${cell(r, col.name)}`);
    });
  assert.deepEqual(mismatches, []);
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  assert.equal(kinds.get("Total threshold criteria exceeded"), "int");
  assert.equal(kinds.get("Definition N (communities) (percentile)"), "int");
  assert.equal(kinds.get("Total categories exceeded"), "float");
  assert.equal(kinds.get("Is low income (imputed and adjusted)?"), "bool");
  assert.equal(kinds.get("Tract-level redlining score meets or exceeds 3.25"), "bool");
  assert.equal(kinds.get("Names of Tribal areas within Census tract"), "text");
});

test("the traces of the two stored rows give the worked example of §18.2", { skip }, () => {
  const { ranked, storedAverage } = loadStoredTable(path!);
  const table = assembleScoreTable(
    ranked,
    decideRanked(ranked, () => storedAverage),
    {
      neighbours: null,
      aland10: null,
    },
  );
  const a = table.trace(0);
  assert.equal(a.geoid, "01073001100");
  assert.equal(a.lowIncome.met, true);
  assert.equal(a.totalThresholdsExceeded, 5);
  assert.equal(a.totalCategoriesExceeded, 4);
  assert.deepEqual(
    a.reasons.filter((r) => r.kind === "category").map((r) => (r.kind === "category" ? r.category : "")),
    ["housing", "pollution", "water", "health"],
  );
  const health = a.categories.find((c) => c.id === "health")!;
  assert.deepEqual(health.indicators, ["diabetes", "low_life_expectancy"]);
  const rmp = a.indicators.find((i) => i.id === "risk_management_plan")!;
  assert.equal(rmp.exceeded, true);
  assert.ok(rmp.margin !== null && Math.abs(rmp.margin - (0.9007380772142316 - 0.9)) < 1e-15);
  assert.equal(a.adjacency.surrounded, false);
  assert.equal(a.grandfathered, false);
  const b = table.trace(1);
  assert.equal(b.totalThresholdsExceeded, 9);
  assert.equal(b.adjacency.donut, true);
  assert.equal(b.identifiedInV1, true);
  assert.ok(b.reasons.some((r) => r.kind === "adjacency"));
  assert.equal(b.highSchool.met, true);
  assert.deepEqual(JSON.parse(JSON.stringify(b)), b, "a trace survives JSON");
});
