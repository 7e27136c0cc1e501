import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import { gunzipSync } from "fflate";
import type { Feature } from "geojson";
import { buildTileArchive, type EncodedTile } from "./build-tile-archive.ts";
import { readArchiveTiles } from "./decode-archive.ts";
import { openMbtilesWriter, readMbtiles } from "./mbtiles.ts";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-mbtiles-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function squares(n: number): Feature[] {
  return Array.from({ length: n }, (_, i) => {
    const west = -100 + i * 0.7;
    const south = 35 + (i % 3) * 0.5;
    return {
      type: "Feature",
      properties: { id: `sq-${i}`, flag: i % 2 === 0 },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [west, south],
            [west + 0.4, south],
            [west + 0.4, south + 0.4],
            [west, south + 0.4],
            [west, south],
          ],
        ],
      },
    };
  });
}

/** Builds a PMTiles archive and an MBTiles file from the same tile stream, as the release build does. */
async function buildBoth(
  name: string,
  tilesetName = name,
): Promise<{ pmtiles: string; mbtiles: string; seen: EncodedTile[] }> {
  const pmtiles = join(dir, `${name}.pmtiles`);
  const mbtiles = join(dir, `${name}.mbtiles`);
  const writer = openMbtilesWriter(mbtiles);
  const seen: EncodedTile[] = [];
  await buildTileArchive({
    features: squares(9),
    layer: "blocks",
    minZoom: 2,
    maxZoom: 7,
    sink: pmtiles,
    onTile: (t) => {
      seen.push(t);
      writer.put({ z: t.z, x: t.x, y: t.y, data: t.gzipped });
    },
  });
  await writer.close({ name: tilesetName, format: "pbf", minzoom: "2", maxzoom: "7" });
  return { pmtiles, mbtiles, seen };
}

test("MBTiles holds the same tiles as the PMTiles archive, gzipped, rows flipped to TMS", async () => {
  const { pmtiles, mbtiles, seen } = await buildBoth("same");
  const read = readMbtiles(mbtiles);
  const archive = [];
  for await (const t of readArchiveTiles(pmtiles)) archive.push(t);
  assert.equal(read.tiles.length, archive.length);
  assert.equal(read.tiles.length, seen.length);
  const key = (t: { z: number; x: number; y: number }) => `${t.z}/${t.x}/${t.y}`;
  const fromArchive = new Map(archive.map((t) => [key(t), t.data]));
  for (const t of read.tiles) {
    assert.deepEqual([...t.data.subarray(0, 2)], [0x1f, 0x8b], `${key(t)} is gzipped`);
    assert.deepEqual(gunzipSync(t.data), fromArchive.get(key(t)), `${key(t)} equals the PMTiles tile`);
  }
  // The stored bytes are the very bytes the archive was given, not a second compression.
  const first = seen[0]!;
  const stored = read.tiles.find((t) => key(t) === key(first));
  assert.deepEqual(stored?.data, first.gzipped);

  // The raw table uses the TMS row: y counted from the south.
  const db = new Database(mbtiles, { readonly: true });
  const row = db
    .prepare("SELECT tile_row FROM tiles WHERE zoom_level = ? AND tile_column = ?")
    .get(first.z, first.x) as { tile_row: number };
  db.close();
  assert.equal(row.tile_row, 2 ** first.z - 1 - first.y);
  assert.deepEqual(read.metadata, { format: "pbf", maxzoom: "7", minzoom: "2", name: "same" });
});

test("the file has the standard MBTiles schema and application id", async () => {
  const { mbtiles } = await buildBoth("schema");
  const db = new Database(mbtiles, { readonly: true });
  const columns = (table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string }>).map(
      (c) => `${c.name} ${c.type.toLowerCase()}`,
    );
  assert.deepEqual(columns("tiles"), [
    "zoom_level integer",
    "tile_column integer",
    "tile_row integer",
    "tile_data blob",
  ]);
  assert.deepEqual(columns("metadata"), ["name text", "value text"]);
  const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
  assert.deepEqual(indexes, [{ name: "name" }, { name: "tile_index" }]);
  assert.equal(db.pragma("application_id", { simple: true }), 0x4d504258);
  db.close();
});

test("two writes of the same tiles give identical files", async () => {
  const a = await buildBoth("det-a", "usa");
  const b = await buildBoth("det-b", "usa");
  const bytesA = await readFile(a.mbtiles);
  assert.ok(bytesA.length > 0);
  assert.deepEqual(bytesA, await readFile(b.mbtiles));
});

test("bad tiles and metadata are rejected and leave no file behind", async () => {
  const sub = await mkdtemp(join(dir, "bad-"));
  const w = openMbtilesWriter(join(sub, "x.mbtiles"));
  assert.throws(
    () => w.put({ z: 1, x: 2, y: 0, data: new Uint8Array([1]) }),
    /within 0\.\.1 at z1 \(got 2\/0\)/,
  );
  w.put({ z: 0, x: 0, y: 0, data: new Uint8Array([1]) });
  await assert.rejects(
    w.close({ name: 3 } as unknown as Record<string, string>),
    /metadata values must be strings \(got number for name\)/,
  );
  assert.deepEqual(await readdir(sub), []);
  const aborted = openMbtilesWriter(join(sub, "y.mbtiles"));
  aborted.put({ z: 0, x: 0, y: 0, data: new Uint8Array([1]) });
  await aborted.abort();
  assert.deepEqual(await readdir(sub), []);
});
