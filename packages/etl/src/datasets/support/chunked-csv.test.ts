import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { parseCsvText } from "../../io/csv-table.ts";
import { parseCsvColumns } from "./chunked-csv.ts";

const text = [
  "id,name,value,note",
  '01001020100,"Autauga, AL",1.5,"said ""hi""\non two lines"',
  "01001020200,Baldwin,2,",
  '01001020300,"Barbour",,"x"',
  "01001020400,Bibb,4.25,y",
].join("\n");
const file = { name: "t.csv", bytes: new TextEncoder().encode(`${text}\n`) };

test("parseCsvColumns gives the same table as a whole-file parse, at any piece size", () => {
  const whole = parseCsvText(text, "t.csv");
  for (const size of [1, 7, 40, 1 << 20]) {
    const t = parseCsvColumns(file, "utf8", undefined, size);
    assert.deepEqual(t.header, whole.header);
    assert.deepEqual(t.rows, whole.rows, `piece size ${size}`);
    assert.deepEqual(t.lines, whole.lines, `piece size ${size}`);
  }
});

test("parseCsvColumns keeps only the wanted columns", () => {
  const t = parseCsvColumns(file, "utf8", (n) => n === "id" || n === "value", 10);
  assert.deepEqual(t.header, ["id", "value"]);
  assert.deepEqual(t.rows[3], ["01001020400", "4.25"]);
});

test("errors in later pieces carry the line number in the whole file", () => {
  const broken = { name: "b.csv", bytes: new TextEncoder().encode(`${text}\n01001020500,Blount\n`) };
  assert.throws(
    () => parseCsvColumns(broken, "utf8", undefined, 10),
    (e) => e instanceof InputSchemaError && e.line === 7,
  );
  const bytes = new TextEncoder().encode(`${text}\n01001020500,Blount,1,z\n`);
  bytes[bytes.length - 3] = 0xe9; // a Latin-1 "é" in the last line
  assert.throws(
    () => parseCsvColumns({ name: "c.csv", bytes }, "utf8", undefined, 10),
    (e) => e instanceof InputSchemaError && e.line === 7 && /UTF-8/.test(e.message),
  );
});
