import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { runEtl } from "../../src/datasets/run-etl.ts";

const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-hrs-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/** NCRC's workbook layout (made-up rows): GEOID10 stored as a number, one formula cell. */
async function workbook(
  rows: unknown[][],
  header = ["GEOID10", "CBSA", "HRS2010", "Interval"],
): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("HRS2010");
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  const dir = join(scratch, `src-${n++}`);
  mkdirSync(dir);
  const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
  writeFileSync(join(dir, "HRS_2010.zip"), zipSync({ "HRS_2010.xlsx": xlsx }));
  return join(dir, "HRS_2010.zip");
}

const ROWS: unknown[][] = [
  [1073000100, "Birmingham", 3.75, 4],
  [6037101110, "Los Angeles", 3.5, 4],
  [36061000100, "New York", { formula: "3+0.25", result: 3.25 }, 3],
  [39035101101, "Cleveland", 3.2499, 3],
  [13121001100, "Atlanta", 1, 1],
];

test("historic_redlining: scores per tract, ids zero-padded, thresholds 3.25 / 3.5 / 3.75 inclusive", async () => {
  const out = join(scratch, `out-${n++}`);
  await runEtl({ dataset: "historic_redlining", sources: [await workbook(ROWS)], out });
  assert.equal(
    readFileSync(join(out, "dataset/historic_redlining/usa.csv"), "utf8"),
    [
      "GEOID10_TRACT,Tract-level redlining score,Tract-level redlining score meets or exceeds 3.25,Tract-level redlining score meets or exceeds 3.5,Tract-level redlining score meets or exceeds 3.75",
      "01073000100,3.75,True,True,True",
      "06037101110,3.5,True,True,False",
      "36061000100,3.25,True,False,False",
      "39035101101,3.2499,False,False,False",
      "13121001100,1.0,False,False,False",
      "",
    ].join("\n"),
  );
});

async function fails(source: string, check: (e: unknown) => boolean) {
  const out = join(scratch, `out-${n++}`);
  await assert.rejects(runEtl({ dataset: "historic_redlining", sources: [source], out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "dataset")), false);
}

test("historic_redlining: bad workbooks are located errors", async () => {
  await fails(await workbook(ROWS, ["GEOID10", "CBSA", "HRS_2010", "Interval"]), (e) => {
    return e instanceof InputSchemaError && e.field === "HRS2010" && e.line === 1;
  });
  await fails(await workbook([...ROWS, [1073000200, "Birmingham", "n/a", 1]]), (e) => {
    return e instanceof InputSchemaError && e.field === "HRS2010" && e.line === 7;
  });
  await fails(await workbook([...ROWS, [107300010000, "Birmingham", 2, 1]]), (e) => {
    return e instanceof InputSchemaError && e.field === "GEOID10" && e.line === 7;
  });
  await fails(
    await workbook([...ROWS, ROWS[0]!]),
    (e) => e instanceof InputSchemaError && /duplicate/.test(e.message),
  );
  const path = await workbook(ROWS);
  writeFileSync(path, readFileSync(path).subarray(0, 300));
  await fails(path, (e) => e instanceof InputSchemaError && /zip/.test(e.message));
  // A workbook whose own zip structure is cut short.
  const dir = join(scratch, `src-${n++}`);
  mkdirSync(dir);
  const book = new ExcelJS.Workbook();
  book.addWorksheet("x").addRow(["GEOID10", "HRS2010"]);
  const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
  writeFileSync(join(dir, "HRS_2010.xlsx"), xlsx.subarray(0, xlsx.length >> 1));
  await fails(join(dir, "HRS_2010.xlsx"), (e) => e instanceof InputSchemaError && /XLSX|zip/.test(e.message));
});
