/**
 * Bad input for the adapters whose raw formats the hand-written fixture matrix
 * (packages/etl/test/datasets/adapters.test.ts) does not cover: Census API responses, point
 * TSV and GeoJSON, tribal GeoJSON and the binary archives. Each case breaks one raw file of a
 * freshly generated raw sample and runs `cejst etl <name>`: the exit code is 101 or 102, the
 * message names the file (and line and column where the format has them), and no usa.csv is
 * written.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readSourcesConfig } from "@cejst/etl";
import { generateRawSample, mirrorPath } from "@cejst/sample";
import { runCli } from "../src/index.ts";

/** One raw file of the sample: its dataset, where it is, and the name the adapter sees. */
interface RawFile {
  dataset: string;
  path: string;
  file: string;
  bytes: Uint8Array;
}

const root = mkdtempSync(join(tmpdir(), "cejst-raw-bad-"));
let files: RawFile[];
let tracts: string;
let counter = 0;

async function cejst(...argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (t) => err.push(t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, err: err.join("") };
}

before(async () => {
  const raw = join(root, "raw");
  await generateRawSample({ outDir: raw, tracts: 300, seed: 11 });
  const config = await readSourcesConfig(join(raw, "sources.json"));
  files = [];
  for (const s of config.sources)
    for (const f of s.files) {
      const path = f.url.startsWith("https:") ? join(raw, mirrorPath(f.url)) : fileURLToPath(f.url);
      files.push({ dataset: s.name, path, file: f.file, bytes: new Uint8Array(await readFile(path)) });
    }
  const census = join(root, "census-src");
  await mkdir(census, { recursive: true });
  for (const f of files.filter((x) => x.dataset === "census")) await writeFile(join(census, f.file), f.bytes);
  const r = await cejst("etl", "census", "--source", census, "--out", join(root, "base"));
  assert.equal(r.code, 0, r.err);
  tracts = join(root, "base", "census/geojson/us.json");
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);
const utf16 = (b: Uint8Array) => {
  const s = text(b);
  const out = new Uint8Array(2 + 2 * s.length);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
  return out;
};
/** Replaces the first occurrence of `from` on line `line` (1-based) of a text file. */
const onLine = (line: number, from: string | RegExp, to: string) => (b: Uint8Array) => {
  const lines = text(b).split("\n");
  const before = lines[line - 1]!;
  lines[line - 1] = before.replace(from, to);
  assert.notEqual(lines[line - 1], before, `line ${line} holds ${String(from)}`);
  return bytes(lines.join("\n"));
};

interface Case {
  dataset: string;
  what: string;
  /** Which raw file of the dataset to break (its path ends with this). */
  target: string;
  mutate: (b: Uint8Array) => Uint8Array;
  code: 101 | 102;
  /** What the message must name besides the file. */
  says: RegExp;
}

const half = (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2));
/** Removes a variable from a Census API response, header and rows alike. */
const dropApiColumn = (column: string) => (b: Uint8Array) => {
  const rows = JSON.parse(text(b)) as unknown[][];
  const i = (rows[0] as string[]).indexOf(column);
  assert.ok(i >= 0, `the response has ${column}`);
  return bytes(`[${rows.map((r) => JSON.stringify(r.filter((_, k) => k !== i))).join(",\n")}]`);
};

const CASES: Case[] = [
  // Census API responses: one row per line, the header first.
  ...(
    [
      ["census_acs", "acs5-2019/tract-24.json", "B19013_001E"],
      ["census_acs_2010", "acs5-2010/tract-24.json", "C17002_001E"],
      ["census_decennial", "dec-2020/tract-66.json", "PBG74_001N"],
    ] as const
  ).flatMap(([dataset, target, column]): Case[] => [
    {
      dataset,
      what: "a missing column",
      target,
      mutate: dropApiColumn(column),
      code: 102,
      says: new RegExp(`line 1.*${column}|${column}.*line 1`),
    },
    {
      dataset,
      what: "a renamed header",
      target,
      mutate: onLine(1, `"${column}"`, `"${column.toLowerCase()}_v2"`),
      code: 102,
      says: new RegExp(column),
    },
    {
      dataset,
      what: "a non-numeric value",
      target,
      mutate: onLine(2, /,"\d+",/, ',"n/a",'),
      code: 102,
      says: /line 2.*n\/a|n\/a.*line 2/,
    },
    {
      dataset,
      what: "a tract code of the wrong length",
      target,
      mutate: onLine(2, /"(\d{6})"\]/, '"$1"]'.replace("$1", "12345")),
      code: 102,
      says: /line 2.*11-digit|11-digit.*line 2/,
    },
    { dataset, what: "the wrong encoding (UTF-16)", target, mutate: utf16, code: 102, says: /line 1/ },
    { dataset, what: "a file cut short", target, mutate: half, code: 102, says: /JSON|line/ },
  ]),
  // eAMLIS: TSV in a zip.
  {
    dataset: "eamlis",
    what: "a truncated archive",
    target: "tsv.zip",
    mutate: half,
    code: 102,
    says: /zip/,
  },
  // Archives of binary formats: a truncated download is named.
  ...(
    [
      ["census", "tract10.zip"],
      ["travel_composite", "Shapefile_and_Metadata.zip"],
      ["historic_redlining", "HRS_2010.zip"],
      ["fsf_flood_risk", "fsf_flood.zip"],
    ] as const
  ).map(
    ([dataset, target]): Case => ({
      dataset,
      what: "a truncated archive",
      target,
      mutate: half,
      code: 102,
      says: /zip/,
    }),
  ),
  // GeoJSON points and areas.
  {
    dataset: "us_army_fuds",
    what: "a feature without its ELIGIBILITY",
    target: "fuds.geojson",
    mutate: onLine(2, '"ELIGIBILITY":', '"ELIGIBLE":'),
    code: 102,
    says: /ELIGIBILITY/,
  },
  {
    dataset: "tribal_overlap",
    what: "a file that is not GeoJSON",
    target: "tribal-areas.geojson",
    mutate: half,
    code: 102,
    says: /GeoJSON|JSON/,
  },
];

for (const c of CASES)
  test(`${c.dataset}: ${c.what} → exit ${c.code}, located, nothing written`, async () => {
    const dir = join(root, `case-${counter++}`);
    await mkdir(dir, { recursive: true });
    const mine = files.filter((f) => f.dataset === c.dataset);
    const target = mine.find((f) => f.path.endsWith(c.target) || f.file === c.target);
    assert.ok(target, `${c.dataset} has a raw file ending in ${c.target}`);
    const sources: string[] = [];
    for (const f of mine) {
      const path = join(dir, f.file);
      await writeFile(path, f === target ? c.mutate(f.bytes) : f.bytes);
      sources.push(path);
    }
    const out = join(dir, "out");
    const needsTracts = ["census_acs", "census_decennial", "eamlis", "us_army_fuds", "tribal_overlap"];
    const args = ["etl", c.dataset, ...sources.flatMap((s) => ["--source", s])];
    if (needsTracts.includes(c.dataset)) args.push("--source", tracts);
    const r = await cejst(...args, "--out", out);
    assert.equal(r.code, c.code, r.err);
    assert.ok(r.err.includes(target.file), `names the file: ${r.err}`);
    assert.match(r.err, c.says);
    assert.equal(existsSync(join(out, "dataset")), false, `nothing written: ${r.err}`);
    await readFile(tracts); // the shared tract polygons are untouched
  });
