import assert from "node:assert/strict";
import { test } from "node:test";
import { TRACT_TABLE_COLUMNS } from "@cejst/artifacts";
import { TABLE_COLUMNS } from "./test-fixture.ts";

test("the table tests' fixture columns are the columns the artifacts build writes", () => {
  assert.deepEqual([...TABLE_COLUMNS], [...TRACT_TABLE_COLUMNS]);
});
