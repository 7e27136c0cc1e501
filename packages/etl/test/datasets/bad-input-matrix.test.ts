/**
 * Bad input, adapter by adapter: every adapter in the registry × every kind of bad input that
 * applies to its format. Each broken input is made by code from the adapter's valid
 * hand-made fixture (rewriting CSV cells, JSON members, dBASE header bytes and cells, XLSX
 * cells through exceljs, zip members, or cutting bytes off), run through `runEtl` (what
 * `cejst etl` calls), and must fail with an `InputSchemaError` (exit 102) naming the file,
 * the line (row, record or feature number) and the column (field, property), or with an
 * `InputMissingError` (exit 101) for a missing file; the output folder must stay empty (no
 * `usa.csv`, no temporary file). A kind that cannot happen in a format is listed in the
 * adapter's `notApplicable`, with the reason, so the table is complete.
 *
 * `MATRIX_REPORT=<file>` writes the messages as a Markdown table (the one in the README).
 */
import assert from "node:assert/strict";
import {
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CejstError, InputMissingError, InputSchemaError } from "@cejst/schema";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { DATASET_IDS } from "../../src/datasets/registry.ts";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { csvLine } from "../../src/io/atomic-write.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";
import { CSV_SOURCES, type CsvSource } from "./csv-sources.ts";
import { type TinyTract, tinyDbf, tinyShp } from "./tiny-shapefile.ts";

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, "../../src/datasets");
const scratch = mkdtempSync(join(tmpdir(), "cejst-bad-input-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** Exit codes `cejst` gives these error codes (`packages/cli/src/exit-codes.ts`). */
const EXIT = { INPUT_INVALID: 102, INPUT_MISSING: 101 } as const;

const COMMON = [
  "missing column",
  "renamed header",
  "UTF-16 text",
  "invalid UTF-8",
  "truncated zip",
  "non-numeric value",
  "GEOID wrong length",
  "GEOID not digits",
  "missing file",
] as const;
const EXTRA = {
  csv: [],
  "census-api": [],
  dbf: ["dBASE records cut short", "dBASE header length wrong"],
  xlsx: ["missing sheet", "not an XLSX"],
  points: ["missing coordinates", "coordinates out of range", "not a FeatureCollection"],
  tribal: [
    "polygon missing a ring",
    "missing name property",
    "coordinates out of range",
    "not a FeatureCollection",
  ],
} as const;
type Format = keyof typeof EXTRA;
type Kind = (typeof COMMON)[number] | (typeof EXTRA)[Format][number];

type Bytes = Uint8Array;
/** Rewrites one file; `null` removes it. */
type Mutate = (bytes: Bytes) => Bytes | null | Promise<Bytes | null>;

interface Case {
  /** The file the mutation rewrites: a path relative to the source folder, or an archive member. */
  target: string;
  mutate: Mutate;
  /** What the error must name: the file (suffix; default the target's name), line and column. */
  file?: string;
  line?: number;
  field?: string;
  says: RegExp;
  /** The input is absent: `InputMissingError`, exit 101. */
  missing?: true;
}

interface Subject {
  format: Format;
  /** The valid raw files, by path relative to the source folder. */
  files: () => Record<string, Bytes> | Promise<Record<string, Bytes>>;
  /** Members zipped into an archive (at `archive.path`) before the run, as the source publishes them. */
  archive?: { path: string; members: string[] };
  sources: (dir: string) => string[];
  cases: Partial<Record<Kind, Case>>;
  notApplicable: Partial<Record<Kind, string>>;
}

// ---- generic mutations -------------------------------------------------------------------

const utf8 = new TextEncoder();
const text = (b: Bytes, encoding: "utf8" | "latin1" = "utf8") =>
  new TextDecoder(encoding === "utf8" ? "utf-8" : "latin1").decode(b);
const bytesOf = (s: string, encoding: "utf8" | "latin1" = "utf8") =>
  encoding === "utf8" ? utf8.encode(s) : Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** The text as UTF-16LE with a byte order mark, what spreadsheet tools save as "Unicode text". */
const toUtf16 =
  (encoding: "utf8" | "latin1" = "utf8"): Mutate =>
  (b) => {
    const s = text(b, encoding);
    const out = new Uint8Array(2 + s.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      out[2 + i * 2] = s.charCodeAt(i) & 0xff;
      out[3 + i * 2] = s.charCodeAt(i) >> 8;
    }
    return out;
  };

/** A Latin-1 "é" (byte 0xe9, invalid in UTF-8) written after the first character of line `line`. */
const latin1ByteOnLine =
  (line: number): Mutate =>
  (b) => {
    let at = 0;
    for (let l = 1; l < line; l++) at = b.indexOf(0x0a, at) + 1;
    return Uint8Array.from([...b.subarray(0, at + 1), 0xe9, ...b.subarray(at + 1)]);
  };

const cutInHalf: Mutate = (b) => b.subarray(0, b.length >> 1);
const remove: Mutate = () => null;

/** Rewrites a CSV (or tab-separated) file through `edit`, which sees the header and rows. */
const editTable =
  (edit: (header: string[], rows: string[][]) => void, encoding: "utf8" | "latin1" = "utf8", tab = false) =>
  (b: Bytes): Bytes => {
    const s = text(b, encoding);
    let header: string[];
    let rows: string[][];
    if (tab) {
      const lines = s
        .replace(/\n$/, "")
        .split("\n")
        .map((l) => l.split("\t"));
      header = lines[0] ?? [];
      rows = lines.slice(1);
    } else {
      const t = parseCsvText(s, "fixture");
      [header, rows] = [t.header, t.rows];
    }
    edit(header, rows);
    const out = [header, ...rows].map((r) => (tab ? r.join("\t") : csvLine(r))).join("\n");
    return bytesOf(`${out}\n`, encoding);
  };

const column = (header: string[], name: string) => {
  const i = header.indexOf(name);
  assert.notEqual(i, -1, `fixture column ${name}`);
  return i;
};
const dropColumn = (name: string) => (h: string[], rows: string[][]) => {
  const i = column(h, name);
  h.splice(i, 1);
  for (const r of rows) r.splice(i, 1);
};
const renameColumn = (name: string, to: string) => (h: string[]) => {
  h[column(h, name)] = to;
};
const setCell = (row: number, name: string, value: string | ((old: string) => string)) => {
  return (h: string[], rows: string[][]) => {
    const r = rows[row] as string[];
    const i = column(h, name);
    r[i] = typeof value === "string" ? value : value(r[i] as string);
  };
};

/** A near-miss spelling: the last letter dropped (what a hand edit or a new vintage's header does). */
const misspell = (name: string) => {
  // Short names are only ever hinted at in another case: one edit away is another column.
  if (name.replace(/[^A-Za-z0-9]/g, "").length < 5)
    return name.toLowerCase() !== name ? name.toLowerCase() : name.toUpperCase();
  return name.replace(/[A-Za-z](?=[^A-Za-z]*$)/, "");
};
const shorten = (id: string) => id.slice(0, -1);
/** Same length, one digit replaced by a letter. */
const letter = (id: string) => `${id.slice(0, -3)}A${id.slice(-2)}`;

/** Rewrites a JSON document, printed one array row per line as the Census API writes it. */
/** Loosely typed parsed JSON, for editing fixtures. */
// biome-ignore lint/suspicious/noExplicitAny: mutations poke at arbitrary members of parsed fixtures
type Loose = any;

const editJson =
  (edit: (doc: Loose) => void, rowPerLine = false): Mutate =>
  (b) => {
    const doc = JSON.parse(text(b));
    edit(doc);
    const out = rowPerLine
      ? `[${(doc as unknown[]).map((r) => JSON.stringify(r)).join(",\n")}]`
      : JSON.stringify(doc, null, 1);
    return utf8.encode(out);
  };

// ---- the subjects, one per adapter ------------------------------------------------------

const fixture = (id: string, rel: string): Bytes =>
  new Uint8Array(readFileSync(join(datasets, id, "fixtures", rel)));
const TRACTS_FOR_POINTS = new Uint8Array(readFileSync(join(here, "fixtures/tracts-us.json")));

const LATIN1 =
  "the file is Latin-1, where every byte is a character, so no byte sequence is invalid; UTF-16 text is still refused (NUL bytes)";

function csvSubject(s: CsvSource): Subject {
  const name = basename(s.target);
  const skip = s.skip ?? 0;
  const edit = (f: (h: string[], rows: string[][]) => void) => editTable(f, s.encoding);
  const cases: Partial<Record<Kind, Case>> = {
    "missing column": {
      target: s.target,
      mutate: edit(dropColumn(s.required)),
      line: 1,
      field: s.required,
      says: /required column is missing/,
    },
    "renamed header": {
      target: s.target,
      mutate: edit(renameColumn(s.required, misspell(s.required))),
      line: 1,
      field: s.required,
      says: new RegExp(`found "${escapeRe(misspell(s.required))}" instead`),
    },
    "UTF-16 text": { target: s.target, mutate: toUtf16(s.encoding), line: 1, says: /NUL bytes.*UTF-16/ },
    "non-numeric value": {
      target: s.target,
      mutate: edit(setCell(skip + 1, s.numeric, "n/a (see notes)")),
      line: skip + 3,
      field: s.numeric,
      says: /not a number \(got "n\/a \(see notes\)"\)/,
    },
    "GEOID wrong length": {
      target: s.target,
      mutate: edit(setCell(skip, s.geoid, s.breakLength ?? shorten)),
      line: skip + 2,
      field: s.geoid,
      says: /11 digits|11-digit/,
    },
    "GEOID not digits": {
      target: s.target,
      mutate: edit(setCell(skip, s.geoid, letter)),
      line: skip + 2,
      field: s.geoid,
      says: /digits|digit/,
    },
    "missing file": { target: s.target, mutate: remove, missing: true, says: new RegExp(escapeRe(name)) },
  };
  if (s.encoding === "utf8")
    cases["invalid UTF-8"] = {
      target: s.target,
      mutate: latin1ByteOnLine(3),
      line: 3,
      says: /not valid UTF-8/,
    };
  if (s.archive)
    cases["truncated zip"] = {
      target: s.archive,
      mutate: cutInHalf,
      file: s.archive,
      says: /not a readable zip archive/,
    };
  const notApplicable: Partial<Record<Kind, string>> = {};
  if (s.encoding === "latin1") notApplicable["invalid UTF-8"] = LATIN1;
  if (!s.archive) notApplicable["truncated zip"] = "the source is published as a plain CSV, not an archive";
  return {
    format: "csv",
    files: () =>
      Object.fromEntries([...s.members, ...(s.extraFiles ?? [])].map((m) => [m, fixture(s.id, m)])),
    ...(s.archive ? { archive: { path: s.archive, members: s.members } } : {}),
    sources: (dir) => [dir, ...(s.extraSources ?? []).map((p) => join(dir, p))],
    cases,
    notApplicable,
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A Census API subject: JSON responses (one row per line) and, where needed, tract polygons. */
function censusApiSubject(s: {
  id: string;
  responses: string[];
  target: string;
  variable: string;
  tracts?: string;
}): Subject {
  const rows = (f: (doc: unknown[][]) => void) => editJson(f, true);
  const col = (doc: unknown[][], name: string) => (doc[0] as unknown[]).indexOf(name);
  const setTract = (fn: (t: string) => string) =>
    rows((doc) => {
      const c = col(doc, "tract");
      (doc[1] as unknown[])[c] = fn((doc[1] as string[])[c] as string);
    });
  return {
    format: "census-api",
    files: () => ({
      ...Object.fromEntries(s.responses.map((r) => [basename(r), fixture(s.id, r)])),
      ...(s.tracts ? { "us.json": fixture(s.id, s.tracts) } : {}),
    }),
    sources: (dir) => [
      ...s.responses.map((r) => join(dir, basename(r))),
      ...(s.tracts ? [join(dir, "us.json")] : []),
    ],
    cases: {
      "missing column": {
        target: s.target,
        mutate: rows((doc) => {
          const c = col(doc, s.variable);
          for (const r of doc) r.splice(c, 1);
        }),
        line: 1,
        field: s.variable,
        says: /required column is missing/,
      },
      "renamed header": {
        target: s.target,
        mutate: rows((doc) => {
          (doc[0] as string[])[col(doc, s.variable)] = s.variable.toLowerCase();
        }),
        line: 1,
        field: s.variable,
        says: new RegExp(`found "${s.variable.toLowerCase()}" instead`),
      },
      "UTF-16 text": { target: s.target, mutate: toUtf16(), line: 1, says: /NUL bytes.*UTF-16/ },
      "invalid UTF-8": { target: s.target, mutate: latin1ByteOnLine(3), line: 3, says: /not valid UTF-8/ },
      "non-numeric value": {
        target: s.target,
        mutate: rows((doc) => {
          (doc[1] as unknown[])[col(doc, s.variable)] = "1,000";
        }),
        line: 2,
        field: s.variable,
        says: /not a number \(got "1,000"\)/,
      },
      "GEOID wrong length": {
        target: s.target,
        mutate: setTract(shorten),
        line: 2,
        field: "tract",
        says: /11-digit GEOID/,
      },
      "GEOID not digits": {
        target: s.target,
        mutate: setTract(letter),
        line: 2,
        field: "tract",
        says: /11-digit GEOID/,
      },
      "missing file": {
        target: s.tracts ? "us.json" : s.target,
        mutate: remove,
        missing: true,
        says: /does not exist/,
      },
    },
    notApplicable: {
      "truncated zip": "Census API responses are JSON documents, read as fetched; no archive is involved",
    },
  };
}

/** GeoJSON tract polygons' GEOID kinds, shared by the adapters that join to tracts. */
const tractGeoidCases = (
  mutateFirst: (f: (geoid: string) => string) => Mutate,
): Pick<Record<Kind, Case>, "GEOID wrong length" | "GEOID not digits"> => ({
  "GEOID wrong length": {
    target: "us.json",
    mutate: mutateFirst(shorten),
    line: 1,
    field: "GEOID10",
    says: /11-digit GEOID10/,
  },
  "GEOID not digits": {
    target: "us.json",
    mutate: mutateFirst(letter),
    line: 1,
    field: "GEOID10",
    says: /11-digit GEOID10/,
  },
});

/** Rewrites the first tract's GEOID10 in a GeoJSON FeatureCollection. */
const editFirstTract = (f: (geoid: string) => string): Mutate =>
  editJson((doc) => {
    doc.features[0].properties.GEOID10 = f(doc.features[0].properties.GEOID10);
  });

// travel_composite and census: dBASE tables made by the tiny writer, then edited byte by byte.
const square: [number, number][] = [
  [-75, 39],
  [-75, 39.1],
  [-74.9, 39.1],
  [-74.9, 39],
  [-75, 39],
];
const DOT_ROWS: TinyTract[] = [
  { FIPS: "01001020100", State: "AL", Transp_TH: 0.5723 },
  { FIPS: "", State: "AL", Transp_TH: 0.31 },
  { FIPS: "06037101110", State: "CA", Transp_TH: 0.2 },
  { FIPS: "72001956300", State: "PR", Transp_TH: 0.0125 },
].map((fields) => ({ fields, rings: [square] }));
const TIGER_ROWS: TinyTract[] = ["10001040100", "10001040200", "10001040300"].map((g, i) => ({
  fields: { STATEFP10: "10", GEOID10: g, NAME10: "Tract", ALAND10: 1000 + i, AWATER10: 7 },
  rings: [square.map(([x, y]) => [x + i * 0.1, y] as [number, number])],
}));

interface DbfLayout {
  headerLength: number;
  recordLength: number;
  fields: { name: string; offset: number; length: number; descriptor: number }[];
}
function dbfLayout(b: Bytes): DbfLayout {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fields: DbfLayout["fields"] = [];
  let offset = 1;
  for (let at = 32; b[at] !== 0x0d; at += 32) {
    const name = text(b.subarray(at, at + 11)).replace(/\0.*$/, "");
    fields.push({ name, offset, length: b[at + 16] as number, descriptor: at });
    offset += b[at + 16] as number;
  }
  return { headerLength: v.getUint16(8, true), recordLength: v.getUint16(10, true), fields };
}
const dbfField = (l: DbfLayout, name: string) => {
  const f = l.fields.find((x) => x.name === name);
  assert.ok(f, `fixture field ${name}`);
  return f;
};
/** Writes `value` into record `record` (1-based) of field `name`, padded to the field's width. */
const dbfSetCell =
  (record: number, name: string, value: string): Mutate =>
  (b) => {
    const out = b.slice();
    const l = dbfLayout(out);
    const f = dbfField(l, name);
    out.set(
      utf8.encode(value.padEnd(f.length).slice(0, f.length)),
      l.headerLength + (record - 1) * l.recordLength + f.offset,
    );
    return out;
  };
const dbfRenameField =
  (name: string, to: string): Mutate =>
  (b) => {
    const out = b.slice();
    const f = dbfField(dbfLayout(out), name);
    out.fill(0, f.descriptor, f.descriptor + 11);
    out.set(utf8.encode(to), f.descriptor);
    return out;
  };
/** Cuts the record area in the middle of record `record`. */
const dbfCutInRecord =
  (record: number): Mutate =>
  (b) => {
    const l = dbfLayout(b);
    return b.subarray(0, l.headerLength + (record - 1) * l.recordLength + (l.recordLength >> 1));
  };
/** Declares a header 32 bytes longer than the field descriptors take (a descriptor lost). */
const dbfHeaderTooLong: Mutate = (b) => {
  const out = b.slice();
  const v = new DataView(out.buffer);
  v.setUint16(8, v.getUint16(8, true) + 32, true);
  return out;
};
const dbfWithout =
  (rows: TinyTract[], field: string): Mutate =>
  () =>
    tinyDbf(
      rows.map((t) => ({
        ...t,
        fields: Object.fromEntries(Object.entries(t.fields).filter(([k]) => k !== field)),
      })),
    );

const DBF_TEXT =
  "dBASE text is single-byte Windows-1252 (the readers' default for a .dbf without a code page), where every byte is a character; a UTF-16 file is not a dBASE table, which the header rows cover";

const DOT_BASE = "Shapefile_and_Metadata/DOT_Disadvantage_Layer_Final_April2022";
const DOT_DBF = `${DOT_BASE}.dbf`;
const TIGER_BASE = "tl_2010_10_tract10";

async function workbook(): Promise<Bytes> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("HRS2010");
  sheet.addRow(["GEOID10", "CBSA", "HRS2010", "Interval"]);
  sheet.addRow([1073000100, "Birmingham", 3.75, 4]);
  sheet.addRow([6037101110, "Los Angeles", 3.5, 4]);
  sheet.addRow([36061000100, "New York", { formula: "3+0.25", result: 3.25 }, 3]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
/** Edits the first sheet through exceljs, as a person editing the workbook would. */
const editSheet =
  (edit: (sheet: ExcelJS.Worksheet) => void): Mutate =>
  async (b) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(b) as unknown as Parameters<typeof book.xlsx.load>[0]);
    edit(book.worksheets[0] as ExcelJS.Worksheet);
    return new Uint8Array(await book.xlsx.writeBuffer());
  };

const EAMLIS = "eAMLIS export of all data.tsv";
const tsv = (f: (h: string[], rows: string[][]) => void) => editTable(f, "utf8", true);
const fudsEdit = (f: (features: Loose[]) => void) => editJson((doc) => f(doc.features));
const tribalEdit = (f: (features: Loose[]) => void) => editJson((doc) => f(doc.features));
const NOT_A_COLLECTION: Mutate = (b) => {
  const doc = JSON.parse(text(b));
  return utf8.encode(JSON.stringify(doc.features[0], null, 1));
};

const SUBJECTS: Record<string, Subject> = {
  ...Object.fromEntries(CSV_SOURCES.map((c) => [c.id, csvSubject(c)])),
  census_acs_median_income: csvSubject({
    id: "census_acs_median_income",
    members: ["geocorr2014_all_states_tracts_only.csv"],
    archive: "geocorr2014_all_states_tracts_only.csv.zip",
    extraFiles: ["PR_census_tracts.csv", "msa_median_income.json", "state_median_income.json"],
    extraSources: ["msa_median_income.json", "state_median_income.json"],
    encoding: "utf8",
    target: "geocorr2014_all_states_tracts_only.csv",
    geoid: "tract",
    numeric: "pop10",
    required: "cbsatype10",
    skip: 1,
  }),
  census_places: (() => {
    const s = csvSubject({
      id: "census_places",
      members: ["Gaz_places_national.txt"],
      archive: "Gaz_places_national.zip",
      encoding: "latin1",
      target: "Gaz_places_national.txt",
      geoid: "GEOID",
      numeric: "INTPTLAT",
      required: "NAME",
    });
    // The gazetteer is tab-separated, and its ids are 7-digit place codes, not tracts.
    const edit = (f: (h: string[], rows: string[][]) => void) => editTable(f, "latin1", true);
    const t = "Gaz_places_national.txt";
    s.cases["missing column"] = { ...s.cases["missing column"]!, mutate: edit(dropColumn("NAME")) };
    s.cases["renamed header"] = { ...s.cases["renamed header"]!, mutate: edit(renameColumn("NAME", "name")) };
    s.cases["non-numeric value"] = {
      target: t,
      mutate: edit(setCell(1, "INTPTLAT", "n/a")),
      line: 3,
      field: "INTPTLAT",
      says: /not a number \(got "n\/a"\)/,
    };
    s.cases["GEOID wrong length"] = {
      target: t,
      mutate: edit(setCell(0, "GEOID", shorten)),
      line: 2,
      field: "GEOID",
      says: /7 digits/,
    };
    s.cases["GEOID not digits"] = {
      target: t,
      mutate: edit(setCell(0, "GEOID", letter)),
      line: 2,
      field: "GEOID",
      says: /7 digits/,
    };
    return s;
  })(),
  travel_composite: {
    format: "dbf",
    files: () => ({ [`${DOT_BASE}.shp`]: tinyShp(DOT_ROWS), [DOT_DBF]: tinyDbf(DOT_ROWS) }),
    archive: { path: "Shapefile_and_Metadata.zip", members: [`${DOT_BASE}.shp`, DOT_DBF] },
    sources: (dir) => [join(dir, "Shapefile_and_Metadata.zip")],
    cases: {
      "missing column": {
        target: DOT_DBF,
        mutate: dbfWithout(DOT_ROWS, "Transp_TH"),
        line: 1,
        field: "Transp_TH",
        says: /required field is missing/,
      },
      "renamed header": {
        target: DOT_DBF,
        mutate: dbfRenameField("Transp_TH", "TRANSP_TH"),
        line: 1,
        field: "Transp_TH",
        says: /found "TRANSP_TH" instead/,
      },
      "truncated zip": {
        target: "Shapefile_and_Metadata.zip",
        mutate: cutInHalf,
        says: /not a readable zip archive/,
      },
      "non-numeric value": {
        target: DOT_DBF,
        mutate: dbfSetCell(3, "Transp_TH", "n/a".padStart(14)),
        line: 3,
        field: "Transp_TH",
        says: /record 3: value is not a number \(got "n\/a"\)/,
      },
      "GEOID wrong length": {
        target: DOT_DBF,
        mutate: dbfSetCell(4, "FIPS", "7200195630"),
        line: 4,
        field: "FIPS",
        says: /11 digits \(got "7200195630"\)/,
      },
      "GEOID not digits": {
        target: DOT_DBF,
        mutate: dbfSetCell(4, "FIPS", "720019563A0"),
        line: 4,
        field: "FIPS",
        says: /11 digits \(got "720019563A0"\)/,
      },
      "missing file": { target: DOT_DBF, mutate: remove, missing: true, says: /DOT_Disadvantage_Layer/ },
      "dBASE records cut short": {
        target: DOT_DBF,
        mutate: dbfCutInRecord(3),
        line: 3,
        says: /truncated: the header declares 4 records/,
      },
      "dBASE header length wrong": {
        target: DOT_DBF,
        mutate: dbfHeaderTooLong,
        says: /header length that does not match its 3 field descriptors/,
      },
    },
    notApplicable: { "UTF-16 text": DBF_TEXT, "invalid UTF-8": DBF_TEXT },
  },
  census: {
    format: "dbf",
    files: () => ({ [`${TIGER_BASE}.shp`]: tinyShp(TIGER_ROWS), [`${TIGER_BASE}.dbf`]: tinyDbf(TIGER_ROWS) }),
    archive: { path: `${TIGER_BASE}.zip`, members: [`${TIGER_BASE}.shp`, `${TIGER_BASE}.dbf`] },
    sources: (dir) => [join(dir, `${TIGER_BASE}.zip`)],
    cases: {
      "missing column": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfWithout(TIGER_ROWS, "ALAND10"),
        line: 1,
        field: "ALAND10",
        says: /required field is missing/,
      },
      "renamed header": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfRenameField("GEOID10", "GEOID_10"),
        line: 1,
        field: "GEOID10",
        says: /found "GEOID_10" instead/,
      },
      "truncated zip": { target: `${TIGER_BASE}.zip`, mutate: cutInHalf, says: /not a readable zip archive/ },
      "non-numeric value": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfSetCell(2, "ALAND10", "big".padStart(14)),
        line: 2,
        field: "ALAND10",
        says: /record 2: value is not a number \(got "big"\)/,
      },
      "GEOID wrong length": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfSetCell(2, "GEOID10", "1000104020"),
        line: 2,
        field: "GEOID10",
        says: /11 digits/,
      },
      "GEOID not digits": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfSetCell(2, "GEOID10", "100010402A0"),
        line: 2,
        field: "GEOID10",
        says: /11 digits/,
      },
      "missing file": { target: `${TIGER_BASE}.zip`, mutate: remove, missing: true, says: /does not exist/ },
      "dBASE records cut short": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfCutInRecord(3),
        line: 3,
        says: /truncated/,
      },
      "dBASE header length wrong": {
        target: `${TIGER_BASE}.dbf`,
        mutate: dbfHeaderTooLong,
        says: /header length/,
      },
    },
    notApplicable: { "UTF-16 text": DBF_TEXT, "invalid UTF-8": DBF_TEXT },
  },
  historic_redlining: {
    format: "xlsx",
    files: async () => ({ "HRS_2010.xlsx": await workbook() }),
    archive: { path: "HRS_2010.zip", members: ["HRS_2010.xlsx"] },
    sources: (dir) => [join(dir, "HRS_2010.zip")],
    cases: {
      "missing column": {
        target: "HRS_2010.xlsx",
        mutate: editSheet((s) => s.spliceColumns(3, 1)),
        line: 1,
        field: "HRS2010",
        says: /required column is missing/,
      },
      "renamed header": {
        target: "HRS_2010.xlsx",
        mutate: editSheet((s) => {
          s.getCell("C1").value = "HRS_2010";
        }),
        line: 1,
        field: "HRS2010",
        says: /found "HRS_2010" instead/,
      },
      "truncated zip": { target: "HRS_2010.zip", mutate: cutInHalf, says: /not a readable zip archive/ },
      "non-numeric value": {
        target: "HRS_2010.xlsx",
        mutate: editSheet((s) => {
          s.getCell("C3").value = "n/a";
        }),
        line: 3,
        field: "HRS2010",
        says: /not a number \(got "n\/a"\)/,
      },
      "GEOID wrong length": {
        target: "HRS_2010.xlsx",
        mutate: editSheet((s) => {
          s.getCell("A2").value = 107300010000;
        }),
        line: 2,
        field: "GEOID10",
        says: /up to 11 digits \(got 107300010000\)/,
      },
      "GEOID not digits": {
        target: "HRS_2010.xlsx",
        mutate: editSheet((s) => {
          s.getCell("A2").value = "1073000A00";
        }),
        line: 2,
        field: "GEOID10",
        says: /up to 11 digits/,
      },
      "missing file": { target: "HRS_2010.xlsx", mutate: remove, missing: true, says: /HRS_2010\.xlsx/ },
      "missing sheet": {
        target: "HRS_2010.xlsx",
        mutate: (b) => {
          const parts = unzipSync(b);
          delete parts["xl/worksheets/sheet1.xml"];
          return zipSync(parts);
        },
        says: /worksheet|no worksheet/,
      },
      "not an XLSX": {
        target: "HRS_2010.xlsx",
        mutate: () => utf8.encode("GEOID10,HRS2010\n1073000100,3.75\n"),
        says: /not a readable XLSX workbook/,
      },
    },
    notApplicable: {
      "UTF-16 text":
        "an XLSX is a zip of XML parts whose encoding the format fixes; other bytes are not an XLSX (the 'not an XLSX' row)",
      "invalid UTF-8":
        "an XLSX is a zip of XML parts whose encoding the format fixes; other bytes are not an XLSX (the 'not an XLSX' row)",
    },
  },
  eamlis: {
    format: "points",
    files: () => ({ [EAMLIS]: fixture("eamlis", EAMLIS), "us.json": TRACTS_FOR_POINTS }),
    archive: { path: `${EAMLIS}.zip`, members: [EAMLIS] },
    sources: (dir) => [join(dir, `${EAMLIS}.zip`), join(dir, "us.json")],
    cases: {
      "missing column": {
        target: EAMLIS,
        mutate: tsv(dropColumn("Latitude")),
        line: 1,
        field: "Latitude",
        says: /required column is missing/,
      },
      "renamed header": {
        target: EAMLIS,
        mutate: tsv(renameColumn("Latitude", "Latitud")),
        line: 1,
        field: "Latitude",
        says: /found "Latitud" instead/,
      },
      "UTF-16 text": { target: EAMLIS, mutate: toUtf16(), line: 1, says: /NUL bytes.*UTF-16/ },
      "invalid UTF-8": { target: EAMLIS, mutate: latin1ByteOnLine(3), line: 3, says: /not valid UTF-8/ },
      "truncated zip": { target: `${EAMLIS}.zip`, mutate: cutInHalf, says: /not a readable zip archive/ },
      "non-numeric value": {
        target: EAMLIS,
        mutate: tsv(setCell(3, "Latitude", "18,2N")),
        line: 5,
        field: "Latitude",
        says: /not a number \(got "18,2N"\)/,
      },
      ...tractGeoidCases(editFirstTract),
      "missing file": {
        target: EAMLIS,
        mutate: remove,
        missing: true,
        says: /eAMLIS export of all data\.tsv/,
      },
      "missing coordinates": {
        target: EAMLIS,
        mutate: tsv(setCell(1, "Latitude", "")),
        line: 3,
        field: "Latitude",
        says: /needs both coordinates/,
      },
      "coordinates out of range": {
        target: EAMLIS,
        mutate: tsv(setCell(1, "Latitude", "3905000")),
        line: 3,
        field: "Latitude",
        says: /off the globe/,
      },
      "not a FeatureCollection": {
        target: "us.json",
        mutate: NOT_A_COLLECTION,
        line: 1,
        field: "type",
        says: /not a GeoJSON FeatureCollection/,
      },
    },
    notApplicable: {},
  },
  us_army_fuds: {
    format: "points",
    files: () => ({ "fuds.geojson": fixture("us_army_fuds", "fuds.geojson"), "us.json": TRACTS_FOR_POINTS }),
    archive: { path: "fuds.zip", members: ["fuds.geojson"] },
    sources: (dir) => [join(dir, "fuds.zip"), join(dir, "us.json")],
    cases: {
      "missing column": {
        target: "fuds.geojson",
        mutate: fudsEdit((fs) => {
          delete fs[2].properties.ELIGIBILITY;
        }),
        line: 3,
        field: "ELIGIBILITY",
        says: /required property is missing/,
      },
      "renamed header": {
        target: "fuds.geojson",
        mutate: fudsEdit((fs) => {
          for (const f of fs) {
            f.properties.ELIGIBILTY = f.properties.ELIGIBILITY;
            delete f.properties.ELIGIBILITY;
          }
        }),
        line: 1,
        field: "ELIGIBILITY",
        says: /found "ELIGIBILTY" instead/,
      },
      "UTF-16 text": { target: "fuds.geojson", mutate: toUtf16(), line: 1, says: /NUL bytes.*UTF-16/ },
      "invalid UTF-8": {
        target: "fuds.geojson",
        mutate: latin1ByteOnLine(9),
        line: 9,
        says: /not valid UTF-8/,
      },
      "truncated zip": { target: "fuds.zip", mutate: cutInHalf, says: /not a readable zip archive/ },
      "non-numeric value": {
        target: "fuds.geojson",
        mutate: fudsEdit((fs) => {
          fs[0].geometry.coordinates = ["-79.97", "39.02"];
        }),
        line: 1,
        field: "coordinates",
        says: /coordinates are not numbers/,
      },
      ...tractGeoidCases(editFirstTract),
      "missing file": { target: "fuds.geojson", mutate: remove, missing: true, says: /fuds\.geojson/ },
      "missing coordinates": {
        target: "fuds.geojson",
        mutate: fudsEdit((fs) => {
          fs[1].geometry.coordinates = [];
        }),
        line: 2,
        field: "coordinates",
        says: /needs \[longitude, latitude\]/,
      },
      "coordinates out of range": {
        target: "fuds.geojson",
        mutate: fudsEdit((fs) => {
          fs[1].geometry.coordinates = [-799.3, 39.08];
        }),
        line: 2,
        field: "coordinates",
        says: /off the globe/,
      },
      "not a FeatureCollection": {
        target: "fuds.geojson",
        mutate: NOT_A_COLLECTION,
        line: 1,
        field: "type",
        says: /not a GeoJSON FeatureCollection \(got type "Feature"/,
      },
    },
    notApplicable: {},
  },
  tribal_overlap: {
    format: "tribal",
    files: () => ({
      "tribal.geojson": fixture("tribal_overlap", "tribal.geojson"),
      "us.json": fixture("tribal_overlap", "tracts/us.json"),
    }),
    sources: (dir) => [join(dir, "tribal.geojson"), join(dir, "us.json")],
    cases: {
      // The tract polygons' one required property; the tribal areas' name is the row below.
      "missing column": {
        target: "us.json",
        mutate: tribalEdit((fs) => {
          delete fs[1].properties.GEOID10;
        }),
        line: 2,
        field: "GEOID10",
        says: /no 11-digit GEOID10 \(got undefined\)/,
      },
      "renamed header": {
        target: "tribal.geojson",
        mutate: tribalEdit((fs) => {
          for (const f of fs) {
            f.properties.landAreaNme = f.properties.landAreaName;
            delete f.properties.landAreaName;
          }
        }),
        line: 1,
        field: "landAreaName",
        says: /found "landAreaNme" instead/,
      },
      "UTF-16 text": { target: "tribal.geojson", mutate: toUtf16(), line: 1, says: /NUL bytes.*UTF-16/ },
      "invalid UTF-8": {
        target: "tribal.geojson",
        mutate: latin1ByteOnLine(8),
        line: 8,
        says: /not valid UTF-8/,
      },
      "non-numeric value": {
        target: "tribal.geojson",
        mutate: tribalEdit((fs) => {
          fs[0].geometry.coordinates[0][1] = ["0.5", "-1"];
        }),
        line: 1,
        field: "geometry",
        says: /coordinates are not numbers/,
      },
      ...tractGeoidCases((f) =>
        tribalEdit((fs) => {
          fs[0].properties.GEOID10 = f(fs[0].properties.GEOID10);
        }),
      ),
      "missing file": { target: "tribal.geojson", mutate: remove, missing: true, says: /tribal\.geojson/ },
      "polygon missing a ring": {
        target: "tribal.geojson",
        mutate: tribalEdit((fs) => {
          fs[1].geometry.coordinates = [];
        }),
        line: 2,
        field: "geometry",
        says: /polygon has no rings/,
      },
      "missing name property": {
        target: "tribal.geojson",
        mutate: tribalEdit((fs) => {
          delete fs[2].properties.landAreaName;
        }),
        line: 3,
        field: "landAreaName",
        says: /has no tribal area name/,
      },
      "coordinates out of range": {
        target: "tribal.geojson",
        mutate: tribalEdit((fs) => {
          fs[0].geometry.coordinates[0][2] = [0.5, 200];
        }),
        line: 1,
        field: "geometry",
        says: /off the globe/,
      },
      "not a FeatureCollection": {
        target: "tribal.geojson",
        mutate: NOT_A_COLLECTION,
        line: 1,
        field: "type",
        says: /not a GeoJSON FeatureCollection/,
      },
    },
    notApplicable: {
      "truncated zip":
        "the tribal areas and tract polygons are read as plain GeoJSON files, never from an archive",
    },
  },
  census_acs: censusApiSubject({
    id: "census_acs",
    responses: ["acs_10.json", "acs_72.json"],
    target: "acs_10.json",
    variable: "B19013_001E",
    tracts: "tracts/us.json",
  }),
  census_acs_2010: censusApiSubject({
    id: "census_acs_2010",
    responses: ["acs2010_10.json", "acs2010_72.json"],
    target: "acs2010_10.json",
    variable: "C17002_001E",
  }),
  census_decennial: censusApiSubject({
    id: "census_decennial",
    responses: ["2020/dhcas.json", "2020/dhcmp.json", "2020/dhcvi.json"],
    target: "dhcas.json",
    variable: "PBG43_001N",
    tracts: "tracts/us.json",
  }),
};

// ---- running a case ----------------------------------------------------------------------

/** Writes the subject's files (the target mutated) into a fresh folder, zipping the archive's members. */
async function materialize(s: Subject, c?: Case): Promise<string> {
  const dir = join(scratch, `src-${counter++}`);
  const files: Record<string, Bytes | null> = { ...(await s.files()) };
  if (c && c.target in files) files[c.target] = await c.mutate(files[c.target] as Bytes);
  if (s.archive) {
    const members: Record<string, Bytes> = {};
    for (const m of s.archive.members) {
      const b = files[m];
      if (b) members[m] = b;
      delete files[m];
    }
    let zip: Bytes | null = zipSync(members);
    if (c?.target === s.archive.path) zip = await c.mutate(zip);
    files[s.archive.path] = zip;
  }
  for (const [rel, bytes] of Object.entries(files)) {
    if (bytes === null) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function filesUnder(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const report: string[][] = [];

for (const id of DATASET_IDS) {
  describe(id, () => {
    const s = SUBJECTS[id];
    test("has a row in the matrix for every kind of bad input its format can have", () => {
      assert.ok(s, `no bad-input subject for ${id}`);
      const kinds = [...COMMON, ...EXTRA[s.format]] as Kind[];
      for (const k of kinds) {
        const covered = k in s.cases;
        const excused = k in s.notApplicable;
        assert.ok(covered !== excused, `${id}: "${k}" must be either a case or not applicable (not both)`);
        if (excused)
          assert.ok((s.notApplicable[k] ?? "").length > 20, `${id}: say why "${k}" does not apply`);
      }
      for (const k of [...Object.keys(s.cases), ...Object.keys(s.notApplicable)])
        assert.ok(kinds.includes(k as Kind), `${id}: "${k}" is not a kind of the ${s.format} format`);
    });
    if (!s) return;

    test("the unbroken fixture runs (so each failure below is the mutation's doing)", async () => {
      const out = join(scratch, `out-${counter++}`);
      const { files } = await runEtl({ dataset: id, sources: s.sources(await materialize(s)), out });
      assert.ok(files.length > 0);
    });

    for (const [kind, c] of Object.entries(s.cases) as [Kind, Case][]) {
      test(`${kind} → ${c.missing ? "exit 101" : "exit 102"}, located, nothing written`, async () => {
        const out = join(scratch, `out-${counter++}`);
        const sources = s.sources(await materialize(s, c));
        let error: unknown;
        try {
          await runEtl({ dataset: id, sources, out });
        } catch (e) {
          error = e;
        }
        assert.ok(error !== undefined, "the run must fail");
        const e = error as Error;
        assert.ok(e instanceof CejstError, `not a typed error: ${e?.stack}`);
        const code = (e as CejstError).code as keyof typeof EXIT;
        assert.equal(EXIT[code], c.missing ? 101 : 102, `code ${code}: ${e.message}`);
        if (c.missing) assert.ok(e instanceof InputMissingError);
        else {
          assert.ok(e instanceof InputSchemaError, e.stack);
          const file = basename(c.file ?? c.target);
          assert.ok(e.file.endsWith(file), `names ${file} (got ${e.file})`);
          assert.equal(e.line, c.line, `line (${e.message})`);
          assert.equal(e.field, c.field, `column (${e.message})`);
          if (c.line !== undefined) assert.ok(e.message.includes(`line ${c.line}`), e.message);
          if (c.field !== undefined) assert.ok(e.message.includes(`"${c.field}"`), e.message);
        }
        assert.ok(e.message.includes(basename(c.file ?? c.target)), `message names the file: ${e.message}`);
        assert.match(e.message, c.says);
        assert.deepEqual(filesUnder(out), [], "nothing written (no usa.csv, no temporary file)");
        report.push([
          id,
          kind,
          String(EXIT[code]),
          e.message.replace(scratch, "…").replace(/…\/src-\d+\//g, ""),
        ]);
      });
    }
  });
}

after(() => {
  const path = process.env.MATRIX_REPORT;
  if (!path) return;
  const rows = [...report].sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
  const na = Object.entries(SUBJECTS).flatMap(([id, s]) =>
    Object.entries(s.notApplicable).map(([k, why]) => [id, k, "—", `not applicable: ${why}`]),
  );
  const cell = (x: string) => x.replaceAll("|", "\\|").replaceAll("\n", " ");
  writeFileSync(
    path,
    `${[
      "| adapter | kind | exit | error |",
      "|---|---|---|---|",
      ...[...rows, ...na].map((r) => `| ${r.map(cell).join(" | ")} |`),
    ].join("\n")}\n`,
  );
});
