import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { SCORE_COLUMNS } from "@cejst/methodology";
import { runScore } from "../../src/score/run-score.ts";

const CASE = join(dirname(fileURLToPath(import.meta.url)), "fixtures/small-county");
const UPDATE = process.env.UPDATE === "1";

let out: string;
before(async () => {
  out = await mkdtemp(join(tmpdir(), "cejst-score-golden-"));
});
after(() => rm(out, { recursive: true, force: true }));

/**
 * Compares a produced file with its golden copy; `UPDATE=1` rewrites the golden instead
 * (review the diff by hand before committing it).
 */
async function assertGolden(actualPath: string, goldenPath: string): Promise<void> {
  const actual = await readFile(actualPath, "utf8");
  if (UPDATE || !existsSync(goldenPath)) {
    if (!UPDATE) assert.fail(`${goldenPath} is missing: run with UPDATE=1 to create it`);
    await mkdir(dirname(goldenPath), { recursive: true });
    await writeFile(goldenPath, actual);
    return;
  }
  const golden = await readFile(goldenPath, "utf8");
  const a = actual.split("\n");
  const g = golden.split("\n");
  for (let i = 0; i < Math.max(a.length, g.length); i++)
    if (a[i] !== g[i]) assert.fail(`${goldenPath}: line ${i + 1} differs\n  got:  ${a[i]}\n  want: ${g[i]}`);
}

test("small-county, methodology 1.0: usa.csv equals the golden file", async () => {
  const summary = await runScore({ dataDir: join(CASE, "data"), version: "1.0", outDir: join(out, "1.0") });
  assert.equal(summary.tracts, 24);
  assert.equal(summary.columns, SCORE_COLUMNS["1.0"].length);
  const csv = join(out, "1.0/score/csv/full/usa.csv");
  const header = (await readFile(csv, "utf8")).split("\n")[0];
  assert.equal(header?.startsWith("GEOID10_TRACT,Does the tract have at least 35 acres in it?,"), true);
  await assertGolden(csv, join(CASE, "expected/methodology-1.0/usa.csv"));
});

test("small-county, methodology 2.0 with --v1-results: usa.csv equals the golden file", async () => {
  const summary = await runScore({
    dataDir: join(CASE, "data"),
    version: "2.0",
    outDir: join(out, "2.0"),
    v1ResultsPath: join(CASE, "v1-results.csv"),
  });
  assert.equal(summary.columns, SCORE_COLUMNS["2.0"].length);
  const csv = join(out, "2.0/score/csv/full/usa.csv");
  await assertGolden(csv, join(CASE, "expected/methodology-2.0-v1-results/usa.csv"));
  // The three tracts flagged in the 1.0 results stay disadvantaged.
  const rows = (await readFile(csv, "utf8")).trimEnd().split("\n");
  const header = parseLine(rows[0] as string);
  const final = header.indexOf("Definition N community, including adjacency index tracts");
  for (const geoid of ["24027600100", "24027600200", "24027600300"]) {
    const row = parseLine(rows.find((r) => r.startsWith(geoid)) as string);
    assert.equal(row[final], "True", geoid);
  }
});

/** Splits one CSV line (quoted fields allowed, no line breaks inside). */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 2;
          break;
        }
      }
      out.push(v);
    } else {
      const c = line.indexOf(",", i);
      const end = c === -1 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
