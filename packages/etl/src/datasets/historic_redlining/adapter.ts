import { InputSchemaError } from "@cejst/schema";
import ExcelJS from "exceljs";
import { checkTractIds } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { missingNameError } from "../support/missing-name.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

const SCORE = "Tract-level redlining score";
const THRESHOLDS = [3.25, 3.5, 3.75] as const;
const COLUMNS = ["GEOID10_TRACT", SCORE, ...THRESHOLDS.map((t) => `${SCORE} meets or exceeds ${t}`)] as const;

/** The first sheet of NCRC's workbook: header and cell values, with the sheet row of each. */
export interface RedliningRaw {
  file: string;
  header: string[];
  rows: unknown[][];
  lines: number[];
}

async function extract(ctx: { sources: readonly string[] }): Promise<RedliningRaw> {
  const [file] = await locateRawFiles(ctx.sources, [{ member: "HRS_2010.xlsx", archives: ["HRS_2010.zip"] }]);
  const book = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own `Buffer` (an ArrayBuffer); a Node Buffer is what it reads.
    await book.xlsx.load(Buffer.from(file!.bytes) as unknown as Parameters<typeof book.xlsx.load>[0]);
  } catch (e) {
    throw new InputSchemaError(
      { file: file!.name },
      `is not a readable XLSX workbook (${(e as Error).message})`,
      {
        cause: e,
      },
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet)
    throw new InputSchemaError({ file: file!.name }, "has no worksheet (pandas reads the first one)");
  const raw: RedliningRaw = { file: file!.name, header: [], rows: [], lines: [] };
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells = (row.values as unknown[]).slice(1).map(cellValue);
    if (raw.header.length === 0) raw.header = cells.map((c) => String(c ?? ""));
    else {
      raw.rows.push(cells);
      raw.lines.push(n);
    }
  });
  if (raw.header.length === 0)
    throw new InputSchemaError(
      { file: file!.name, line: 1 },
      `worksheet "${sheet.name}" is empty or missing from the workbook (no header row)`,
    );
  return raw;
}

/** Formula cells count by their cached result, as pandas reads them. */
function cellValue(v: unknown): unknown {
  if (v !== null && typeof v === "object" && "result" in v) return (v as { result: unknown }).result;
  return v ?? null;
}

/**
 * NCRC's 2010-tract historic redlining score (`HRS2010`) and whether it reaches 3.25, 3.5
 * and 3.75. `GEOID10` is stored as a number in the workbook, so ids are zero-padded to 11.
 * Lines in errors are sheet rows.
 */
function transform(raw: RedliningRaw): ReturnType<DatasetAdapter["transform"]> {
  const col = (name: string) => {
    const i = raw.header.indexOf(name);
    if (i === -1) throw missingNameError({ file: raw.file, line: 1 }, name, raw.header);
    return i;
  };
  const gi = col("GEOID10");
  const si = col("HRS2010");
  const ids: string[] = [];
  const scores: (number | null)[] = [];
  raw.rows.forEach((row, r) => {
    const line = raw.lines[r];
    const g = row[gi];
    const id =
      typeof g === "number" && Number.isInteger(g) ? String(g) : typeof g === "string" ? g.trim() : "";
    if (!/^\d{1,11}$/.test(id))
      throw new InputSchemaError(
        { file: raw.file, line, field: "GEOID10" },
        `tract GEOID must be up to 11 digits (got ${JSON.stringify(g)})`,
      );
    ids.push(id.padStart(11, "0"));
    const s = row[si];
    if (s !== null && s !== undefined && s !== "" && typeof s !== "number")
      throw new InputSchemaError(
        { file: raw.file, line, field: "HRS2010" },
        `value is not a number (got ${JSON.stringify(s)})`,
      );
    scores.push(typeof s === "number" ? s : null);
  });
  checkTractIds(ids, { file: raw.file, field: "GEOID10", lines: raw.lines });
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: ids },
    { name: COLUMNS[1], kind: "float", values: scores },
    ...THRESHOLDS.map(
      (t, k): FrameColumn => ({
        name: COLUMNS[2 + k] as string,
        kind: "bool",
        values: scores.map((s) => s !== null && s >= t),
      }),
    ),
  ];
  return [{ path: "dataset/historic_redlining/usa.csv", data: formatFrame(columns) }];
}

/** NCRC historic redlining score for 2010 tracts (HOLC maps). */
export const historicRedlining: DatasetAdapter<RedliningRaw> = {
  id: "historic_redlining",
  title: "NCRC historic redlining score (2010 tracts)",
  outputs: ["dataset/historic_redlining/usa.csv"],
  columns: COLUMNS,
  sourceHint: "HRS_2010.zip (or HRS_2010.xlsx, or a folder holding either)",
  extract,
  transform,
};
