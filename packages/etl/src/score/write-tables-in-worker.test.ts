import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { ScoreColumn } from "@cejst/methodology";
import { writeScoreCsv } from "./write-score-csv.ts";
import { writeScoreParquet } from "./write-score-parquet.ts";
import { writeScoreTablesInWorker } from "./write-tables-in-worker.ts";

const n = 1_000;
const columns = (): ScoreColumn[] => [
  {
    name: "GEOID10_TRACT",
    kind: "text",
    values: Array.from({ length: n }, (_, i) => String(i).padStart(11, "0")),
  },
  {
    name: "Names, quoted",
    kind: "text",
    values: Array.from({ length: n }, (_, i) => (i % 4 ? `Zuñi ${i}` : null)),
  },
  {
    name: "x",
    kind: "float",
    values: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : i % 5 === 0 ? i * 1e-7 : i / 3)),
  },
  {
    name: "TC",
    kind: "int",
    values: Array.from({ length: n }, (_, i) => (i % 9 === 0 ? Number.NaN : i % 5)),
  },
  {
    name: "flag",
    kind: "bool",
    values: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0)),
  },
];

test("the worker writes the same CSV and Parquet bytes as the calling thread", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-tables-"));
  try {
    const ms = await writeScoreTablesInWorker(columns(), {
      csv: join(dir, "w.csv"),
      parquet: join(dir, "w.parquet"),
    });
    assert.ok(ms.csv >= 0 && ms.parquet >= 0);
    await writeScoreCsv(join(dir, "d.csv"), columns());
    await writeScoreParquet(join(dir, "d.parquet"), columns());
    assert.deepEqual(await readFile(join(dir, "w.csv")), await readFile(join(dir, "d.csv")));
    assert.deepEqual(await readFile(join(dir, "w.parquet")), await readFile(join(dir, "d.parquet")));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an error in the worker rejects with its message", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-tables-"));
  try {
    await assert.rejects(
      writeScoreTablesInWorker(columns(), {
        csv: join(dir, "no/such/dir/w.csv"),
        parquet: join(dir, "w.parquet"),
      }),
      /ENOENT/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
