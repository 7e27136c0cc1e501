import assert from "node:assert/strict";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { InputSchemaError } from "@cejst/schema";
import { buildTileArchive, memoryByteSink } from "@cejst/tiles";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { PMTiles, type Source } from "pmtiles";
import { parseScoreTable } from "../src/compare/score-table.ts";
import { countFeatures, readTileArchive } from "../src/compare/tile-archives.ts";

const G = "GEOID10_TRACT";

test("a score table keeps quoted cells (commas, doubled quotes, line breaks) and counts lines", () => {
  const text = `\ufeff${G},"Name, with comma",n\r\n01001000100,"a ""b"", c",1.5\r\n\r\n01001000200,"two\nlines",\n01001000300,plain,2\n`;
  const t = parseScoreTable(text, "usa.csv");
  assert.deepEqual(t.header, [G, "Name, with comma", "n"]);
  assert.deepEqual(t.geoids, ["01001000100", "01001000200", "01001000300"]);
  assert.deepEqual(t.column("Name, with comma"), ['a "b", c', "two\nlines", "plain"]);
  assert.deepEqual(t.column("n"), ["1.5", "", "2"]);
  assert.equal(t.cell("n", 2), "2");
  assert.equal(t.column("absent"), undefined);
});

test("a duplicate tract and a short row are refused with their file and line", () => {
  const dup = `${G},x\n01001000100,"a\nb"\n01001000100,c\n`;
  assert.throws(
    () => parseScoreTable(dup, "usa.csv"),
    (e: unknown) => e instanceof InputSchemaError && /usa\.csv/.test(e.message) && /\b4\b/.test(e.message),
  );
  assert.throws(
    () => parseScoreTable(`${G},x\n01001000100,1\n01001000200\n`, "usa.csv"),
    (e: unknown) => e instanceof InputSchemaError && /usa\.csv/.test(e.message) && /\b3\b/.test(e.message),
  );
  assert.throws(
    () => parseScoreTable(`${G},x\n01001000100,"open\n`, "usa.csv"),
    (e: unknown) => e instanceof InputSchemaError && /\b2\b/.test(e.message),
  );
});

test("feature counts and selectable-zoom properties equal what VectorTile decodes", async () => {
  const features = Array.from({ length: 60 }, (_, k) => ({
    type: "Feature" as const,
    properties: { GEOID10: String(k), v: k / 7, s: `t${k}` },
    geometry: {
      type: "Polygon" as const,
      coordinates: [
        [
          [-100 + k, 30],
          [-99.5 + k, 30],
          [-99.5 + k, 30.5],
          [-100 + k, 30],
        ],
      ],
    },
  }));
  const sink = memoryByteSink();
  await buildTileArchive({ features, layer: "blocks", minZoom: 0, maxZoom: 6, sink });
  const bytes = sink.bytes();
  const source: Source = {
    getKey: () => "t",
    getBytes: async (offset, length) => ({
      data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) as ArrayBuffer,
    }),
  };
  const archive = new PMTiles(source);
  const seen = new Map<string, Record<string, unknown>>();
  let tiles = 0;
  for (let z = 0; z <= 6; z++)
    for (let x = 0; x < 2 ** z; x++)
      for (let y = 0; y < 2 ** z; y++) {
        const tile = await archive.getZxy(z, x, y);
        if (!tile) continue;
        const raw = new Uint8Array(tile.data);
        const data = raw[0] === 0x1f && raw[1] === 0x8b ? new Uint8Array(gunzipSync(raw)) : raw;
        const vt = new VectorTile(new PbfReader(data));
        const want = Object.values(vt.layers).reduce((s, l) => s + l.length, 0);
        assert.equal(countFeatures(data), want, `tile ${z}/${x}/${y}`);
        tiles++;
        if (z !== 4) continue;
        // Properties decoded lazily at the selectable zoom are VectorTile's, value for value.
        const layer = vt.layers.blocks!;
        for (let f = 0; f < layer.length; f++) {
          const props = layer.feature(f).properties;
          const id = String(props.GEOID10);
          if (!seen.has(id)) seen.set(id, { ...props });
        }
      }
  assert.ok(tiles > 20);
  const reading = await readTileArchive("t.pmtiles", bytes, { selectableZoom: 4, idProperty: "GEOID10" });
  assert.equal(reading.selectable?.size, seen.size);
  assert.equal(seen.size, 60);
  for (const [id, props] of seen) assert.deepEqual(reading.selectable?.get(id), props, id);
  assert.equal(reading.selectable?.get("nope"), undefined);
  assert.deepEqual(
    reading.zooms.map((z) => z.zoom),
    [0, 1, 2, 3, 4, 5, 6],
  );
});
