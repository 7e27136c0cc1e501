/**
 * Search index, bounds and shapefile on real TIGER 2010 shapes (the Island Areas file of the
 * shared fixtures): the internal points keep TIGER's exact text, lie inside their boxes, and
 * every polygon survives the shapefile round trip.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { shapefileFields } from "../src/codebook.ts";
import { compatSearchIndex } from "../src/search.ts";
import { encodeShapefile, type PolygonGeometry } from "../src/shapefile.ts";
import { readTractGeometry } from "../src/tract-geometry.ts";

const rel = "geometry/island-areas-tracts-2010.geojson";
const path = sharedFixture(rel);
const skip = path ? false : missingFixtureMessage(rel);

interface RawFeature {
  properties: { GEOID10: string; INTPTLAT10: string; INTPTLON10: string; ALAND10: number };
  geometry: PolygonGeometry | null;
}

test("compatibility search index keeps TIGER's coordinate text; points lie in their boxes", {
  skip,
}, async () => {
  const raw = JSON.parse(await readFile(path as string, "utf8")) as { features: RawFeature[] };
  const { tracts } = await readTractGeometry(path as string);
  assert.equal(tracts.size, raw.features.length);
  const index = JSON.parse(compatSearchIndex(tracts)) as {
    GEOID10: string;
    INTPTLAT10: string;
    INTPTLON10: string;
  }[];
  const byId = new Map(raw.features.map((f) => [f.properties.GEOID10, f.properties]));
  assert.deepEqual(
    index.map((r) => r.GEOID10),
    [...byId.keys()].sort(),
  );
  for (const r of index) {
    const p = byId.get(r.GEOID10);
    assert.equal(r.INTPTLAT10, p?.INTPTLAT10);
    assert.equal(r.INTPTLON10, p?.INTPTLON10);
    const t = tracts.get(r.GEOID10);
    assert.equal(t?.mapped, (p?.ALAND10 ?? 0) > 0);
    if (t?.bbox) {
      const [w, s, e, n] = t.bbox;
      const lat = Number(r.INTPTLAT10);
      const lon = Number(r.INTPTLON10);
      assert.ok(w <= lon && lon <= e && s <= lat && lat <= n, `${r.GEOID10} point inside its box`);
    }
  }
  assert.ok(index.some((r) => r.INTPTLAT10 === "-14.3040180" && r.INTPTLON10 === "-170.7133703"));
});

test("shapefile round trip keeps every tract polygon, point for point", { skip }, async () => {
  const raw = JSON.parse(await readFile(path as string, "utf8")) as { features: RawFeature[] };
  const geoids = raw.features.map((f) => f.properties.GEOID10).sort();
  const geometry = new Map(raw.features.map((f) => [f.properties.GEOID10, f.geometry]));
  const fields = shapefileFields("2.0").slice(0, 1);
  const parts = encodeShapefile(fields, [], geoids, (g) => geometry.get(g) ?? null);
  const shapefile = createRequire(import.meta.url)("shapefile") as {
    open(
      shp: ArrayBuffer,
      dbf: ArrayBuffer,
    ): Promise<{ read(): Promise<{ done: boolean; value: RawFeature }> }>;
  };
  const ab = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
  const source = await shapefile.open(ab(parts.shp), ab(parts.dbf));
  const points = (g: PolygonGeometry | null) => {
    if (g === null) return [];
    const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates) as number[][][][];
    return polys
      .flat()
      .flat()
      .map((p) => `${p[0]},${p[1]}`)
      .sort();
  };
  let n = 0;
  for (let r = await source.read(); !r.done; r = await source.read()) {
    const g = geoids[n] as string;
    assert.equal(r.value.properties.GEOID10, g);
    assert.deepEqual(points(r.value.geometry), points(geometry.get(g) ?? null), g);
    n++;
  }
  assert.equal(n, geoids.length);
});
