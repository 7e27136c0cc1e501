import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { zipSync } from "fflate";
import type { FeatureCollection, Polygon } from "geojson";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";
import { type TinyTract, tinyDbf, tinyShp } from "./tiny-shapefile.ts";

const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-census-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

const square = (x: number, y: number): [number, number][] => [
  [x, y],
  [x, y + 0.01],
  [x + 0.01, y + 0.01],
  [x + 0.01, y],
  [x, y],
];
const tract = (geoid: string, aland: number, awater: number, x: number): TinyTract => ({
  fields: { STATEFP10: geoid.slice(0, 2), GEOID10: geoid, NAME10: "Tract", ALAND10: aland, AWATER10: awater },
  rings: [square(x, 18)],
});

/** Writes `tl_2010_<fips>_tract10.zip` holding the given tracts (or raw members) and returns its path. */
function tigerZip(fips: string, tracts: TinyTract[], members?: Record<string, Uint8Array>): string {
  const dir = join(scratch, `src-${n++}`);
  mkdirSync(dir);
  const base = `tl_2010_${fips}_tract10`;
  const path = join(dir, `${base}.zip`);
  writeFileSync(
    path,
    zipSync(members ?? { [`${base}.shp`]: tinyShp(tracts), [`${base}.dbf`]: tinyDbf(tracts) }),
  );
  return path;
}

async function fails(sources: string[], check: (e: unknown) => boolean) {
  const out = join(scratch, `out-${n++}`);
  await assert.rejects(runEtl({ dataset: "census", sources, out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "census")), false, "nothing written after a failure");
}

test("census: hand-made tracts become a sorted tract list and a FeatureCollection", async () => {
  const vi = tigerZip("78", [tract("78030960800", 0, 5120, -64.9), tract("78010970000", 1200, 0, -64.7)]);
  const pr = tigerZip("72", [tract("72001956300", 3400, 12, -66.6)]);
  const out = join(scratch, `out-${n++}`);
  await runEtl({ dataset: "census", sources: [vi, pr], out });
  assert.equal(
    readFileSync(join(out, "census/csv/us.csv"), "utf8"),
    "72001956300\n78010970000\n78030960800\n",
  );
  const fc = JSON.parse(
    readFileSync(join(out, "census/geojson/us.json"), "utf8"),
  ) as FeatureCollection<Polygon>;
  assert.equal(fc.type, "FeatureCollection");
  assert.deepEqual(
    fc.features.map((f) => f.properties),
    [
      { GEOID10: "72001956300", ALAND10: 3400, AWATER10: 12 },
      { GEOID10: "78010970000", ALAND10: 1200, AWATER10: 0 },
      { GEOID10: "78030960800", ALAND10: 0, AWATER10: 5120 },
    ],
  );
  assert.deepEqual(fc.features[0]?.geometry.coordinates[0]?.[1], [-66.6, 18.01]);
});

test("census: bad archives and records are located errors", async () => {
  const good = [tract("10001040100", 1, 2, -75.6)];
  await fails([join(scratch, "nope")], (e) => e instanceof InputMissingError);
  const truncated = tigerZip("10", good);
  writeFileSync(truncated, readFileSync(truncated).subarray(0, 120));
  await fails(
    [truncated],
    (e) => e instanceof InputSchemaError && e.file === truncated && /zip/.test(e.message),
  );
  const noDbf = tigerZip("10", good, { "tl_2010_10_tract10.shp": tinyShp(good) });
  await fails([noDbf], (e) => e instanceof InputSchemaError && /\.dbf/.test(e.message));
  const short = tigerZip("10", [...good, tract("1000104020", 1, 2, -75.5)]);
  await fails(
    [short],
    (e) =>
      e instanceof InputSchemaError && e.line === 2 && e.field === "GEOID10" && /11 digits/.test(e.message),
  );
  const renamed = tigerZip("10", [
    { fields: { GEOID: "10001040100", ALAND10: 1, AWATER10: 2 }, rings: [square(-75, 39)] },
  ]);
  await fails(
    [renamed],
    (e) => e instanceof InputSchemaError && e.field === "GEOID10" && /missing/.test(e.message),
  );
  const textArea = tigerZip("10", [
    { fields: { GEOID10: "10001040100", ALAND10: "big", AWATER10: 2 }, rings: [square(-75, 39)] },
  ]);
  await fails([textArea], (e) => e instanceof InputSchemaError && e.field === "ALAND10");
  await fails(
    [tigerZip("10", good), tigerZip("10", good)],
    (e) => e instanceof InputSchemaError && /duplicate tract 10001040100/.test(e.message),
  );
});

const TIGER = "tiger2010";
const RESULTS = "static_data/v1.0-score-results-usa.csv";
test("census: the eight real TIGER archives give exactly the 1.0 results' tracts for DE, DC, RI, PR, AS, GU, MP, VI", {
  skip: sharedFixture(TIGER) && sharedFixture(RESULTS) ? false : missingFixtureMessage(TIGER),
}, async () => {
  const out = join(scratch, `out-${n++}`);
  await runEtl({ dataset: "census", sources: [sharedFixture(TIGER)!], out });
  const ours = readFileSync(join(out, "census/csv/us.csv"), "utf8").trimEnd().split("\n");
  const states = new Set(["10", "11", "44", "72", "60", "66", "69", "78"]);
  const table = parseCsvText(readFileSync(sharedFixture(RESULTS)!, "utf8"), RESULTS);
  const want = table.rows.map((r) => r[0] as string).filter((g) => states.has(g.slice(0, 2)));
  const count = (ids: string[]) => {
    const m: Record<string, number> = {};
    for (const g of ids) m[g.slice(0, 2)] = (m[g.slice(0, 2)] ?? 0) + 1;
    return m;
  };
  assert.deepEqual(count(ours), count(want));
  assert.deepEqual(count(ours), {
    "10": 218,
    "11": 179,
    "44": 244,
    "60": 18,
    "66": 57,
    "69": 25,
    "72": 945,
    "78": 32,
  });
  assert.deepEqual(ours, [...want].sort());
  const fc = JSON.parse(readFileSync(join(out, "census/geojson/us.json"), "utf8")) as FeatureCollection;
  assert.deepEqual(
    fc.features.map((f) => f.properties?.GEOID10),
    ours,
  );
  for (const f of fc.features) {
    assert.ok(f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon");
    assert.equal(typeof f.properties?.ALAND10, "number");
  }
  // Water-only tracts (ALAND10 = 0) are kept: the score needs them in the universe.
  assert.ok(fc.features.some((f) => f.properties?.ALAND10 === 0));
});
