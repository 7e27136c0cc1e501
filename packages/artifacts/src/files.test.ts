import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { writeXlsxWithExceljs } from "../test/exceljs-xlsx-reference.ts";
import { fixtureScoreCsv } from "../test/score-fixture.ts";
import { writeCommunitiesXlsx } from "./communities-xlsx.ts";
import { tableToParquet } from "./parquet.ts";
import { readScoreTable, type TableColumn } from "./score-table.ts";
import { communitiesTable, mergeCounties } from "./tables.ts";
import { writeZip } from "./zip.ts";

let dir: string;
let table: TableColumn[];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-files-"));
  await writeFile(join(dir, "usa.csv"), fixtureScoreCsv("2.0"));
  const score = await readScoreTable(join(dir, "usa.csv"));
  table = communitiesTable(mergeCounties(score, new Map([["01073", "Jefferson County"]])), "2.0");
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("communities workbook", () => {
  test("reads back: sheet Data, bold wrapped headers, width 30, typed cells equal to the table", async () => {
    const path = join(dir, "c.xlsx");
    await writeCommunitiesXlsx(path, table);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
    });
    const sheets: string[] = [];
    const rows: unknown[][] = [];
    let headerBold = true;
    let headerWrapped = true;
    for await (const ws of reader) {
      sheets.push((ws as unknown as { name: string }).name);
      for await (const row of ws) {
        const values: unknown[] = [];
        for (let c = 1; c <= table.length; c++) {
          const cell = row.getCell(c);
          if (row.number === 1) {
            headerBold &&= cell.font?.bold === true;
            headerWrapped &&= cell.alignment?.wrapText === true;
          }
          values.push(cell.value ?? null);
        }
        rows.push(values);
      }
    }
    assert.deepEqual(sheets, ["Data"]);
    assert.ok(headerBold, "header cells are bold");
    assert.ok(headerWrapped, "header cells wrap");
    assert.deepEqual(
      rows[0],
      table.map((c) => c.name),
    );
    assert.equal(rows.length, (table[0]?.values.length ?? 0) + 1);
    for (let r = 1; r < rows.length; r++)
      table.forEach((c, i) => {
        assert.equal(rows[r]?.[i], c.values[r - 1] ?? null, `${c.name} row ${r}`);
      });
    const sheetXml = new TextDecoder().decode(unzipSync(await readFile(path))["xl/worksheets/sheet1.xml"]);
    assert.ok(sheetXml.includes(`<col min="1" max="${table.length}" width="30"`), "every column is 30 wide");
    assert.ok(!/<pane/.test(sheetXml), "no frozen panes");
  });

  test("has the same bytes as exceljs writing every cell, edge cases included", async () => {
    const edge: TableColumn[] = [
      { name: "id", kind: "text", values: ["01", "02", "03", "04", "05"] },
      { name: "A & <B> 'q' \"d\"", kind: "text", values: [" lead", "trail ", "a\nb", "", "x\u0001y&z"] },
      { name: "n", kind: "float", values: [1e-7, -0, 1.2345678901234567e19, Number.NaN, 0.1 + 0.2] },
      { name: "b", kind: "bool", values: [true, false, null, true, null] },
      { name: "same", kind: "text", values: ["Texas", "Texas", null, "01", "Ünïcode ✓"] },
      { name: "empty row tail", kind: "float", values: [null, null, null, null, 7] },
    ];
    const blank: TableColumn[] = edge.map((c) => ({ ...c, values: c.values.map(() => null) }));
    for (const [name, t] of [
      ["fixture", table],
      ["edge", edge],
      ["blank rows", blank],
    ] as const) {
      await writeCommunitiesXlsx(join(dir, "fast.xlsx"), t);
      await writeXlsxWithExceljs(join(dir, "ref.xlsx"), t);
      const fast = await readFile(join(dir, "fast.xlsx"));
      const ref = await readFile(join(dir, "ref.xlsx"));
      const parts = (b: Buffer) =>
        Object.fromEntries(Object.entries(unzipSync(b)).map(([k, v]) => [k, new TextDecoder().decode(v)]));
      assert.deepEqual(parts(fast), parts(ref), `${name}: same parts`);
      assert.deepEqual(fast, ref, `${name}: same bytes`);
    }
  });

  test("is byte-identical when written twice", async () => {
    await writeCommunitiesXlsx(join(dir, "a.xlsx"), table);
    await new Promise((r) => setTimeout(r, 1100));
    await writeCommunitiesXlsx(join(dir, "b.xlsx"), table);
    assert.deepEqual(await readFile(join(dir, "a.xlsx")), await readFile(join(dir, "b.xlsx")));
  });
});

describe("zip", () => {
  test("flat members in order, equal bytes, reproducible", async () => {
    await writeFile(join(dir, "one.txt"), "first\n");
    const members = [
      { name: "one.txt", path: join(dir, "one.txt") },
      { name: "two.csv", data: new TextEncoder().encode("a,b\n1,2\n") },
    ];
    await writeZip(join(dir, "a.zip"), members);
    await new Promise((r) => setTimeout(r, 1100));
    await writeZip(join(dir, "b.zip"), members);
    const a = await readFile(join(dir, "a.zip"));
    assert.deepEqual(a, await readFile(join(dir, "b.zip")));
    const entries = unzipSync(a);
    assert.deepEqual(Object.keys(entries), ["one.txt", "two.csv"]);
    assert.equal(new TextDecoder().decode(entries["one.txt"]), "first\n");
  });
});

describe("parquet", () => {
  test("types, values, metadata and determinism", async () => {
    const asInt64 = new Set(["Number of Tribal areas within Census tract for Alaska"]);
    const bytes = tableToParquet(table, { label: "2.0", methodology: "2.0" }, asInt64);
    assert.deepEqual(bytes, tableToParquet(table, { label: "2.0", methodology: "2.0" }, asInt64));
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const meta = parquetMetadata(buf);
    const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    assert.equal(kv["cejst.label"], "2.0");
    assert.equal(kv["cejst.methodology"], "2.0");
    const schema = parquetSchema(meta).children.map((c) => [c.element.name, c.element.type]);
    const typeOf = (n: string) => schema.find(([name]) => name === n)?.[1];
    assert.equal(typeOf("Census tract 2010 ID"), "BYTE_ARRAY");
    assert.equal(typeOf("Identified as disadvantaged"), "BOOLEAN");
    assert.equal(typeOf("Energy burden (percentile)"), "INT64");
    assert.equal(typeOf("Number of Tribal areas within Census tract for Alaska"), "INT64");
    assert.equal(typeOf("Total population"), "DOUBLE");
    assert.deepEqual(
      schema.map(([n]) => n),
      table.map((c) => c.name),
    );
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    assert.equal(rows.length, table[0]?.values.length);
    rows.forEach((row, r) => {
      for (const c of table) {
        const got = row[c.name];
        const want = c.values[r] ?? null;
        assert.equal(typeof got === "bigint" ? Number(got) : (got ?? null), want, `${c.name} row ${r}`);
      }
    });
  });
});
