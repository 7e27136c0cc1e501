import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot } from "@cejst/testing";
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
