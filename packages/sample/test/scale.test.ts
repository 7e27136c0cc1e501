import assert from "node:assert/strict";
import { test } from "node:test";
import { buildGeography } from "../src/geography.ts";

// National size lays out the grid once (some seconds); writing the files is timed in bench/.
test("tracts: 74000 gives about 74,000 tracts with PR ≈ 945 and the island areas ≈ 132", () => {
  const tracts = buildGeography({ tracts: 74000, seed: 1 });
  const by: Record<string, number> = {};
  for (const t of tracts) by[t.area] = (by[t.area] ?? 0) + 1;
  const near = (got: number, want: number, tolerance: number, what: string) =>
    assert.ok(Math.abs(got - want) <= want * tolerance, `${what}: ${got}, expected about ${want}`);
  near(tracts.length, 74000, 0.03, "tracts");
  assert.ok(tracts.length <= 74160, `more tracts than the score accepts: ${tracts.length}`);
  near(by.PR ?? 0, 945, 0.1, "Puerto Rico");
  near((by.AS ?? 0) + (by.GU ?? 0) + (by.MP ?? 0) + (by.VI ?? 0), 132, 0.1, "island areas");
  const states = new Set(tracts.map((t) => t.state));
  assert.equal(states.size, 56, "every state, DC, PR and the four island areas");
  const counties = new Set(tracts.map((t) => t.county.fips));
  assert.ok(counties.size > 3000, `counties: ${counties.size}`);
  const water = tracts.filter((t) => t.water).length;
  assert.ok(water > 100 && water < 1000, `water-only tracts: ${water}`);
  assert.equal(new Set(tracts.map((t) => t.geoid)).size, tracts.length, "GEOIDs are unique");
});
