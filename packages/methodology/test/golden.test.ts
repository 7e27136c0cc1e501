/**
 * Golden rule cases: each folder under test/golden/ holds a small hand-made table that
 * triggers one rule (input.json) and the expected key columns and decision traces for both
 * versions (expected-v1.0.json, expected-v2.0.json). `UPDATE=1` rewrites the expected files
 * (never under `CI=true`); the hand-checked facts in each input's `assert` block are checked
 * independently of the expected files.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { computeScoreTable } from "../src/compute-score-table.ts";
import type { DecisionTrace } from "../src/explain.ts";
import type { MethodologyVersion, NeighbourGraph, ScoreTableInput } from "../src/score-table.ts";

type Cell = number | boolean | string | null;
interface GoldenInput {
  description: string;
  geoids: string[];
  aland10?: number[];
  numeric?: Record<string, Array<number | null>>;
  flags?: Record<string, Array<boolean | null>>;
  neighbours?: Array<[string, string]>;
  overrides?: Partial<Record<MethodologyVersion, Pick<GoldenInput, "numeric" | "flags">>>;
  assert?: Partial<Record<MethodologyVersion, Record<string, Record<string, Cell>>>>;
}

const KEY_COLUMNS = [
  "Is low income (imputed and adjusted)?",
  "Total threshold criteria exceeded",
  "Total categories exceeded",
  "Definition N (communities)",
  "Meets the less stringent low income criterion for the adjacency index?",
  "Definition N (communities) (average of neighbors)",
  "Is the tract surrounded by disadvantaged communities?",
  "Definition N (communities) (based on adjacency index and low income alone)",
  "Definition N community, including adjacency index tracts",
  "Grandfathered Definition N (communities) from v1.0",
  "Percentage of tract that is disadvantaged",
];

/** Missing numeric cells are NaN in the table and null in JSON. */
const cellOf = (v: Cell | undefined): Cell =>
  v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v;

const root = join(fileURLToPath(new URL(".", import.meta.url)), "golden");
const update = process.env.UPDATE === "1" && process.env.CI !== "true";

function graphOf(geoids: string[], pairs: Array<[string, string]>): NeighbourGraph {
  const lists = geoids.map(() => [] as number[]);
  for (const [a, b] of pairs) {
    const i = geoids.indexOf(a);
    const j = geoids.indexOf(b);
    if (i < 0 || j < 0) throw new Error(`neighbour pair must name tracts of the table (got ${a}, ${b})`);
    lists[i]!.push(j);
    lists[j]!.push(i);
  }
  const offsets = new Uint32Array(geoids.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = offsets[i]! + l.length;
  });
  return { offsets, indices: Uint32Array.from(lists.flat()) };
}

function toInput(g: GoldenInput, version: MethodologyVersion): ScoreTableInput {
  const numeric = { ...g.numeric, ...g.overrides?.[version]?.numeric };
  const flags = { ...g.flags, ...g.overrides?.[version]?.flags };
  return {
    version,
    geoids: g.geoids,
    numeric: new Map(
      Object.entries(numeric).map(([k, v]) => [k, Float64Array.from(v, (x) => x ?? Number.NaN)]),
    ),
    flags: new Map(Object.entries(flags)),
    text: new Map(),
    neighbours: graphOf(g.geoids, g.neighbours ?? []),
    aland10: Float64Array.from(g.aland10 ?? g.geoids.map(() => 1_000_000)),
  };
}

/**
 * The trace without indicators that have no data and no outcome, and without categories
 * that are neither met nor have a burden, to keep the files reviewable.
 */
function trimTrace(t: DecisionTrace) {
  return {
    ...t,
    indicators: t.indicators.filter((i) => i.value !== null || i.percentile !== null || i.exceeded),
    categories: t.categories.filter((c) => c.met || c.exceededWithoutGate.length > 0),
  };
}

const cases = existsSync(root) ? readdirSync(root).sort() : [];
test("there are golden cases", () => assert.ok(cases.length >= 9, `found ${cases.length}`));

for (const name of cases) {
  const g = JSON.parse(readFileSync(join(root, name, "input.json"), "utf8")) as GoldenInput;
  for (const version of ["1.0", "2.0"] as const) {
    test(`golden ${name} v${version}`, () => {
      const result = computeScoreTable(toInput(g, version));
      const byName = new Map(result.columns.map((c) => [c.name, c]));
      for (const [geoid, facts] of Object.entries(g.assert?.[version] ?? {})) {
        const row = g.geoids.indexOf(geoid);
        assert.ok(row >= 0, `assert names unknown tract ${geoid}`);
        for (const [column, want] of Object.entries(facts)) {
          const col = byName.get(column);
          assert.ok(col, `no column ${column} in v${version}`);
          assert.equal(cellOf(col.values[row]), want, `${geoid} ${column}`);
        }
      }
      const actual = {
        description: g.description,
        version,
        tracts: g.geoids.map((geoid, row) => ({
          geoid,
          columns: Object.fromEntries(
            KEY_COLUMNS.filter((c) => byName.has(c)).map((c) => [c, cellOf(byName.get(c)!.values[row])]),
          ),
          trace: trimTrace(result.trace(row)),
        })),
      };
      const file = join(root, name, `expected-v${version}.json`);
      const text = `${JSON.stringify(actual, null, 2)}\n`;
      if (update) writeFileSync(file, text);
      assert.ok(existsSync(file), `${file} is missing: run with UPDATE=1 to create it, then review it`);
      assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(file, "utf8")));
    });
  }
}
