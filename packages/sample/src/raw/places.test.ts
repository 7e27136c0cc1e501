import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseCsvText, runEtl } from "@cejst/etl";
import { buildGeography } from "../geography.ts";
import { gazetteerPlacesFile, gazetteerPlacesText } from "./places.ts";

const tracts = buildGeography({ tracts: 300, seed: 3 });
const land = tracts.filter((t) => !t.water);
const dir = mkdtempSync(join(tmpdir(), "cejst-sample-places-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let rows: string[][] = [];

before(async () => {
  const file = gazetteerPlacesFile(land, 3, "Gaz_places_national.zip");
  writeFileSync(join(dir, file.path), file.bytes);
  await runEtl({ dataset: "census_places", sources: [join(dir, file.path)], out: join(dir, "out") });
  const csv = readFileSync(join(dir, "out/census/csv/places.csv"), "utf8");
  rows = parseCsvText(csv, "places.csv").rows;
});

test("the census_places adapter reads the synthetic archive: unique ids, an accented name", () => {
  assert.ok(rows.length >= 5, `places: ${rows.length}`);
  assert.equal(new Set(rows.map((r) => r[0])).size, rows.length);
  assert.ok(
    rows.some((r) => /[^\x20-\x7e]/.test(r[1] as string)),
    "an accented Puerto Rico name",
  );
  assert.match(gazetteerPlacesText(land, 3).split("\n")[0] as string, /INTPTLONG +$/);
});

test("each place sits at one of its state's land tracts' centres and covers at least that tract", () => {
  for (const [geoid, name, , lat, lon, aland] of rows) {
    const at = land.find(
      (t) => Math.abs(t.centre[1] - Number(lat)) < 1e-6 && Math.abs(t.centre[0] - Number(lon)) < 1e-6,
    );
    assert.ok(at, `${name} is not at a tract centre`);
    assert.equal(at.state, geoid?.slice(0, 2));
    assert.ok(Number(aland) >= at.aland, `${name}: ALAND ${aland} < ${at.aland}`);
  }
});

test("the same seed gives the same file, another seed another", () => {
  const text = gazetteerPlacesText(land, 3);
  assert.equal(gazetteerPlacesText(land, 3), text);
  assert.notEqual(gazetteerPlacesText(land, 4), text);
});
