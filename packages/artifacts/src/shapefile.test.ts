import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { shapefileFields } from "./codebook.ts";
import type { TableColumn } from "./score-table.ts";
import { encodeShapefile, shapeRings } from "./shapefile.ts";

interface ShpFeature {
  type: "Feature";
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: number[][][] | number[][][][] } | null;
}
interface ShpSource {
  read(): Promise<{ done: boolean; value: ShpFeature }>;
}
// The reader ships without type declarations; only `open` is used.
const shapefile = createRequire(import.meta.url)("shapefile") as {
  open(shp: ArrayBuffer, dbf: ArrayBuffer, options?: { encoding?: string }): Promise<ShpSource>;
};

const ab = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

const square = (x: number, y: number, d: number) => [
  [x - d, y - d],
  [x - d, y + d],
  [x + d, y + d],
  [x + d, y - d],
  [x - d, y - d],
];

describe("shapefile", () => {
  test("rings: outer clockwise, holes counter-clockwise, whatever the input orientation", () => {
    const ccwOuter = [...square(0, 0, 2)].reverse();
    const cwHole = square(0, 0, 1);
    const rings = shapeRings({ type: "Polygon", coordinates: [ccwOuter, cwHole] });
    const area = (r: number[][]) =>
      r.reduce((s, p, i) => {
        const q = r[(i + 1) % r.length] as number[];
        return s + (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
      }, 0);
    assert.ok(area(rings[0] as number[][]) < 0, "outer ring clockwise");
    assert.ok(area(rings[1] as number[][]) > 0, "hole counter-clockwise");
  });

  test("reads back with an independent reader: records, null shapes, field names, types and values", async () => {
    const fields = shapefileFields("2.0")
      .slice(0, 1)
      .concat(
        shapefileFields("2.0").filter((f) =>
          ["SF", "TPF", "SN_C", "HRS_ET", "TC", "IALMILHSE_PFS", "UI_EXP"].includes(f.code),
        ),
      );
    const geoids = ["01001020100", "01001020200", "60010950100"];
    const columns: TableColumn[] = [
      { name: "SF", kind: "text", values: ["Alabama", "Alabama", "American Samoa"] },
      { name: "TPF", kind: "float", values: [4781, null, 12.5] },
      { name: "SN_C", kind: "bool", values: [true, false, null] },
      { name: "HRS_ET", kind: "bool", values: [true, null, false] },
      { name: "TC", kind: "int", values: [3, 0, 11] },
      { name: "IALMILHSE_PFS", kind: "float", values: [null, null, 0.28] },
      { name: "UI_EXP", kind: "text", values: ["Nation", "Nation", "Island Areas"] },
    ];
    const parts = encodeShapefile(fields, columns, geoids, (g) =>
      g === "01001020200"
        ? null
        : { type: "MultiPolygon", coordinates: [[square(-86, 32, 0.1)], [square(-85, 32, 0.1)]] },
    );
    assert.deepEqual(
      encodeShapefile(fields, columns, geoids, () => null).dbf,
      encodeShapefile(fields, columns, geoids, () => null).dbf,
    );
    const source = await shapefile.open(ab(parts.shp), ab(parts.dbf), { encoding: "utf-8" });
    const features: ShpFeature[] = [];
    for (let r = await source.read(); !r.done; r = await source.read()) features.push(r.value);
    assert.equal(features.length, 3);
    assert.equal(features[1]?.geometry, null);
    // the reader groups rings by orientation: two clockwise rings are two polygons
    assert.equal(features[0]?.geometry?.type, "MultiPolygon");
    assert.equal((features[0]?.geometry?.coordinates ?? []).length, 2, "two outer rings");
    assert.deepEqual(Object.keys(features[0]?.properties ?? {}), [
      "GEOID10",
      "SF",
      "TPF",
      "SN_C",
      "HRS_ET",
      "TC",
      "IALMIL_78",
      "UI_EXP",
    ]);
    assert.deepEqual(
      features.map((f) => f.properties.GEOID10),
      geoids,
    );
    assert.deepEqual(
      features.map((f) => f.properties.TPF),
      [4781, null, 12.5],
    );
    assert.deepEqual(
      features.map((f) => f.properties.SN_C),
      [true, false, null],
    );
    assert.deepEqual(
      features.map((f) => f.properties.HRS_ET),
      ["1", null, "0"],
    );
    assert.deepEqual(
      features.map((f) => f.properties.IALMIL_78),
      [null, null, 0.28],
    );
    assert.deepEqual(
      features.map((f) => f.properties.UI_EXP),
      ["Nation", "Nation", "Island Areas"],
    );
    assert.equal(parts.cpg, "UTF-8");
    assert.match(parts.prj, /WGS_1984/);
    // .shx: one 8-byte entry per record after the 100-byte header
    assert.equal(parts.shx.length, 100 + 8 * 3);
  });
});
