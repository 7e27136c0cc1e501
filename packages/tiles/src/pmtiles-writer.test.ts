import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gunzipSync } from "fflate";
import { Compression, PMTiles, TileType, tileIdToZxy, zxyToTileId } from "pmtiles";
import { bytesSource } from "../test/mocks/bytes-source.ts";
import { memoryByteSink } from "./byte-sink.ts";
import { gzipBytes } from "./encode.ts";
import { type ArchiveTile, type PmtilesWriteOptions, writePmtiles } from "./pmtiles-writer.ts";

const base: PmtilesWriteOptions = {
  minZoom: 0,
  maxZoom: 12,
  bounds: [-125.5, 24.25, -66.75, 49.5],
  center: [-96, 37, 4],
  metadata: { name: "blocks", vector_layers: [{ id: "blocks", fields: {}, minzoom: 0, maxzoom: 12 }] },
};

/** Distinct content for tile `i`, gzipped as the header declares. */
function content(i: number): Uint8Array {
  return gzipBytes(new TextEncoder().encode(`tile ${i} ${"x".repeat(i % 7)}`));
}

/** Synchronous gunzip: the reader's default streams cost ~0.5 ms per tile, too slow for 30k tiles. */
async function gunzip(data: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  assert.equal(compression, Compression.Gzip);
  return gunzipSync(new Uint8Array(data)).slice().buffer;
}

async function build(tiles: ArchiveTile[], options: Partial<PmtilesWriteOptions> = {}) {
  const sink = memoryByteSink();
  const result = await writePmtiles(tiles, sink, { ...base, ...options });
  await sink.close();
  const bytes = sink.bytes();
  return { result, bytes, reader: new PMTiles(bytesSource(bytes), undefined, gunzip) };
}

/** Every `step`-th tile id from z0 on: spread over zooms and not contiguous. */
function spreadTiles(count: number, step: number): ArchiveTile[] {
  return Array.from({ length: count }, (_, i) => ({ tileId: i * step, data: content(i) }));
}

async function assertEveryTileReadable(reader: PMTiles, tiles: ArchiveTile[]): Promise<void> {
  for (const { tileId, data } of tiles) {
    const [z, x, y] = tileIdToZxy(tileId);
    const got = await reader.getZxy(z, x, y);
    assert.ok(got, `tile ${z}/${x}/${y} is readable`);
    assert.deepEqual(new Uint8Array(got.data), gunzipSync(data), `tile ${z}/${x}/${y} content`);
  }
}

describe("writePmtiles read back by the pmtiles reader", () => {
  for (const [label, count, step] of [
    ["one tile", 1, 1],
    ["a few tiles", 21, 1],
    ["hundreds of scattered tiles", 700, 13],
  ] as const) {
    test(`${label}: every tile readable, counts in the header`, async () => {
      const tiles = spreadTiles(count, step);
      const { result, reader } = await build(tiles);
      await assertEveryTileReadable(reader, tiles);
      const header = await reader.getHeader();
      assert.equal(header.numAddressedTiles, count);
      assert.equal(header.numTileContents, count);
      assert.equal(result.leafDirectories, 0);
      assert.equal(header.rootDirectoryOffset, 127);
    });
  }

  test("an archive too large for a 16 KiB root gets leaf directories, all readable", async () => {
    // Pseudo-random gaps and content lengths keep gzip from shrinking the root below 16 KiB.
    const tiles: ArchiveTile[] = [];
    let id = 0;
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 16;
    };
    for (let i = 0; i < 20_000; i++) {
      id += 1 + (next() % 200);
      tiles.push({
        tileId: id,
        data: gzipBytes(new TextEncoder().encode(`${i}:${"x".repeat(next() % 300)}`)),
      });
    }
    const { result, bytes, reader } = await build(tiles);
    assert.ok(result.leafDirectories > 1, `leaf directories (got ${result.leafDirectories})`);
    const header = await reader.getHeader();
    assert.ok(127 + header.rootDirectoryLength <= 16_384, "header plus root fit in the first 16 KiB");
    assert.equal(header.numTileEntries, 20_000);
    assert.equal(header.leafDirectoryLength, result.leafDirectoryBytes);
    assert.equal(bytes.length, result.bytes);
    await assertEveryTileReadable(reader, tiles);
    const [z, x, y] = tileIdToZxy(id + 1);
    assert.equal(await reader.getZxy(z, x, y), undefined, "a tile past the last one is absent");
  });

  test("a small root limit forces leaves even for a small archive", async () => {
    const tiles = spreadTiles(500, 3);
    const { result, reader } = await build(tiles, { maxRootBytes: 64 });
    assert.ok(result.leafDirectories > 1);
    assert.ok(result.rootDirectoryBytes <= 64);
    await assertEveryTileReadable(reader, tiles);
  });

  test("header fields: version, zooms, bounds, center, tile type and compressions", async () => {
    const { reader } = await build(spreadTiles(5, 1));
    const header = await reader.getHeader();
    assert.equal(header.specVersion, 3);
    assert.equal(header.minZoom, 0);
    assert.equal(header.maxZoom, 12);
    assert.deepEqual(
      [header.minLon, header.minLat, header.maxLon, header.maxLat],
      [-125.5, 24.25, -66.75, 49.5],
    );
    assert.deepEqual([header.centerLon, header.centerLat, header.centerZoom], [-96, 37, 4]);
    assert.equal(header.tileType, TileType.Mvt);
    assert.equal(header.tileCompression, Compression.Gzip);
    assert.equal(header.internalCompression, Compression.Gzip);
    assert.equal(header.clustered, true);
  });

  test("metadata JSON round-trips", async () => {
    const { reader } = await build(spreadTiles(3, 1));
    assert.deepEqual(await reader.getMetadata(), base.metadata);
  });

  test("identical contents are stored once and share one offset", async () => {
    const ocean = content(1);
    const land = content(2);
    // Non-consecutive ids so the two entries cannot merge into one run.
    const tiles = [
      { tileId: zxyToTileId(3, 0, 0), data: ocean },
      { tileId: zxyToTileId(3, 0, 1) + 5, data: land },
      { tileId: zxyToTileId(3, 5, 5), data: ocean.slice() },
    ].sort((a, b) => a.tileId - b.tileId);
    const { result, reader } = await build(tiles);
    assert.equal(result.tileContents, 2);
    assert.equal(result.tileDataBytes, ocean.length + land.length);
    const header = await reader.getHeader();
    const root = await reader.cache.getDirectory(
      reader.source,
      header.rootDirectoryOffset,
      header.rootDirectoryLength,
      header,
    );
    const oceanEntries = root.filter((e) => e.length === ocean.length && e.runLength > 0);
    assert.equal(root.length, 3);
    assert.equal(new Set(root.map((e) => e.offset)).size, 2, "three entries, two offsets");
    assert.ok(oceanEntries.length >= 1);
    await assertEveryTileReadable(reader, tiles);
  });

  test("a run of consecutive ids with one content becomes one entry with a run length", async () => {
    const same = content(9);
    const tiles = [0, 1, 2, 3, 4].map((i) => ({ tileId: 100 + i, data: same }));
    tiles.push({ tileId: 105, data: content(10) });
    const { result, reader } = await build(tiles);
    assert.equal(result.tileEntries, 2);
    assert.equal(result.addressedTiles, 6);
    const header = await reader.getHeader();
    assert.equal(header.numTileEntries, 2);
    assert.equal(header.numAddressedTiles, 6);
    await assertEveryTileReadable(reader, tiles);
  });

  test("same tiles give the same bytes", async () => {
    const a = await build(spreadTiles(300, 5));
    const b = await build(spreadTiles(300, 5));
    assert.deepEqual(a.bytes, b.bytes);
  });

  test("rejects tiles out of order, empty tiles and an empty archive", async () => {
    const sink = memoryByteSink();
    await assert.rejects(
      writePmtiles(
        [
          { tileId: 5, data: content(1) },
          { tileId: 5, data: content(2) },
        ],
        sink,
        base,
      ),
      /tile ids must be strictly ascending \(got 5 after 5\)/,
    );
    await assert.rejects(
      writePmtiles([{ tileId: 1, data: new Uint8Array(0) }], sink, base),
      /tile 1 must not be empty/,
    );
    await assert.rejects(writePmtiles([], sink, base), /at least one tile \(got 0\)/);
  });
});
