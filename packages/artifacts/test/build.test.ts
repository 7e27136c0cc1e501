/**
 * Contract tests of artifacts.md §5 for the files `buildArtifacts` writes, on a small score
 * table built by the fixture helper: layout, downloads, zips, codebook copies, search,
 * tract documents against the OpenAPI schema, tiles, and reproducibility.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseCsvText } from "@cejst/etl";
import { GateFailed, InputSchemaError, PreconditionFailed } from "@cejst/schema";
import { decodeArchive } from "@cejst/tiles";
import { unzipSync } from "fflate";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { type BuildArtifactsResult, buildArtifacts } from "../src/build-artifacts.ts";
import { downloadFields } from "../src/download-field.ts";
import { type JsonSchema, validateJson } from "../src/json-schema.ts";
import type { TractDocument } from "../src/tract-documents.ts";
import { FIXTURE_GEOIDS, WATER_GEOID, writeFixtureFolders } from "./score-fixture.ts";

let root: string;
let out: string;
let result: BuildArtifactsResult;
const V = "2.0";

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) files.push(relative(dir, join(e.parentPath, e.name)).split(sep).join("/"));
  return files.sort();
}
const read = (p: string) => readFile(join(out, p));
const readText = (p: string) => readFile(join(out, p), "utf8");

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-build-"));
  const { score, data } = await writeFixtureFolders(root, V);
  out = join(root, "build-a");
  result = await buildArtifacts({
    scoreDir: score,
    dataDir: data,
    methodology: V,
    outDir: out,
    synthetic: true,
  });
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("layout", () => {
  test("the files this build owns exist, and nothing the manifest does not list", async () => {
    const files = await listFiles(out);
    for (const p of [
      "data/score/csv/full/usa.csv",
      "data/score/csv/full/usa_score.parquet",
      "data/score/csv/full/usa_counties.csv",
      "data/score/csv/full/usa_counties.parquet",
      "data/score/csv/tiles/usa.csv",
      "data/score/csv/tiles/usa.parquet",
      "data/score/csv/tiles/tile_indexes.json",
      "data/score/search/tracts.json",
      `data/score/downloadable/${V}-communities.csv`,
      `data/score/downloadable/${V}-communities.xlsx`,
      `data/score/downloadable/${V}-communities.parquet`,
      `data/score/downloadable/${V}-codebook.csv`,
      `data/score/downloadable/${V}-communities-csv.zip`,
      `data/score/downloadable/${V}-communities-xls.zip`,
      `data/score/downloadable/readme-version-${V}.md`,
      "data/score/tiles/high/usa_high.pmtiles",
      "data/score/tiles/high/metadata.json",
      "data/score/geojson/usa-high.json",
      "data/score/geojson/usa-low.json",
      "data/score/tiles/low/usa_low.pmtiles",
      "data/score/tiles/low/metadata.json",
      "data/score/shapefile/usa.shp",
      "data/score/shapefile/usa.shx",
      "data/score/shapefile/usa.dbf",
      "data/score/shapefile/usa.prj",
      "data/score/shapefile/usa.cpg",
      "data/score/shapefile/usa.zip",
      `data/score/downloadable/${V}-shapefile-codebook.zip`,
      "api/table/index.json",
      "api/table/01.json",
      "api/changes/1.0.json",
      "api/openapi.json",
      "api/search/tracts.json",
      "api/search/names.json",
      "manifest.json",
      "SHA256SUMS",
    ])
      assert.ok(files.includes(p), p);
    const manifest = JSON.parse(await readText("manifest.json")) as {
      content: { files: { path: string; contentType: string }[] };
    };
    const listed = manifest.content.files.map((f) => f.path);
    assert.deepEqual([...listed, "manifest.json"].sort(), files);
    assert.equal(
      manifest.content.files.find((f) => f.path.endsWith(".parquet"))?.contentType,
      "application/vnd.apache.parquet",
    );
    assert.ok(
      result.gaps.some((g) => g.includes("data-documentation")),
      "the missing documentation zip is reported",
    );
  });

  test("missing values in a boolean tile column are reported by column", () => {
    assert.ok(result.warnings.some((w) => /^tile column [A-Z0-9_]+ \(.+\) has \d+ missing values/.test(w)));
    assert.ok(
      !result.warnings.some((w) => w.startsWith("tile column SN_C ")),
      "SN_C is never missing in the fixture",
    );
  });

  test("an existing output folder is refused", async () => {
    const { score, data } = await writeFixtureFolders(join(root, "again"), V);
    await assert.rejects(
      buildArtifacts({ scoreDir: score, dataDir: data, methodology: V, outDir: out }),
      PreconditionFailed,
    );
  });

  test("a bad score file fails the build and leaves no output", async () => {
    const { score, data } = await writeFixtureFolders(join(root, "bad"), V);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      join(score, "score/csv/full/usa.csv"),
      "GEOID10_TRACT,Total population\n01001020100,many\n",
    );
    const target = join(root, "bad-out");
    await assert.rejects(
      buildArtifacts({ scoreDir: score, dataDir: data, methodology: V, outDir: target }),
      InputSchemaError,
    );
    assert.ok(!(await readdir(root)).some((n) => n.startsWith("bad-out")));
  });
});

describe("decision traces", () => {
  test("each document's trace agrees with SN_C, CC and TC", async () => {
    const shard = JSON.parse(await readText("api/tracts/01073.json")) as Record<string, TractDocument>;
    for (const doc of Object.values(shard)) {
      assert.equal(doc.trace?.disadvantaged, doc.tile.SN_C === true);
      assert.equal(doc.trace?.totalCategoriesExceeded, doc.tile.CC);
      assert.equal(doc.trace?.totalThresholdsExceeded, doc.tile.TC);
    }
  });

  test("a trace that disagrees with the table fails the build (GateFailed)", async () => {
    const { score, data } = await writeFixtureFolders(join(root, "bad-trace"), V);
    const path = join(score, "score/traces/usa.jsonl");
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
    first.disadvantaged = !first.disadvantaged;
    lines[0] = JSON.stringify(first);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path, `${lines.join("\n")}\n`);
    await assert.rejects(
      buildArtifacts({
        scoreDir: score,
        dataDir: data,
        methodology: V,
        outDir: join(root, "bad-trace-out"),
        skipTiles: true,
      }),
      (e: unknown) => e instanceof GateFailed && /disadvantaged\/SN_C/.test(e.message),
    );
  });
});

describe("downloads", () => {
  test("communities CSV: the 136 headers in order, one row per tract, sorted", async () => {
    const t = parseCsvText(await readText(`data/score/downloadable/${V}-communities.csv`), "c.csv");
    assert.deepEqual(
      t.header,
      downloadFields(V).map((f) => f.label),
    );
    const ids = t.rows.map((r) => r[0]);
    assert.deepEqual(ids, [...FIXTURE_GEOIDS].sort());
  });

  test("zips hold exactly the members of §3.8, equal to the standalone files", async () => {
    const expected: Record<string, string[]> = {
      [`${V}-communities-csv.zip`]: [`${V}-communities.csv`, `${V}-codebook.csv`, `readme-version-${V}.md`],
      [`${V}-communities-xls.zip`]: [`${V}-communities.xlsx`, `${V}-codebook.csv`, `readme-version-${V}.md`],
      [`${V}-shapefile-codebook.zip`]: ["usa.zip", `${V}-codebook.csv`, `readme-version-${V}.md`],
    };
    const standalone = (m: string) =>
      read(m === "usa.zip" ? "data/score/shapefile/usa.zip" : `data/score/downloadable/${m}`);
    for (const [zip, members] of Object.entries(expected)) {
      const entries = unzipSync(await read(`data/score/downloadable/${zip}`));
      assert.deepEqual(Object.keys(entries), members, zip);
      for (const m of members)
        assert.deepEqual(Buffer.from(entries[m] as Uint8Array), await standalone(m), `${zip}:${m}`);
    }
    const usaZip = unzipSync(await read("data/score/shapefile/usa.zip"));
    assert.deepEqual(Object.keys(usaZip), [
      "usa.shp",
      "usa.shx",
      "usa.dbf",
      "usa.prj",
      "usa.cpg",
      `${V}-codebook.csv`,
    ]);
    assert.deepEqual(
      Buffer.from(usaZip[`${V}-codebook.csv`] as Uint8Array),
      await read(`data/score/downloadable/${V}-codebook.csv`),
      "every codebook copy is byte-identical",
    );
    assert.deepEqual(
      Buffer.from(usaZip["usa.dbf"] as Uint8Array),
      await read("data/score/shapefile/usa.dbf"),
    );
  });

  test("usa_counties.csv starts with a BOM, the other CSVs do not", async () => {
    assert.ok((await readText("data/score/csv/full/usa_counties.csv")).startsWith("\uFEFF"));
    assert.ok(!(await readText("data/score/csv/full/usa.csv")).startsWith("\uFEFF"));
    assert.ok(!(await readText("data/score/csv/tiles/usa.csv")).startsWith("\uFEFF"));
  });
});

describe("parquet siblings", () => {
  test("each Parquet file has its CSV's columns, rows and values under the type mapping of §3.9", async () => {
    const pairs = [
      ["data/score/csv/full/usa_score.parquet", "data/score/csv/full/usa.csv"],
      ["data/score/csv/full/usa_counties.parquet", "data/score/csv/full/usa_counties.csv"],
      ["data/score/csv/tiles/usa.parquet", "data/score/csv/tiles/usa.csv"],
      [`data/score/downloadable/${V}-communities.parquet`, `data/score/downloadable/${V}-communities.csv`],
    ];
    for (const [pq, csvPath] of pairs) {
      const csv = parseCsvText(await readText(csvPath as string), csvPath as string);
      const bytes = await read(pq as string);
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const meta = parquetMetadata(buf);
      const schema = parquetSchema(meta).children.map((c) => c.element);
      assert.deepEqual(
        schema.map((e) => e.name),
        csv.header,
        pq,
      );
      const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
      assert.equal(rows.length, csv.rows.length, pq);
      csv.rows.forEach((r, i) => {
        schema.forEach((e, c) => {
          const text = r[c] ?? "";
          const v = rows[i]?.[e.name];
          const where = `${pq} row ${i} ${e.name}`;
          const expected =
            text === ""
              ? null
              : e.type === "BOOLEAN"
                ? text === "True"
                : e.type === "INT64" || e.type === "DOUBLE"
                  ? Number(text)
                  : text;
          assert.equal(typeof v === "bigint" ? Number(v) : (v ?? null), expected, where);
        });
      });
    }
  });
});

describe("geojson, shapefile, tract table, changes", () => {
  test("usa-high.json: one feature per tile row in order, geometry null exactly for the water tract", async () => {
    const fc = JSON.parse(await readText("data/score/geojson/usa-high.json")) as {
      features: { properties: Record<string, unknown>; geometry: unknown }[];
    };
    const tiles = parseCsvText(await readText("data/score/csv/tiles/usa.csv"), "tiles.csv");
    assert.deepEqual(
      fc.features.map((f) => f.properties.GEOID10),
      tiles.rows.map((r) => r[0]),
    );
    for (const f of fc.features) {
      assert.equal(f.geometry === null, f.properties.GEOID10 === WATER_GEOID);
      assert.equal(Object.keys(f.properties).length, 126);
      for (const code of ["HRS_ET", "FUDS_RAW", "IMP_FLG", "SN_T"])
        assert.ok([null, "1", "0"].includes(f.properties[code] as string | null), code);
    }
  });

  test("shapefile: one record per score tract, header and DBF counts agree", async () => {
    const dbf = await read("data/score/shapefile/usa.dbf");
    assert.equal(dbf.readUInt32LE(4), FIXTURE_GEOIDS.length);
    const fields = (dbf.readUInt16LE(8) - 33) / 32;
    assert.equal(fields, 126);
    const shx = await read("data/score/shapefile/usa.shx");
    assert.equal((shx.length - 100) / 8, FIXTURE_GEOIDS.length);
  });

  test("tract table shards hold every tract once; change totals sum to the tract count", async () => {
    const index = JSON.parse(await readText("api/table/index.json")) as {
      shards: { state: string; tracts: number; path: string }[];
    };
    const all: string[] = [];
    for (const s of index.shards) {
      const shard = JSON.parse(await readText(s.path)) as {
        state: string;
        columns: string[];
        rows: unknown[][];
      };
      assert.equal(shard.rows.length, s.tracts);
      for (const r of shard.rows) {
        assert.equal((r[0] as string).slice(0, 2), s.state);
        all.push(r[0] as string);
      }
      assert.equal(shard.columns.length, 22);
    }
    assert.deepEqual(all, [...FIXTURE_GEOIDS].sort());
    const changes = JSON.parse(await readText("api/changes/1.0.json")) as {
      from: string;
      to: string;
      totals: Record<string, number>;
    };
    assert.equal(changes.from, "1.0");
    assert.equal(
      Object.values(changes.totals).reduce((a, b) => a + b, 0),
      FIXTURE_GEOIDS.length,
    );
  });

  test("manifest roles: every download has a kind, tract tables carry their state", async () => {
    const m = JSON.parse(await readText("manifest.json")) as {
      content: {
        files: {
          path: string;
          role?: string;
          kind?: string;
          state?: string;
          from?: string;
          contentType: string;
        }[];
        release: {
          notes: { en?: string };
          comparisons: { with: string; path: string }[];
          counts: { tracts: number };
        };
      };
    };
    const byPath = new Map(m.content.files.map((f) => [f.path, f]));
    assert.equal(byPath.get("api/openapi.json")?.role, "openapi");
    assert.equal(byPath.get("api/table/01.json")?.state, "01");
    assert.equal(byPath.get(`data/score/downloadable/${V}-communities.xlsx`)?.kind, "communities-xlsx");
    for (const f of m.content.files) if (f.role === "download") assert.ok(f.kind, f.path);
    assert.equal(byPath.get("api/changes/1.0.json")?.role, "changes");
    assert.equal(byPath.get("api/changes/1.0.json")?.from, "1.0");
    assert.equal(byPath.get("data/score/geojson/usa-high.json")?.contentType, "application/geo+json");
    assert.equal(byPath.get("data/score/tiles/high/usa_high.pmtiles")?.role, "tiles-detail");
    assert.equal(byPath.get("data/score/tiles/low/usa_low.pmtiles")?.role, "tiles-overview");
    const notes = m.content.release.notes.en ?? "";
    assert.equal(byPath.get(notes)?.role, "release-notes");
    assert.deepEqual(m.content.release.comparisons, [{ with: "1.0", path: "api/changes/1.0.json" }]);
    assert.equal(m.content.release.counts.tracts, FIXTURE_GEOIDS.length);
  });
});

describe("search", () => {
  test("compatibility index: three string keys, every tract (water too), ascending", async () => {
    const rows = JSON.parse(await readText("data/score/search/tracts.json")) as Record<string, unknown>[];
    assert.deepEqual(
      rows.map((r) => r.GEOID10),
      [...FIXTURE_GEOIDS].sort(),
    );
    for (const r of rows) {
      assert.deepEqual(Object.keys(r), ["GEOID10", "INTPTLAT10", "INTPTLON10"]);
      assert.ok(Object.values(r).every((v) => typeof v === "string"));
      assert.ok(Number.isFinite(Number(r.INTPTLAT10)) && Number.isFinite(Number(r.INTPTLON10)));
    }
    assert.ok(!(await readText("data/score/search/tracts.json")).includes(" "));
  });

  test("improved index: one row per score tract; mapped false and bbox null for the water tract", async () => {
    const s = JSON.parse(await readText("api/search/tracts.json")) as {
      rows: [string, number, number, unknown, boolean][];
    };
    assert.equal(s.rows.length, FIXTURE_GEOIDS.length);
    for (const [g, lat, lon, bbox, mapped] of s.rows) {
      assert.equal(mapped, g !== WATER_GEOID, g);
      assert.equal(bbox === null, g === WATER_GEOID, g);
      if (Array.isArray(bbox)) {
        const [w, so, e, n] = bbox as number[];
        assert.ok(
          (w as number) <= lon && lon <= (e as number) && (so as number) <= lat && lat <= (n as number),
          `${g} point inside its box`,
        );
      }
    }
    const names = JSON.parse(await readText("api/search/names.json")) as {
      states: { fips: string }[];
      counties: { fips: string }[];
    };
    assert.deepEqual(
      names.states.map((s) => s.fips),
      [...new Set(FIXTURE_GEOIDS.map((g) => g.slice(0, 2)))].sort(),
    );
    assert.ok(!names.counties.some((c) => c.fips.startsWith("60")), "Island Areas have no county entry");
  });
});

describe("tract documents", () => {
  test("one document per score tract, in its county shard, valid against api/openapi.json", async () => {
    const openapi = JSON.parse(await readText("api/openapi.json")) as JsonSchema & {
      openapi: string;
      components: { schemas: Record<string, JsonSchema> };
      paths: Record<string, unknown>;
    };
    assert.equal(openapi.openapi, "3.1.0");
    for (const p of [
      "/api/tracts/{geoid}.json",
      "/api/search/tracts.json",
      "/api/search/names.json",
      "/data/score/search/tracts.json",
      "/manifest.json",
    ])
      assert.ok(p in openapi.paths, p);
    const docSchema = openapi.components.schemas.TractDocument as JsonSchema;
    const shardFiles = (await readdir(join(out, "api/tracts"))).sort();
    const seen: string[] = [];
    const tileCsv = parseCsvText(await readText("data/score/csv/tiles/usa.csv"), "tiles.csv");
    for (const file of shardFiles) {
      const shard = JSON.parse(await readText(`api/tracts/${file}`)) as Record<string, TractDocument>;
      assert.deepEqual(validateJson(shard, openapi.components.schemas.TractShard as JsonSchema, openapi), []);
      for (const [geoid, doc] of Object.entries(shard)) {
        seen.push(geoid);
        assert.equal(`${geoid.slice(0, 5)}.json`, file);
        assert.equal(doc.geoid, geoid);
        assert.deepEqual(validateJson(doc, docSchema, openapi), [], geoid);
        assert.equal(Object.keys(doc.tile).length, 125);
        assert.equal(doc.mapped, geoid !== WATER_GEOID);
        for (const [code, v] of Object.entries(doc.values))
          if (v !== null) assert.equal(doc.tile[code], Math.floor(v * 100) / 100, `${geoid} ${code}`);
        const row = tileCsv.rows.find((r) => r[0] === geoid) ?? [];
        const snC = row[tileCsv.header.indexOf("SN_C")];
        assert.equal(String(doc.tile.SN_C === null ? "" : doc.tile.SN_C ? "True" : "False"), snC);
        assert.equal(doc.trace?.geoid, geoid);
      }
    }
    assert.deepEqual(seen.sort(), [...FIXTURE_GEOIDS].sort());
  });

  test("the validator rejects a document that breaks the schema", async () => {
    const openapi = JSON.parse(await readText("api/openapi.json")) as {
      components: { schemas: Record<string, JsonSchema> };
    };
    const shard = JSON.parse(await readText("api/tracts/01073.json")) as Record<string, TractDocument>;
    const doc = structuredClone(Object.values(shard)[0]) as unknown as Record<string, unknown>;
    (doc.tile as Record<string, unknown>).SN_C = "1";
    doc.extra = 1;
    delete doc.mapped;
    const errors = validateJson(
      doc,
      openapi.components.schemas.TractDocument as JsonSchema,
      openapi as unknown as JsonSchema,
    );
    assert.ok(errors.some((e) => e.includes("/tile/SN_C")));
    assert.ok(errors.some((e) => e.includes('"extra"')));
    assert.ok(errors.some((e) => e.includes('"mapped"')));
  });
});

describe("tiles", () => {
  test("every drawn tract is in the z11 tiles with its properties; the water tract is absent", async () => {
    const archive = await decodeArchive(join(out, "data/score/tiles/high/usa_high.pmtiles"));
    const zooms = new Set(archive.tiles.map((t) => t.z));
    assert.deepEqual(
      [...zooms].sort((a, b) => a - b),
      [5, 6, 7, 8, 9, 10, 11],
    );
    for (const z of zooms) {
      const ids = new Set(
        archive.tiles
          .filter((t) => t.z === z)
          .flatMap((t) => (t.layers.blocks?.features ?? []).map((f) => f.properties.GEOID10)),
      );
      assert.deepEqual([...ids].sort(), [...FIXTURE_GEOIDS].filter((g) => g !== WATER_GEOID).sort(), `z${z}`);
    }
    const f = archive.tiles.filter((t) => t.z === 11).flatMap((t) => t.layers.blocks?.features ?? [])[0];
    assert.ok(f);
    assert.equal(typeof f.properties.SN_C, "boolean");
    for (const code of ["HRS_ET", "FUDS_RAW", "IMP_FLG", "SN_T"])
      if (code in f.properties) assert.ok(["1", "0"].includes(f.properties[code] as string), code);
    assert.ok(Object.values(f.properties).every((v) => v !== ""));
  });

  test("the release stores tiles as archives only: no .pbf file, a handful of tile entries", async () => {
    const files = await listFiles(out);
    assert.deepEqual(
      files.filter((p) => p.endsWith(".pbf")),
      [],
    );
    assert.deepEqual(
      files.filter((p) => p.startsWith("data/score/tiles/")),
      [
        "data/score/tiles/high/metadata.json",
        "data/score/tiles/high/usa_high.mbtiles",
        "data/score/tiles/high/usa_high.pmtiles",
        "data/score/tiles/low/metadata.json",
        "data/score/tiles/low/usa_low.mbtiles",
        "data/score/tiles/low/usa_low.pmtiles",
      ],
    );
  });
});

describe("low zoom and tileset metadata", () => {
  test("usa-low.json: only SCORE, in [0, 1] with at most 2 decimals; small prefixes keep one feature per tract", async () => {
    const fc = JSON.parse(await readText("data/score/geojson/usa-low.json")) as {
      features: { properties: Record<string, unknown>; geometry: unknown }[];
    };
    const tiles = parseCsvText(await readText("data/score/csv/tiles/usa.csv"), "tiles.csv");
    const snC = tiles.rows.map((r) => r[tiles.header.indexOf("SN_C")]);
    assert.equal(fc.features.length, tiles.rows.length);
    fc.features.forEach((f, i) => {
      assert.deepEqual(Object.keys(f.properties), ["SCORE"]);
      assert.equal(f.properties.SCORE, snC[i] === "True" ? 1 : 0);
      assert.equal(f.geometry === null, tiles.rows[i]?.[0] === WATER_GEOID);
    });
    assert.ok(
      result.warnings.some((w) => w.includes("150")),
      "no bucketing is reported",
    );
  });

  test("metadata.json: string values, zoom ranges, one layer named blocks", async () => {
    for (const [set, min, max] of [
      ["high", "5", "11"],
      ["low", "0", "7"],
    ] as const) {
      const m = JSON.parse(await readText(`data/score/tiles/${set}/metadata.json`)) as Record<
        string,
        unknown
      >;
      assert.ok(
        Object.values(m).every((v) => typeof v === "string"),
        set,
      );
      assert.equal(m.minzoom, min);
      assert.equal(m.maxzoom, max);
      assert.equal(m.format, "pbf");
      const json = JSON.parse(m.json as string) as { vector_layers: { id: string }[] };
      assert.equal(json.vector_layers[0]?.id, "blocks");
    }
    const low = await decodeArchive(join(out, "data/score/tiles/low/usa_low.pmtiles"));
    assert.deepEqual(
      [...new Set(low.tiles.map((t) => t.z))].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    for (const t of low.tiles)
      for (const f of t.layers.blocks?.features ?? []) assert.equal(typeof f.properties.SCORE, "number");
  });
});

describe("reproducibility", () => {
  test("a second build from the same inputs gives identical bytes for every file", async () => {
    const { score, data } = await writeFixtureFolders(join(root, "second"), V);
    const out2 = join(root, "build-b");
    await new Promise((r) => setTimeout(r, 1100));
    await buildArtifacts({ scoreDir: score, dataDir: data, methodology: V, outDir: out2, synthetic: true });
    const a = await listFiles(out);
    assert.deepEqual(await listFiles(out2), a);
    for (const p of a) assert.deepEqual(await readFile(join(out2, p)), await read(p), p);
  });

  test("methodology 1.0 builds with its own column counts", async () => {
    const { score, data } = await writeFixtureFolders(join(root, "v1"), "1.0");
    const out1 = join(root, "build-v1");
    await buildArtifacts({
      scoreDir: score,
      dataDir: data,
      methodology: "1.0",
      outDir: out1,
      skipTiles: true,
    });
    const t = parseCsvText(
      await readFile(join(out1, "data/score/downloadable/1.0-communities.csv"), "utf8"),
      "c.csv",
    );
    assert.equal(t.header.length, 133);
    const tiles = parseCsvText(await readFile(join(out1, "data/score/csv/tiles/usa.csv"), "utf8"), "t.csv");
    assert.equal(tiles.header.length, 123);
  });
});
