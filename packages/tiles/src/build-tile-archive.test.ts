import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { ProgressEvent } from "@cejst/schema";
import type { Feature } from "geojson";
import { zxyToTileId } from "pmtiles";
import { buildTileArchive, type EncodedTile } from "./build-tile-archive.ts";
import { memoryByteSink } from "./byte-sink.ts";
import { decodeArchive, readArchiveTiles } from "./decode-archive.ts";

/** A grid of small squares with varied properties, some null, one without geometry. */
function grid(columns: number, rows: number): Feature[] {
  const out: Feature[] = [];
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      const west = -90 + i * 0.3;
      const south = 30 + j * 0.3;
      out.push({
        type: "Feature",
        properties: {
          id: `${i}-${j}`,
          n: i * rows + j,
          share: (i + j) / 100,
          flag: (i + j) % 2 === 0,
          gap: j === 0 ? null : j,
        },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [west, south],
              [west + 0.25, south],
              [west + 0.25, south + 0.25],
              [west, south + 0.25],
              [west, south],
            ],
          ],
        },
      });
    }
  }
  out.push({ type: "Feature", properties: { id: "no-geometry" }, geometry: null as never });
  return out;
}

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-tiles-build-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("two builds of the same input are byte-identical", async () => {
  const a = join(dir, "a.pmtiles");
  const b = join(dir, "b.pmtiles");
  await buildTileArchive({ features: grid(12, 8), layer: "blocks", minZoom: 0, maxZoom: 9, sink: a });
  await buildTileArchive({ features: grid(12, 8), layer: "blocks", minZoom: 0, maxZoom: 9, sink: b });
  assert.deepEqual(await readFile(a), await readFile(b));
});

test("tiles gzipped on a second thread give the same archive and the same onTile tiles", async () => {
  const here = join(dir, "here.pmtiles");
  const there = join(dir, "there.pmtiles");
  const seen: EncodedTile[][] = [[], []];
  const build = (sink: string, gzipThread: boolean, into: EncodedTile[]) =>
    buildTileArchive({
      features: grid(20, 14),
      layer: "blocks",
      minZoom: 0,
      maxZoom: 10,
      sink,
      gzipThread,
      onTile: (t) => {
        into.push(t);
      },
    });
  const a = await build(here, false, seen[0] as EncodedTile[]);
  const b = await build(there, true, seen[1] as EncodedTile[]);
  // More tiles than the thread's window, so tiles wait and leave in order.
  assert.ok(a.tiles > 256, `tiles ${a.tiles}`);
  assert.deepEqual(await readFile(there), await readFile(here));
  assert.deepEqual(seen[1], seen[0]);
  assert.deepEqual(b.perZoom, a.perZoom);
});

test("onTile sees the same tiles, byte for byte, that the archive holds gunzipped", async () => {
  const path = join(dir, "same.pmtiles");
  const seen: EncodedTile[] = [];
  const summary = await buildTileArchive({
    features: grid(6, 6),
    layer: "blocks",
    minZoom: 2,
    maxZoom: 8,
    sink: path,
    onTile: (tile) => {
      seen.push(tile);
    },
  });
  const stored = [];
  for await (const tile of readArchiveTiles(path)) stored.push(tile);
  assert.equal(stored.length, seen.length);
  assert.equal(summary.tiles, seen.length);
  const ids = seen.map((t) => zxyToTileId(t.z, t.x, t.y));
  assert.deepEqual(
    ids,
    [...ids].sort((x, y) => x - y),
    "tiles arrive in tile-id order",
  );
  for (const [i, tile] of seen.entries()) {
    assert.deepEqual([stored[i]?.z, stored[i]?.x, stored[i]?.y], [tile.z, tile.x, tile.y]);
    assert.deepEqual(stored[i]?.data, tile.data);
    assert.notDeepEqual([...tile.data.subarray(0, 2)], [0x1f, 0x8b], "onTile bytes are not gzipped");
  }
});

test("summary and metadata describe the archive", async () => {
  const path = join(dir, "meta.pmtiles");
  const summary = await buildTileArchive({
    features: grid(4, 3),
    layer: "blocks",
    minZoom: 3,
    maxZoom: 7,
    sink: path,
    metadata: { name: "usa_high", attribution: "CEJST", cejst: { label: "2.0", methodology: "2.0" } },
  });
  assert.equal(summary.features, 12);
  assert.equal(summary.droppedNullGeometry, 1);
  assert.deepEqual(
    summary.perZoom.map((z) => z.zoom),
    [3, 4, 5, 6, 7],
  );
  assert.equal(
    summary.perZoom.reduce((n, z) => n + z.tiles, 0),
    summary.tiles,
  );
  assert.deepEqual(summary.bounds, [-90, 30, -90 + 3 * 0.3 + 0.25, 30 + 2 * 0.3 + 0.25]);
  const { header, metadata } = await decodeArchive(path);
  assert.equal(header.minZoom, 3);
  assert.equal(header.maxZoom, 7);
  assert.equal(header.numAddressedTiles, summary.tiles);
  const meta = metadata as Record<string, unknown>;
  assert.equal(meta.name, "usa_high");
  assert.equal(meta.format, "pbf");
  assert.equal(meta.attribution, "CEJST");
  assert.deepEqual(meta.cejst, { label: "2.0", methodology: "2.0" });
  assert.deepEqual(meta.vector_layers, [
    {
      id: "blocks",
      fields: { id: "String", n: "Number", share: "Number", flag: "Boolean", gap: "Number" },
      minzoom: 3,
      maxzoom: 7,
    },
  ]);
});

test("null properties are absent from decoded features, null geometries produce nothing", async () => {
  const path = join(dir, "nulls.pmtiles");
  await buildTileArchive({ features: grid(3, 3), layer: "blocks", minZoom: 6, maxZoom: 6, sink: path });
  const { tiles } = await decodeArchive(path);
  const features = tiles.flatMap((t) => t.layers.blocks?.features ?? []);
  const ids = new Set(features.map((f) => f.properties.id));
  assert.equal(ids.has("no-geometry"), false);
  assert.equal(ids.size, 9);
  for (const f of features) {
    const row = String(f.properties.id).split("-")[1];
    assert.equal(Object.hasOwn(f.properties, "gap"), row !== "0", `gap on ${f.properties.id}`);
  }
});

test("progress reports features and tiles", async () => {
  const events: ProgressEvent[] = [];
  const sink = memoryByteSink();
  const summary = await buildTileArchive({
    features: grid(2, 2),
    layer: "blocks",
    minZoom: 0,
    maxZoom: 4,
    sink,
    onProgress: (e) => events.push(e),
  });
  assert.equal(sink.bytes().length, summary.bytes);
  const tiles = events.filter((e) => e.stage === "tiles").at(-1);
  assert.equal(tiles?.done, summary.tiles);
  assert.ok(events.some((e) => e.stage === "features" && e.done === 4));
});

test("a failed build leaves no archive and no temporary file", async () => {
  const sub = await mkdtemp(join(dir, "fail-"));
  const bad = grid(2, 2);
  bad[2]!.properties = { share: Number.POSITIVE_INFINITY };
  await assert.rejects(
    buildTileArchive({
      features: bad,
      layer: "blocks",
      minZoom: 0,
      maxZoom: 3,
      sink: join(sub, "x.pmtiles"),
    }),
    /line 3: column "share" property must be a finite number or null \(got Infinity\)/,
  );
  assert.deepEqual(await readdir(sub), []);
});

test("an input without any geometry is an error, not an empty archive", async () => {
  await assert.rejects(
    buildTileArchive({
      features: [{ type: "Feature", properties: {}, geometry: null as never }],
      layer: "blocks",
      minZoom: 0,
      maxZoom: 3,
      sink: memoryByteSink(),
    }),
    /features must include at least one geometry \(got none\)/,
  );
});
