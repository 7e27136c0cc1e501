import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { type CensusPlace, readPlaces, searchPlaces } from "./search.ts";
import type { BBox, TractGeometry } from "./tract-geometry.ts";

const dir = mkdtempSync(join(tmpdir(), "cejst-search-places-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A square tract of `side` degrees centred on (lon, lat). */
function tract(geoid: string, lon: number, lat: number, side = 0.01, mapped = true): TractGeometry {
  const h = side / 2;
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  const bbox: BBox = [r(lon - h), r(lat - h), r(lon + h), r(lat + h)];
  return { geoid, aland: 1e6, lat: String(lat), lon: String(lon), bbox: mapped ? bbox : null, mapped };
}

const tracts = new Map(
  [
    tract("24001000100", -76.6, 39.3),
    tract("24001000200", -76.59, 39.3),
    tract("24001000300", -76.5, 39.3), // ~8.6 km east: outside a 10 km² place's disc
    tract("24001000400", -76.6, 39.31, 0.01, false), // not drawn
    tract("10001000100", -76.6, 39.305), // inside the disc but in another state
  ].map((t) => [t.geoid, t]),
);

describe("searchPlaces", () => {
  test("a place's box is the union of its state's drawn tracts whose point lies in its disc", () => {
    // 10 km² → radius ≈ 1.78 km: the tracts at 0 and ~0.86 km, not the one at ~8.6 km.
    const [p] = searchPlaces(
      [{ geoid: "2400100", name: "Alder Springs town", lat: 39.3, lon: -76.6, aland: 1e7 }],
      tracts,
    );
    assert.deepEqual(p, {
      geoid: "2400100",
      name: "Alder Springs town",
      state: "24",
      bbox: [-76.605, 39.295, -76.585, 39.305],
    });
  });

  test("a place with no tract point in its disc gets its point ± sqrt(ALAND)/2, at least ± 500 m", () => {
    const far = { geoid: "2400200", name: "Birch Hollow CDP", lat: 38, lon: -77, aland: 4e6 };
    const [p] = searchPlaces([far], tracts);
    const [w, s, e, n] = p!.bbox as BBox;
    // ± 1 km north and south, and as many metres east and west (degrees widen by 1/cos φ).
    assert.ok(Math.abs(n - s - 2000 / 111_320) < 2e-5, `height ${n - s}`);
    assert.ok(Math.abs((e - w) * Math.cos((38 * Math.PI) / 180) - 2000 / 111_320) < 3e-5, `width ${e - w}`);
    assert.ok(w < -77 && e > -77 && s < 38 && n > 38);
    const [tiny] = searchPlaces([{ ...far, aland: 0 }], tracts);
    const [, ts, , tn] = tiny!.bbox as BBox;
    assert.ok(Math.abs(tn - ts - 1000 / 111_320) < 2e-5, "a place without land still gets ± 500 m");
  });

  test("names are kept as the source spells them, and places come sorted by GEOID", () => {
    const places: CensusPlace[] = [
      { geoid: "7203300", name: "Peñasco Alto zona urbana", lat: 18.4, lon: -66.05, aland: 1e6 },
      { geoid: "0205000", name: "Cedar Falls city", lat: 55.3, lon: -131.6, aland: 1e6 },
    ];
    const out = searchPlaces(places, tracts);
    assert.deepEqual(
      out.map((p) => [p.geoid, p.name, p.state]),
      [
        ["0205000", "Cedar Falls city", "02"],
        ["7203300", "Peñasco Alto zona urbana", "72"],
      ],
    );
  });
});

describe("readPlaces", () => {
  test("reads places.csv, and an absent file is no places", async () => {
    const path = join(dir, "places.csv");
    writeFileSync(
      path,
      "GEOID,NAME,state,INTPTLAT,INTPTLONG,ALAND\n2404000,Alder Springs town,MD,39.412345,-76.601234,4052213\n",
    );
    assert.deepEqual(await readPlaces(path), [
      { geoid: "2404000", name: "Alder Springs town", lat: 39.412345, lon: -76.601234, aland: 4052213 },
    ]);
    assert.deepEqual(await readPlaces(join(dir, "absent.csv")), []);
  });

  test("a bad GEOID or a non-numeric point is refused naming line and column", async () => {
    const path = join(dir, "bad.csv");
    writeFileSync(
      path,
      "GEOID,NAME,state,INTPTLAT,INTPTLONG,ALAND\n2404000,A,MD,39.4,-76.6,1\n240400,B,MD,39.4,x,1\n",
    );
    await assert.rejects(readPlaces(path), (e: unknown) => {
      assert.ok(e instanceof InputSchemaError);
      assert.match(e.message, /line 3/);
      assert.match(e.message, /GEOID/);
      return true;
    });
    writeFileSync(path, "GEOID,NAME,state,INTPTLAT,INTPTLONG,ALAND\n2404000,A,MD,39.4,west,1\n");
    await assert.rejects(readPlaces(path), /INTPTLONG/);
    writeFileSync(path, "GEOID,NAME,state,INTPTLAT,ALAND\n2404000,A,MD,39.4,1\n");
    await assert.rejects(readPlaces(path), /INTPTLONG/);
  });
});
