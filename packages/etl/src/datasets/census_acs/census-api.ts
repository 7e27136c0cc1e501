import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { parseJsonText } from "../support/json.ts";
import { missingNameError } from "../support/missing-name.ts";
import { decodeText, locateRawFiles, type RawFile } from "../support/source-files.ts";

/**
 * One Census API response (`[[header…], [row…], …]`), GEOIDs built from its `state`,
 * `county` and `tract` columns. `lines[i]` is where row `i` sits in the file: the API writes
 * one row per line.
 */
export interface CensusApiTable {
  file: string;
  geoids: string[];
  lines: number[];
  /** Each requested variable, parsed as a number (`null` for a JSON null or empty cell). */
  values: Map<string, (number | null)[]>;
}

/**
 * Finds Census API responses among `--source` paths: `.json` files, or folders holding them
 * (one response per state, read in name order). `us.json` (tract polygons) is never one.
 */
export async function locateCensusApiFiles(sources: readonly string[]): Promise<RawFile[]> {
  const paths: string[] = [];
  for (const s of sources) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(s);
    } catch (e) {
      throw new InputMissingError(s, "does not exist", { cause: e });
    }
    if (info.isDirectory()) {
      const names = (await readdir(s)).filter((n) => n.endsWith(".json") && n !== "us.json").sort();
      paths.push(...names.map((n) => join(s, n)));
    } else if (basename(s) !== "us.json") paths.push(s);
  }
  if (paths.length === 0)
    throw new InputMissingError(sources.join(", "), "holds no Census API response (.json)");
  const files: RawFile[] = [];
  for (const p of paths) files.push(...(await locateRawFiles([p], [{ member: basename(p), archives: [] }])));
  return files;
}

/**
 * Parses one Census API response and checks that every variable is there; `variablesFor`
 * may choose them from the response's state code (territories name variables differently).
 */
export function parseCensusApi(
  file: RawFile,
  variablesFor: readonly string[] | ((state: string) => readonly string[]),
): CensusApiTable {
  const text = decodeText(file, "utf8");
  const data = parseJsonText(text, file.name);
  if (!Array.isArray(data) || data.length === 0 || !Array.isArray(data[0]))
    throw new InputSchemaError(
      { file: file.name, line: 1 },
      "is not a Census API response (expected an array of rows, the first one the header)",
    );
  const header = (data[0] as unknown[]).map(String);
  const col = (name: string): number => {
    const c = header.indexOf(name);
    if (c === -1) throw missingNameError({ file: file.name, line: 1 }, name, header);
    return c;
  };
  const [cs, cc, ct] = [col("state"), col("county"), col("tract")];
  const rows = data.slice(1);
  const first = rows[0];
  const variables =
    typeof variablesFor === "function"
      ? variablesFor(String((Array.isArray(first) ? first[cs] : undefined) ?? ""))
      : variablesFor;
  const varCols = variables.map((v) => [v, col(v)] as const);
  const geoids: string[] = [];
  const lines: number[] = [];
  const values = new Map<string, (number | null)[]>(variables.map((v) => [v, []]));
  rows.forEach((row, i) => {
    const line = i + 2;
    if (!Array.isArray(row) || row.length !== header.length)
      throw new InputSchemaError(
        { file: file.name, line },
        `row ${i + 1} does not have ${header.length} values like the header (truncated or malformed)`,
      );
    const geoid = `${row[cs] ?? ""}${row[cc] ?? ""}${row[ct] ?? ""}`;
    if (!/^\d{11}$/.test(geoid))
      throw new InputSchemaError(
        { file: file.name, line, field: "tract" },
        `state, county and tract must form an 11-digit GEOID (got ${JSON.stringify(geoid)})`,
      );
    geoids.push(geoid);
    lines.push(line);
    for (const [name, c] of varCols) {
      const cell = row[c] as unknown;
      let v: number | null;
      if (cell === null || cell === "") v = null;
      else if (typeof cell === "number") v = cell;
      else {
        v =
          typeof cell === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(cell)
            ? Number(cell)
            : NaN;
        if (Number.isNaN(v))
          throw new InputSchemaError(
            { file: file.name, line, field: name },
            `value is not a number (got ${JSON.stringify(cell)})`,
          );
      }
      values.get(name)!.push(v);
    }
  });
  return { file: file.name, geoids, lines, values };
}

/** Concatenates per-state responses, refusing a tract that appears twice. */
export function stackCensusApi(
  tables: readonly CensusApiTable[],
  variables: readonly string[],
): CensusApiTable & { files: string[] } {
  const out = {
    file: tables.map((t) => t.file).join(", "),
    files: [] as string[],
    geoids: [] as string[],
    lines: [] as number[],
    values: new Map<string, (number | null)[]>(variables.map((v) => [v, []])),
  };
  const seen = new Map<string, string>();
  for (const t of tables) {
    t.geoids.forEach((g, i) => {
      const prev = seen.get(g);
      if (prev !== undefined)
        throw new InputSchemaError(
          { file: t.file, line: t.lines[i], field: "tract" },
          `duplicate tract GEOID ${g} (first in ${prev})`,
        );
      seen.set(g, t.file);
    });
    out.geoids.push(...t.geoids);
    out.lines.push(...t.lines);
    out.files.push(...t.geoids.map(() => t.file));
    for (const v of variables) out.values.get(v)!.push(...t.values.get(v)!);
  }
  return out;
}
