import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { fixtureScoreCsv, SPECIAL } from "../test/score-fixture.ts";
import { codebookTable, shapefileFields } from "./codebook.ts";
import { tableToCsv } from "./csv-writer.ts";
import { downloadFields } from "./download-field.ts";
import { readScoreTable, type ScoreTable, sortTable } from "./score-table.ts";
import { communitiesTable, countiesTable, mergeCounties, tileIndexesJson, tileTable } from "./tables.ts";
import { tileFields } from "./tile-field.ts";

let dir: string;
let score: ScoreTable;
const counties = new Map([["01073", "Jefferson County"]]);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-artifacts-"));
  await writeFile(join(dir, "usa.csv"), fixtureScoreCsv("2.0"));
  score = await readScoreTable(join(dir, "usa.csv"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("column configuration", () => {
  test("2.0 has 136 download columns and 124 tile codes; 1.0 has 133 and 121", () => {
    assert.equal(downloadFields("2.0").length, 136);
    assert.equal(downloadFields("1.0").length, 133);
    assert.equal(tileFields("2.0").length, 124);
    assert.equal(tileFields("1.0").length, 121);
    assert.ok(!tileFields("1.0").some((f) => ["SN_C_V10", "SN_GRAND", "FPL200P"].includes(f.code)));
  });

  test("1.0 labels the Island Areas columns with their 2009 score names", () => {
    const v1 = downloadFields("1.0").slice(-8, -3);
    assert.equal(v1.length, 5);
    for (const f of v1) {
      assert.equal(f.label, f.score);
      assert.match(f.label, /2009/);
    }
    assert.ok(
      downloadFields("2.0")
        .slice(-8, -3)
        .every((f) => f.label.includes("2019")),
    );
  });

  test("shapefile renames follow the 6+_+position rule (2.0 table of artifacts.md §3.7)", () => {
    const renamed = shapefileFields("2.0")
      .filter((f) => f.name !== f.code && f.name !== "GEOID10")
      .map((f) => [f.code, f.name]);
    assert.deepEqual(renamed, [
      ["IALMILHSE_PFS", "IALMIL_78"],
      ["IAPLHSE_PFS", "IAPLHS_79"],
      ["IAULHSE_PFS", "IAULHS_80"],
      ["N_HLTH_EOMI", "N_HLTH_90"],
      ["N_WKFC_EOMI", "N_WKFC_91"],
      ["N_WKFC_EBSI", "N_WKFC_94"],
      ["TA_COUNT_AK", "TA_COU_119"],
    ]);
    assert.ok(shapefileFields("2.0").every((f) => f.name.length <= 10));
  });
});

describe("score table", () => {
  test("rows come back sorted by tract id with typed columns", () => {
    assert.deepEqual(score.geoids, [...score.geoids].sort());
    assert.equal(score.byName.get("Total threshold criteria exceeded")?.kind, "int");
    assert.equal(score.byName.get("Definition N community, including adjacency index tracts")?.kind, "bool");
    assert.equal(score.byName.get("Total population")?.kind, "float");
  });

  test("a bad cell names file, line and column", async () => {
    const path = join(dir, "bad.csv");
    await writeFile(path, "GEOID10_TRACT,Total population\n01001020100,12.0\n01001020200,lots\n");
    await assert.rejects(readScoreTable(path), (e: unknown) => {
      assert.ok(e instanceof InputSchemaError);
      assert.match(e.message, /bad\.csv/);
      assert.match(e.message, /3/);
      assert.match(e.message, /Total population/);
      return true;
    });
  });

  test("a malformed tract id is rejected", async () => {
    const path = join(dir, "bad-id.csv");
    await writeFile(path, "GEOID10_TRACT,Total population\n1001020100,12.0\n");
    await assert.rejects(readScoreTable(path), InputSchemaError);
  });
});

describe("communities table", () => {
  test("formats follow artifacts.md §3.2, including the IEEE floor artefacts", () => {
    const t = communitiesTable(mergeCounties(score, counties), "2.0");
    const col = (label: string) => {
      const c = t.find((x) => x.name === label);
      assert.ok(c, label);
      return c;
    };
    const row = score.geoids.indexOf("01073001100");
    // float: 0.29 * 100 = 28.999999999999996, floored to 0.28
    assert.equal(col("Percent Black or African American alone").values[row], 0.28);
    // percentage: floor(0.57 * 100) = 56
    assert.equal(col("Energy burden (percentile)").values[row], 56);
    assert.equal(col("Energy burden (percentile)").kind, "int");
    // loss rate: 5.6328e-05 * 100 floored to 4 dp
    assert.equal(col("Expected agricultural loss rate (Natural Hazards Risk Index)").values[row], 0.0056);
    // the adjusted P200 percentile stays a fraction
    assert.equal(
      col("Adjusted percent of individuals below 200% Federal Poverty Line (percentile)").values[row],
      0.65,
    );
    assert.equal(col("County Name").values[row], "Jefferson County");
    assert.equal(col("State/Territory").values[row], "Alabama");
    const island = score.geoids.indexOf("60010950100");
    assert.equal(col("County Name").values[island], null);
  });

  test("CSV: 136 headers in order, sorted rows, pandas number text, quoting", () => {
    const t = communitiesTable(mergeCounties(score, counties), "2.0");
    const csv = tableToCsv(t);
    const lines = csv.split("\n");
    assert.equal(
      lines[0],
      downloadFields("2.0")
        .map((f) => (f.label.includes(",") ? `"${f.label}"` : f.label))
        .join(","),
    );
    assert.equal(lines.length, score.geoids.length + 2);
    assert.equal(lines.at(-1), "");
    const ids = lines.slice(1, -1).map((l) => l.slice(0, 11));
    assert.deepEqual(ids, [...ids].sort());
    const popIndex = downloadFields("2.0").findIndex((f) => f.label === "Total population");
    const row = lines[1 + score.geoids.indexOf("01073001100")] ?? "";
    assert.equal(row.split(",")[popIndex], `${SPECIAL["Total population"]}.0`);
    assert.match(csv, /"Knik, ""Eklutna"""/);
    assert.ok(!csv.startsWith("\uFEFF"));
  });

  test("usa_counties: Total population prints as an integer when it has no missing value", () => {
    const t = countiesTable(mergeCounties(score, counties));
    assert.deepEqual(
      t.slice(-5).map((c) => c.name),
      ["GEOID", "County Name", "State Code", "State/Territory", "State Abbreviation"],
    );
    const complete = sortTable("x.csv", [
      { name: "GEOID10_TRACT", kind: "text", values: ["01001020200", "01001020100"] },
      { name: "Total population", kind: "float", values: [12, 4781] },
    ]);
    const withGap = sortTable("x.csv", [
      { name: "GEOID10_TRACT", kind: "text", values: ["01001020100", "01001020200"] },
      { name: "Total population", kind: "float", values: [4781, null] },
    ]);
    const csv = (tbl: typeof complete) =>
      tableToCsv(countiesTable(mergeCounties(tbl, counties)), { bom: true });
    assert.ok(csv(complete).startsWith("\uFEFFGEOID10_TRACT,Total population,GEOID,"));
    assert.equal(csv(complete).split("\n")[1], "01001020100,4781,01001,,01,Alabama,AL");
    assert.equal(csv(withGap).split("\n")[1], "01001020100,4781.0,01001,,01,Alabama,AL");
  });
});

describe("tile table", () => {
  test("126 columns, floats floored to 2 dp, UI columns by prefix", () => {
    const merged = mergeCounties(score, counties);
    const t = tileTable(merged, "2.0");
    assert.equal(t.length, 126);
    assert.deepEqual(
      t.slice(0, 3).map((c) => c.name),
      ["GTF", "SF", "CF"],
    );
    assert.deepEqual(
      t.slice(-2).map((c) => c.name),
      ["UI_EXP", "THRHLD"],
    );
    const byCode = new Map(t.map((c) => [c.name, c]));
    for (const f of tileFields("2.0")) {
      const src = merged.byName.get(f.source);
      const out = byCode.get(f.code);
      assert.ok(src && out, f.code);
      src.values.forEach((v, i) => {
        const expected = src.kind === "float" && typeof v === "number" ? Math.floor(v * 100) / 100 : v;
        assert.equal(out.values[i], expected, `${f.code} row ${i}`);
      });
    }
    const ui = byCode.get("UI_EXP")?.values;
    const th = byCode.get("THRHLD")?.values;
    score.geoids.forEach((g, i) => {
      const p = g.slice(0, 2);
      const want = p === "72" ? ["Puerto Rico", 10] : p === "60" ? ["Island Areas", 3] : ["Nation", 21];
      assert.deepEqual([ui?.[i], th?.[i]], want);
    });
    const csv = tableToCsv(t);
    assert.match(csv.split("\n")[0] ?? "", /,UI_EXP,THRHLD$/);
  });

  test("tile_indexes.json is one line with Python separators and no computed codes", () => {
    const text = tileIndexesJson("2.0");
    assert.ok(
      text.startsWith('{"GTF": "GEOID10_TRACT", "SF": "State/Territory", "CF": "County Name", "DF_PFS": '),
    );
    assert.ok(!text.includes("\n"));
    const obj = JSON.parse(text) as Record<string, string>;
    assert.equal(Object.keys(obj).length, 124);
    assert.ok(!("UI_EXP" in obj) && !("THRHLD" in obj) && !("GEOID10" in obj));
    assert.equal(Object.keys(JSON.parse(tileIndexesJson("1.0"))).length, 121);
  });
});

describe("codebook", () => {
  test("every download header once, 8 columns, every shapefile field once, bool flags typed bool", () => {
    for (const v of ["1.0", "2.0"] as const) {
      const t = codebookTable(v);
      assert.deepEqual(
        t.map((c) => c.name),
        [
          "csv_label",
          "excel_label",
          "shapefile_label",
          "Description",
          "csv_field_type",
          "calculation_notes",
          "threshold_category",
          "notes",
        ],
      );
      const [csvLabel, excelLabel, shp, desc, type] = t;
      const headers = downloadFields(v).map((f) => f.label);
      for (const h of headers) assert.equal(csvLabel?.values.filter((x) => x === h).length, 1, h);
      assert.ok(csvLabel?.values.every((x) => x === null || headers.includes(x as string)));
      assert.deepEqual(csvLabel?.values, excelLabel?.values);
      const shpNames = shapefileFields(v).map((f) => f.name);
      for (const n of shpNames) assert.equal(shp?.values.filter((x) => x === n).length, 1, n);
      assert.equal(shp?.values[0], "GEOID10");
      assert.ok(!desc?.values.includes("geometry"));
      const i =
        desc?.values.indexOf(
          "Greater than or equal to the 90th percentile for expected agriculture loss rate and is low income?",
        ) ?? -1;
      assert.equal(type?.values[i], "bool");
      const j = desc?.values.indexOf("Expected agricultural loss rate (Natural Hazards Risk Index)") ?? -1;
      assert.equal(type?.values[j], "rate");
    }
  });
});
