import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseCsvText, runScore } from "@cejst/etl";
import { computeScoreTable } from "@cejst/methodology";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(repo, "packages/cli/bin/cejst.js");
let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-sample-cli-"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

function cejst(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: "utf8", timeout: 300_000 });
}

test("cejst sample --help documents the options", () => {
  const r = cejst("sample", "--help");
  assert.equal(r.status, 0, r.stderr);
  for (const flag of ["--out", "--tracts", "--seed", "--json"]) assert.match(r.stdout, new RegExp(flag));
});

test("cejst sample rejects bad flags with exit 2", () => {
  const r = cejst("sample", "--out", join(root, "bad"), "--tracts", "abc");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--tracts must be a non-negative integer \(got abc\)/);
  assert.equal(cejst("sample").status, 2, "--out is required");
  assert.equal(cejst("sample", "--out", join(root, "bad"), "--tracts", "5").status, 2);
});

test("cejst sample --json writes both folders and reports them; both versions score", async () => {
  const out = join(root, "s");
  const r = cejst("sample", "--out", out, "--tracts", "600", "--seed", "3", "--json");
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as {
    type: string;
    tracts: number;
    folders: Record<string, string>;
  };
  assert.equal(result.type, "result");
  assert.equal(result.folders["2.0"], join(out, "2.0"));
  assert.ok(
    r.stderr.split("\n").some((l) => l.includes('"stage"')),
    "NDJSON progress on stderr",
  );

  const s1 = await runScore({
    dataDir: join(out, "1.0"),
    version: "1.0",
    outDir: join(root, "o1"),
    compute: computeScoreTable,
  });
  assert.equal(s1.tracts, result.tracts);
  const v1Csv = join(root, "o1/score/csv/full/usa.csv");
  const s2 = await runScore({
    dataDir: join(out, "2.0"),
    version: "2.0",
    outDir: join(root, "o2"),
    v1ResultsPath: v1Csv,
    compute: computeScoreTable,
  });
  assert.equal(s2.tracts, result.tracts);
  // The sample should exercise the rules: some but not all tracts are disadvantaged.
  for (const [version, file] of [
    ["1.0", v1Csv],
    ["2.0", join(root, "o2/score/csv/full/usa.csv")],
  ] as const) {
    const t = parseCsvText(await readFile(file, "utf8"), file);
    const col = t.header.indexOf("Definition N community, including adjacency index tracts");
    const yes = t.rows.filter((row) => row[col] === "True").length;
    assert.ok(
      yes > t.rows.length * 0.1 && yes < t.rows.length * 0.9,
      `${version}: ${yes} of ${t.rows.length}`,
    );
  }
});
