import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { assertMatchesFixed10Dump } from "./parity-helpers.ts";

for (const name of ["national_risk_index", "hud_housing", "cdc_places", "ejscreen"]) {
  const rel = `sources/${name}`;
  const dir = sharedFixture(rel);
  test(`${name}: reproduces the original adapter's output.csv from the raw file`, {
    skip: dir ? false : missingFixtureMessage(rel),
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), `cejst-etl-${name}-`));
    try {
      const result = await runEtl({ dataset: name, sources: [dir!], out });
      assert.equal(result.files.length, 1);
      const text = readFileSync(join(out, "dataset", name, "usa.csv"), "utf8");
      const cells = assertMatchesFixed10Dump(text, join(dir!, "output.csv"));
      assert.ok(cells > 50, `compared ${cells} cells`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}

test("national_risk_index: usa.csv is byte-identical to the original (written with %.10f)", {
  skip: sharedFixture("sources/national_risk_index")
    ? false
    : missingFixtureMessage("sources/national_risk_index"),
}, async () => {
  const dir = sharedFixture("sources/national_risk_index")!;
  const out = mkdtempSync(join(tmpdir(), "cejst-etl-nri-"));
  try {
    await runEtl({ dataset: "national_risk_index", sources: [join(dir, "NRI_Table_CensusTracts.zip")], out });
    const ours = readFileSync(join(out, "dataset/national_risk_index/usa.csv"), "utf8");
    const want = readFileSync(join(dir, "output.csv"), "utf8").replace(/\r/g, "");
    assert.equal(ours, want);
    const agri = ours
      .split("\n")
      .slice(1)
      .filter((l) => l.endsWith(",True")).length;
    assert.equal(agri, 34, "tracts with agricultural value");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
