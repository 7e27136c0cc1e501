import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { zipSync } from "fflate";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { type TinyTract, tinyDbf, tinyShp } from "./tiny-shapefile.ts";

const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-dot-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const ring: [number, number][] = [
  [-75, 39],
  [-75, 39.1],
  [-74.9, 39.1],
  [-75, 39],
];

/** DOT's layer as published: a shapefile inside Shapefile_and_Metadata.zip (attributes made up). */
function layer(rows: { FIPS: string; Transp_TH: string | number; State: string }[], drop?: string): string {
  const tracts: TinyTract[] = rows.map((r) => {
    const fields: Record<string, string | number> = { FIPS: r.FIPS, State: r.State, Transp_TH: r.Transp_TH };
    if (drop) delete fields[drop];
    return { fields, rings: [ring] };
  });
  const dir = join(scratch, `src-${n++}`);
  mkdirSync(dir);
  const base = "Shapefile_and_Metadata/DOT_Disadvantage_Layer_Final_April2022";
  writeFileSync(
    join(dir, "Shapefile_and_Metadata.zip"),
    zipSync({ [`${base}.shp`]: tinyShp(tracts), [`${base}.dbf`]: tinyDbf(tracts) }),
  );
  return join(dir, "Shapefile_and_Metadata.zip");
}

const ROWS = [
  { FIPS: "01001020100", State: "AL", Transp_TH: 0.5723 },
  { FIPS: "", State: "AL", Transp_TH: 0.31 },
  { FIPS: "06037101110", State: "CA", Transp_TH: "" },
  { FIPS: "72001956300", State: "PR", Transp_TH: 0.0125 },
];

test("travel_composite: Transp_TH per tract, records without FIPS dropped, empty scores kept empty", async () => {
  const out = join(scratch, `out-${n++}`);
  await runEtl({ dataset: "travel_composite", sources: [layer(ROWS)], out });
  assert.equal(
    readFileSync(join(out, "dataset/travel_composite/usa.csv"), "utf8"),
    "GEOID10_TRACT,DOT Travel Barriers Score\n01001020100,0.5723\n06037101110,\n72001956300,0.0125\n",
  );
});

async function fails(source: string, check: (e: unknown) => boolean) {
  const out = join(scratch, `out-${n++}`);
  await assert.rejects(runEtl({ dataset: "travel_composite", sources: [source], out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "dataset")), false);
}

test("travel_composite: bad layers are located errors", async () => {
  await fails(layer(ROWS, "Transp_TH"), (e) => e instanceof InputSchemaError && e.field === "Transp_TH");
  await fails(
    layer([...ROWS, { FIPS: "1001020100", State: "AL", Transp_TH: 0.2 }]),
    (e) => e instanceof InputSchemaError && e.field === "FIPS" && e.line === 5 && /11 digits/.test(e.message),
  );
  await fails(
    layer([...ROWS, ROWS[0]!]),
    (e) => e instanceof InputSchemaError && e.line === 5 && /duplicate/.test(e.message),
  );
  const cut = layer(ROWS);
  writeFileSync(cut, readFileSync(cut).subarray(0, 200));
  await fails(cut, (e) => e instanceof InputSchemaError && /zip/.test(e.message));
});
