import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { parseBoolCell, parseNumberCell } from "./csv-table.ts";
import { readCsvColumns, scanCsvColumns } from "./scan-csv-columns.ts";
import { scanCsvText } from "./scan-csv-text.ts";

/** Deterministic pseudo-random numbers (no Math.random in tests). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

test("numeric cells parse to the same doubles as Number() in every spelling", () => {
  const next = lcg(7);
  const cells: string[] = [
    "0",
    "-0",
    "+1",
    "1.",
    ".5",
    "-.5",
    "007",
    "0.000",
    "1e5",
    "1E-5",
    "2.5e+3",
    "-0.0e0",
  ];
  cells.push("123456789012345", "1234567890123456", "0.1", "0.30000000000000004", "9007199254740993");
  cells.push("1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "12345678901234567890");
  for (let i = 0; i < 20_000; i++) {
    const x = (next() - 0.3) * 10 ** Math.floor(next() * 30 - 15);
    const form = i % 5;
    cells.push(
      form === 0
        ? String(x)
        : form === 1
          ? x.toFixed(Math.floor(next() * 12))
          : form === 2
            ? x.toExponential(Math.floor(next() * 17))
            : form === 3
              ? x.toPrecision(1 + Math.floor(next() * 20))
              : String(Math.round(x)),
    );
  }
  const text = `GEOID10_TRACT,x\n${cells.map((c, i) => `${String(i).padStart(11, "0")},${c}`).join("\n")}\n`;
  const table = scanCsvColumns(text, "n.csv", () => [{ index: 1, kind: "numeric" }]);
  const values = table.columns[0]?.values as Float64Array;
  assert.equal(table.rows, cells.length);
  cells.forEach((c, i) => {
    assert.ok(Object.is(values[i], Number(c)), `${c}: got ${values[i]}, Number() gives ${Number(c)}`);
  });
});

test("same columns and values as the row-wise reader, quoted records and blank lines included", () => {
  const text =
    '\ufeffa,"b, quoted",c,d\r\n1,x,True,\r\n\r\n"2.5","multi\nline",,NaN\r\n-3e2,,False,inf\r\n' +
    'nan,"say ""hi""",1.0,7\r\n';
  const fast = scanCsvColumns(text, "f.csv", () => [
    { index: 0, kind: "numeric" },
    { index: 2, kind: "flag" },
    { index: 1, kind: "text" },
    { index: 3, kind: "numeric" },
  ]);
  const ref = scanCsvText(text, "f.csv");
  assert.deepEqual(fast.header, ref.header);
  assert.deepEqual(fast.lines, ref.lines);
  assert.equal(fast.rows, ref.rows.length);
  const col = (k: number) => Array.from((fast.columns[k]?.values ?? []) as ArrayLike<unknown>);
  const num = (r: number, c: number) => parseNumberCell(ref.rows[r]?.[c] as string, ref, r, c) ?? Number.NaN;
  assert.deepEqual(
    col(0),
    ref.rows.map((_, r) => num(r, 0)),
  );
  assert.deepEqual(
    col(3),
    ref.rows.map((_, r) => num(r, 3)),
  );
  assert.deepEqual(
    col(1),
    ref.rows.map((row, r) => parseBoolCell(row[2] as string, ref, r, 2)),
  );
  assert.deepEqual(
    col(2),
    ref.rows.map((row) => row[1]),
  );
  fast.failCells();
});

test("structural errors name file and line; cell errors wait for failCells and name the first bad cell", () => {
  assert.throws(
    () => scanCsvColumns("a,b\n1,2\n3\n", "f.csv", () => [{ index: 0, kind: "numeric" }]),
    (e: unknown) =>
      e instanceof InputSchemaError && /f\.csv:line 3: .*got 1 fields, expected 2/.test(e.message),
  );
  assert.throws(
    () => scanCsvColumns('a,b\n1,"2\n', "f.csv", () => []),
    (e: unknown) => e instanceof InputSchemaError && /f\.csv:line 2: unclosed quote/.test(e.message),
  );
  assert.throws(
    () => scanCsvColumns("\n\n", "f.csv", () => []),
    (e: unknown) => e instanceof InputSchemaError && /f\.csv:line 1: file is empty/.test(e.message),
  );
  const t = scanCsvColumns("a,b,c\n1,True,x\n12%,maybe,y\n1e,yes,z\n", "f.csv", () => [
    { index: 1, kind: "flag" },
    { index: 0, kind: "numeric" },
  ]);
  assert.throws(
    () => t.failCells(),
    (e: unknown) =>
      e instanceof InputSchemaError &&
      /f\.csv:line 3: column "b" value is not a boolean \(got "maybe"\)/.test(e.message),
  );
  const u = scanCsvColumns("a,b\n1,2\n--1,3\n", "f.csv", () => [{ index: 0, kind: "numeric" }]);
  assert.throws(
    () => u.failCells(),
    (e: unknown) =>
      e instanceof InputSchemaError &&
      /f\.csv:line 3: column "a" value is not a number \(got "--1"\)/.test(e.message),
  );
  assert.throws(
    () =>
      scanCsvColumns("a\n1\n", "f.csv", () => [
        { index: 0, kind: "numeric" },
        { index: 0, kind: "text" },
      ]),
    /csv column 0 must be planned once/,
  );
});

test("files are decoded as UTF-8 (BOM, non-ASCII text) or, when pure ASCII, byte for byte", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-columns-"));
  try {
    const plan = () => [
      { index: 0, kind: "text" as const },
      { index: 1, kind: "numeric" as const },
    ];
    await writeFile(join(dir, "u.csv"), "\ufeffname,x\nZuñi Pueblo,1.5\nŌhiʻa,2\n");
    const u = await readCsvColumns(join(dir, "u.csv"), plan);
    assert.deepEqual(u.header, ["name", "x"]);
    assert.deepEqual(u.columns[0]?.values, ["Zuñi Pueblo", "Ōhiʻa"]);
    assert.deepEqual(Array.from(u.columns[1]?.values as Float64Array), [1.5, 2]);
    await writeFile(join(dir, "a.csv"), "name,x\nAcoma,3e-7\n");
    const a = await readCsvColumns(join(dir, "a.csv"), plan);
    assert.deepEqual(a.columns[0]?.values, ["Acoma"]);
    assert.deepEqual(Array.from(a.columns[1]?.values as Float64Array), [3e-7]);
    await assert.rejects(readCsvColumns(join(dir, "none.csv"), plan), /none\.csv/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
