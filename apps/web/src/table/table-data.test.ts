import assert from "node:assert/strict";
import { test } from "node:test";
import type { ManifestFile } from "../data/release.ts";
import { TractTable } from "./table-data.ts";
import { TABLE_COLUMNS } from "./test-fixture.ts";

const COLUMNS: string[] = [...TABLE_COLUMNS];
const SIZES: Record<string, number> = { "01": 30, "02": 5, "04": 40 };

function row(state: string, i: number): unknown[] {
  const geoid = `${state}001${String(i).padStart(6, "0")}`;
  return [
    geoid,
    "C",
    1000 + ((i * 37) % 101),
    true,
    i % 3 === 0,
    false,
    false,
    i % 3 === 0 ? 1 : 0,
    0,
    0.5,
    false,
    null,
    null,
    null,
    ...Array(8).fill(false),
  ];
}

/** A fake release serving generated shards, recording every URL fetched. */
function fixture() {
  const files: ManifestFile[] = [
    { path: "api/table/index.json", sha256: "", bytes: 1, role: "tract-table-index" },
    ...Object.keys(SIZES).map(
      (s) =>
        ({
          path: `api/table/${s}.json`,
          sha256: "",
          bytes: 1,
          role: "tract-table",
          state: s,
        }) as ManifestFile,
    ),
  ];
  const fetched: string[] = [];
  const release = {
    id: "2.0",
    synthetic: true,
    files,
    url: (p: string) => `https://data.test/2.0/${p}`,
    role: (r: string) => files.find((f) => f.role === r),
  };
  const fetchJson = async (url: string): Promise<unknown> => {
    fetched.push(url.replace("https://data.test/2.0/", ""));
    if (url.endsWith("index.json"))
      return {
        label: "2.0",
        shards: Object.entries(SIZES)
          .reverse()
          .map(([state, tracts]) => ({
            state,
            name: `S${state}`,
            abbreviation: state,
            tracts,
            path: "ignored",
          })),
      };
    const state = /table\/(\d{2})\.json$/.exec(url)?.[1] ?? "";
    return { columns: COLUMNS, rows: Array.from({ length: SIZES[state] ?? 0 }, (_, i) => row(state, i)) };
  };
  return { table: new TractTable(release, fetchJson), fetched };
}

test("the first page in natural order loads the index and only the first shard", async () => {
  const { table, fetched } = fixture();
  const p = await table.page({}, { key: "geoid", dir: "asc" }, 1, 25);
  assert.equal(p.total, 75);
  assert.equal(p.pages, 3);
  assert.equal(p.rows.length, 25);
  assert.equal(p.rows[0]?.geoid, "01001000000");
  assert.deepEqual(fetched, ["api/table/index.json", "api/table/01.json"]);
  assert.equal(p.matched, undefined);
});

test("a page spanning shards reads the right slice of each", async () => {
  const { table, fetched } = fixture();
  const p = await table.page({}, { key: "geoid", dir: "asc" }, 2, 25);
  assert.deepEqual(
    p.rows.map((r) => r.geoid),
    [
      ...Array.from({ length: 5 }, (_, i) => `01001${String(25 + i).padStart(6, "0")}`),
      ...Array.from({ length: 5 }, (_, i) => `02001${String(i).padStart(6, "0")}`),
      ...Array.from({ length: 15 }, (_, i) => `04001${String(i).padStart(6, "0")}`),
    ],
  );
  assert.deepEqual(fetched.slice(1).sort(), ["api/table/01.json", "api/table/02.json", "api/table/04.json"]);
});

test("a state filter loads that state's shard only; other filters and sorts load what they cover", async () => {
  const { table, fetched } = fixture();
  const s = await table.page({ state: "04", answer: "yes" }, { key: "population", dir: "desc" }, 1, 100);
  assert.equal(s.total, 14);
  assert.deepEqual(fetched, ["api/table/index.json", "api/table/04.json"]);
  const pops = s.rows.map((r) => r.population ?? 0);
  assert.deepEqual(
    pops,
    [...pops].sort((a, b) => b - a),
  );
  assert.ok(s.rows.every((r) => r.identified && r.state === "04"));
  const all = await table.page({ answer: "yes" }, { key: "geoid", dir: "asc" }, 1, 25);
  assert.equal(all.total, 10 + 2 + 14);
  assert.equal(all.matched?.length, all.total);
  assert.equal(fetched.filter((f) => f === "api/table/04.json").length, 1, "shards are cached");
});

test("matching() returns every filtered row for export", async () => {
  const { table } = fixture();
  const rows = await table.matching({ q: "02001" }, { key: "geoid", dir: "desc" });
  assert.equal(rows.length, 5);
  assert.equal(rows[0]?.geoid, "02001000004");
});

test("a release without a tract table, or a shard missing from the manifest, fails clearly", async () => {
  const none = new TractTable(
    { id: "1.0", synthetic: false, files: [], url: (p) => p, role: () => undefined },
    async () => ({}),
  );
  assert.equal(none.available, false);
  await assert.rejects(none.index(), /release 1\.0 has no tract-table-index file/);
  const { table } = fixture();
  await assert.rejects(
    table.shard({ state: "99", name: "x", abbreviation: "", tracts: 1, path: "" }),
    /no tract-table file for state 99/,
  );
});
