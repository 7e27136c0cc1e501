/** `census_acs_2010` on hand-written Census API responses; expected shares worked out by hand. */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputSchemaError } from "@cejst/schema";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets/census_acs_2010/fixtures");
const scratch = mkdtempSync(join(tmpdir(), "cejst-census-acs-2010-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("census_acs_2010 derives the §4.3 shares, states then PR", async () => {
  const out = join(scratch, "ok");
  const { files } = await runEtl({ dataset: "census_acs_2010", sources: [fixtures], out });
  const t = parseCsvText(readFileSync(files[0]!.path, "utf8"), "usa.csv");
  assert.deepEqual(
    t.rows.map((r) => r[0]),
    ["10001000100", "10001000200", "10003000100", "72001000100"],
  );
  // Unemployed 10+20+30+40 of 100+200+300+400; poverty 10+20, +30+40, +50+60 of 500.
  assert.deepEqual(t.rows[0]!.slice(1), [
    String(100 / 1000),
    String(30 / 500),
    String(100 / 500),
    String(210 / 500),
  ]);
  // An empty tract: every share is 0/0, missing.
  assert.deepEqual(t.rows[1]!.slice(1), ["", "", "", ""]);
  // A missing count makes the poverty shares missing, not smaller.
  assert.deepEqual(t.rows[2]!.slice(1), [String(20 / 400), "", "", ""]);
  assert.deepEqual(t.rows[3]!.slice(1), ["0.2", "0.2", "0.4", "0.6"]);
});

test("census_acs_2010 names the file, line and column of a bad value", async () => {
  const dir = join(scratch, "broken");
  cpSync(fixtures, dir, { recursive: true });
  const f = join(dir, "acs2010_72.json");
  writeFileSync(f, readFileSync(f, "utf8").replace('"1000"', '"1,000"'));
  await assert.rejects(
    runEtl({ dataset: "census_acs_2010", sources: [dir], out: join(scratch, "bad") }),
    (e: unknown) => {
      assert.ok(e instanceof InputSchemaError);
      assert.match(e.file, /acs2010_72\.json$/);
      assert.equal(e.line, 2);
      assert.equal(e.field, "C17002_001E");
      return true;
    },
  );
});
