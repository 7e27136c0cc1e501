// biome-ignore-all lint/suspicious/noExplicitAny: report sections are read by their shape
/**
 * The change report must say the same thing however fast it is computed. The hashes below
 * are those of the bundle files the report code wrote for the generated versions of
 * `compare-fixture.ts` before its national-size rework (csv-parse of whole tables, tiles
 * decoded with `VectorTile`, a column rebuilt for every row in R14): a change to them is a
 * change to what the report says, to be made on purpose.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareVersions } from "../src/compare/compare-versions.ts";
import { MemoryStore } from "../src/memory-store.ts";
import { publishGeneratedVersions } from "./compare-fixture.ts";

const BEFORE: Record<string, Record<string, string>> = {
  "none:2.0": {
    "report.json": "606cea6691e662d6b77ce5aaf9cfc134d65adca9e2c2832803f516172aa2964c",
    "deltas.csv": "f718618a3685f931a2c0764035cc0e6c1f99b81c079773d4c9c0a1745e2a4f94",
    "tracts-added.csv": "40b39e77383eaded34b31c97cf36605259b23a28df48560d6b28bc8fea31c58a",
    "tracts-removed.csv": "40b39e77383eaded34b31c97cf36605259b23a28df48560d6b28bc8fea31c58a",
    "tracts-grandfathered.csv": "7177a3127f2770a448195d1b01704abc91b0c44b9d9dab207f6191600aa4bb77",
    "tracts-adjacency-only.csv": "fe95d6d8e8dbd121bd154b007aaca27edc01922e20cfb17445f07487b311331f",
  },
  "1.0:2.0": {
    "report.json": "dd8aee28abc833f7e0cba6b0142c379d4cd38f13d28327bcc0a2f555dcc0805c",
    "deltas.csv": "3e0d42306d0746095427f355462cce32d537d9acf5a697c33335fe316551bddf",
    "tracts-added.csv": "b4d759a9245a994995e041c69fe62322a2c258044442f777004a07d29dd56e83",
    "tracts-removed.csv": "d342ba5a9d794b6642733f4b70a35dfb029539c92f120f35e862db4efbdd9e4a",
    "tracts-grandfathered.csv": "7177a3127f2770a448195d1b01704abc91b0c44b9d9dab207f6191600aa4bb77",
    "tracts-adjacency-only.csv": "fe95d6d8e8dbd121bd154b007aaca27edc01922e20cfb17445f07487b311331f",
  },
};

test("the reworked report writes the same JSON and lists as before on generated versions", async () => {
  const store = new MemoryStore();
  await publishGeneratedVersions(store);
  for (const [pair, want] of Object.entries(BEFORE)) {
    const [base, cand] = pair.split(":") as [string, string];
    const r = await compareVersions(store, { base, cand });
    const got = Object.fromEntries(
      r.files.filter((f) => f.path in want).map((f) => [f.path, f.sha256] as const),
    );
    assert.deepEqual(got, want, `${pair}: bundle files differ from the report before the rework`);
    if (base === "none") continue;
    // The fixture exercises what the rework touched: changed cells (quoted text among
    // them), pairs of rates and finals (R14), and an archive over several zooms (R23).
    const s = r.report.sections as Record<string, any>;
    assert.ok(r.report.lists.deltas.length > 1000);
    assert.ok(r.report.lists.deltas.some(([, col, a]) => col === "County Name" && a.includes('"')));
    assert.equal(typeof s.correlations.finalPhi, "number");
    assert.equal(s.tiles.archives[0].zooms.length, 6);
    assert.ok(s.tiles.archives[0].zooms.every((z: { features: number }) => z.features > 0));
  }
});
