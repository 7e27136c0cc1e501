import assert from "node:assert/strict";
import { test } from "node:test";
import { csvField, parseCsvText } from "@cejst/etl";
import { splitCsvLine } from "./raw-sources.ts";

test("splitCsvLine reads what csvField writes, as the CSV parser does", () => {
  const rows = [
    ["01001020100", "1.5", "", "True"],
    ["01001020200", 'Doña Ana, "NM"', "", ""],
    ["", 'a""b', ",", '"'],
    ["x", "line\nbreak", "end,", ""],
  ];
  for (const row of rows) {
    const line = row.map(csvField).join(",");
    assert.deepEqual(splitCsvLine(line, "t.csv"), row, line);
    assert.deepEqual(parseCsvText(`a,b,c,d\n${line}\n`, "t.csv").rows[0], row, line);
  }
});

test("splitCsvLine refuses an unclosed quote or text after a closing quote, naming the file", () => {
  assert.throws(() => splitCsvLine('a,"b', "t.csv"), /t\.csv line has an unclosed quote/);
  assert.throws(() => splitCsvLine('"a"b,c', "t.csv"), /t\.csv line has text after a closing quote/);
});
