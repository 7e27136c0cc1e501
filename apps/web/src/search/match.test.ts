import assert from "node:assert/strict";
import { test } from "node:test";
import type { NameIndex } from "../data/release.ts";
import { foldName, parseCoordinates, searchNames } from "./match.ts";

const INDEX: NameIndex = {
  states: [
    { fips: "01", name: "Alabama", abbreviation: "AL", bbox: [-88.5, 30.1, -84.9, 35.0] },
    { fips: "21", name: "Kentucky", abbreviation: "KY", bbox: [-89.6, 36.5, -81.9, 39.1] },
    { fips: "72", name: "Puerto Rico", abbreviation: "PR", bbox: [-67.3, 17.9, -65.2, 18.5] },
  ],
  counties: [
    { fips: "01073", name: "Jefferson County", state: "01", bbox: [-87.4, 33.2, -86.5, 33.8] },
    { fips: "21111", name: "Jefferson County", state: "21", bbox: [-85.9, 37.9, -85.4, 38.4] },
    { fips: "72097", name: "Mayagüez Municipio", state: "72", bbox: [-67.3, 18.1, -67.0, 18.3] },
    { fips: "01117", name: "Shelby County", state: "01", bbox: null },
    { fips: "01101", name: "St. Clair County", state: "01", bbox: null },
  ],
  places: [{ geoid: "0107000", name: "Birmingham", state: "01", bbox: [-87.0, 33.4, -86.6, 33.7] }],
};

test("names fold case, accents, spaces, county words and St.", () => {
  assert.equal(foldName("  Mayagüez   Municipio "), "mayaguez");
  assert.equal(foldName("St. Clair County"), "saint clair");
  assert.equal(foldName("Jefferson Parish"), "jefferson");
});

test("a county typed in lower case with its state abbreviation is found first", () => {
  const hits = searchNames(INDEX, "jefferson county, al");
  assert.equal(hits[0]?.id, "01073");
  assert.equal(hits[0]?.label, "Jefferson County, Alabama");
  assert.ok(!hits.some((h) => h.id === "21111"), "Kentucky's Jefferson is filtered out by the state");
  assert.deepEqual(
    searchNames(INDEX, "Jefferson").map((h) => h.id),
    ["01073", "21111"],
  );
});

test("without accents, with Saint, by state name or postal code", () => {
  assert.equal(searchNames(INDEX, "mayaguez")[0]?.id, "72097");
  assert.equal(searchNames(INDEX, "saint clair")[0]?.id, "01101");
  assert.deepEqual(searchNames(INDEX, "PR")[0], {
    kind: "state",
    label: "Puerto Rico",
    id: "72",
    bbox: INDEX.states[2]?.bbox ?? null,
  });
  assert.equal(searchNames(INDEX, "puerto")[0]?.id, "72");
  assert.equal(searchNames(INDEX, "birm")[0]?.kind, "place");
  assert.deepEqual(searchNames(INDEX, "zzz"), []);
  assert.deepEqual(searchNames(INDEX, "  "), []);
});

test("ranking: exact before prefix before word prefix; at most the limit per kind", () => {
  const idx: NameIndex = {
    states: [],
    counties: ["Clay Hill", "Clay", "Red Clay", "Clayton"].map((name, i) => ({
      fips: `0100${i}`,
      name,
      state: "01",
      bbox: null,
    })),
    places: [],
  };
  assert.deepEqual(
    searchNames(idx, "clay").map((h) => h.id),
    ["01001", "01000", "01003", "01002"],
  );
  assert.equal(searchNames(idx, "clay", 2).length, 2);
});

test("coordinates: signs, hemisphere letters, order by letters, and range checks", () => {
  assert.deepEqual(parseCoordinates("18.2, -66.5"), { lat: 18.2, lon: -66.5 });
  assert.deepEqual(parseCoordinates("18.2 N, 66.5 W"), { lat: 18.2, lon: -66.5 });
  assert.deepEqual(parseCoordinates("66.5W 18.2N"), { lat: 18.2, lon: -66.5 });
  assert.deepEqual(parseCoordinates("-14.3,-170.7"), { lat: -14.3, lon: -170.7 });
  assert.equal(parseCoordinates("123, 456"), "invalid");
  assert.equal(parseCoordinates("Jefferson"), undefined);
  assert.equal(parseCoordinates("01073 001100"), undefined);
});
