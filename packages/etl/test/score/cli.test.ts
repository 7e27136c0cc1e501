import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot } from "@cejst/testing";
import { scanCsvText } from "../../src/io/scan-csv-text.ts";
import { BAD_CASES, makeBadDataset } from "./bad-cases.ts";
import { writeSyntheticDataset } from "./synthetic-dataset.ts";

const BIN = join(repoRoot, "packages/cli/bin/cejst.js");
const GEOIDS = Array.from({ length: 12 }, (_, i) => `24027${String(600100 + i * 100).padStart(6, "0")}`);

/** Runs the real `cejst` binary. */
export function cejst(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let root: string;
let data: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-score-cli-"));
  data = join(root, "data");
  await writeSyntheticDataset(data, GEOIDS, { seed: 3 });
});
after(() => rm(root, { recursive: true, force: true }));

describe("cejst score (the real binary)", () => {
  test("--help describes the command", () => {
    const r = cejst(["score", "--help"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Usage: cejst score --data <dir> --methodology <1\.0\|2\.0>/);
  });

  test("bad flags are usage errors (exit 2)", () => {
    const out = join(root, "out-usage");
    assert.equal(cejst(["score", "--data", data, "--out", out]).status, 2);
    const r = cejst(["score", "--data", data, "--methodology", "3.0", "--out", out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--methodology must be 1\.0 or 2\.0 \(got 3\.0\)/);
    const v1 = cejst([
      "score",
      "--data",
      data,
      "--methodology",
      "1.0",
      "--v1-results",
      "x.csv",
      "--out",
      out,
    ]);
    assert.equal(v1.status, 2);
    assert.equal(existsSync(join(out, "score")), false);
  });

  test("scores 1.0, then 2.0 grandfathering from that 1.0 usa.csv (exit 0, JSON result)", async () => {
    const out1 = join(root, "out-1.0");
    const r1 = cejst(["score", "--data", data, "--methodology", "1.0", "--out", out1]);
    assert.equal(r1.status, 0, r1.stderr);
    assert.match(r1.stdout, /^methodology 1\.0: 12 tracts, 261 columns, \d+ disadvantaged\n/);
    const out2 = join(root, "out-2.0");
    const v1 = join(out1, "score/csv/full/usa.csv");
    const r2 = cejst([
      "score",
      "--data",
      data,
      "--methodology",
      "2.0",
      "--v1-results",
      v1,
      "--out",
      out2,
      "--json",
    ]);
    assert.equal(r2.status, 0, r2.stderr);
    const result = JSON.parse(r2.stdout.trim().split("\n").pop() as string);
    assert.equal(result.type, "result");
    assert.equal(result.tracts, 12);
    assert.equal(result.columns, 272);
    for (const f of [result.files.csv, result.files.parquet, result.files.traces])
      assert.ok(existsSync(f), f);
    // Progress went to stderr as NDJSON, one object per line, every stage present.
    const stages = new Set(
      r2.stderr
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).stage),
    );
    for (const s of ["read", "join", "adjacency", "score", "write"]) assert.ok(stages.has(s), s);
    // The 1.0 final flags came through as the v1.0 column, and all stay disadvantaged.
    const t1 = scanCsvText(await readFile(v1, "utf8"), v1);
    const t2 = scanCsvText(await readFile(result.files.csv, "utf8"), result.files.csv);
    const final1 = t1.header.indexOf("Definition N community, including adjacency index tracts");
    const v1At = t2.header.indexOf("Definition N community, including adjacency index tracts v1.0");
    const final2 = t2.header.indexOf("Definition N community, including adjacency index tracts");
    assert.deepEqual(
      t2.rows.map((r) => r[v1At]),
      t1.rows.map((r) => r[final1]),
    );
    for (const row of t2.rows) if (row[v1At] === "True") assert.equal(row[final2], "True", row[0]);
  });

  for (const c of BAD_CASES) {
    test(`${c.name}: exit ${c.exit}, message names file, line and column, no output`, async () => {
      const dir = await makeBadDataset(data, join(root, c.name), c);
      const out = join(root, `out-${c.name}`);
      const r = cejst(["score", "--data", dir, "--methodology", "2.0", "--out", out]);
      assert.equal(r.status, c.exit, r.stderr);
      assert.match(r.stderr, c.message);
      assert.equal(existsSync(join(out, "score")), false);
    });
  }
});
