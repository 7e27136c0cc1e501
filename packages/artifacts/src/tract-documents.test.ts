import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { fixtureScoreCsv, fixtureTraces, fixtureTractsGeojson } from "../test/score-fixture.ts";
import { readTraceBytesInWorker } from "./build-worker.ts";
import { readScoreTable, sortTable } from "./score-table.ts";
import { mergeCounties, tileTable } from "./tables.ts";
import {
  readTraceBytes,
  readTraces,
  readTraceTexts,
  tractDocument,
  tractShards,
  writeTractShards,
} from "./tract-documents.ts";
import { readTractGeometry } from "./tract-geometry.ts";

const LINES = [
  // Spacing and number spellings another writer might use: the documents must not depend on them.
  '{"GEOID10_TRACT": "01001020100", "geoid": "01001020100", "disadvantaged": true, "share": 1e-05, "label": "a \\u00e9"}',
  '{"GEOID10_TRACT":"01001020200","geoid":"01001020200","disadvantaged":false,"totalCategoriesExceeded":2}',
];

test("documents built from trace texts are the bytes of documents built from parsed traces", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-traces-"));
  try {
    const path = join(dir, "usa.jsonl");
    await writeFile(path, `${LINES.join("\n")}\n`);
    const merged = sortTable(path, [
      { name: "GEOID10_TRACT", kind: "text", values: ["01001020100", "01001020200", "01003020100"] },
      { name: "County Name", kind: "text", values: ["Autauga County", "Autauga County", null] },
    ]);
    const base = { label: "2.0", methodology: "2.0" as const, merged, tile: [], tracts: new Map() };
    const texts = await readTraceTexts(path);
    assert.equal(texts.get("01001020200")?.totalCategoriesExceeded, 2);
    assert.equal(texts.get("01001020100")?.totalCategoriesExceeded, undefined);
    const fromObjects = [...tractShards({ ...base, traces: await readTraces(path) })];
    const fromTexts = [...tractShards({ ...base, traces: null, traceTexts: texts })];
    assert.deepEqual(fromTexts, fromObjects);
    // The tract without a trace carries null, the others their trace.
    const shard = JSON.parse(fromTexts[1]?.json ?? "{}");
    assert.equal(shard["01003020100"].trace, null);
    assert.equal(JSON.parse(fromTexts[0]?.json ?? "{}")["01001020100"].trace.share, 1e-5);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a trace line that is not an object with a geoid names the line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-traces-"));
  try {
    const path = join(dir, "usa.jsonl");
    await writeFile(path, `${LINES[0]}\n[1,2]\n`);
    await assert.rejects(
      readTraceTexts(path),
      (e) => e instanceof InputSchemaError && /line 2/.test(e.message) && /geoid/.test(e.message),
    );
    await writeFile(path, `${LINES[0]}\n{"geoid":\n`);
    await assert.rejects(
      readTraceTexts(path),
      (e) => e instanceof InputSchemaError && /line 2/.test(e.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("shards print each document as JSON.stringify prints the document object", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-docs-"));
  try {
    for (const methodology of ["1.0", "2.0"] as const) {
      await writeFile(join(dir, "usa.csv"), fixtureScoreCsv(methodology));
      await writeFile(join(dir, "usa.jsonl"), fixtureTraces(methodology));
      await writeFile(join(dir, "us.json"), fixtureTractsGeojson());
      const counties = new Map([
        ["01073", 'Jefferson "County"'],
        ["72001", "Adjuntas Municipio"],
      ]);
      const merged = mergeCounties(await readScoreTable(join(dir, "usa.csv")), counties);
      const tile = tileTable(merged, methodology);
      const tracts = (await readTractGeometry(join(dir, "us.json"))).tracts;
      const traces = await readTraces(join(dir, "usa.jsonl"));
      const inputs = { label: "x.1", methodology, merged, tile, tracts, traces };
      const expected = new Map<string, unknown>();
      merged.geoids.forEach((g, i) => {
        expected.set(g, JSON.stringify(tractDocument(inputs, i)));
      });
      let seen = 0;
      for (const shard of tractShards(inputs)) {
        const docs = JSON.parse(shard.json) as Record<string, unknown>;
        for (const [g, doc] of Object.entries(docs)) {
          // Each document's text is exactly the object's JSON, found in the shard at its key.
          const text = expected.get(g) as string;
          assert.ok(shard.json.includes(`${JSON.stringify(g)}:${text}`), `${methodology} ${g}`);
          assert.deepEqual(doc, JSON.parse(text));
          seen++;
        }
      }
      assert.equal(seen, merged.geoids.length);
      // The fixture covers missing, infinite and text values in the tile members.
      assert.ok([...expected.values()].some((t) => /"tile":\{[^}]*:null/.test(t as string)));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("shards written from trace bytes, on this thread or a worker's, are the bytes of the text shards", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-trace-bytes-"));
  try {
    const path = join(dir, "usa.jsonl");
    // A non-ASCII county name and trace text: bytes and string lengths differ.
    await writeFile(path, `${LINES.join("\r\n")}\n\n`);
    const merged = sortTable(path, [
      { name: "GEOID10_TRACT", kind: "text", values: ["01001020100", "01001020200", "01003020100"] },
      { name: "County Name", kind: "text", values: ["Doña Ana County", "Doña Ana County", null] },
    ]);
    const inputs = { label: "2.0", methodology: "2.0" as const, merged, tile: [], tracts: new Map() };
    const expected = [...tractShards({ ...inputs, traces: null, traceTexts: await readTraceTexts(path) })];
    const here = await readTraceBytes(path);
    const there = await readTraceBytesInWorker(path).done;
    assert.deepEqual(Buffer.from(there.bytes), Buffer.from(here.bytes));
    assert.deepEqual(there.traces, here.traces);
    assert.equal(here.traces.get("01001020200")?.totalCategoriesExceeded, 2);
    for (const [name, traces] of [
      ["here", here],
      ["worker", there],
    ] as const) {
      const out = join(dir, name);
      await mkdir(out);
      assert.equal(await writeTractShards(out, { ...inputs, traces: null }, traces), expected.length);
      assert.deepEqual((await readdir(out)).sort(), expected.map((s) => `${s.county}.json`).sort());
      for (const shard of expected)
        assert.equal(
          await readFile(join(out, `${shard.county}.json`), "utf8"),
          shard.json,
          `${name} ${shard.county}`,
        );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a bad trace line read in a worker is the same InputSchemaError, naming the line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-trace-bytes-"));
  try {
    const path = join(dir, "usa.jsonl");
    await writeFile(path, `${LINES[0]}\n{"geoid":\n`);
    await assert.rejects(
      readTraceBytes(path),
      (e) => e instanceof InputSchemaError && /line 2/.test(e.message),
    );
    await assert.rejects(
      readTraceBytesInWorker(path).done,
      (e) => e instanceof InputSchemaError && /line 2/.test(e.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the three trace readers refuse the same bad inputs the same way", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-trace-readers-"));
  try {
    const readers = { readTraces, readTraceTexts, readTraceBytes } as const;
    const notJson = join(dir, "not-json.jsonl");
    await writeFile(notJson, `${LINES[0]}\n\n{"geoid":\n`);
    const noGeoid = join(dir, "no-geoid.jsonl");
    await writeFile(noGeoid, `${LINES[1]}\n[1, 2]\n`);
    for (const [name, read] of Object.entries(readers)) {
      await assert.rejects(
        read(join(dir, "absent.jsonl")),
        (e) => e instanceof InputMissingError,
        `${name}: a missing file`,
      );
      await assert.rejects(
        read(notJson),
        (e) => e instanceof InputSchemaError && /line 3/.test(e.message) && /not valid JSON/.test(e.message),
        `${name}: a line that is not JSON, counted with the blank line before it`,
      );
      await assert.rejects(
        read(noGeoid),
        (e) => e instanceof InputSchemaError && /line 2/.test(e.message) && /geoid/.test(e.message),
        `${name}: a line without a string geoid`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
