import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { checkDbfLayout, readDbf } from "./dbf.ts";

/** A dBASE III table of character (`C`), numeric (`N`) and logical (`L`) fields, cells given as text. */
function dbf(fields: [string, "C" | "N" | "L", number][], records: { flag?: number; cells: string[] }[]) {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f[2], 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  v.setUint32(4, records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach(([name, type, width], i) => {
    out.set(new TextEncoder().encode(name), 32 + 32 * i);
    out[32 + 32 * i + 11] = type.charCodeAt(0);
    out[32 + 32 * i + 16] = width;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, k) => {
    let at = headerLength + k * recordLength;
    out[at++] = r.flag ?? 0x20;
    r.cells.forEach((c, i) => {
      out.set(
        Uint8Array.from(c.padEnd(fields[i]![2]), (ch) => ch.charCodeAt(0)),
        at,
      );
      at += fields[i]![2];
    });
  });
  out[out.length - 1] = 0x1a;
  return { name: "t.dbf", bytes: out };
}

const FIELDS: [string, "C" | "N" | "L", number][] = [
  ["NAME", "C", 8],
  ["SCORE", "N", 8],
  ["FLAG", "L", 1],
];

test("readDbf: text trimmed (Windows-1252), numbers parsed, blanks and overflow asterisks null, logicals", () => {
  const t = readDbf(
    dbf(FIELDS, [
      { cells: ["Ca\xf1on", "  0.5723", "T"] },
      { cells: ["", "", "?"] },
      { cells: ["Bay", "********", "n"] },
    ]),
  );
  assert.deepEqual(
    t.fields.map((f) => [f.name, f.type, f.length]),
    FIELDS,
  );
  assert.deepEqual(t.records, [
    { NAME: "Cañon", SCORE: 0.5723, FLAG: true },
    { NAME: null, SCORE: null, FLAG: null },
    { NAME: "Bay", SCORE: null, FLAG: false },
  ]);
  assert.deepEqual(t.recordNumbers, [1, 2, 3]);
});

test("readDbf: deleted records are skipped, later ones keep their record numbers", () => {
  const t = readDbf(
    dbf(FIELDS, [
      { cells: ["a", "1", "T"] },
      { flag: 0x2a, cells: ["gone", "2", "T"] },
      { cells: ["c", "3", "F"] },
    ]),
  );
  assert.deepEqual(
    t.records.map((r) => r.NAME),
    ["a", "c"],
  );
  assert.deepEqual(t.recordNumbers, [1, 3]);
});

test("readDbf: a non-numeric cell in a numeric field names the record and field", () => {
  assert.throws(
    () => readDbf(dbf(FIELDS, [{ cells: ["a", "1", "T"] }, { cells: ["b", "n/a", "T"] }])),
    (e) =>
      e instanceof InputSchemaError && e.line === 2 && e.field === "SCORE" && /got "n\/a"/.test(e.message),
  );
});

test("checkDbfLayout: a misaligned record (no deletion flag) and a wrong record length are refused", () => {
  const f = dbf(FIELDS, [{ cells: ["a", "1", "T"] }, { cells: ["b", "2", "T"] }]);
  const shifted = f.bytes.slice();
  shifted[32 + 32 * 3 + 1 + 18] = 0x41; // the second record's flag byte
  assert.throws(
    () => readDbf({ name: "t.dbf", bytes: shifted }),
    (e) => e instanceof InputSchemaError && e.line === 2 && /deletion flag/.test(e.message),
  );
  const wide = f.bytes.slice();
  new DataView(wide.buffer).setUint16(10, 19, true);
  assert.throws(
    () => checkDbfLayout({ name: "t.dbf", bytes: wide }),
    (e) => e instanceof InputSchemaError && /record length .* \(expected 18, got 19\)/.test(e.message),
  );
  assert.throws(
    () => checkDbfLayout({ name: "t.dbf", bytes: new TextEncoder().encode("GEOID,score\n") }),
    (e) => e instanceof InputSchemaError && e.file === "t.dbf" && /not a dBASE table/.test(e.message),
  );
});
