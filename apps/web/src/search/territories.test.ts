import assert from "node:assert/strict";
import { test } from "node:test";
import { boundsContain, TERRITORIES } from "./territories.ts";

const box = (code: string) => {
  const t = TERRITORIES.find((x) => x.code === code);
  assert.ok(t, code);
  return t.bounds;
};

test("eight areas, each a valid box with distinct labels", () => {
  assert.deepEqual(
    TERRITORIES.map((t) => t.code),
    ["48", "AK", "HI", "PR", "GU", "VI", "AS", "MP"],
  );
  for (const t of TERRITORIES) assert.ok(t.bounds[0] < t.bounds[2] && t.bounds[1] < t.bounds[3], t.code);
  assert.equal(TERRITORIES[0]?.fips.length, 49, "48 states and the District of Columbia");
});

test("the boxes hold their areas' far corners, across the antimeridian for Alaska", () => {
  // Attu Island (172.9° E) and Adak (176.6° W) are both in Alaska's one box.
  assert.ok(boundsContain(box("AK"), 172.9, 52.9));
  assert.ok(boundsContain(box("AK"), -176.6, 51.9));
  assert.ok(boundsContain(box("AK"), -130.0, 55.3), "Ketchikan");
  assert.ok(boundsContain(box("AK"), -156.8, 71.3), "Utqiagvik");
  assert.ok(boundsContain(box("48"), -124.7, 48.4), "Cape Flattery");
  assert.ok(boundsContain(box("48"), -80.6, 24.6), "the Florida Keys");
  assert.ok(boundsContain(box("48"), -67.0, 44.8), "Eastport, Maine");
  assert.ok(boundsContain(box("HI"), -159.8, 22.2) && boundsContain(box("HI"), -154.8, 19.5));
  assert.ok(
    boundsContain(box("PR"), -67.9, 18.1) && boundsContain(box("PR"), -65.3, 18.3),
    "Mona to Culebra",
  );
  assert.ok(boundsContain(box("GU"), 144.8, 13.45));
  assert.ok(boundsContain(box("VI"), -64.7, 17.75) && boundsContain(box("VI"), -65.0, 18.35));
  assert.ok(
    boundsContain(box("AS"), -170.7, -14.3) && boundsContain(box("AS"), -168.15, -14.2),
    "Tutuila to Rose Atoll",
  );
  assert.ok(
    boundsContain(box("MP"), 145.75, 15.2) && boundsContain(box("MP"), 145.85, 20.5),
    "Saipan to Farallon de Pajaros",
  );
  assert.ok(!boundsContain(box("GU"), 145.75, 15.2), "Saipan is not in Guam's box");
});
