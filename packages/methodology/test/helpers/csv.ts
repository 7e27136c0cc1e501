import { readFileSync } from "node:fs";

/** Minimal RFC 4180 reader for the small fixture files (quoted fields, doubled quotes). */
export function readCsvRows(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(path, "utf8");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (header === undefined) throw new Error(`csv file ${path} is empty (got no header)`);
  return { header, rows: body };
}

/** `True`/`False`/empty → boolean or null. */
export function parseBool(cell: string): boolean | null {
  if (cell === "True") return true;
  if (cell === "False") return false;
  if (cell === "") return null;
  throw new Error(`boolean cell must be True, False or empty (got ${cell})`);
}

/** A float cell; empty is NaN. */
export function parseNum(cell: string): number {
  return cell === "" ? Number.NaN : Number(cell);
}
