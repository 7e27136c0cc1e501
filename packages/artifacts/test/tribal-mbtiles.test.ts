/**
 * The tribal tileset (artifacts.md §2.5, tests 1, 3, 19) and the tile forms (§1.2, §2.6):
 * a build given raw BIA-style layers writes the merged GeoJSON, the tribal pyramid and
 * archives; every tileset's MBTiles holds exactly the PMTiles archive's tiles, and the
 * optional `{z}/{x}/{y}.pbf` tree (`tileDirs`) holds the same tiles, gunzipped.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { after, before, describe, test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { decodeArchive, decodeTile, readArchiveTiles, readMbtiles } from "@cejst/tiles";
import { gunzipSync } from "fflate";
import { buildArtifacts } from "../src/build-artifacts.ts";
import { readTribalAreas } from "../src/tribal-areas.ts";
import { writeFixtureFolders } from "./score-fixture.ts";

const V = "2.0";
let root = "";
let out = "";
let tribalDir = "";
let trees = "";

function box(lon: number, lat: number, d: number): number[][][] {
  return [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ];
}
const fc = (features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const VILLAGES = 40;

/** The four BIA layers of §2.5, each with its own id and name fields and extra columns. */
async function writeBiaLayers(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "BIA_National_LAR.json"),
    fc([
      {
        type: "Feature",
        properties: { LARID: 101, LARName: "Poarch Creek LAR", GISAcres: 230.5 },
        geometry: { type: "Polygon", coordinates: box(-87.2, 31.1, 0.2) },
      },
      {
        type: "Feature",
        properties: { LARID: 102, LARName: "Annette Island LAR", GISAcres: 86000 },
        geometry: { type: "MultiPolygon", coordinates: [box(-131.5, 55.1, 0.1), box(-131.3, 55.0, 0.05)] },
      },
    ]),
  );
  await writeFile(
    join(dir, "BIA_TSA.json"),
    fc([
      {
        type: "Feature",
        properties: { TSAID: "T-7", LARName: "Creek TSA", OBJECTID: 5, GISAcres: 1, Shape_Area: 2 },
        geometry: { type: "Polygon", coordinates: box(-95.9, 36.1, 0.3) },
      },
    ]),
  );
  await writeFile(
    join(dir, "BIA_AIAN_Supplemental.json"),
    fc([
      {
        type: "Feature",
        properties: { OBJECTID: 7, Land_Area_: "Supplemental Area", Source: "x", Shape_Length: 3 },
        geometry: { type: "Polygon", coordinates: box(-108.5, 36.5, 0.25) },
      },
    ]),
  );
  await writeFile(
    join(dir, "AlaskaNativeVillages.gdb.geojson"),
    fc(
      Array.from({ length: VILLAGES }, (_, i) => ({
        type: "Feature",
        properties: { GlobalID: `{0000-${i}}`, TRIBALOFFICENAME: `Native Village ${i}` },
        geometry: { type: "Point", coordinates: [-165 + (i % 10) * 2.1, 58 + Math.floor(i / 10) * 1.7] },
      })),
    ),
  );
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) files.push(relative(dir, join(e.parentPath, e.name)).split(sep).join("/"));
  return files.sort();
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-tribal-"));
  const { score, data } = await writeFixtureFolders(root, V);
  tribalDir = join(root, "bia");
  await writeBiaLayers(tribalDir);
  out = join(root, "build");
  trees = join(root, "trees");
  await buildArtifacts({
    scoreDir: score,
    dataDir: data,
    methodology: V,
    outDir: out,
    tribal: tribalDir,
    tileDirs: trees,
  });
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("tribal tileset", () => {
  test("the GeoJSON has one feature per source record with exactly a string tribalId and landAreaName", async () => {
    const geo = JSON.parse(await readFile(join(out, "data/tribal/geographic_data/usa.json"), "utf8")) as {
      type: string;
      features: Array<{ properties: Record<string, unknown>; geometry: { type: string } }>;
    };
    assert.equal(geo.type, "FeatureCollection");
    assert.equal(geo.features.length, 2 + 1 + 1 + VILLAGES);
    for (const f of geo.features) {
      assert.deepEqual(Object.keys(f.properties).sort(), ["landAreaName", "tribalId"]);
      assert.equal(typeof f.properties.tribalId, "string");
      assert.equal(typeof f.properties.landAreaName, "string");
    }
    const byId = new Map(geo.features.map((f) => [f.properties.tribalId, f]));
    // Numeric source ids become strings (quirk 17); the TSA id wins over its OBJECTID.
    assert.equal(byId.get("101")?.properties.landAreaName, "Poarch Creek LAR");
    assert.equal(byId.get("T-7")?.properties.landAreaName, "Creek TSA");
    assert.equal(byId.get("7")?.properties.landAreaName, "Supplemental Area");
    assert.equal(byId.get("{0000-3}")?.geometry.type, "Point");
  });

  test("the pyramid has exactly z0–11; every feature carries string tribalId and landAreaName", async () => {
    const archive = await decodeArchive(join(out, "data/tribal/tiles/usa.pmtiles"));
    assert.deepEqual(
      [...new Set(archive.tiles.map((t) => t.z))].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    const zooms = (await readdir(join(trees, "data/tribal/tiles"), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => Number(e.name))
      .sort((a, b) => a - b);
    assert.deepEqual(zooms, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "the tree has the same zooms");
    assert.equal(archive.header.minZoom, 0);
    assert.equal(archive.header.maxZoom, 11);
    const meta = archive.metadata as { vector_layers: Array<{ id: string }>; cejst: unknown };
    assert.equal(meta.vector_layers[0]?.id, "blocks");
    assert.deepEqual(meta.cejst, { label: V, methodology: V });
    const villagesAt = new Map<number, Set<string>>();
    for (const t of archive.tiles) {
      assert.deepEqual(Object.keys(t.layers), ["blocks"]);
      for (const f of t.layers.blocks?.features ?? []) {
        assert.equal(typeof f.properties.tribalId, "string");
        assert.equal(typeof f.properties.landAreaName, "string");
        assert.deepEqual(Object.keys(f.properties), ["landAreaName", "tribalId"]);
        if (f.type === "Point") {
          const set = villagesAt.get(t.z) ?? new Set<string>();
          set.add(String(f.properties.tribalId));
          villagesAt.set(t.z, set);
        }
      }
    }
    for (let z = 3; z <= 11; z++) assert.equal(villagesAt.get(z)?.size, VILLAGES, `all villages at z${z}`);
    assert.ok((villagesAt.get(2)?.size ?? 0) < VILLAGES, "villages are thinned below z3");
  });

  test("manifest: tiles-tribal role, GeoJSON and MBTiles content types", async () => {
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8")) as {
      content: { files: Array<{ path: string; contentType: string; role?: string }> };
    };
    const entry = (p: string) => manifest.content.files.find((f) => f.path === p);
    assert.equal(entry("data/tribal/tiles/usa.pmtiles")?.role, "tiles-tribal");
    assert.equal(entry("data/tribal/geographic_data/usa.json")?.contentType, "application/geo+json");
    assert.equal(entry("data/tribal/tiles/metadata.json")?.contentType, "application/json");
    for (const p of [
      "data/tribal/tiles/usa.mbtiles",
      "data/score/tiles/high/usa_high.mbtiles",
      "data/score/tiles/low/usa_low.mbtiles",
    ])
      assert.equal(entry(p)?.contentType, "application/octet-stream", p);
  });
});

describe("same tiles in every form", () => {
  for (const [set, archive] of [
    ["score/tiles/high", "usa_high"],
    ["score/tiles/low", "usa_low"],
    ["tribal/tiles", "usa"],
  ] as const) {
    test(`${set}: ${archive}.mbtiles, ${archive}.pmtiles and the optional .pbf tree hold the same tiles`, async () => {
      const dir = join(out, "data", set);
      assert.deepEqual(
        (await listFiles(dir)).filter((p) => p.endsWith(".pbf")),
        [],
        "no .pbf file in the release",
      );
      const mb = readMbtiles(join(dir, `${archive}.mbtiles`));
      const pm = new Map<string, Uint8Array>();
      for await (const t of readArchiveTiles(join(dir, `${archive}.pmtiles`)))
        pm.set(`${t.z}/${t.x}/${t.y}`, t.data);
      assert.ok(pm.size > 0);
      assert.deepEqual(mb.tiles.map((t) => `${t.z}/${t.x}/${t.y}`).sort(), [...pm.keys()].sort());
      const tree = join(trees, "data", set);
      const pbf = await listFiles(tree);
      assert.deepEqual(pbf, [...pm.keys()].map((k) => `${k}.pbf`).sort(), "the tree has the archive's tiles");
      for (const t of mb.tiles) {
        const raw = gunzipSync(t.data);
        const key = `${t.z}/${t.x}/${t.y}`;
        assert.deepEqual(raw, pm.get(key), `${key} in the PMTiles archive`);
        assert.deepEqual(raw, new Uint8Array(await readFile(join(tree, `${key}.pbf`))), `${key}.pbf`);
      }
      assert.ok(Object.keys(decodeTile(gunzipSync(mb.tiles[0]!.data))).includes("blocks"));
      const metadata = JSON.parse(await readFile(join(dir, "metadata.json"), "utf8")) as Record<
        string,
        string
      >;
      assert.deepEqual(mb.metadata, metadata, "metadata rows are metadata.json");
    });
  }
});

describe("tribal input", () => {
  test("the merged file is found in a data folder and read back unchanged", async () => {
    const first = await readTribalAreas(tribalDir);
    const again = await readTribalAreas(join(out, "data"));
    assert.deepEqual(again.files, [join(out, "data", "tribal", "geographic_data", "usa.json")]);
    assert.deepEqual(again.features, first.features);
  });

  test("a feature without an id or name is an error naming file, feature and field", async () => {
    const bad = join(root, "bad.json");
    await writeFile(
      bad,
      fc([
        { type: "Feature", properties: { LARID: 1, LARName: "A" }, geometry: null },
        { type: "Feature", properties: { LARID: 2 }, geometry: null },
      ]),
    );
    await assert.rejects(readTribalAreas(bad), (e: unknown) => {
      assert.ok(e instanceof InputSchemaError);
      assert.match(e.message, /bad\.json.*2.*LARName/s);
      return true;
    });
    await writeFile(bad, fc([{ type: "Feature", properties: { name: "x" }, geometry: null }]));
    await assert.rejects(readTribalAreas(bad), /no tribal area id/);
    await writeFile(
      bad,
      JSON.stringify({ type: "FeatureCollection", crs: { properties: { name: "EPSG:3857" } }, features: [] }),
    );
    await assert.rejects(readTribalAreas(bad), /WGS84 longitude\/latitude \(got EPSG:3857\)/);
  });

  test("a missing input is reported as missing", async () => {
    await assert.rejects(readTribalAreas(join(root, "nowhere")), /tribal areas input does not exist/);
  });
});
