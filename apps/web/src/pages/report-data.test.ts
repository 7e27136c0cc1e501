import assert from "node:assert/strict";
import { test } from "node:test";
import type { TileProps, TractRecord } from "../data/release.ts";
import { parseTractList, summarise } from "./report-data.ts";

const record = (geoid: string, tile: TileProps): TractRecord => ({
  geoid,
  label: "2.0",
  methodology: "2.0",
  mapped: true,
  interiorPoint: { lat: 0, lon: 0 },
  bbox: null,
  state: { fips: geoid.slice(0, 2), name: "State" },
  county: { fips: geoid.slice(0, 5), name: "County" },
  tile,
  trace: null,
});

test("?tracts= accepts 10- and 11-digit ids with separators, drops repeats, and names what is not an id", () => {
  assert.deepEqual(parseTractList("24001000100, 2400100-0200,4001000100,24001000100,abc,,12"), {
    ids: ["24001000100", "24001000200", "04001000100"],
    rejected: ["abc", "12"],
  });
  assert.deepEqual(parseTractList(null), { ids: [], rejected: [] });
});

test("the summary counts whole tracts from the published values, unknown populations apart", () => {
  const s = summarise([
    record("24001000100", { SN_C: 1, SN_GRAND: 0, TPF: 1000 }),
    record("24001000200", { SN_C: "True", SN_GRAND: "1", TPF: 500, TA_PERC: 0.2 }),
    record("24001000300", { SN_C: 0, TPF: 250, TA_COUNT_AK: 2 }),
    record("24001000400", { SN_C: false }),
  ]);
  assert.deepEqual(s, {
    tracts: 4,
    identified: 2,
    grandfathered: 1,
    tribal: 2,
    population: 1750,
    identifiedPopulation: 1500,
    unknownPopulation: ["24001000400"],
  });
});
