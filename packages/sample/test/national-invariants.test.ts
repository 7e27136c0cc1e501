/**
 * methodology.md §19: the full-country invariants, on a national-size generated dataset
 * folder read through the score stage (files, join, adjacency from polygons) and scored for
 * 1.0 and then 2.0 grandfathering that 1.0 result.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { prepareScoreInput } from "@cejst/etl";
import { computeScoreTable, type ScoreColumn } from "@cejst/methodology";
import { generateSample } from "../src/index.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-national-"));
  await generateSample({ outDir: dir, tracts: 74_000, seed: 5 });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
const ISLANDS = new Set(["60", "66", "69", "78"]);
const FINAL = "Definition N community, including adjacency index tracts";
let v1Final: (boolean | null)[] = [];
let v1Geoids: readonly string[] = [];

async function score(version: "1.0" | "2.0", v1ResultsPath?: string) {
  const { input } = await prepareScoreInput({
    dataDir: join(dir, version),
    version,
    ...(v1ResultsPath ? { v1ResultsPath } : {}),
  });
  const { columns } = computeScoreTable(input);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const col = (name: string): ScoreColumn["values"] => {
    const c = byName.get(name);
    assert.ok(c, `score table has ${name}`);
    return c.values;
  };
  return { input, columns, col };
}

function checkInvariants(version: "1.0" | "2.0", s: Awaited<ReturnType<typeof score>>) {
  const { input, columns, col } = s;
  const n = input.geoids.length;
  assert.ok(n > 73_000 && n <= 74_160, `national size (got ${n})`);
  assert.equal(new Set(input.geoids).size, n, "no duplicate tract");

  // Percentiles: (0, 1], maximum 1 (or the top tie's average rank), sum (n+1)/2.
  for (const c of columns) {
    if (!c.name.endsWith("(percentile)") || c.name === "Definition N (communities) (percentile)") continue;
    if (c.name.endsWith("for island areas (percentile)")) continue; // island part of a joint ranking
    const ps = Array.from(c.values).filter((v) => !isMissing(v)) as number[];
    if (ps.length === 0) continue;
    let sum = 0;
    let max = 0;
    for (const p of ps) {
      assert.ok(p > 0 && p <= 1, `${c.name}: ${p} outside (0, 1]`);
      sum += p;
      max = Math.max(max, p);
    }
    // The top value's tracts share the average of ranks n-k+1 … n: exactly 1 when untied.
    const k = ps.filter((p) => p === max).length;
    const n = ps.length;
    assert.equal(
      max,
      (n - k + 1 + n) / 2 / n,
      `${c.name}: the highest percentile is the top tie's average rank / n`,
    );
    assert.ok(Math.abs(sum - (ps.length + 1) / 2) < 1e-6 * ps.length, `${c.name} sums to ${sum}`);
  }

  const geo = input.geoids;
  const pr = (i: number) => geo[i]!.startsWith("72");
  const island = (i: number) => ISLANDS.has(geo[i]!.slice(0, 2));
  const ling = col("Linguistic isolation (percent) (percentile)");
  geo.forEach((_, i) => {
    if (pr(i)) assert.ok(isMissing(ling[i]), `${geo[i]}: no linguistic-isolation percentile in PR`);
  });

  // Flags agree with their cut-offs: flagged ≥ cut-off > unflagged.
  const li = col("Is low income (imputed and adjusted)?");
  const liPct = col(
    "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)",
  );
  geo.forEach((_, i) => {
    if (island(i)) return;
    const p = liPct[i] as number;
    assert.equal(li[i] === true, !isMissing(p) && p >= 0.65, `${geo[i]}: low income agrees with 0.65`);
  });
  if (version === "1.0") {
    geo.forEach((g, i) => {
      if (island(i)) assert.equal(li[i], false, `${g}: 1.0 islands are never low income`);
    });
  }
  const lead = col("Percent pre-1960s housing (lead paint indicator) (percentile)");
  const house = col("Median value ($) of owner-occupied housing units (percentile)");
  const lpp = col(
    "Greater than or equal to the 90th percentile for lead paint and the median house value is less than 90th percentile",
  );
  let leadOnly = 0;
  let lppCount = 0;
  geo.forEach((_, i) => {
    const l = lead[i] as number;
    const h = house[i] as number;
    const want = !isMissing(l) && l >= 0.9 && !isMissing(h) && h <= 0.9;
    assert.equal(lpp[i] === true, want, `${geo[i]}: lead paint flag`);
    if (!isMissing(l) && l >= 0.9) leadOnly++;
    if (want) lppCount++;
  });
  assert.ok(lppCount < leadOnly, "the house-value condition removes some lead-paint tracts");

  // Designation.
  const scoreN = col("Definition N (communities)");
  const final = col(FINAL);
  const cc = col("Total categories exceeded");
  const tc = col("Total threshold criteria exceeded");
  const tribal = col("Identified as disadvantaged due to tribal overlap");
  const donut = col("Definition N (communities) (based on adjacency index and low income alone)");
  const share = col("Percentage of tract that is disadvantaged");
  const grand = version === "2.0" ? col("Grandfathered Definition N (communities) from v1.0") : undefined;
  let donutOnly = 0;
  let nScoreN = 0;
  let nFinal = 0;
  let nGrand = 0;
  geo.forEach((g, i) => {
    assert.ok(scoreN[i] === true || scoreN[i] === false, `${g}: SCORE_N is never missing`);
    assert.ok(final[i] === true || final[i] === false, `${g}: FINAL is never missing`);
    const expected =
      (cc[i] as number) > 0 || tribal[i] === true || (version === "2.0" && island(i) && li[i] === true);
    assert.equal(scoreN[i], expected, `${g}: SCORE_N ⇔ CC > 0 ∨ tribal ∨ (2.0 island ∧ LI)`);
    if (!pr(i)) assert.ok((tc[i] as number) >= (cc[i] as number), `${g}: TC ≥ CC outside PR`);
    assert.equal(share[i] === 1, final[i] === true, `${g}: 100 % disadvantaged ⇔ FINAL`);
    if (donut[i] === true && scoreN[i] !== true) donutOnly++;
    if (scoreN[i] === true) nScoreN++;
    if (final[i] === true) nFinal++;
    if (grand?.[i] === true) nGrand++;
  });
  assert.equal(donutOnly + nScoreN + nGrand, nFinal, "donut-only + SCORE_N (+ grandfathered) = FINAL");
  assert.ok(donutOnly > 0, "the sample produces donut holes");
  return { final, nGrand };
}

test("§19 invariants hold for 1.0 on a national-size generated folder", async () => {
  const s = await score("1.0");
  const { final } = checkInvariants("1.0", s);
  v1Final = Array.from(final) as (boolean | null)[];
  v1Geoids = s.input.geoids;
});

test("§19 invariants hold for 2.0, and every 1.0 tract stays disadvantaged", async () => {
  assert.ok(v1Geoids.length > 0, "the 1.0 run happened first");
  const path = join(dir, "v1-results.csv");
  const rows = v1Geoids.map((g, i) => `${g},${v1Final[i] ? "True" : "False"}`);
  await writeFile(path, `GEOID10_TRACT,"${FINAL}"\n${rows.join("\n")}\n`);
  const s = await score("2.0", path);
  const { final, nGrand } = checkInvariants("2.0", s);
  const index = new Map(s.input.geoids.map((g, i) => [g, i]));
  v1Geoids.forEach((g, i) => {
    if (v1Final[i]) assert.equal(final[index.get(g)!], true, `${g} is disadvantaged in 1.0 and stays so`);
  });
  assert.ok(nGrand > 0, "some tracts are kept only by grandfathering");
});
