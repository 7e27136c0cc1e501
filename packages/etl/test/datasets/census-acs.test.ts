/**
 * `census_acs` on a hand-written set of Census API responses and tract squares: expected
 * values are worked out by hand from the fixture's counts (see the comments), for both
 * methodology versions, then one broken copy per failure kind.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { CENSUS_ACS_COLUMNS_V1 } from "../../src/datasets/census_acs/adapter.ts";
import { numpySum } from "../../src/datasets/census_acs/impute-from-neighbours.ts";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets/census_acs/fixtures");
const tracts = join(fixtures, "tracts/us.json");
const scratch = mkdtempSync(join(tmpdir(), "cejst-census-acs-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function run(methodology: "1.0" | "2.0", sources = [fixtures, tracts]) {
  const out = join(scratch, `out-${counter++}`);
  await runEtl({ dataset: "census_acs", sources, out, methodology });
  const table = parseCsvText(readFileSync(join(out, "dataset/census_acs/usa.csv"), "utf8"), "usa.csv");
  const rows = new Map<string, Record<string, string>>();
  for (const r of table.rows)
    rows.set(r[0] as string, Object.fromEntries(table.header.map((h, i) => [h, r[i] ?? ""])));
  return { header: table.header, order: table.rows.map((r) => r[0]), rows };
}

const ADJ = "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted";
const RAW = "Percent of individuals below 200% Federal Poverty Line";
const FLAG = "Income data has been estimated based on neighbor income";
const cell = (rows: Map<string, Record<string, string>>, geoid: string, col: string) =>
  rows.get(geoid)?.[col];

describe("census_acs, methodology 2.0", () => {
  test("keeps ACS rows that have a polygon, in source order", async () => {
    const { order } = await run("2.0");
    // 72001000200 has no polygon (inner join); 60010950100 has a polygon but no ACS row.
    assert.deepEqual(order, [
      "10001000100",
      "10001000200",
      "10001000300",
      "10001000400",
      "10003000100",
      "10003000200",
      "10005000100",
      "72001000100",
    ]);
  });

  test("derives the §4.1 indicators", async () => {
    const { rows } = await run("2.0");
    const a = "10001000100";
    assert.equal(cell(rows, a, "Total population"), "1000");
    assert.equal(cell(rows, a, "Unemployment (percent)"), String(50 / 500));
    assert.equal(cell(rows, a, "Linguistic isolation (percent)"), String(40 / 400));
    assert.equal(cell(rows, a, "Percent of individuals < 100% Federal Poverty Line"), String(90 / 900));
    assert.equal(cell(rows, a, "Percent of individuals < 150% Federal Poverty Line"), String(150 / 900));
    assert.equal(cell(rows, a, RAW), String(220 / 900));
    assert.equal(
      cell(rows, a, "Percent individuals age 25 or over with less than high school degree"),
      String(60 / 600),
    );
    assert.equal(cell(rows, a, "Percent enrollment in college or graduate school"), String(100 / 800));
    assert.equal(
      cell(rows, a, "Percent of population not currently enrolled in college or graduate school"),
      String(1 - 100 / 800),
    );
    assert.equal(cell(rows, a, "Percent Black or African American"), String(100 / 1000));
    assert.equal(cell(rows, a, "Percent White"), String(700 / 1000));
    assert.equal(cell(rows, a, "Percent age under 10"), String(200 / 1000));
    assert.equal(cell(rows, a, "Percent age 10 to 64"), String(600 / 1000));
    assert.equal(cell(rows, a, "Percent age over 64"), String(200 / 1000));
    // -666666666 is the API's "no estimate" for the medians.
    assert.equal(cell(rows, "72001000100", "Median household income in the past 12 months"), "");
    assert.equal(cell(rows, a, "Median household income in the past 12 months"), "50000.0");
  });

  test("adjusts for off-campus students (§5.3)", async () => {
    const { rows } = await run("2.0");
    // N200 220, N100 90, Ntot 900, Upov 25, Uoff 60: ratio 220/90, U200 = min(61.1…, 60) = 60.
    assert.equal(
      cell(rows, "10001000100", "Estimated population count of off-campus university students <200% FPL"),
      "60.0",
    );
    assert.equal(cell(rows, "10001000100", ADJ), String(160 / 840));
    assert.equal(cell(rows, "10001000100", FLAG), "False");
  });

  test("imputes a missing tract from its touching neighbours", async () => {
    const { rows } = await run("2.0");
    const b = "10001000200";
    // Touches 10001000100 and 10001000300 only: N200' = (220+40)/2, N100' = (90+20)/2,
    // Ntot' = (900+100)/2; its own Upov 10 and Uoff 20 are kept. U200 = min(10·130/55, 20) = 20.
    assert.equal(cell(rows, b, RAW), "");
    assert.equal(
      cell(rows, b, "Total population of individuals < 200% Federal Poverty Line, imputed"),
      "130.0",
    );
    assert.equal(
      cell(rows, b, "Percent of individuals < 200% Federal Poverty Line, imputed"),
      String((220 / 900 + 0.4) / 2),
    );
    assert.equal(cell(rows, b, ADJ), String(110 / 480));
    assert.equal(cell(rows, b, FLAG), "True");
  });

  test("falls back to the county, then the state", async () => {
    const { rows } = await run("2.0");
    // 10003000100 touches nothing: its county holds one value, 10003000200 (N200 80 of 200, N100 40).
    assert.equal(cell(rows, "10003000100", ADJ), String(80 / 200));
    // 10005000100 is alone in its county: state means over 10001000100, …300, …400 (zeros), 10003000200:
    // N200' 340/4, N100' 150/4, Ntot' 1200/4; Upov = Uoff = 10, so U200 = 10.
    assert.equal(cell(rows, "10005000100", ADJ), String((340 / 4 - 10) / (1200 / 4 - 10)));
  });

  test("a zero-population tract is not imputed but gets rate 0, flagged as estimated", async () => {
    const { rows } = await run("2.0");
    assert.equal(cell(rows, "10001000400", RAW), "");
    assert.equal(cell(rows, "10001000400", ADJ), "0.0");
    assert.equal(cell(rows, "10001000400", FLAG), "True");
  });
});

describe("census_acs, methodology 1.0", () => {
  test("subtracts the college rate, imputes rates, leaves empty tracts null", async () => {
    const { header, rows } = await run("1.0");
    // The 2.0 layout (the score reads its count columns for 1.0 too); no student adjustment.
    for (const c of CENSUS_ACS_COLUMNS_V1) assert.ok(header.includes(c), c);
    assert.ok(header.includes("Total population of individuals < 200% Federal Poverty Line"));
    assert.equal(cell(rows, "10001000100", "Ratio <200% FPL to <100% FPL, overall"), "");
    assert.equal(cell(rows, "10001000100", ADJ), String(220 / 900 - 100 / 800));
    // Neighbour mean of the rates, minus its own college rate 10/100.
    assert.equal(cell(rows, "10001000200", ADJ), String((220 / 900 + 0.4) / 2 - 0.1));
    assert.equal(cell(rows, "10003000100", ADJ), String(0.4 - 100 / 800));
    assert.equal(cell(rows, "10005000100", ADJ), String((220 / 900 + 0.4 + 0.4) / 3 - 100 / 800));
    assert.equal(cell(rows, "10001000400", ADJ), "");
    assert.equal(cell(rows, "10001000400", FLAG), "False");
  });
});

describe("numpySum", () => {
  test("groups as numpy's pairwise sum does", () => {
    // Reference values printed by numpy (float64 `ndarray.sum`); a left-to-right sum differs.
    assert.equal(numpySum([1e16, ...Array(15).fill(1)]), 1.0000000000000014e16);
    assert.equal(numpySum(Array.from({ length: 1000 }, (_, i) => 1 / (i + 1))), 7.485470860550345);
    assert.equal(numpySum([0.5, 0.25]), 0.75);
  });
});

describe("census_acs bad input", () => {
  function brokenCopy(edit: (text: string) => string): string {
    const dir = join(scratch, `broken-${counter++}`);
    cpSync(fixtures, dir, { recursive: true });
    const f = join(dir, "acs_10.json");
    writeFileSync(f, edit(readFileSync(f, "utf8")));
    return dir;
  }
  async function rejects(dir: string, check: (e: InputSchemaError) => void) {
    const out = join(scratch, `out-${counter++}`);
    await assert.rejects(runEtl({ dataset: "census_acs", sources: [dir, tracts], out }), (e: unknown) => {
      assert.ok(e instanceof InputSchemaError, String(e));
      assert.match(e.file, /acs_10\.json$/);
      check(e);
      return true;
    });
    assert.equal(existsSync(join(out, "dataset/census_acs/usa.csv")), false);
  }

  test("a missing variable names the column", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"B19013_001E"', '"B19013_001EA"')),
      (e) => {
        assert.equal(e.field, "B19013_001E");
        assert.equal(e.line, 1);
      },
    );
  });
  test("a non-numeric value names line and column", async () => {
    const lines = (t: string) => t.split("\n");
    await rejects(
      brokenCopy((t) => {
        const l = lines(t);
        l[2] = (l[2] as string).replace('"500"', '"five hundred"');
        return l.join("\n");
      }),
      (e) => {
        assert.equal(e.line, 3);
        assert.equal(e.field, "B01001_001E");
      },
    );
  });
  test("a truncated row names its line", async () => {
    await rejects(
      brokenCopy((t) => t.replace(/, "10", "001", "000300"\]/, "]")),
      (e) => assert.equal(e.line, 4),
    );
  });
  test("a tract code of the wrong length", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"000300"]', '"00300"]')),
      (e) => assert.equal(e.field, "tract"),
    );
  });
  test("a repeated tract", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"000300"]', '"000100"]')),
      (e) => assert.match(e.message, /duplicate tract GEOID 10001000100/),
    );
  });
  test("text that is not JSON", async () => {
    await rejects(
      brokenCopy((t) => t.slice(0, 200)),
      (e) => assert.match(e.message, /not valid JSON/),
    );
  });
  test("missing tract polygons", async () => {
    await assert.rejects(
      runEtl({ dataset: "census_acs", sources: [fixtures], out: join(scratch, "no-polygons") }),
      InputMissingError,
    );
  });
});
