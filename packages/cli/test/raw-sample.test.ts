/**
 * The raw-source sample end to end: `cejst sample --raw` writes the sources in their published
 * formats, a loopback HTTP server serves them as a mirror, `cejst etl all` fetches and runs
 * every adapter, and `cejst score` on that output gives the same score table as on the
 * dataset folders `cejst sample` writes directly for the same seed.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseCsvText, readSourcesConfig, runEtlAll } from "@cejst/etl";
import { type MirrorServer, mirrorPath, serveMirror } from "@cejst/sample";
import { runCli } from "../src/index.ts";

const root = mkdtempSync(join(tmpdir(), "cejst-raw-sample-"));
const raw = join(root, "raw");
const direct = join(root, "direct");
const etl = join(root, "etl");
const cache = join(root, "cache");
let mirror: MirrorServer;
let reused: { code: number; out: string; err: string };

async function cejst(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, out: out.join(""), err: err.join("") };
}

before(async () => {
  for (const args of [
    ["sample", "--raw", "--out", raw, "--tracts", "400", "--seed", "7"],
    ["sample", "--out", direct, "--tracts", "400", "--seed", "7"],
  ]) {
    const r = await cejst(...args);
    assert.equal(r.code, 0, r.err);
  }
  mirror = await serveMirror(raw);
  for (const v of ["2.0", "1.0"]) {
    const r = await cejst(
      "etl",
      "all",
      "--sources",
      join(raw, v === "2.0" ? "sources.json" : "sources-1.0.json"),
      "--mirror",
      mirror.url,
      "--cache",
      cache,
      "--methodology",
      v,
      "--out",
      join(etl, v),
    );
    assert.equal(r.code, 0, r.err);
  }
  // 1.0 again, taking from the 2.0 output every dataset that does not depend on the version.
  reused = await cejst(
    "etl",
    "all",
    "--sources",
    join(raw, "sources-1.0.json"),
    "--mirror",
    mirror.url,
    "--cache",
    cache,
    "--methodology",
    "1.0",
    "--reuse",
    join(etl, "2.0"),
    "--out",
    join(etl, "1.0-reused"),
  );
  assert.equal(reused.code, 0, reused.err);
  // 2.0 again with a worker thread beside this one, as cejst main runs it.
  const twoJobs = await cejst(
    "etl",
    "all",
    "--sources",
    join(raw, "sources.json"),
    "--cache",
    cache,
    "--mirror",
    mirror.url,
    "--jobs",
    "2",
    "--out",
    join(etl, "2.0-jobs"),
  );
  assert.equal(twoJobs.code, 0, twoJobs.err);
});

after(async () => {
  await mirror?.close();
  await rm(root, { recursive: true, force: true });
});

/**
 * Datasets whose ETL output matches the sample folder's value for value but not byte for
 * byte: the adapters keep a column as integers when every value is whole and present, as
 * pandas does (`4781`), where the sample folder writes every count as a float (`4781.0`); the
 * income lookups keep the Census API's text. The score reads both as the same numbers.
 */
const VALUE_EQUAL = new Set([
  "census_acs",
  "census_acs_median_income_2019",
  "census_decennial_2020",
  "census_decennial_2010",
]);

async function datasets(dir: string): Promise<string[]> {
  return (await readdir(join(dir, "dataset"))).sort();
}

for (const v of ["2.0", "1.0"]) {
  describe(`methodology ${v}`, () => {
    test("etl all writes every dataset of the sample folder", async () => {
      assert.deepEqual(await datasets(join(etl, v)), await datasets(join(direct, v)));
    });

    test("each dataset equals the sample folder's: byte for byte, or value for value where noted", async () => {
      for (const name of await datasets(join(direct, v))) {
        const ours = await readFile(join(etl, v, "dataset", name, "usa.csv"), "utf8");
        const want = await readFile(join(direct, v, "dataset", name, "usa.csv"), "utf8");
        if (!VALUE_EQUAL.has(name)) {
          assert.equal(ours, want, `${name}: usa.csv is not byte-identical`);
          continue;
        }
        const a = parseCsvText(ours, `etl ${name}`);
        const b = parseCsvText(want, `sample ${name}`);
        assert.deepEqual(
          a.rows.map((r) => r[0]),
          b.rows.map((r) => r[0]),
          `${name}: same tracts in the same order`,
        );
        // The 1.0 sample folder carries the 2.0 columns too; the 1.0 adapter writes its own set.
        for (const h of a.header) assert.ok(b.header.includes(h), `${name}: sample lacks column ${h}`);
        a.rows.forEach((row, i) => {
          const other = b.rows[i]!;
          a.header.forEach((h, c) => {
            const x = row[c]!;
            const y = other[b.header.indexOf(h)]!;
            const same = x === y || (x !== "" && y !== "" && Number(x) === Number(y));
            assert.ok(same, `${name} ${row[0]} ${h}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
          });
        });
      }
    });
  });
}

test("etl all --reuse gives the same 1.0 output as a full run, byte for byte, rerunning only census_acs and census_decennial", async () => {
  const list = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  const full = join(etl, "1.0");
  const fast = join(etl, "1.0-reused");
  const names = await list(full);
  assert.ok(names.includes("etl-all.json") && names.includes("census/geojson/us.json"));
  assert.deepEqual(await list(fast), names);
  for (const n of names)
    assert.ok(
      (await readFile(join(full, n))).equals(await readFile(join(fast, n))),
      `${n} differs from the full run`,
    );
  const rerun = reused.out
    .split("\n")
    .filter((l) => /^\w+: /.test(l) && !l.includes("reused from"))
    .map((l) => l.split(":")[0]);
  assert.deepEqual(rerun.sort(), ["census_acs", "census_decennial"]);
});

test("etl all --jobs 2 writes the same files as one adapter at a time, byte for byte", async () => {
  const list = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  const names = await list(join(etl, "2.0"));
  assert.deepEqual(await list(join(etl, "2.0-jobs")), names);
  for (const n of names)
    assert.ok(
      (await readFile(join(etl, "2.0", n))).equals(await readFile(join(etl, "2.0-jobs", n))),
      `${n} differs with --jobs 2`,
    );
});

test("etl all --jobs outside 1..8 is a usage error (exit 2) naming the value", async () => {
  for (const bad of ["0", "9", "two"]) {
    const r = await cejst(
      "etl",
      "all",
      "--sources",
      join(raw, "sources.json"),
      "--out",
      join(root, "x"),
      "--jobs",
      bad,
    );
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, new RegExp(`--jobs .*\\(got ${bad}\\)`));
  }
});

test("etl all --reuse reruns a dataset whose pinned files differ, and everything when census does", async () => {
  const config = await readSourcesConfig(join(raw, "sources-1.0.json"));
  const from = join(root, "reuse-from");
  await cp(join(etl, "2.0"), from, { recursive: true });
  const recordPath = join(from, "etl-all.json");
  const record = JSON.parse(await readFile(recordPath, "utf8")) as {
    datasets: { name: string; files: { sha256: string }[] }[];
  };
  const pinnedDiffers = async (name: string) => {
    const copy = structuredClone(record);
    for (const f of copy.datasets.find((d) => d.name === name)!.files) f.sha256 = "0".repeat(64);
    await writeFile(recordPath, JSON.stringify(copy));
    const result = await runEtlAll({
      config,
      out: join(root, `reuse-${name}`),
      cacheDir: cache,
      mirror: mirror.url,
      methodology: "1.0",
      reuse: from,
    });
    return result.datasets.filter((d) => d.reusedFrom === undefined).map((d) => d.name);
  };
  assert.deepEqual((await pinnedDiffers("geocorr")).sort(), ["census_acs", "census_decennial", "geocorr"]);
  assert.equal((await pinnedDiffers("census")).length, config.sources.length);
});

test("every remote source was fetched over HTTP from the mirror, and the cache holds it", async () => {
  const config = await readSourcesConfig(join(raw, "sources.json"));
  const remote = config.sources.flatMap((s) => s.files).filter((f) => f.url.startsWith("https:"));
  assert.ok(remote.length >= 20, `remote files: ${remote.length}`);
  for (const f of remote) {
    // Files with the same bytes (the header-only Maine and Wisconsin tables of a small sample)
    // are one cache entry, fetched once.
    const twins = remote.filter((g) => g.sha256 === f.sha256).map((g) => mirrorPath(g.url));
    assert.ok(
      twins.some((p) => mirror.requests.includes(p)),
      `not requested from the mirror: ${f.url}`,
    );
    const cached = await readFile(join(cache, "sha256", f.sha256));
    assert.equal(cached.length, f.bytes);
  }
  // The 1.0 run found everything in the cache: each remote file was requested once.
  assert.equal(new Set(mirror.requests).size, mirror.requests.length, "no file was downloaded twice");
});

test("cejst score on the ETL output gives the sample folder's score, for 1.0 and 2.0", async () => {
  for (const v of ["1.0", "2.0"]) {
    const scores: string[] = [];
    for (const [label, data] of [
      ["etl", join(etl, v)],
      ["sample", join(direct, v)],
    ] as const) {
      const out = join(root, `score-${label}-${v}`);
      const v1 =
        v === "2.0" ? ["--v1-results", join(root, `score-${label}-1.0`, "score/csv/full/usa.csv")] : [];
      const r = await cejst("score", "--data", data, "--methodology", v, ...v1, "--out", out);
      assert.equal(r.code, 0, r.err);
      scores.push(await readFile(join(out, "score/csv/full/usa.csv"), "utf8"));
    }
    assert.ok(scores[0]!.split("\n").length > 350, "one row per tract");
    assert.equal(scores[0], scores[1], `${v}: score tables differ`);
  }
});

test("a raw file altered on the mirror is refused by its pinned sha256 (exit 102), nothing written", async () => {
  const config = await readSourcesConfig(join(raw, "sources.json"));
  const ej = config.sources.find((s) => s.name === "ejscreen")!.files[0]!;
  const path = join(raw, mirrorPath(ej.url));
  const original = await readFile(path);
  await writeFile(path, Buffer.concat([original.subarray(0, original.length - 10), Buffer.alloc(10)]));
  try {
    const out = join(root, "tampered");
    const r = await cejst(
      "etl",
      "all",
      "--sources",
      join(raw, "sources.json"),
      "--mirror",
      mirror.url,
      "--cache",
      join(root, "cache-tampered"),
      "--out",
      out,
    );
    assert.equal(r.code, 102, r.err);
    assert.match(r.err, /sha256|checksum/i);
    await assert.rejects(readFile(join(out, "dataset/ejscreen/usa.csv")));
  } finally {
    await writeFile(path, original);
  }
});
