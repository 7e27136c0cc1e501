import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ScoreColumn } from "@cejst/methodology";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { writeScoreParquet } from "./write-score-parquet.ts";

test("writes every kind over several row groups; NaN and null read back as null", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-parquet-"));
  try {
    const n = 40_000;
    const columns: ScoreColumn[] = [
      {
        name: "GEOID10_TRACT",
        kind: "text",
        values: Array.from({ length: n }, (_, i) => String(i).padStart(11, "0")),
      },
      {
        name: "x",
        kind: "float",
        values: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : i / 4)),
      },
      { name: "TC", kind: "int", values: Array.from({ length: n }, (_, i) => i % 5) },
      {
        name: "flag",
        kind: "bool",
        values: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0)),
      },
    ];
    const path = join(dir, "t.parquet");
    await writeScoreParquet(path, columns, { rowsPerGroup: 16_384 });
    const file = (await readFile(path)).buffer as ArrayBuffer;
    const meta = parquetMetadata(file);
    assert.equal(meta.row_groups.length, 3);
    assert.deepEqual(
      meta.schema.slice(1).map((e) => [e.name, e.type, e.repetition_type]),
      [
        ["GEOID10_TRACT", "BYTE_ARRAY", "OPTIONAL"],
        ["x", "DOUBLE", "OPTIONAL"],
        ["TC", "INT32", "OPTIONAL"],
        ["flag", "BOOLEAN", "OPTIONAL"],
      ],
    );
    const rows = await parquetReadObjects({ file });
    assert.equal(rows.length, n);
    for (const i of [0, 1, 2, 16_383, 16_384, 16_385, 39_999]) {
      const row = rows[i] as Record<string, unknown>;
      assert.equal(row.GEOID10_TRACT, String(i).padStart(11, "0"));
      assert.equal(row.x, i % 7 === 0 ? null : i / 4);
      assert.equal(row.TC, i % 5);
      assert.equal(row.flag, i % 3 === 0 ? null : i % 2 === 0);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("text with quotes and non-ASCII, all-null and all-present columns, one row group", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-parquet-"));
  try {
    const names = ['Pueblo of "Zuñi"', null, "Ōhiʻa, Hawaiʻi", "", "x".repeat(300)];
    const columns: ScoreColumn[] = [
      { name: "names", kind: "text", values: names },
      { name: "none", kind: "float", values: names.map(() => Number.NaN) },
      { name: "all", kind: "bool", values: names.map((_, i) => i % 2 === 0) },
      { name: "inf", kind: "float", values: [Number.POSITIVE_INFINITY, -0, 1e-300, -1.5, 2 ** 60] },
    ];
    const path = join(dir, "t.parquet");
    await writeScoreParquet(path, columns);
    const file = (await readFile(path)).buffer as ArrayBuffer;
    assert.equal(parquetMetadata(file).row_groups.length, 1);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    assert.deepEqual(
      rows.map((r) => r.names),
      names,
    );
    assert.deepEqual(
      rows.map((r) => r.none),
      [null, null, null, null, null],
    );
    assert.deepEqual(
      rows.map((r) => r.all),
      [true, false, true, false, true],
    );
    assert.deepEqual(
      rows.map((r) => r.inf),
      [Number.POSITIVE_INFINITY, -0, 1e-300, -1.5, 2 ** 60],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an int column with a non-integer is refused, naming the column", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-parquet-"));
  try {
    const columns: ScoreColumn[] = [{ name: "TC", kind: "int", values: [1, 2.5] }];
    await assert.rejects(
      writeScoreParquet(join(dir, "t.parquet"), columns),
      /parquet INT32 column TC holds a value that is not a 32-bit integer \(got 2\.5\)/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
