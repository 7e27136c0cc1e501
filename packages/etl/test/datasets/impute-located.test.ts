import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { imputeLocated } from "../../src/datasets/census_acs/impute-from-neighbours.ts";

const noNeighbours = (n: number) => ({ offsets: new Uint32Array(n + 1), indices: new Uint32Array(0) });

test("imputeLocated fills a missing value from the county, as imputeFromNeighbours does", () => {
  const { imputed, rows } = imputeLocated(
    {
      geoids: ["10001000100", "10001000200"],
      population: [10, 10],
      raw: [[0.5, null]],
      neighbours: noNeighbours(2),
    },
    { files: ["a.json", "a.json"], lines: [2, 3] },
  );
  assert.deepEqual(imputed, [[0.5, 0.5]]);
  assert.deepEqual(rows, [1]);
});

test("a tract with nothing to impute from is an InputSchemaError at its own file and line", () => {
  assert.throws(
    () =>
      imputeLocated(
        {
          geoids: ["10001000100", "72001000100"],
          population: [10, 10],
          raw: [[0.5, null]],
          neighbours: noNeighbours(2),
        },
        { files: ["acs_10.json", "acs_72.json"], lines: [2, 2] },
      ),
    (e) =>
      e instanceof InputSchemaError &&
      e.file === "acs_72.json" &&
      e.line === 2 &&
      e.field === "tract" &&
      /72001000100 has no neighbour, county or state value/.test(e.message),
  );
});
