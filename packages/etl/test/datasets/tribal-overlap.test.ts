/**
 * `tribal_overlap` on hand-drawn tribal areas over unit-square tracts. The areas split tracts
 * along meridians, which web Mercator keeps straight and evenly spaced, so the shares are
 * plain fractions of a degree of longitude.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets/tribal_overlap/fixtures");
const tribal = join(fixtures, "tribal.geojson");
const tracts = join(fixtures, "tracts/us.json");
const scratch = mkdtempSync(join(tmpdir(), "cejst-tribal-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const SHARE = "Percent of the Census tract that is within Tribal areas";
const DISPLAY = `${SHARE}, for display`;
const FLAG = "Identified as disadvantaged due to tribal overlap";
const NAMES = "Names of Tribal areas within Census tract";
const AK_COUNT = "Number of Tribal areas within Census tract for Alaska";

test("tribal_overlap: shares, names, the 99.5% flag and the Alaska rule", async () => {
  const { files } = await runEtl({
    dataset: "tribal_overlap",
    sources: [tribal, tracts],
    out: join(scratch, "ok"),
  });
  const t = parseCsvText(readFileSync(files[0]!.path, "utf8"), "usa.csv");
  const rows = new Map(
    t.rows.map((r) => [r[0], Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""]))]),
  );
  // 40001000700 meets no tribal area and is left out; rows are sorted by GEOID.
  assert.deepEqual(
    [...rows.keys()],
    [
      "02020000100",
      "02020000200",
      "40001000100",
      "40001000200",
      "40001000300",
      "40001000400",
      "40001000500",
      "40001000600",
    ],
  );
  const share = (g: string) => Number(rows.get(g)![SHARE]);
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);
  // Cherokee covers half of the first tract, Osage the last tenth.
  near(share("40001000100"), 0.5 + 0.1);
  assert.equal(rows.get("40001000100")![NAMES], "Cherokee, Osage");
  assert.equal(rows.get("40001000100")![FLAG], "False");
  near(share("40001000200"), 1);
  assert.equal(rows.get("40001000200")![FLAG], "True");
  // 0.996 > 0.995: flagged, displayed as 1; Tiny only touches its east edge.
  near(share("40001000300"), 0.996);
  assert.equal(rows.get("40001000300")![DISPLAY], "1.0");
  assert.equal(rows.get("40001000300")![FLAG], "True");
  assert.equal(rows.get("40001000300")![NAMES], "Osage, Tiny");
  // Under 1 %: displayed as 0.
  near(share("40001000400"), 0.005);
  assert.equal(rows.get("40001000400")![DISPLAY], "0.0");
  // Two areas over the same 60 %: the shares add up past 1.
  near(share("40001000500"), 1.2);
  assert.equal(rows.get("40001000500")![FLAG], "True");
  // Touching at an edge only: listed, share 0.
  assert.equal(rows.get("40001000600")![SHARE], "0.0");
  assert.equal(rows.get("40001000600")![NAMES], "Edge");
  // Alaska: Annette Island keeps its share; any other name set makes it missing.
  near(share("02020000100"), 0.5);
  assert.equal(rows.get("02020000100")![AK_COUNT], "1.0");
  const other = rows.get("02020000200")!;
  assert.equal(other[NAMES], "Kake, Other");
  assert.equal(other[AK_COUNT], "2.0");
  assert.equal(other[SHARE], "");
  assert.equal(other[FLAG], "");
  assert.equal(rows.get("40001000100")![AK_COUNT], "");
  assert.equal(rows.get("40001000100")!["Number of Tribal areas within Census tract"], "");
});

test("tribal_overlap: a feature without a name, and missing tract polygons", async () => {
  const bad = join(scratch, "tribal.geojson");
  writeFileSync(bad, readFileSync(tribal, "utf8").replace('"Tiny IRA"', '""'));
  await assert.rejects(
    runEtl({ dataset: "tribal_overlap", sources: [bad, tracts], out: join(scratch, "b1") }),
    (e: unknown) => e instanceof InputSchemaError && e.field === "landAreaName" && e.line === 3,
  );
  await assert.rejects(
    runEtl({ dataset: "tribal_overlap", sources: [tribal], out: join(scratch, "b2") }),
    InputMissingError,
  );
});
