/**
 * The census places adapter on its hand-written gazetteer fixture (Latin-1, tab-separated,
 * padded last column): the golden places.csv from the file, its archive and the later file
 * name, then one broken copy per failure kind, each named by file, line and column.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { zipSync } from "fflate";
import { parseGazetteerPlaces } from "../../src/datasets/census_places/adapter.ts";
import { runEtl } from "../../src/datasets/run-etl.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets/census_places/fixtures");
const raw = readFileSync(join(fixtures, "Gaz_places_national.txt"));
const expected = readFileSync(join(fixtures, "expected-places.csv"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-places-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function place(name: string, bytes: Uint8Array | string): { dir: string; file: string; out: string } {
  const dir = join(scratch, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { dir, file, out: join(dir, "out") };
}

const run = (sources: string[], out: string) => runEtl({ dataset: "census_places", sources, out });
const output = (out: string) => readFileSync(join(out, "census/csv/places.csv"), "utf8");
const latin1 = (s: string) => Buffer.from(s, "latin1");
const text = raw.toString("latin1");
/** The fixture with one cell of one data row (1-based line) replaced. */
function withCell(line: number, column: string, value: string): string {
  const lines = text.split("\n");
  const header = (lines[0] as string).split("\t").map((h) => h.trim());
  const cells = (lines[line - 1] as string).split("\t");
  cells[header.indexOf(column)] = value;
  lines[line - 1] = cells.join("\t");
  return lines.join("\n");
}

async function refused(
  bytes: string | Uint8Array,
  expect: { line?: number; field: string; message: RegExp },
) {
  const { file, out } = place("Gaz_places_national.txt", typeof bytes === "string" ? latin1(bytes) : bytes);
  await assert.rejects(run([file], out), (e: unknown) => {
    assert.ok(e instanceof InputSchemaError, String(e));
    assert.match(e.message, new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    if (expect.line !== undefined) assert.match(e.message, new RegExp(`line ${expect.line}\\b`));
    assert.match(e.message, new RegExp(expect.field));
    assert.match(e.message, expect.message);
    return true;
  });
  assert.equal(existsSync(join(out, "census/csv/places.csv")), false);
}

describe("census_places", () => {
  test("the gazetteer file gives places.csv: trimmed, Latin-1 decoded, sorted by GEOID", async () => {
    const { file, out } = place("Gaz_places_national.txt", raw);
    await run([file], out);
    assert.equal(output(out), expected);
  });

  test("the published archive, a folder holding it, and the 2010_Gaz_place_national.txt name", async () => {
    const zip = place("Gaz_places_national.zip", zipSync({ "Gaz_places_national.txt": raw }));
    await run([zip.file], zip.out);
    assert.equal(output(zip.out), expected);
    const folder = place("Gaz_places_national.zip", zipSync({ "Gaz_places_national.txt": raw }));
    await run([folder.dir], folder.out);
    assert.equal(output(folder.out), expected);
    const other = place("2010_Gaz_place_national.txt", raw);
    await run([other.dir], other.out);
    assert.equal(output(other.out), expected);
  });

  test("Windows line ends and a file without a final newline read the same", () => {
    const crlf = parseGazetteerPlaces("g.txt", text.replace(/\n/g, "\r\n"));
    const bare = parseGazetteerPlaces("g.txt", text.replace(/\n$/, ""));
    assert.deepEqual(crlf, parseGazetteerPlaces("g.txt", text));
    assert.deepEqual(bare, crlf);
    assert.equal(crlf.length, 4);
  });

  test("a missing column is refused naming it", async () => {
    await refused(text.replace("INTPTLAT", "LATITUDE"), {
      line: 1,
      field: "INTPTLAT",
      message: /required column is missing/,
    });
  });

  test("a non-numeric internal point is refused with its line", async () => {
    await refused(withCell(3, "INTPTLONG", "-66.0511W"), {
      line: 3,
      field: "INTPTLONG",
      message: /not a number/,
    });
  });

  test("a fractional or text land area is refused", async () => {
    await refused(withCell(2, "ALAND", "4052213.5"), {
      line: 2,
      field: "ALAND",
      message: /whole square metres/,
    });
  });

  test("a GEOID of the wrong length is refused", async () => {
    await refused(withCell(4, "GEOID", "240160"), { line: 4, field: "GEOID", message: /7 digits/ });
  });

  test("a repeated place is refused naming the first line", async () => {
    await refused(withCell(4, "GEOID", "2404000"), {
      line: 4,
      field: "GEOID",
      message: /repeated \(first on line 2\)/,
    });
  });

  test("a truncated row is refused", async () => {
    const cut = text.split("\n");
    cut[2] = (cut[2] as string).split("\t").slice(0, 9).join("\t");
    await refused(cut.join("\n"), { line: 3, field: "AWATER", message: /truncated/ });
  });

  test("a point outside the globe is refused", async () => {
    await refused(withCell(5, "INTPTLAT", "95.1"), {
      line: 5,
      field: "INTPTLAT",
      message: /outside the globe/,
    });
  });

  test("UTF-16 text is refused as not Latin-1", async () => {
    const utf16 = Buffer.from(`\ufeff${text}`, "utf16le");
    await refused(utf16, { field: "", message: /NUL bytes/ });
  });

  test("a folder without the gazetteer is InputMissingError", async () => {
    const { dir, out } = place("something-else.txt", "x");
    await assert.rejects(run([dir], out), InputMissingError);
  });
});
