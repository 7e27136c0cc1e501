/**
 * Invariants of methodology.md §19 on a national-size synthetic table (deterministic, 74,134 tracts over
 * states, PR and the island areas), for both versions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { INDICATORS, type IndicatorSpec } from "@cejst/schema";
import { computeScoreTable } from "../src/compute-score-table.ts";
import type { ScoreColumn } from "../src/score-table.ts";
import { syntheticScoreInput } from "./helpers/synthetic-input.ts";

const missing = (v: unknown) => v === null || (typeof v === "number" && Number.isNaN(v));

for (const version of ["1.0", "2.0"] as const) {
  test(`§19 invariants hold on a synthetic national table, v${version}`, () => {
    const input = syntheticScoreInput(version, 74_134, 11);
    const result = computeScoreTable(input);
    const col = (name: string): ScoreColumn => {
      const c = result.columns.find((x) => x.name === name);
      assert.ok(c, `no column ${name}`);
      return c;
    };
    const vals = (name: string) => col(name).values;
    const n = input.geoids.length;

    // Percentiles: (0, 1], sum (n+1)/2 over the ranked tracts.
    for (const c of result.columns) {
      if (!c.name.endsWith("(percentile)") || c.name === "Definition N (communities) (percentile)") continue;
      const ps = c.values.filter((v): v is number => !missing(v)) as number[];
      if (ps.length === 0) continue;
      for (const p of ps) assert.ok(p > 0 && p <= 1, `${c.name}: ${p}`);
      // The island columns keep only the island part of a joint ranking (§6.6).
      if (c.name.endsWith("for island areas (percentile)")) continue;
      const sum = ps.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - (ps.length + 1) / 2) < 1e-6 * ps.length, `${c.name} sums to ${sum}`);
    }
    const pr = input.geoids.map((g) => g.startsWith("72"));
    const island = input.geoids.map((g) => ["60", "66", "69", "78"].includes(g.slice(0, 2)));
    const ling = vals("Linguistic isolation (percent) (percentile)");
    input.geoids.forEach((_, i) => {
      if (pr[i]) assert.ok(missing(ling[i]), "PR linguistic isolation percentile is null");
    });
    const pop = input.numeric.get("Total population")!;
    const dot = vals("DOT Travel Barriers Score (percentile)");
    input.geoids.forEach((_, i) => {
      if (Number.isNaN(pop[i]!) || pop[i]! <= 20)
        assert.ok(missing(dot[i]), "DOT dropped where population <= 20");
    });

    // Flags agree with their cut-offs.
    for (const s of Object.values(INDICATORS) as IndicatorSpec[]) {
      if (s.test !== "percentile" || s.alsoAtMost) continue;
      const p = vals(s.testedColumn);
      const b = vals(s.burdenColumn);
      for (let i = 0; i < n; i++)
        assert.equal(b[i], !missing(p[i]) && (p[i] as number) >= s.threshold, `${s.burdenColumn}[${i}]`);
    }
    const lead = vals("Percent pre-1960s housing (lead paint indicator) (percentile)");
    const house = vals("Median value ($) of owner-occupied housing units (percentile)");
    const lpp = vals(INDICATORS.lead_paint.burdenColumn);
    for (let i = 0; i < n; i++)
      assert.equal(lpp[i], (lead[i] as number) >= 0.9 && !missing(house[i]) && (house[i] as number) <= 0.9);

    // Designation.
    const li = vals("Is low income (imputed and adjusted)?");
    const scoreN = vals("Definition N (communities)");
    const final = vals("Definition N community, including adjacency index tracts");
    const donut = vals("Definition N (communities) (based on adjacency index and low income alone)");
    const tc = vals("Total threshold criteria exceeded");
    const cc = vals("Total categories exceeded");
    const tribal = input.flags.get("Identified as disadvantaged due to tribal overlap")!;
    const share = vals("Percentage of tract that is disadvantaged");
    let donutOnly = 0;
    let scoreNCount = 0;
    let finalCount = 0;
    for (let i = 0; i < n; i++) {
      assert.equal(typeof scoreN[i], "boolean");
      assert.equal(typeof final[i], "boolean");
      const territory = version === "2.0" && island[i] === true && li[i] === true;
      assert.equal(scoreN[i], (cc[i] as number) > 0 || tribal[i] === true || territory, `SCORE_N[${i}]`);
      if (!pr[i]) assert.ok((tc[i] as number) >= (cc[i] as number), `TC >= CC at ${i}`);
      assert.equal(
        share[i] === 1,
        final[i] === true || vals("Percent of the Census tract that is within Tribal areas")[i] === 1,
      );
      if (version === "1.0" && island[i]) assert.equal(li[i], false, "v1.0 island LI is false");
      if (donut[i] === true && scoreN[i] === false) donutOnly++;
      if (scoreN[i] === true) scoreNCount++;
      if (final[i] === true) finalCount++;
    }
    if (version === "1.0") assert.equal(donutOnly + scoreNCount, finalCount);
    else {
      const grand = vals("Grandfathered Definition N (communities) from v1.0").filter(
        (g) => g === true,
      ).length;
      assert.equal(donutOnly + scoreNCount + grand, finalCount);
      const v1 = input.flags.get("Definition N community, including adjacency index tracts v1.0")!;
      for (let i = 0; i < n; i++) if (v1[i] === true) assert.equal(final[i], true, "V1 implies FINAL");
    }
    assert.ok(finalCount > 0 && finalCount < n, "the synthetic table has both outcomes");
  });
}

test("malformed input is rejected with the column and the wrong length named", () => {
  const input = syntheticScoreInput("2.0", 50, 3);
  const numeric = new Map(input.numeric);
  numeric.set("Energy burden", new Float64Array(49));
  assert.throws(
    () => computeScoreTable({ ...input, numeric }),
    /numeric column Energy burden must have one value per tract \(got 49\)/,
  );
  const flags = new Map(input.flags);
  flags.set("Contains agricultural value", [true]);
  assert.throws(
    () => computeScoreTable({ ...input, flags }),
    /flag column Contains agricultural value .*\(got 1\)/,
  );
  assert.throws(
    () =>
      computeScoreTable({
        ...input,
        neighbours: { offsets: new Uint32Array(3), indices: new Uint32Array(0) },
      }),
    /neighbour graph offsets .*\(got 3\)/,
  );
  assert.throws(() => computeScoreTable({ ...input, aland10: new Float64Array(1) }), /aland10 .*\(got 1\)/);
  assert.throws(() => computeScoreTable(input).trace(50), /trace row must be a tract index \(got 50\)/);
});
