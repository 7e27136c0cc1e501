import assert from "node:assert/strict";
import { test } from "node:test";
import {
  buildStyle,
  hatchImage,
  legendEntries,
  MISSING_HATCH,
  MISSING_HATCH_LAYER,
  TRIBAL_LAYERS,
  TRIBAL_POINT_ZOOM,
  TRIBAL_POLYGON_ZOOM,
  tribalLabel,
} from "./style.ts";

const urls = { detailUrl: "https://d/high.pmtiles", overviewUrl: "https://d/low.pmtiles", zsel: 5 };

test("tribal labels drop the administrative suffix only after LAR, IRA or TSA", () => {
  assert.equal(tribalLabel("Navajo Nation LAR"), "Navajo Nation");
  assert.equal(tribalLabel("Cherokee OTSA TSA"), "Cherokee OTSA");
  assert.equal(tribalLabel("Fort Peck IRA"), "Fort Peck");
  assert.equal(tribalLabel("Annette Island"), "Annette Island");
  assert.equal(tribalLabel("Laramie"), "Laramie");
});

test("with a tribal archive the style draws polygons from 6.6, points from 3, names on top", () => {
  const style = buildStyle({ ...urls, tribalUrl: "https://d/tribal.pmtiles" });
  assert.deepEqual(style.sources.tribal, {
    type: "vector",
    url: "pmtiles://https://d/tribal.pmtiles",
    promoteId: "tribalId",
  });
  const ids = style.layers.map((l) => l.id);
  for (const id of TRIBAL_LAYERS) assert.ok(ids.includes(id), `${id} is in the style`);
  const layer = (id: string) => style.layers.find((l) => l.id === id) as { minzoom?: number; type: string };
  assert.equal(layer("tribal-fill").minzoom, TRIBAL_POLYGON_ZOOM);
  assert.equal(layer("tribal-outline").minzoom, TRIBAL_POLYGON_ZOOM);
  assert.equal(layer("tribal-labels").minzoom, TRIBAL_POLYGON_ZOOM);
  assert.equal(layer("tribal-villages").minzoom, TRIBAL_POINT_ZOOM);
  assert.equal(layer("tribal-villages").type, "circle");
  // Tribal lands sit over the tract fill, under the selection; the names are the top layer.
  assert.ok(ids.indexOf("tribal-fill") > ids.indexOf("tract-fill"));
  assert.ok(ids.indexOf("tribal-villages") < ids.indexOf("selected-casing"));
  assert.equal(ids.at(-1), "tribal-labels");
  // No glyphs URL: label glyphs are drawn from a local font, so no font file is requested.
  assert.equal(style.glyphs, undefined);
});

test("without a tribal archive there is no tribal source, layer or legend entry", () => {
  const style = buildStyle(urls);
  assert.equal(style.sources.tribal, undefined);
  assert.ok(!style.layers.some((l) => l.id.startsWith("tribal")));
  assert.ok(!legendEntries(true, false).some((e) => e.group === "tribal"));
  assert.deepEqual(
    legendEntries(true, true)
      .filter((e) => e.group === "tribal")
      .map((e) => e.key),
    ["legendTribal", "legendVillage"],
  );
});

test("the missing-data hatch is white stripes on transparent that repeat across tile edges", () => {
  const img = hatchImage(6, 2);
  assert.equal(img.data.length, 6 * 6 * 4);
  const white = (x: number, y: number) => img.data[(y * 6 + x) * 4 + 3] === 255;
  let stripes = 0;
  for (let y = 0; y < 6; y++)
    for (let x = 0; x < 6; x++) {
      if (white(x, y)) stripes++;
      // Diagonal from top left to bottom right, continued on the next tile.
      assert.equal(white(x, y), white((x + 1) % 6, (y + 1) % 6), `stripe continues at ${x},${y}`);
    }
  assert.equal(stripes, 12, "two pixels of every six are stripe");
});

test("the hatch layer sits on the tract fill, uses the hatch image and matches nothing by default", () => {
  const style = buildStyle(urls);
  const ids = style.layers.map((l) => l.id);
  const hatch = style.layers.find((l) => l.id === MISSING_HATCH_LAYER);
  assert.ok(hatch && hatch.type === "fill");
  assert.equal(ids.indexOf(MISSING_HATCH_LAYER), ids.indexOf("tract-fill") + 1);
  assert.equal(hatch.paint?.["fill-pattern"], MISSING_HATCH);
  assert.deepEqual(hatch.filter, ["boolean", false]);
  assert.equal(hatch.minzoom, urls.zsel, "drawn from the detail tiles only, like the indicator fill");
});
