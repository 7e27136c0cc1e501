/**
 * Every CSV adapter on its small hand-written fixture (real raw format, made-up values,
 * awkward rows): the golden output, then broken rows (a repeated tract, a row cut off). The
 * other kinds of bad input, for every adapter, are in `bad-input-matrix.test.ts`.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputSchemaError } from "@cejst/schema";
import { zipSync } from "fflate";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { csvLine } from "../../src/io/atomic-write.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";
import { CSV_SOURCES, type CsvSource } from "./csv-sources.ts";

const datasetsDir = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets");
const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-adapters-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

type Case = CsvSource;
const CASES = CSV_SOURCES;

type Mutate = (bytes: Uint8Array) => Uint8Array;

/** Writes the case's raw files (altered by `mutate`) into a fresh folder, zipped if the source is. */
function materialize(c: Case, options: { mutate?: Mutate; zipped?: boolean } = {}): string {
  const dir = join(scratch, `src-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, Uint8Array> = {};
  for (const m of c.members) {
    const bytes = new Uint8Array(readFileSync(join(datasetsDir, c.id, "fixtures", m)));
    files[m] = m === c.target && options.mutate ? options.mutate(bytes) : bytes;
  }
  if (c.archive && (options.zipped ?? true)) {
    const path = join(dir, c.archive);
    writeFileSync(path, zipSync(files));
    return path;
  }
  for (const [m, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, m)), { recursive: true });
    writeFileSync(join(dir, m), bytes);
  }
  return dir;
}

const decode = (b: Uint8Array, c: Case) =>
  new TextDecoder(c.encoding === "utf8" ? "utf-8" : "latin1").decode(b);
const encode = (s: string, c: Case) =>
  c.encoding === "utf8" ? new TextEncoder().encode(s) : Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** Rewrites the target CSV through `edit`, which sees the header and the rows as string arrays. */
function editCsv(c: Case, edit: (header: string[], rows: string[][]) => void): Mutate {
  return (bytes) => {
    const t = parseCsvText(decode(bytes, c), c.target);
    edit(t.header, t.rows);
    return encode(`${[t.header, ...t.rows].map(csvLine).join("\r\n")}\r\n`, c);
  };
}

async function expectFailure(c: Case, source: string, check: (e: unknown) => boolean): Promise<void> {
  const out = join(scratch, `out-${counter++}`);
  await assert.rejects(runEtl({ dataset: c.id, sources: [source], out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "dataset", c.id, "usa.csv")), false, "no usa.csv after a failure");
}

for (const c of CASES) {
  describe(c.id, () => {
    test("writes the expected usa.csv from the hand-written fixture", async () => {
      const want = readFileSync(join(datasetsDir, c.id, "fixtures", "expected-usa.csv"), "utf8");
      for (const zipped of c.archive ? [true, false] : [false]) {
        const out = join(scratch, `out-${counter++}`);
        const result = await runEtl({ dataset: c.id, sources: [materialize(c, { zipped })], out });
        assert.equal(readFileSync(join(out, "dataset", c.id, "usa.csv"), "utf8"), want, `zipped=${zipped}`);
        assert.deepEqual(
          result.files.map((f) => f.path),
          [join(out, "dataset", c.id, "usa.csv")],
        );
      }
    });

    test("a repeated row is refused (the original's output validation rejects duplicate tracts)", async () => {
      const mutate = editCsv(c, (_h, rows) => {
        rows.push([...(rows[0] as string[])]);
      });
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return (
          e instanceof InputSchemaError && /duplicate|second row/.test(e.message) && e.line !== undefined
        );
      });
    });

    test("a file cut off in the middle of a row is reported with its line", async () => {
      const mutate: Mutate = (b) => {
        const lastNl = b.lastIndexOf(0x0a, b.length - 2);
        return b.slice(0, lastNl + 1 + Math.floor((b.length - lastNl) / 3));
      };
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return (
          e instanceof InputSchemaError &&
          e.message.includes(c.target.split("/").pop()!) &&
          e.line !== undefined
        );
      });
    });
  });
}
