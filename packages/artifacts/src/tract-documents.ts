import { createReadStream } from "node:fs";
import { access, stat, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { MethodologyVersion } from "@cejst/methodology";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import type { Cell, ScoreTable, TableColumn } from "./score-table.ts";
import { stateOf } from "./states.ts";
import { tileFields } from "./tile-field.ts";
import type { BBox, TractGeometry } from "./tract-geometry.ts";

/** Version of the tract document layout; bumped on any incompatible change. */
export const TRACT_SCHEMA_VERSION = 1;

/** The per-tract document (artifacts.md §4.3). */
export interface TractDocument {
  schemaVersion: number;
  geoid: string;
  label: string;
  methodology: MethodologyVersion;
  mapped: boolean;
  interiorPoint: { lat: number; lon: number } | null;
  bbox: BBox | null;
  state: { fips: string; name: string; abbreviation: string };
  county: { fips: string; name: string | null };
  tile: Record<string, string | number | boolean | null>;
  values: Record<string, number | null>;
  trace: Record<string, unknown> | null;
}

/**
 * Reads the decision traces (`score/traces/usa.jsonl`, one JSON object per line with
 * `geoid`). A line that is not such an object is an `InputSchemaError` naming the line.
 */
export async function readTraces(path: string): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for await (const { geoid, obj } of traceLines(path)) out.set(geoid, obj);
  return out;
}

/**
 * The traces of a file, line by line, each checked to be an object with a string `geoid`:
 * the one reading loop of {@link readTraces}, {@link readTraceTexts} and {@link readTraceBytes},
 * so their errors are the same.
 */
async function* traceLines(
  path: string,
): AsyncGenerator<{ geoid: string; obj: Record<string, unknown> }, void, undefined> {
  try {
    await access(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new InputSchemaError({ file: path, line: n }, `not valid JSON: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const geoid = (obj as { geoid?: unknown } | null)?.geoid;
    if (typeof obj !== "object" || obj === null || Array.isArray(obj) || typeof geoid !== "string")
      throw new InputSchemaError(
        { file: path, line: n, field: "geoid" },
        "each line must be an object with a string geoid",
      );
    yield { geoid, obj: obj as Record<string, unknown> };
  }
}

/**
 * A decision trace kept as its JSON text (as `JSON.stringify` prints the parsed line) with
 * the fields the cross-check reads. A national set of traces held as parsed objects costs
 * gigabytes of heap that the collector keeps walking; as text it costs its length.
 */
export interface TraceText {
  json: string;
  disadvantaged: unknown;
  totalCategoriesExceeded: unknown;
  totalThresholdsExceeded: unknown;
}

/**
 * Reads the decision traces like {@link readTraces}, same checks and errors, but keeps each
 * trace as text: the tract documents embed it as it is.
 */
export async function readTraceTexts(path: string): Promise<Map<string, TraceText>> {
  const out = new Map<string, TraceText>();
  for await (const { geoid, obj } of traceLines(path)) {
    // Re-printed rather than kept as read, so the documents are the same bytes whatever the
    // spacing or number spelling of the line.
    out.set(geoid, {
      json: JSON.stringify(obj),
      disadvantaged: obj.disadvantaged,
      totalCategoriesExceeded: obj.totalCategoriesExceeded,
      totalThresholdsExceeded: obj.totalThresholdsExceeded,
    });
  }
  return out;
}

/** Where one trace lies in {@link TraceBytes.bytes}, and the fields the cross-check reads. */
export interface TraceRecord {
  start: number;
  end: number;
  disadvantaged: unknown;
  totalCategoriesExceeded: unknown;
  totalThresholdsExceeded: unknown;
}

/**
 * The decision traces as one block of UTF-8 bytes, each trace as `JSON.stringify` prints the
 * parsed line (the same text as {@link TraceText.json}), back to back. Plain bytes move to
 * another thread without a copy and are copied into the tract shards as they are, where
 * strings would be decoded and encoded again.
 */
export interface TraceBytes {
  bytes: Uint8Array;
  traces: Map<string, TraceRecord>;
}

/**
 * Reads the decision traces like {@link readTraceTexts}, same checks and errors, into
 * {@link TraceBytes}.
 */
export async function readTraceBytes(path: string): Promise<TraceBytes> {
  try {
    await access(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  const traces = new Map<string, TraceRecord>();
  // Re-printed traces are rarely longer than the lines they come from.
  let bytes = Buffer.allocUnsafe(Math.max((await stat(path)).size, 1 << 16));
  let used = 0;
  for await (const { geoid, obj } of traceLines(path)) {
    const json = JSON.stringify(obj);
    if (used + json.length * 3 > bytes.length && used + Buffer.byteLength(json) > bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, used + Buffer.byteLength(json)));
      bytes.copy(grown, 0, 0, used);
      bytes = grown;
    }
    const start = used;
    used += bytes.write(json, used, "utf8");
    traces.set(geoid, {
      start,
      end: used,
      disadvantaged: obj.disadvantaged,
      totalCategoriesExceeded: obj.totalCategoriesExceeded,
      totalThresholdsExceeded: obj.totalThresholdsExceeded,
    });
  }
  return { bytes: bytes.subarray(0, used), traces };
}

function numberOrNull(v: Cell): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Everything the documents are built from. */
export interface TractDocumentInputs {
  label: string;
  methodology: MethodologyVersion;
  /** County-merged score table. */
  merged: ScoreTable;
  /** Tile table (codes, floored), same row order as `merged`. */
  tile: readonly TableColumn[];
  tracts: ReadonlyMap<string, TractGeometry>;
  traces: ReadonlyMap<string, Record<string, unknown>> | null;
  /** Traces as text ({@link readTraceTexts}); used instead of `traces` when given. */
  traceTexts?: ReadonlyMap<string, TraceText> | null;
}

/** The document of row `i`, keys in the order of artifacts.md §4.3. */
export function tractDocument(inputs: TractDocumentInputs, i: number): TractDocument {
  const { merged, tile } = inputs;
  const geoid = merged.geoids[i] as string;
  const countyName = merged.byName.get("County Name")?.values[i];
  const tileObj: TractDocument["tile"] = {};
  for (const col of tile) {
    if (col.name === "GTF") continue;
    const v = col.values[i] ?? null;
    tileObj[col.name] = typeof v === "number" && !Number.isFinite(v) ? null : v;
  }
  const values: TractDocument["values"] = {};
  for (const f of tileFields(inputs.methodology)) {
    if (f.kind !== "float" && f.kind !== "int") continue;
    values[f.code] = numberOrNull(merged.byName.get(f.source)?.values[i] ?? null);
  }
  return {
    ...documentIdentity(inputs, geoid, countyName),
    tile: tileObj,
    values,
    trace: inputs.traces?.get(geoid) ?? null,
  };
}

/** The keys of a tract document before `tile`, in the order of artifacts.md §4.3. */
function documentIdentity(
  inputs: Pick<TractDocumentInputs, "label" | "methodology" | "tracts">,
  geoid: string,
  countyName: Cell | undefined,
) {
  const geo = inputs.tracts.get(geoid);
  const state = stateOf(geoid);
  return {
    schemaVersion: TRACT_SCHEMA_VERSION,
    geoid,
    label: inputs.label,
    methodology: inputs.methodology,
    mapped: geo?.mapped ?? false,
    interiorPoint: geo ? { lat: Number(geo.lat), lon: Number(geo.lon) } : null,
    bbox: geo?.bbox ?? null,
    state: { fips: state.fips, name: state.name, abbreviation: state.abbreviation },
    county: {
      fips: geoid.slice(0, 5),
      name: typeof countyName === "string" && countyName !== "" ? countyName : null,
    },
  };
}

/** A cell as `JSON.stringify` prints it inside a document (non-finite numbers as `null`). */
function jsonCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  return JSON.stringify(v);
}

/** Whether `JSON.stringify` of an object would print these keys in this order, each once. */
function plainKeys(keys: readonly string[]): boolean {
  // Array-index keys come first in an object whatever the insertion order.
  return new Set(keys).size === keys.length && !keys.some((k) => /^(0|[1-9]\d*)$/.test(k));
}

/**
 * `JSON.stringify(tractDocument(inputs, i))` without the object: the `tile` and `values`
 * members are spliced from their keys, printed once, and each cell's JSON text, which is
 * most of a document. Returns undefined when the columns' names would not print as keys
 * in that order (never for the published columns).
 */
function documentPrinter(inputs: TractDocumentInputs): ((i: number) => string) | undefined {
  const tile = inputs.tile.filter((c) => c.name !== "GTF");
  const values = tileFields(inputs.methodology)
    .filter((f) => f.kind === "float" || f.kind === "int")
    .map((f) => ({ code: f.code, values: inputs.merged.byName.get(f.source)?.values }));
  if (!plainKeys(tile.map((c) => c.name)) || !plainKeys(values.map((v) => v.code))) return undefined;
  const tileKeys = tile.map((c, k) => `${k === 0 ? "" : ","}${JSON.stringify(c.name)}:`);
  const tileValues = tile.map((c) => c.values);
  const valueKeys = values.map((v, k) => `${k === 0 ? "" : ","}${JSON.stringify(v.code)}:`);
  const valueValues = values.map((v) => v.values);
  const countyNames = inputs.merged.byName.get("County Name")?.values;
  const { merged } = inputs;
  return (i) => {
    const geoid = merged.geoids[i] as string;
    const countyName = countyNames?.[i];
    const head = JSON.stringify(documentIdentity(inputs, geoid, countyName));
    let out = `${head.slice(0, -1)},"tile":{`;
    for (let k = 0; k < tileKeys.length; k++)
      out += `${tileKeys[k]}${jsonCell((tileValues[k] as Cell[])[i])}`;
    out += '},"values":{';
    for (let k = 0; k < valueKeys.length; k++) {
      const v = valueValues[k]?.[i];
      out += `${valueKeys[k]}${typeof v === "number" && Number.isFinite(v) ? String(v) : "null"}`;
    }
    const trace = inputs.traces?.get(geoid);
    return `${out}},"trace":${trace === undefined ? "null" : JSON.stringify(trace)}}`;
  };
}

/**
 * The tract documents grouped into one shard per county (`api/tracts/<county>.json`,
 * README decision 1): an object keyed by GEOID, in tract order. Yields one shard at a time
 * so a national build never holds every document.
 */
export function* tractShards(
  inputs: TractDocumentInputs,
): Generator<{ county: string; json: string; count: number }> {
  const { geoids } = inputs.merged;
  const texts = inputs.traceTexts ?? null;
  const withoutTrace = texts === null ? inputs : { ...inputs, traces: null };
  const printer = documentPrinter(withoutTrace);
  const documentJson = (i: number): string => {
    const json = printer === undefined ? JSON.stringify(tractDocument(withoutTrace, i)) : printer(i);
    const text = texts?.get(geoids[i] as string);
    // `trace` is the document's last key, printed as `"trace":null}`: splice the text in.
    return text === undefined ? json : `${json.slice(0, -"null}".length)}${text.json}}`;
  };
  let start = 0;
  while (start < geoids.length) {
    const county = (geoids[start] as string).slice(0, 5);
    let end = start;
    let json = "{";
    while (end < geoids.length && (geoids[end] as string).startsWith(county)) {
      json += `${end === start ? "" : ","}${JSON.stringify(geoids[end])}:${documentJson(end)}`;
      end++;
    }
    yield { county, json: `${json}}`, count: end - start };
    start = end;
  }
}

/**
 * Writes the tract shards of {@link tractShards} as `<dir>/<county>.json`, the same bytes, with
 * each trace copied from `traces` instead of spliced in as text. One buffer, grown to the
 * largest shard, serves every shard.
 */
export async function writeTractShards(
  dir: string,
  inputs: TractDocumentInputs,
  traces: TraceBytes | null,
): Promise<number> {
  const { geoids } = inputs.merged;
  const withoutTrace = { ...inputs, traces: null, traceTexts: null };
  const printer = documentPrinter(withoutTrace);
  let buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const room = (more: number) => {
    if (used + more <= buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + more));
    buffer.copy(grown, 0, 0, used);
    buffer = grown;
  };
  const text = (s: string) => {
    if (used + s.length * 3 > buffer.length) room(Buffer.byteLength(s));
    used += buffer.write(s, used, "utf8");
  };
  let shards = 0;
  let start = 0;
  while (start < geoids.length) {
    const county = (geoids[start] as string).slice(0, 5);
    used = 0;
    text("{");
    let end = start;
    while (end < geoids.length && (geoids[end] as string).startsWith(county)) {
      const geoid = geoids[end] as string;
      const json = printer === undefined ? JSON.stringify(tractDocument(withoutTrace, end)) : printer(end);
      const trace = traces?.traces.get(geoid);
      const head = `${end === start ? "" : ","}${JSON.stringify(geoid)}:`;
      if (trace === undefined) text(`${head}${json}`);
      else {
        // `trace` is the document's last key, printed as `"trace":null}`: the trace goes there.
        text(`${head}${json.slice(0, -"null}".length)}`);
        room(trace.end - trace.start + 1);
        buffer.set((traces as TraceBytes).bytes.subarray(trace.start, trace.end), used);
        used += trace.end - trace.start;
        text("}");
      }
      end++;
    }
    text("}");
    await writeFile(`${dir}/${county}.json`, buffer.subarray(0, used));
    shards++;
    start = end;
  }
  return shards;
}

/**
 * Cross-checks the decision traces against the published table (artifacts.md §4.3): the
 * trace's final flag must equal `SN_C`, its categories count `CC` and its thresholds count
 * `TC`. Fields a trace does not carry are not checked. Returns one line per mismatch.
 */
export function traceMismatches(
  traces: ReadonlyMap<
    string,
    { disadvantaged?: unknown; totalCategoriesExceeded?: unknown; totalThresholdsExceeded?: unknown }
  >,
  geoids: readonly string[],
  tile: readonly TableColumn[],
): { mismatches: string[]; missing: number } {
  const col = (code: string) => tile.find((c) => c.name === code)?.values ?? [];
  const snC = col("SN_C");
  const cc = col("CC");
  const tc = col("TC");
  const mismatches: string[] = [];
  let missing = 0;
  geoids.forEach((g, i) => {
    const t = traces.get(g);
    if (t === undefined) {
      missing++;
      return;
    }
    const checks: [string, unknown, unknown][] = [
      ["disadvantaged/SN_C", t.disadvantaged, snC[i] === true],
      ["totalCategoriesExceeded/CC", t.totalCategoriesExceeded, cc[i] ?? null],
      ["totalThresholdsExceeded/TC", t.totalThresholdsExceeded, tc[i] ?? null],
    ];
    for (const [what, traced, published] of checks)
      if (traced !== undefined && traced !== published)
        mismatches.push(
          `${g}: trace ${what} is ${JSON.stringify(traced)} but the table has ${JSON.stringify(published)}`,
        );
  });
  return { mismatches, missing };
}
