import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ScoreColumn } from "@cejst/methodology";
import { parquetReadObjects } from "hyparquet";
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
    await writeScoreParquet(path, columns);
    const rows = await parquetReadObjects({ file: (await readFile(path)).buffer as ArrayBuffer });
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
