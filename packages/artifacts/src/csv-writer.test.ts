import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { tableToCsv, writeCsvFile, writeCsvFiles } from "./csv-writer.ts";
import type { TableColumn } from "./score-table.ts";

const shared: TableColumn[] = [
  { name: "GEOID10_TRACT", kind: "text", values: ["01001020100", "01001020200", "01001020300"] },
  { name: "Total population", kind: "float", values: [1912, 2170, null] },
  { name: "Share", kind: "float", values: [0.25, 5.6328e-5, 1e16] },
  { name: "Flag?", kind: "bool", values: [true, null, false] },
];
const first = shared;
// The second table shares the columns by identity, prints one of them as an integer and adds
// a text column that needs quotes.
const second: TableColumn[] = [
  ...shared.map((c) => (c.name === "Total population" ? { ...c, kind: "int" as const } : c)),
  { name: "County Name", kind: "text", values: ['Autauga, "AL"', null, "Élan"] },
];

test("tables written together have the bytes each has written alone", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-csv-files-"));
  try {
    await writeCsvFiles([
      { path: join(dir, "a.csv"), columns: first },
      { path: join(dir, "sub/b.csv"), columns: second, bom: true },
    ]);
    await writeCsvFile(join(dir, "b-alone.csv"), second, { bom: true });
    const a = await readFile(join(dir, "a.csv"), "utf8");
    const b = await readFile(join(dir, "sub/b.csv"), "utf8");
    assert.equal(a, tableToCsv(first));
    assert.equal(b, tableToCsv(second, { bom: true }));
    assert.deepEqual(await readFile(join(dir, "sub/b.csv")), await readFile(join(dir, "b-alone.csv")));
    assert.match(a, /^GEOID10_TRACT,Total population,Share,Flag\?\n01001020100,1912\.0,0\.25,True\n/);
    assert.match(b, /\n01001020100,1912,0\.25,True,"Autauga, ""AL"""\n/);
    assert.deepEqual((await readdir(dir)).sort(), ["a.csv", "b-alone.csv", "sub"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("tables of different row counts are refused before any file is written", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-csv-files-"));
  try {
    const short: TableColumn[] = [{ name: "x", kind: "float", values: [1] }];
    await assert.rejects(
      writeCsvFiles([
        { path: join(dir, "a.csv"), columns: first },
        { path: join(dir, "b.csv"), columns: short },
      ]),
      /equal rows/,
    );
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
