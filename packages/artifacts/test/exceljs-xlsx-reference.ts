import { readFile, rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import type { TableColumn } from "../src/score-table.ts";
import { writeZip } from "../src/zip.ts";

/** The constant document time of the workbook, so its bytes depend on the data only. */
const DOC_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * The reference the fast workbook writer is checked against, byte for byte: every cell
 * through exceljs's streaming writer. Writes the communities workbook (artifacts.md §3.4): one sheet `Data`, bold wrapped
 * bottom-aligned headers, every column 30 wide, typed cells (text, numbers, Excel booleans,
 * empty for missing). exceljs stamps zip entries with the current time, so the package is
 * rewritten with constant entry times afterwards.
 */
export async function writeXlsxWithExceljs(path: string, columns: readonly TableColumn[]): Promise<void> {
  const raw = `${path}.${process.pid}.raw`;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: raw,
      useStyles: true,
      useSharedStrings: true,
    });
    wb.creator = "cejst";
    wb.lastModifiedBy = "cejst";
    wb.created = DOC_TIME;
    wb.modified = DOC_TIME;
    const ws = wb.addWorksheet("Data");
    ws.columns = columns.map((c) => ({ key: c.name, width: 30 }));
    const header = ws.addRow(columns.map((c) => c.name));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: "bottom" };
    });
    header.commit();
    const rows = columns[0]?.values.length ?? 0;
    for (let r = 0; r < rows; r++) {
      const values = columns.map((c) => {
        const v = c.values[r];
        return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? undefined : v;
      });
      ws.addRow(values).commit();
    }
    ws.commit();
    await wb.commit();
    const entries = unzipSync(await readFile(raw));
    // Some readers expect the content-types part first, as Excel itself writes it.
    const parts = Object.entries(entries).map(([name, data]) => ({ name: name.replace(/^\//, ""), data }));
    const first = (n: string) => (n === "[Content_Types].xml" ? 0 : 1);
    await writeZip(
      path,
      parts.sort((a, b) => first(a.name) - first(b.name)),
    );
  } finally {
    await rm(raw, { force: true });
  }
}
