import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { InputSchemaError, type ProgressEvent } from "@cejst/schema";
import type { Feature } from "geojson";
import {
  packTables,
  runTilesetJobs,
  type TilesetJob,
  unpackTables,
  writeTilesetsInWorker,
} from "./build-worker.ts";
import type { TableColumn } from "./score-table.ts";

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-tile-worker-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const squares = (n: number): Feature[] =>
  Array.from({ length: n }, (_, i) => ({
    type: "Feature",
    properties: { GEOID10: String(i).padStart(11, "0"), SCORE: (i % 10) / 10, SN_C: i % 2 === 0 },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [-100 + i * 0.3, 40],
          [-99.8 + i * 0.3, 40],
          [-99.8 + i * 0.3, 40.2],
          [-100 + i * 0.3, 40.2],
          [-100 + i * 0.3, 40],
        ],
      ],
    },
  }));

const job = (dir: string, features: Feature[]): TilesetJob => ({
  kind: "tileset",
  options: {
    dir,
    name: "usa_test",
    archive: "usa_test",
    features,
    minZoom: 0,
    maxZoom: 8,
    sourceName: "squares.json",
    labels: { label: "2.0", methodology: "2.0" },
  },
});

test("a tileset written in the worker has the same bytes as one written on this thread", async () => {
  const events: ProgressEvent[] = [];
  const inWorker = join(root, "worker");
  const here = join(root, "here");
  await writeTilesetsInWorker([job(inWorker, squares(40))], (e) => events.push(e)).done;
  await runTilesetJobs([job(here, squares(40))], () => {});
  const names = (await readdir(here)).sort();
  assert.deepEqual((await readdir(inWorker)).sort(), names);
  assert.ok(names.includes("usa_test.pmtiles"));
  for (const name of names)
    assert.deepEqual(await readFile(join(inWorker, name)), await readFile(join(here, name)), name);
  assert.ok(
    events.some((e) => e.stage === "tiles" && e.unit === "tiles"),
    "the worker's progress reaches the caller",
  );
});

test("an input error in the worker rejects with the same class and message", async () => {
  const bad = squares(3);
  (bad[1] as { properties: Record<string, unknown> }).properties.SCORE = { nested: true };
  await assert.rejects(writeTilesetsInWorker([job(join(root, "bad"), bad)], () => {}).done, (e: unknown) => {
    assert.ok(e instanceof InputSchemaError);
    assert.equal(e.code, "INPUT_INVALID");
    assert.equal(e.field, "SCORE");
    assert.match(
      e.message,
      /squares\.json:line 2: column "SCORE" property must be a string, number or boolean/,
    );
    return true;
  });
});

test("packed tables unpack to equal values; shared columns are packed once", () => {
  const shared: TableColumn = {
    name: "x",
    kind: "float",
    values: [1.5, null, -0, Number.POSITIVE_INFINITY, 7],
  };
  const a: TableColumn[] = [
    shared,
    { name: "b", kind: "bool", values: [true, null, false, true, null] },
    { name: "t", kind: "text", values: ["01", null, "", "é", "x"] },
  ];
  const b: TableColumn[] = [{ ...shared, kind: "int" }];
  const { packed, transfer } = packTables([a, b]);
  assert.equal(packed.pool.length, 3, "the shared values array is packed once");
  assert.equal(transfer.length, 3, "number and boolean columns move as buffers");
  const [ua, ub] = unpackTables(structuredClone(packed));
  assert.deepEqual(ua, a);
  assert.deepEqual(ub, b);
  assert.ok(Object.is(ua?.[0]?.values[2], -0), "-0 survives");
});
