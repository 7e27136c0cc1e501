/**
 * `census_decennial` on hand-written Census API responses for the island areas (2020 DHC-A
 * for methodology 2.0, the 2010 island files for 1.0); expected values worked out by hand.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputSchemaError } from "@cejst/schema";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../src/datasets/census_decennial/fixtures",
);
const tracts = join(fixtures, "tracts/us.json");
const scratch = mkdtempSync(join(tmpdir(), "cejst-census-decennial-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function run(methodology: "1.0" | "2.0", sources: string[]) {
  const out = join(scratch, `out-${counter++}`);
  const { files } = await runEtl({ dataset: "census_decennial", sources, out, methodology });
  assert.equal(files.length, 1);
  const table = parseCsvText(readFileSync(files[0]!.path, "utf8"), "usa.csv");
  const rows = new Map<string, Record<string, string>>();
  for (const r of table.rows)
    rows.set(r[0] as string, Object.fromEntries(table.header.map((h, i) => [h, r[i] ?? ""])));
  return { path: files[0]!.path, order: table.rows.map((r) => r[0]), rows };
}

const P200 = "Percentage households below 200% of federal poverty line in 2009";
const ADJ = `${P200}, adjusted and imputed`;
const FLAG = "Income data has been estimated based on neighbor income in 2009 (island areas)";

describe("census_decennial, methodology 2.0 (2020)", () => {
  test("writes census_decennial_2020 with the MP tract merged back to 2010 geography", async () => {
    const { path, order } = await run("2.0", [join(fixtures, "2020"), tracts]);
    assert.match(path, /dataset\/census_decennial_2020\/usa\.csv$/);
    assert.deepEqual(order, [
      "60010950100",
      "60010950200",
      "60010950300",
      "60020950100",
      "60030950100",
      "60030950200",
      "69120950100",
      "69120950200",
      "78010950100",
    ]);
  });

  test("derives the §4.4 indicators and territory medians", async () => {
    const { rows } = await run("2.0", [join(fixtures, "2020"), tracts]);
    const a = rows.get("60010950100")!;
    assert.equal(a[P200], String((250 - 100) / 250));
    assert.equal(a["Percentage households below 100% of federal poverty line in 2009"], String(100 / 250));
    assert.equal(a["Unemployment (percent) in 2009"], String(50 / 500));
    assert.equal(
      a["Percent individuals age 25 or over with less than high school degree in 2009"],
      String(200 / 1000),
    );
    assert.equal(a["Territory Median Income"], "26352.0");
    assert.equal(
      a["Median household income as a percent of territory median income in 2009"],
      String(30000 / 26352),
    );
    assert.equal(a["Percent Asian in 2009"], String(20 / 1000));
    assert.equal(rows.get("69120950100")!["Percent Asian in 2009"], String(10 / 1000));
    assert.equal(rows.get("69120950200")!["Total population in 2009"], "700");
    // VI's median is the API's -666666666: below -999, so missing.
    assert.equal(rows.get("78010950100")!["Median household income in 2009 ($)"], "");
    assert.equal(rows.get("78010950100")!["Territory Median Income"], "40408.0");
    // No population: no territory median, shares 0/0 missing, not imputed.
    const empty = rows.get("60020950100")!;
    assert.equal(empty["Territory Median Income"], "");
    assert.equal(empty[ADJ], "");
    assert.equal(empty[FLAG], "False");
  });

  test("imputes the 200% share from touching neighbours, then the county", async () => {
    const { rows } = await run("2.0", [join(fixtures, "2020"), tracts]);
    const b = rows.get("60010950200")!;
    assert.equal(b[P200], "");
    assert.equal(b[ADJ], String((0.6 + 0.2) / 2));
    assert.equal(b[FLAG], "True");
    assert.equal(rows.get("60030950100")![ADJ], String(50 / 200));
    assert.equal(rows.get("60030950100")![FLAG], "True");
  });
});

describe("census_decennial, methodology 1.0 (2010)", () => {
  test("reads the VI table numbers, turns zeros into missing values", async () => {
    const { path, rows } = await run("1.0", [join(fixtures, "2010")]);
    assert.match(path, /dataset\/census_decennial_2010\/usa\.csv$/);
    for (const g of ["60010950100", "78010950100"]) {
      const r = rows.get(g)!;
      assert.equal(r[P200], String((200 - 50) / 200));
      assert.equal(
        r["Percent individuals age 25 or over with less than high school degree in 2009"],
        String(120 / 600),
      );
      assert.equal(r["Unemployment (percent) in 2009"], String(50 / 500));
    }
    assert.equal(rows.get("60010950100")!["Territory Median Income"], "23892");
    assert.equal(rows.get("78010950100")!["Territory Median Income"], "37254");
    const z = rows.get("60010950200")!;
    assert.equal(z["Median household income in 2009 ($)"], "");
    assert.equal(z["Percentage households below 100% of federal poverty line in 2009"], "");
  });
});

describe("census_decennial bad input", () => {
  function brokenCopy(edit: (text: string) => string): string {
    const dir = join(scratch, `broken-${counter++}`);
    cpSync(join(fixtures, "2020"), dir, { recursive: true });
    const f = join(dir, "dhcas.json");
    writeFileSync(f, edit(readFileSync(f, "utf8")));
    return dir;
  }
  async function rejects(dir: string, check: (e: InputSchemaError) => void) {
    const out = join(scratch, `out-${counter++}`);
    await assert.rejects(
      runEtl({ dataset: "census_decennial", sources: [dir, tracts], out }),
      (e: unknown) => {
        assert.ok(e instanceof InputSchemaError, String(e));
        assert.match(e.file, /dhcas\.json$/);
        check(e);
        return true;
      },
    );
    assert.equal(existsSync(join(out, "dataset/census_decennial_2020/usa.csv")), false);
  }
  test("a missing variable", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"PBG74_010N"', '"PBG74_011N"')),
      (e) => assert.equal(e.field, "PBG74_010N"),
    );
  });
  test("a non-numeric value names line and column", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"30000"', '"n/a"')),
      (e) => {
        assert.equal(e.line, 2);
        assert.equal(e.field, "PBG43_001N");
      },
    );
  });
  test("a state that is not an island area", async () => {
    await rejects(
      brokenCopy((t) => t.replaceAll('"60", "010"', '"10", "010"')),
      (e) => assert.equal(e.field, "state"),
    );
  });
  test("a repeated tract", async () => {
    await rejects(
      brokenCopy((t) => t.replace('"950300"]', '"950100"]')),
      (e) => assert.match(e.message, /duplicate/),
    );
  });
});
