import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { parseCsvText } from "./csv-table.ts";
import { scanCsvText } from "./scan-csv-text.ts";

const SAMPLES = [
  "a,b,c\n1,2,3\n4,5,6\n",
  "\ufeffa,b\r\n1,2\r\n\r\n3,4",
  'GEOID10_TRACT,"Definition N community, including adjacency index tracts",x\n01001020100,True,"say ""hi"""\n01001020200,,\n',
  'a,b\n"multi\nline",2\n3,"4"\n',
  "a,b,c\n1,,\n,,\n",
  'a\n""\nx\n',
];

test("scanCsvText reads what parseCsvText reads", () => {
  for (const text of SAMPLES) {
    const fast = scanCsvText(text, "f.csv");
    const ref = parseCsvText(text, "f.csv");
    assert.deepEqual(fast.header, ref.header, text);
    assert.deepEqual(fast.rows, ref.rows, text);
  }
  const noHeader = scanCsvText("01001020100\n01001020200\n", "us.csv", { header: false });
  assert.deepEqual(noHeader.rows, [["01001020100"], ["01001020200"]]);
  assert.deepEqual(noHeader.lines, [1, 2]);
});

test("scanCsvText keeps the start line of each record, across quoted line breaks", () => {
  const t = scanCsvText('a,b\n"x\ny",1\n\nz,2\n', "f.csv");
  assert.deepEqual(t.lines, [2, 5]);
});

test("ragged rows, unclosed and stray quotes are located errors", () => {
  const cases: [string, RegExp][] = [
    ["a,b,c\n1,2,3\n4,5\n", /f\.csv:line 3: .*different number of fields.*got 2 fields, expected 3/],
    ['a,b\n1,"2\n', /f\.csv:line 2: unclosed quote/],
    ['a,b\n1,x"y\n', /f\.csv:line 2: quote inside an unquoted field/],
    ['a,b\n1,"x"y\n', /f\.csv:line 2: unexpected character after a closing quote/],
    ["", /f\.csv:line 1: file is empty/],
  ];
  for (const [text, message] of cases)
    assert.throws(
      () => scanCsvText(text, "f.csv"),
      (e) => e instanceof InputSchemaError && message.test(e.message),
      text,
    );
});
