import type { ScoreColumn } from "@cejst/methodology";
import { csvField } from "../io/atomic-write.ts";
import { BufferedTextWriter } from "../io/buffered-text-writer.ts";
import { formatPythonFloat } from "../io/float-format.ts";

type Cell = number | boolean | string | null | undefined;

/** One cell as the original's `to_csv` writes it (methodology.md §15.1 encodings). */
export function formatScoreCell(kind: ScoreColumn["kind"], value: Cell): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "float":
      return formatPythonFloat(value as number);
    case "int":
      return formatInt(value);
    case "bool":
      return value ? "True" : "False";
    default:
      return csvField(String(value));
  }
}

const formatInt = (value: Cell): string =>
  value === null || value === undefined || Number.isNaN(value as number)
    ? ""
    : String(Math.trunc(value as number));
const formatText = (value: Cell): string =>
  value === null || value === undefined ? "" : csvField(String(value));

const KIND_CODE = { float: 0, int: 1, bool: 2, text: 3 } as const;

/** Text written per `write` call: big enough that the per-call cost disappears. */
const CHUNK_CHARS = 1 << 16;

/**
 * Writes a score table as CSV: header of column names, one row per tract, `True`/`False`
 * booleans, empty cells for missing values, floats as pandas writes them and integers for
 * `int` columns. Each number is formatted once, straight into a chunk of about 64 KiB of
 * text that goes to the file in one write (as raw bytes when it is pure ASCII, which every
 * numeric cell is), so a national table never sits in memory as text.
 */
export async function writeScoreCsv(path: string, columns: readonly ScoreColumn[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const width = columns.length;
  const values = columns.map((c) => c.values as readonly Cell[]);
  const kinds = Int8Array.from(columns, (c) => KIND_CODE[c.kind] ?? KIND_CODE.text);
  // Text cells are the only ones that can hold non-ASCII characters.
  const textAscii = columns.map((c) =>
    c.kind === "float" || c.kind === "int" || c.kind === "bool"
      ? true
      : c.values.every((v) => v === null || v === undefined || isAscii(String(v))),
  );
  const ascii = textAscii.every(Boolean);
  const out = await BufferedTextWriter.open(path);
  try {
    await out.write(`${columns.map((c) => csvField(c.name)).join(",")}\n`);
    let chunk = "";
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < width; c++) {
        const v = (values[c] as readonly Cell[])[r];
        let cell: string;
        switch (kinds[c]) {
          case KIND_CODE.float:
            cell = formatFloatCell(v);
            break;
          case KIND_CODE.int:
            cell = formatInt(v);
            break;
          case KIND_CODE.bool:
            cell = v === null || v === undefined ? "" : v ? "True" : "False";
            break;
          default:
            cell = formatText(v);
        }
        chunk += c === 0 ? cell : `,${cell}`;
      }
      chunk += "\n";
      if (chunk.length >= CHUNK_CHARS) {
        const pending = ascii ? out.writeAscii(chunk) : out.write(chunk);
        chunk = "";
        if (pending) await pending;
      }
    }
    if (chunk.length > 0) await (ascii ? out.writeAscii(chunk) : out.write(chunk));
  } finally {
    await out.close();
  }
}

/** `formatPythonFloat` with its common case (plain decimal digits) inline. */
function formatFloatCell(v: Cell): string {
  if (typeof v !== "number")
    return v === null || v === undefined ? "" : formatPythonFloat(v as unknown as number);
  if ((v >= 1e-4 && v < 1e16) || (v <= -1e-4 && v > -1e16)) return Number.isInteger(v) ? `${v}.0` : `${v}`;
  return formatPythonFloat(v);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
