import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { computeScoreTable, type ScoreColumn } from "@cejst/methodology";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { scanCsvText } from "../../src/io/scan-csv-text.ts";
import { prepareScoreInput } from "../../src/score/run-score.ts";
import { writeSyntheticDataset } from "./synthetic-dataset.ts";

const V1 = "static_data/v1.0-score-results-usa.csv";
const v1Path = sharedFixture(V1);
const FINAL = "Definition N community, including adjacency index tracts";
const GRANDFATHERED = "Grandfathered Definition N (communities) from v1.0";
const V1_FLAG = "Definition N community, including adjacency index tracts v1.0";

function column(columns: readonly ScoreColumn[], name: string): ScoreColumn["values"] {
  const c = columns.find((x) => x.name === name);
  assert.ok(c, `score table has ${name}`);
  return c.values;
}

test("real 74,134-tract universe: 2.0 keeps all 27,248 1.0 DACs and grandfathers exactly the ones its rules miss", {
  skip: v1Path ? false : missingFixtureMessage(V1),
  timeout: 900_000,
}, async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-grandfathering-"));
  try {
    const published = scanCsvText(await readFile(v1Path as string, "utf8"), V1);
    const finalAt = published.header.indexOf(FINAL);
    const geoids = published.rows.map((r) => r[0] as string);
    assert.equal(geoids.length, 74_134);
    const v1True = new Set(published.rows.filter((r) => r[finalAt] === "True").map((r) => r[0] as string));
    assert.equal(v1True.size, 27_248);

    // Synthetic values and square polygons over the real tract list, read back through the
    // score stage with the published 1.0 results as --v1-results.
    await writeSyntheticDataset(join(root, "data"), geoids, { seed: 99, version: "2.0" });
    const { input } = await prepareScoreInput({
      dataDir: join(root, "data"),
      version: "2.0",
      v1ResultsPath: v1Path as string,
    });
    assert.deepEqual(input.geoids, [...geoids].sort());
    const v1Flags = input.flags.get(V1_FLAG);
    assert.ok(v1Flags);
    assert.equal(v1Flags.filter((f) => f === true).length, 27_248);
    assert.ok(
      v1Flags.every((f) => f !== null),
      "every tract of the universe is in the 1.0 file",
    );

    const withV1 = computeScoreTable(input).columns;
    // The 2.0 rules alone: the same input without the 1.0 column.
    const flagsAlone = new Map(input.flags);
    flagsAlone.delete(V1_FLAG);
    const alone = computeScoreTable({ ...input, flags: flagsAlone }).columns;

    const finalWith = column(withV1, FINAL);
    const grandWith = column(withV1, GRANDFATHERED);
    const finalAlone = column(alone, FINAL);
    let kept = 0;
    let grandfathered = 0;
    let added = 0;
    for (let i = 0; i < input.geoids.length; i++) {
      const geoid = input.geoids[i] as string;
      const isV1 = v1True.has(geoid);
      const ruleAlone = finalAlone[i] === true;
      assert.equal(column(withV1, V1_FLAG)[i], isV1, geoid);
      assert.equal(finalWith[i], ruleAlone || isV1, geoid);
      assert.equal(grandWith[i], isV1 && !ruleAlone, geoid);
      if (isV1 && finalWith[i] === true) kept++;
      if (grandWith[i] === true) grandfathered++;
      if (!isV1 && ruleAlone) added++;
    }
    assert.equal(kept, 27_248);
    // Synthetic values: the rules alone select some, but not all, of the 1.0 DACs, and some others.
    assert.ok(grandfathered > 0 && grandfathered < 27_248, `grandfathered ${grandfathered}`);
    assert.ok(added > 0, `added ${added}`);
    assert.ok(column(alone, GRANDFATHERED).every((g) => g === false));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
