import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { computeTouchingNeighbours, datasetFilesFor, parseCsvText, readTractPolygons } from "@cejst/etl";
import { nri10 } from "@cejst/methodology";
import { loadCounties } from "../src/counties.ts";
import { buildGeography } from "../src/geography.ts";
import { generateSample, type SampleSummary } from "../src/index.ts";

let root: string;
let summary: SampleSummary;
const tables = new Map<string, { header: string[]; rows: string[][] }>();

async function table(version: "1.0" | "2.0", rel: string) {
  const key = `${version}/${rel}`;
  let t = tables.get(key);
  if (!t) {
    const path = join(root, version, rel);
    const parsed = parseCsvText(await readFile(path, "utf8"), path);
    t = { header: parsed.header, rows: parsed.rows };
    tables.set(key, t);
  }
  return t;
}

async function column(version: "1.0" | "2.0", rel: string, name: string): Promise<Map<string, string>> {
  const t = await table(version, rel);
  const i = t.header.indexOf(name);
  assert.notEqual(i, -1, `${rel} lacks column ${name}`);
  return new Map(t.rows.map((r) => [r[0]!, r[i]!]));
}

async function tractList(version: "1.0" | "2.0"): Promise<string[]> {
  return (await readFile(join(root, version, "census/csv/us.csv"), "utf8")).trimEnd().split("\n");
}

/** Neighbours of tract `a` in the score stage's CSR graph. */
function neighboursOf(graph: { offsets: Uint32Array; indices: Uint32Array }, a: number): number[] {
  return [...graph.indices.subarray(graph.offsets[a]!, graph.offsets[a + 1]!)];
}

const isIsland = (g: string) => ["60", "66", "69", "78"].includes(g.slice(0, 2));

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-sample-"));
  summary = await generateSample({ outDir: root, seed: 11 });
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

test("the default sample has about 1,500 tracts in every kind of area", () => {
  assert.ok(Math.abs(summary.tracts - 1500) < 100, `tracts: ${summary.tracts}`);
  for (const area of ["nation", "PR", "AS", "GU", "MP", "VI"] as const)
    assert.ok(summary.byArea[area] >= 3, `${area}: ${summary.byArea[area]}`);
  assert.ok(summary.waterOnly >= 1, "some water-only tracts");
  assert.ok(summary.zeroPopulation > summary.waterOnly, "some land tracts with no population");
  assert.ok(summary.counties >= 20, `counties: ${summary.counties}`);
});

test("every file and column the score reads is present, for both versions", async () => {
  for (const version of ["1.0", "2.0"] as const) {
    for (const spec of datasetFilesFor(version)) {
      const t = await table(version, spec.path);
      assert.equal(t.header[0], "GEOID10_TRACT", spec.path);
      for (const c of spec.columns) assert.ok(t.header.includes(c), `${version}/${spec.path} lacks ${c}`);
      assert.equal(summary.rows[version][spec.path], t.rows.length, `${spec.path} row count in the summary`);
    }
    const note = await readFile(join(root, version, "SYNTHETIC.md"), "utf8");
    assert.match(note, /synthetic/i);
  }
});

test("GEOIDs are 11 characters, unique per file and drawn from the tract list", async () => {
  for (const version of ["1.0", "2.0"] as const) {
    const universe = await tractList(version);
    assert.equal(new Set(universe).size, universe.length, "tract list has duplicates");
    const known = new Set(universe);
    for (const g of universe) assert.match(g, /^\d{11}$/);
    for (const spec of datasetFilesFor(version)) {
      const t = await table(version, spec.path);
      const seen = new Set<string>();
      for (const r of t.rows) {
        assert.ok(known.has(r[0]!), `${spec.path}: ${r[0]} is not in the tract list`);
        assert.ok(!seen.has(r[0]!), `${spec.path}: ${r[0]} twice`);
        seen.add(r[0]!);
      }
    }
  }
});

test("tract polygons: one per tract, inside the county's bbox, water-only ones have ALAND10 = 0", async () => {
  const universe = await tractList("2.0");
  const gj = JSON.parse(await readFile(join(root, "2.0/census/geojson/us.json"), "utf8")) as {
    features: {
      properties: { GEOID10: string; ALAND10: number; AWATER10: number };
      geometry: { coordinates: number[][][] };
    }[];
  };
  assert.deepEqual(
    gj.features.map((f) => f.properties.GEOID10),
    universe,
  );
  const counties = new Map(loadCounties().map((c) => [c.fips, c]));
  let water = 0;
  for (const f of gj.features) {
    const { GEOID10: g, ALAND10: land, AWATER10: wet } = f.properties;
    const c = counties.get(g.slice(0, 5));
    assert.ok(c, `${g}: county ${g.slice(0, 5)} is not a us-atlas county`);
    for (const [x, y] of f.geometry.coordinates[0]!) {
      assert.ok(x! >= c.bbox[0] - 1e-6 && x! <= c.bbox[2] + 1e-6, `${g}: lon ${x} outside ${c.fips}`);
      assert.ok(y! >= c.bbox[1] - 1e-6 && y! <= c.bbox[3] + 1e-6, `${g}: lat ${y} outside ${c.fips}`);
    }
    const waterCode = g.slice(5, 9) === "9900";
    assert.equal(land === 0, waterCode, `${g}: ALAND10 ${land} and code disagree`);
    if (waterCode) {
      water++;
      assert.ok(wet > 0, `${g}: water-only tract without water area`);
    }
  }
  assert.equal(water, summary.waterOnly);
});

test("neighbouring tracts share edges with identical coordinates and never overlap", async () => {
  const universe = await tractList("2.0");
  const index = new Map(universe.map((g, i) => [g, i]));
  const geometry = await readTractPolygons(join(root, "2.0/census/geojson/us.json"), index);
  const neighbours = computeTouchingNeighbours(geometry.polygons);
  const gj = JSON.parse(await readFile(join(root, "2.0/census/geojson/us.json"), "utf8")) as {
    features: { geometry: { coordinates: number[][][] } }[];
  };
  const rings = gj.features.map((f) => f.geometry.coordinates[0]!);
  const segments = rings.map((ring) => {
    const s = new Set<string>();
    for (let i = 0; i + 1 < ring.length; i++) s.add(`${ring[i]}|${ring[i + 1]}`);
    return s;
  });
  const bbox = rings.map((ring) => {
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  });
  let edgePairs = 0;
  let crossCounty = 0;
  for (let a = 0; a < rings.length; a++) {
    const list = neighboursOf(neighbours, a);
    for (const b of list) {
      const [aw, as, ae, an] = bbox[a]!;
      const [bw, bs, be, bn] = bbox[b]!;
      const overlapX = Math.min(ae, be) - Math.max(aw, bw);
      const overlapY = Math.min(an, bn) - Math.max(as, bs);
      assert.ok(!(overlapX > 0 && overlapY > 0), `${universe[a]} and ${universe[b]} overlap`);
      if (overlapX > 0 || overlapY > 0) {
        // They share a side of positive length: some segment of one is reversed in the other.
        const ring = rings[a]!;
        let shared = false;
        for (let i = 0; i + 1 < ring.length && !shared; i++)
          shared = segments[b]!.has(`${ring[i + 1]}|${ring[i]}`);
        assert.ok(shared, `${universe[a]} and ${universe[b]} touch along a side but share no exact segment`);
        edgePairs++;
        if (universe[a]!.slice(0, 5) !== universe[b]!.slice(0, 5)) crossCounty++;
      }
    }
  }
  assert.ok(edgePairs > universe.length, `edge-sharing pairs: ${edgePairs}`);
  assert.ok(crossCounty > 0, "adjacency crosses county lines");
  // The generator's own neighbour lists (used for imputation) are the score's touching graph.
  const tracts = buildGeography({ tracts: 1500, seed: 11 });
  assert.deepEqual(
    tracts.map((t) => t.geoid),
    universe,
  );
  for (const t of tracts)
    assert.deepEqual(
      t.neighbours,
      neighboursOf(neighbours, t.index).sort((x, y) => x - y),
      `${t.geoid} neighbours`,
    );
});

test("coverage follows the sources: islands lack ACS and the national sources, PR lacks some", async () => {
  const islandFree = [
    "dataset/census_acs/usa.csv",
    "dataset/ejscreen/usa.csv",
    "dataset/cdc_places/usa.csv",
    "dataset/cdc_life_expectancy/usa.csv",
    "dataset/national_risk_index/usa.csv",
    "dataset/fsf_flood_risk/usa.csv",
    "dataset/fsf_wildfire_risk/usa.csv",
    "dataset/travel_composite/usa.csv",
    "dataset/hud_housing/usa.csv",
    "dataset/doe_energy_burden/usa.csv",
    "dataset/nlcd_nature_deprived/usa.csv",
  ];
  for (const rel of islandFree) {
    const t = await table("2.0", rel);
    assert.ok(!t.rows.some((r) => isIsland(r[0]!)), `${rel} has island tracts`);
  }
  for (const rel of ["dataset/cdc_life_expectancy/usa.csv", "dataset/nlcd_nature_deprived/usa.csv"]) {
    const t = await table("2.0", rel);
    assert.ok(!t.rows.some((r) => r[0]!.startsWith("72")), `${rel} has Puerto Rico tracts`);
  }
  const nlcd = await table("2.0", "dataset/nlcd_nature_deprived/usa.csv");
  assert.ok(!nlcd.rows.some((r) => ["02", "15"].includes(r[0]!.slice(0, 2))), "NLCD is contiguous US only");
  const acs = await table("2.0", "dataset/census_acs/usa.csv");
  assert.ok(
    acs.rows.some((r) => r[0]!.startsWith("72")),
    "PR is in the ACS",
  );
  for (const [version, rel] of [
    ["1.0", "dataset/census_decennial_2010/usa.csv"],
    ["2.0", "dataset/census_decennial_2020/usa.csv"],
  ] as const) {
    const t = await table(version, rel);
    const islands = (await tractList(version)).filter(isIsland);
    assert.deepEqual(
      t.rows.map((r) => r[0]).sort(),
      islands.sort(),
      `${rel} covers exactly the island tracts`,
    );
  }
  const tribal = await column(
    "2.0",
    "dataset/tribal_overlap/usa.csv",
    "Percent of the Census tract that is within Tribal areas",
  );
  const shares = [...tribal.values()].filter((v) => v !== "").map(Number);
  assert.ok(
    shares.some((s) => s > 0.995),
    "some tracts lie wholly in tribal areas",
  );
  assert.ok(
    shares.some((s) => s > 0 && s <= 0.995),
    "some tracts partly in tribal areas",
  );
});

test("ACS rates equal counts over their universe; NRI rates carry 10 decimals", async () => {
  const n200 = await column(
    "2.0",
    "dataset/census_acs/usa.csv",
    "Total population of individuals < 200% Federal Poverty Line",
  );
  const nTot = await column("2.0", "dataset/census_acs/usa.csv", "C17002_001E");
  const p200 = await column(
    "2.0",
    "dataset/census_acs/usa.csv",
    "Percent of individuals below 200% Federal Poverty Line",
  );
  let checked = 0;
  for (const [g, rate] of p200) {
    const num = n200.get(g)!;
    const den = nTot.get(g)!;
    if (num === "" || den === "" || Number(den) === 0) {
      assert.equal(rate, "", `${g}: a rate without its counts`);
      continue;
    }
    assert.equal(Number(rate), Number(num) / Number(den), `${g}: rate ≠ count / universe`);
    checked++;
  }
  assert.ok(checked > 1000);
  const nri = await table("2.0", "dataset/national_risk_index/usa.csv");
  for (const r of nri.rows)
    for (const cell of r.slice(1, 5)) {
      assert.match(cell, /^\d+\.\d{10}$/, `NRI cell ${cell}`);
      assert.equal(nri10(Number(cell)), Number(cell));
    }
});

test("values are skewed, tied, missing and zero where real data is", async () => {
  const air = [...(await column("2.0", "dataset/ejscreen/usa.csv", "Air toxics cancer risk")).values()];
  assert.ok(new Set(air).size < air.length / 10, "air toxics has many exact ties");
  const flood = [
    ...(
      await column(
        "2.0",
        "dataset/fsf_flood_risk/usa.csv",
        "Share of properties at risk of flood in 30 years",
      )
    ).values(),
  ];
  assert.ok(flood.filter((v) => v === "0.0").length > flood.length * 0.1, "many tracts without flood risk");
  const income = [
    ...(
      await column("2.0", "dataset/census_acs/usa.csv", "Median household income in the past 12 months")
    ).values(),
  ];
  const present = income.filter((v) => v !== "").map(Number);
  assert.ok(present.length < income.length, "some incomes are missing");
  const sorted = [...present].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  assert.ok(mean > median, `income is right-skewed (mean ${mean}, median ${median})`);
  const estimated = await column(
    "2.0",
    "dataset/census_acs/usa.csv",
    "Income data has been estimated based on neighbor income",
  );
  assert.ok([...estimated.values()].includes("True"), "some tracts are imputed from neighbours");
});

test("neighbouring tracts are more alike than random pairs (spatial correlation)", async () => {
  const universe = await tractList("2.0");
  const index = new Map(universe.map((g, i) => [g, i]));
  const geometry = await readTractPolygons(join(root, "2.0/census/geojson/us.json"), index);
  const graph = computeTouchingNeighbours(geometry.polygons);
  const rate = await column(
    "2.0",
    "dataset/census_acs/usa.csv",
    "Percent of individuals below 200% Federal Poverty Line",
  );
  const v = universe.map((g) => (rate.get(g) ? Number(rate.get(g)) : null));
  let near = 0;
  let nearN = 0;
  let far = 0;
  let farN = 0;
  for (let a = 0; a < v.length; a++) {
    if (v[a] === null) continue;
    for (const b of neighboursOf(graph, a))
      if (v[b] !== null) {
        near += Math.abs(v[a]! - v[b]!);
        nearN++;
      }
    const b = (a * 7919) % v.length;
    if (v[b] !== null && b !== a) {
      far += Math.abs(v[a]! - v[b]!);
      farN++;
    }
  }
  assert.ok(near / nearN < 0.8 * (far / farN), `neighbour gap ${near / nearN} vs random ${far / farN}`);
});

test("1.0 and 2.0 differ only in the adjusted low-income columns and the island file", async () => {
  const v1 = await table("1.0", "dataset/census_acs/usa.csv");
  const v2 = await table("2.0", "dataset/census_acs/usa.csv");
  assert.deepEqual(v1.header, v2.header);
  const mayDiffer = new Set([
    "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
    "Income data has been estimated based on neighbor income",
    "Ratio <200% FPL to <100% FPL, overall",
    "Estimated population count of off-campus university students <200% FPL",
    "Estimated population count of people in a househould with income <200% FPL, excluding all university students",
    "Everyone in poverty dataset, minus all off-campus university students",
  ]);
  let adjustedDiffers = 0;
  v1.rows.forEach((r1, i) => {
    const r2 = v2.rows[i]!;
    v1.header.forEach((h, c) => {
      if (!mayDiffer.has(h)) assert.equal(r1[c], r2[c], `${r1[0]}: ${h} differs between versions`);
      else if (r1[c] !== r2[c] && h.endsWith("imputed and adjusted")) adjustedDiffers++;
    });
  });
  assert.ok(adjustedDiffers > v1.rows.length / 2, "the 1.0 and 2.0 student adjustments give different rates");
  for (const spec of datasetFilesFor("2.0")) {
    if (spec.path.includes("census_acs/") || spec.path.includes("census_decennial")) continue;
    const a = await readFile(join(root, "1.0", spec.path), "utf8");
    const b = await readFile(join(root, "2.0", spec.path), "utf8");
    assert.equal(a, b, `${spec.path} differs between versions`);
  }
  // Zero-population tracts: 2.0 rates them 0 and flags them estimated; 1.0 leaves them missing.
  const pop = await column("2.0", "dataset/census_acs/usa.csv", "Total population");
  const adj1 = await column(
    "1.0",
    "dataset/census_acs/usa.csv",
    "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
  );
  const adj2 = await column(
    "2.0",
    "dataset/census_acs/usa.csv",
    "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
  );
  const zero = [...pop].filter(([, p]) => p === "0.0").map(([g]) => g);
  assert.ok(zero.length > 0);
  for (const g of zero) {
    assert.equal(adj2.get(g), "0.0", `${g}: 2.0 adjusted rate`);
    assert.equal(adj1.get(g), "", `${g}: 1.0 adjusted rate`);
  }
});
