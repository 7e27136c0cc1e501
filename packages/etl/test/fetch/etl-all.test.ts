/**
 * `runEtlAll` end to end: a small configuration whose files (the adapters' hand-written
 * fixtures, zipped as published) are served by a local HTTP server; each `usa.csv` must
 * equal the adapter's golden output.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, afterEach, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputSchemaError, type ProgressEvent } from "@cejst/schema";
import { zipSync } from "fflate";
import { etlOrder, runEtlAll } from "../../src/fetch/run-etl-all.ts";
import { parseSourcesConfig, type SourcesConfig } from "../../src/fetch/sources-config.ts";
import { type FileServer, startFileServer } from "./file-server.ts";

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, "../../src/datasets");
const fixture = (rel: string) => new Uint8Array(readFileSync(join(datasets, rel)));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-all-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = (what: string) => join(scratch, `${what}-${++counter}`);

/** Paths on the imaginary origins, as the real sources lay them out. */
const FILES: Record<string, Uint8Array> = {
  "/api/views/cwsq-ngmh/rows.csv": fixture("cdc_places/fixtures/census_tract.csv"),
  "/data-sources/geocorr_urban_rural.csv.zip": zipSync({
    "geocorr_urban_rural.csv": fixture("geocorr/fixtures/geocorr_urban_rural.csv"),
  }),
  "/portal/datasets/cp/2014thru2018-140-csv.zip": zipSync({
    "140/Table3.csv": fixture("hud_housing/fixtures/140/Table3.csv"),
    "140/Table8.csv": fixture("hud_housing/fixtures/140/Table8.csv"),
  }),
  "/fuds/fuds.geojson": fixture("us_army_fuds/fixtures/fuds.geojson"),
  "/tracts/us.json": new Uint8Array(readFileSync(join(here, "../datasets/fixtures/tracts-us.json"))),
};
const pin = (path: string) => ({ sha256: sha(FILES[path] as Uint8Array), bytes: FILES[path]?.length });

function config(
  origin: string,
  override: (doc: Record<string, unknown>[]) => void = () => {},
): SourcesConfig {
  const sources: Record<string, unknown>[] = [
    {
      name: "cdc_places",
      url: `${origin}/api/views/cwsq-ngmh/rows.csv?accessType=DOWNLOAD`,
      file: "census_tract.csv",
      ...pin("/api/views/cwsq-ngmh/rows.csv"),
      licence: "public domain",
    },
    {
      name: "geocorr",
      url: `${origin}/data-sources/geocorr_urban_rural.csv.zip`,
      ...pin("/data-sources/geocorr_urban_rural.csv.zip"),
      licence: "test",
    },
    {
      name: "hud_housing",
      url: `${origin}/portal/datasets/cp/2014thru2018-140-csv.zip`,
      ...pin("/portal/datasets/cp/2014thru2018-140-csv.zip"),
      licence: "public domain",
    },
    {
      name: "us_army_fuds",
      licence: "public domain",
      notes: "points and the tract polygons they are counted in",
      files: [
        { url: `${origin}/fuds/fuds.geojson`, ...pin("/fuds/fuds.geojson") },
        { url: `${origin}/tracts/us.json`, ...pin("/tracts/us.json") },
      ],
    },
  ];
  override(sources);
  return parseSourcesConfig(JSON.stringify({ sources }), join(scratch, "sources.json"));
}

let server: FileServer;
beforeEach(async () => {
  server = await startFileServer();
  for (const [path, body] of Object.entries(FILES)) server.files.set(path, body);
});
afterEach(() => server.close());

const golden = (name: string) => readFileSync(join(datasets, name, "fixtures/expected-usa.csv"), "utf8");
const written = (out: string, name: string) => readFileSync(join(out, "dataset", name, "usa.csv"), "utf8");

describe("runEtlAll", () => {
  test("fetches every source, runs every adapter, and reuses the cache on a second run", async () => {
    const out = fresh("out");
    const cacheDir = fresh("cache");
    const events: ProgressEvent[] = [];
    const result = await runEtlAll({
      config: config(server.origin),
      out,
      cacheDir,
      progress: (e) => events.push(e),
    });
    for (const name of ["cdc_places", "geocorr", "hud_housing", "us_army_fuds"])
      assert.equal(written(out, name), golden(name), name);
    assert.deepEqual(
      result.datasets.map((d) => [d.name, d.fetched.length, d.outputs.length]),
      [
        ["cdc_places", 1, 1],
        ["geocorr", 1, 1],
        ["hud_housing", 1, 1],
        ["us_army_fuds", 2, 1],
      ],
    );
    assert.ok(result.notConfigured.includes("census") && !result.notConfigured.includes("geocorr"));
    assert.equal(server.requests.length, 5);
    assert.ok(events.some((e) => e.stage === "download" && e.unit === "bytes"));
    // Everything fetched happened before any adapter ran.
    const lastFetch = events.findLastIndex((e) => e.stage === "download");
    const firstEtl = events.findIndex((e) => e.stage === "etl");
    assert.ok(lastFetch < firstEtl);

    const again = await runEtlAll({ config: config(server.origin), out: fresh("out"), cacheDir });
    assert.equal(server.requests.length, 5, "a second run makes no request");
    assert.ok(again.datasets.every((d) => d.fetched.every((f) => f.cached)));
  });

  test("a cached file damaged in place is fetched again and the adapter reads the good copy", async () => {
    const cacheDir = fresh("cache");
    const cfg = config(server.origin);
    const first = await runEtlAll({ config: cfg, out: fresh("out"), cacheDir });
    const cached = first.datasets[0]?.fetched[0]?.path as string;
    const damaged = readFileSync(cached, "utf8").replace("LocationID", "LocationIX");
    writeFileSync(cached, damaged); // same inode, same size
    const out = fresh("out");
    const second = await runEtlAll({ config: cfg, out, cacheDir });
    assert.equal(second.datasets[0]?.fetched[0]?.cached, false);
    assert.equal(written(out, "cdc_places"), golden("cdc_places"));
    assert.equal(server.requests.length, 6);
  });

  test("a mirror serves every file in place of the origins", async () => {
    for (const [path, body] of Object.entries(FILES)) server.files.set(`/mirror${path}`, body);
    const out = fresh("out");
    await runEtlAll({
      config: config("https://origin.invalid"),
      out,
      cacheDir: fresh("cache"),
      mirror: `${server.origin}/mirror/`,
    });
    assert.equal(written(out, "geocorr"), golden("geocorr"));
    assert.ok(server.requests.every((r) => r.path.startsWith("/mirror/")));
    assert.equal(server.requests.length, 5);
  });

  test("a checksum mismatch stops the run before any adapter, with nothing cached or written", async () => {
    const out = fresh("out");
    const cacheDir = fresh("cache");
    const cfg = config(server.origin, (s) => {
      (s[2] as Record<string, unknown>).sha256 = "12".repeat(32);
    });
    await assert.rejects(runEtlAll({ config: cfg, out, cacheDir }), { code: "CHECKSUM_MISMATCH" });
    assert.equal(existsSync(join(out, "dataset")), false);
    // Downloads run a few at a time, so how many others finished first varies; every file
    // that did is named by its own digest, and the mismatching one is not there.
    const cached = readdirSync(join(cacheDir, "sha256"));
    assert.ok(!cached.includes("12".repeat(32)));
    for (const name of cached)
      assert.equal(sha(readFileSync(join(cacheDir, "sha256", name))), name, "only verified files are cached");
    assert.deepEqual(readdirSync(join(cacheDir, "partial")), []);
  });

  test("a bad source stops the run with its located error and no usa.csv for that dataset", async () => {
    const broken = new TextEncoder().encode("GEOID10_TRACT,something_else\n01001020100,1\n");
    server.files.set(
      "/data-sources/geocorr_urban_rural.csv.zip",
      zipSync({ "geocorr_urban_rural.csv": broken }),
    );
    const zipped = server.files.get("/data-sources/geocorr_urban_rural.csv.zip") as Uint8Array;
    const out = fresh("out");
    const cfg = config(server.origin, (s) => {
      Object.assign(s[1] as Record<string, unknown>, { sha256: sha(zipped), bytes: zipped.length });
    });
    await assert.rejects(runEtlAll({ config: cfg, out, cacheDir: fresh("cache") }), (e: Error) => {
      assert.ok(e instanceof InputSchemaError, String(e));
      assert.match(e.message, /geocorr_urban_rural\.csv/);
      return true;
    });
    assert.equal(
      written(out, "cdc_places"),
      golden("cdc_places"),
      "datasets before the failure are complete",
    );
    assert.equal(existsSync(join(out, "dataset/geocorr")), false);
    assert.equal(existsSync(join(out, "dataset/hud_housing")), false, "the run stops at the first failure");
  });
});

test("with jobs: 2 a worker thread runs some adapters: same outputs, and its error keeps its class and location", async () => {
  {
    const out = fresh("out");
    const result = await runEtlAll({ config: config(server.origin), out, cacheDir: fresh("cache"), jobs: 2 });
    assert.deepEqual(
      result.datasets.map((d) => d.name),
      ["cdc_places", "geocorr", "hud_housing", "us_army_fuds"],
      "results in configuration order",
    );
    for (const name of ["cdc_places", "geocorr", "hud_housing", "us_army_fuds"])
      assert.equal(written(out, name), golden(name), name);

    const broken = zipSync({
      "geocorr_urban_rural.csv": new TextEncoder().encode("GEOID10_TRACT,something_else\n01001020100,1\n"),
    });
    server.files.set("/data-sources/geocorr_urban_rural.csv.zip", broken);
    const cfg = config(server.origin, (s) => {
      Object.assign(s[1] as Record<string, unknown>, { sha256: sha(broken), bytes: broken.length });
    });
    const bad = fresh("out");
    await assert.rejects(
      runEtlAll({ config: cfg, out: bad, cacheDir: fresh("cache"), jobs: 2 }),
      (e: Error) => {
        assert.ok(e instanceof InputSchemaError, String(e));
        assert.equal((e as InputSchemaError).code, "INPUT_INVALID");
        assert.match(e.message, /geocorr_urban_rural\.csv/);
        return true;
      },
    );
    assert.equal(existsSync(join(bad, "dataset/geocorr")), false);
    assert.equal(existsSync(join(bad, "etl-all.json")), false, "no record of a failed run");
  }
});

test("etlOrder runs census first and keeps the configuration's order otherwise", () => {
  const item = (name: string) => ({ name, files: [], licence: "", notes: "" }) as never;
  assert.deepEqual(
    etlOrder([item("us_army_fuds"), item("hud_housing"), item("census"), item("eamlis")]).map(
      (s: { name: string }) => s.name,
    ),
    ["census", "us_army_fuds", "hud_housing", "eamlis"],
  );
});
