import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-fsf-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const CASES = [
  {
    id: "fsf_flood_risk",
    zip: "sources-full/fsf_flood.zip",
    rows: 73362,
    // Checked by hand against the raw file: 1001020100,942,214,215 / 1015981901,54,11,11 / 72001956300,1621,230,228.
    spot: {
      "01001020100": ["942", "214", "215", 214 / 942, 215 / 942],
      "01015981901": ["250", "11", "11", 11 / 250, 11 / 250],
      "72001956300": ["1621", "230", "228", 230 / 1621, 228 / 1621],
    },
  },
  {
    id: "fsf_wildfire_risk",
    zip: "sources-full/fsf_fire.zip",
    rows: 72009,
    // Raw: 1001020100,942,31,634 / 1015981901,54,4,15.
    spot: {
      "01001020100": ["942", "31", "634", 31 / 942, 634 / 942],
      "01015981901": ["250", "4", "15", 4 / 250, 15 / 250],
    },
  },
] as const;

for (const c of CASES) {
  test(`${c.id}: the real national file gives one row per tract, ids padded to 11, shares over max(count, 250)`, {
    skip: sharedFixture(c.zip) ? false : missingFixtureMessage(c.zip),
  }, async () => {
    const out = join(scratch, c.id);
    await runEtl({ dataset: c.id, sources: [sharedFixture(c.zip)!], out });
    const t = parseCsvText(readFileSync(join(out, "dataset", c.id, "usa.csv"), "utf8"), c.id);
    assert.equal(t.rows.length, c.rows);
    assert.ok(t.rows.every((r) => /^\d{11}$/.test(r[0] ?? "")));
    assert.equal(new Set(t.rows.map((r) => r[0])).size, c.rows, "no duplicate tracts");
    assert.ok(
      t.rows.every((r) => Number(r[1]) >= 250),
      "counts are floored at 250",
    );
    assert.ok(t.rows.every((r) => Number(r[5]) >= 0 && Number(r[5]) <= Number(r[3]) / 250));
    const byId = new Map(t.rows.map((r) => [r[0], r]));
    for (const [id, [count, today, in30, shareToday, share30]] of Object.entries(c.spot)) {
      const r = byId.get(id);
      assert.ok(r, `${id} present`);
      assert.deepEqual(r.slice(1, 4), [count, today, in30]);
      assert.equal(Number(r[4]), shareToday);
      assert.equal(Number(r[5]), share30);
    }
  });
}
