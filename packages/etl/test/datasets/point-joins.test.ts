import assert from "node:assert/strict";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { runEtl } from "../../src/datasets/run-etl.ts";

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, "../../src/datasets");
/** Four hand-drawn tracts: two squares sharing an edge, and a PR tract with a hole filled by a fourth. */
const TRACTS = join(here, "fixtures/tracts-us.json");
const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-points-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/** An output folder that already holds census/geojson/us.json, as after `cejst etl census`. */
function outWithTracts(): string {
  const out = join(scratch, `out-${n++}`);
  mkdirSync(join(out, "census/geojson"), { recursive: true });
  copyFileSync(TRACTS, join(out, "census/geojson/us.json"));
  return out;
}

function source(name: string, text: string): string {
  const dir = join(scratch, `src-${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const EAMLIS = join(datasets, "eamlis/fixtures/eAMLIS export of all data.tsv");
const FUDS = join(datasets, "us_army_fuds/fixtures/fuds.geojson");

test("eamlis: points deduplicated by location, boundary points mark both tracts, holes respected", async () => {
  const out = outWithTracts();
  await runEtl({ dataset: "eamlis", sources: [EAMLIS], out });
  const want = readFileSync(join(datasets, "eamlis/fixtures/expected-usa.csv"), "utf8");
  assert.equal(readFileSync(join(out, "dataset/eamlis/usa.csv"), "utf8"), want);
  // The tract layer can also be named directly.
  const out2 = join(scratch, `out-${n++}`);
  const named = join(scratch, `named-${n++}`);
  mkdirSync(named);
  copyFileSync(TRACTS, join(named, "us.json"));
  await runEtl({ dataset: "eamlis", sources: [EAMLIS, join(named, "us.json")], out: out2 });
  assert.equal(readFileSync(join(out2, "dataset/eamlis/usa.csv"), "utf8"), want);
});

test("us_army_fuds: eligible-with-projects and other points counted per tract, sorted by tract", async () => {
  const out = outWithTracts();
  await runEtl({ dataset: "us_army_fuds", sources: [FUDS], out });
  assert.equal(
    readFileSync(join(out, "dataset/us_army_fuds/usa.csv"), "utf8"),
    readFileSync(join(datasets, "us_army_fuds/fixtures/expected-usa.csv"), "utf8"),
  );
});

async function fails(dataset: string, sources: string[], out: string, check: (e: unknown) => boolean) {
  await assert.rejects(runEtl({ dataset, sources, out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "dataset")), false);
}

test("point sources: missing tract polygons, bad coordinates, missing fields are located errors", async () => {
  const tsv = readFileSync(EAMLIS, "utf8");
  await fails("eamlis", [EAMLIS], join(scratch, `out-${n++}`), (e) => {
    return e instanceof InputMissingError && /cejst etl census/.test(e.message);
  });
  const badLat = source(
    "eAMLIS export of all data.tsv",
    tsv.replace("\t18.2\t-66.68\t", "\t18,2N\t-66.68\t"),
  );
  await fails("eamlis", [badLat], outWithTracts(), (e) => {
    return e instanceof InputSchemaError && e.line === 6 && e.field === "Latitude" && /18,2N/.test(e.message);
  });
  const noLon = source("eAMLIS export of all data.tsv", tsv.replace("\tLongitude\t", "\tLong\t"));
  await fails(
    "eamlis",
    [noLon],
    outWithTracts(),
    (e) => e instanceof InputSchemaError && e.field === "Longitude",
  );
  const ragged = source("eAMLIS export of all data.tsv", tsv.slice(0, tsv.indexOf("PR000002") + 20));
  await fails("eamlis", [ragged], outWithTracts(), (e) => e instanceof InputSchemaError && e.line === 6);

  const fuds = JSON.parse(readFileSync(FUDS, "utf8")) as {
    features: { properties: Record<string, unknown> }[];
  };
  delete fuds.features[2]!.properties.ELIGIBILITY;
  const noElig = source("fuds.geojson", JSON.stringify(fuds));
  await fails("us_army_fuds", [noElig], outWithTracts(), (e) => {
    return e instanceof InputSchemaError && e.field === "ELIGIBILITY" && e.line === 3;
  });
  const notJson = source("fuds.geojson", readFileSync(FUDS, "utf8").slice(0, 300));
  await fails(
    "us_army_fuds",
    [notJson],
    outWithTracts(),
    (e) => e instanceof InputSchemaError && /GeoJSON/.test(e.message),
  );
});
