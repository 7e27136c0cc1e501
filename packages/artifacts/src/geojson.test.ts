import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureScoreCsv } from "../test/score-fixture.ts";
import { highGeojsonProperties, writeGeojsonFeatures, writeHighGeojson } from "./geojson.ts";
import { readScoreTable, type TableColumn } from "./score-table.ts";
import { mergeCounties, tileTable } from "./tables.ts";

test("usa-high.json has the bytes of its feature objects printed by JSON.stringify", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-geojson-"));
  try {
    await writeFile(join(dir, "usa.csv"), fixtureScoreCsv("2.0"));
    const merged = mergeCounties(
      await readScoreTable(join(dir, "usa.csv")),
      new Map([["01073", 'Jeff "C"']]),
    );
    const tile = tileTable(merged, "2.0");
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const geometryOf = (g: string) => (g.startsWith("02") ? undefined : square);
    await writeHighGeojson(join(dir, "fast.json"), tile, merged.geoids, geometryOf);
    const reference = merged.geoids.map((g, i) => ({
      type: "Feature",
      properties: highGeojsonProperties(tile, i, g),
      geometry: geometryOf(g) ?? null,
    }));
    await writeGeojsonFeatures(join(dir, "reference.json"), reference);
    const fast = await readFile(join(dir, "fast.json"), "utf8");
    assert.equal(fast, await readFile(join(dir, "reference.json"), "utf8"));
    // The fixture's tile table holds flags, missing and text values, all of which print here.
    assert.match(fast, /"SN_T":"[01]"/);
    assert.match(fast, /:null/);
    assert.match(fast, /"geometry":null/);

    // Names that an object would reorder (array indexes) take the object path, same text.
    const odd: TableColumn[] = [...tile, { name: "7", kind: "int", values: merged.geoids.map((_, i) => i) }];
    await writeHighGeojson(join(dir, "odd.json"), odd, merged.geoids, geometryOf);
    const oddText = await readFile(join(dir, "odd.json"), "utf8");
    assert.match(oddText, /"properties":\{"7":0,"GEOID10"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
