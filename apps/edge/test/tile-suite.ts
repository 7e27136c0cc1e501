/**
 * The compatibility tile trees (`…/tiles/{high|low}/{z}/{x}/{y}.pbf`, `tribal/tiles/…`)
 * served from the version's PMTiles archives, over real HTTP, against one store kind. Every
 * tile is compared with what the reference `pmtiles` reader returns for the same archive.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Agent } from "node:http";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { type EdgeFetch, httpEdgeFetch, type Store, verifyChannel } from "@cejst/release";
import { gzipBytes, memoryByteSink, writePmtiles } from "@cejst/tiles";
import { Compression, PMTiles, type Source, tileIdToZxy, zxyToTileId } from "pmtiles";
import type { RunningEdge, StoreKind } from "./helpers/edge.ts";
import { startEdge } from "./helpers/edge.ts";
import { DOMAIN } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";
import { publishVersion, putDistribution, putGeneration, putSite } from "./helpers/world.ts";

const DATA = `data.${DOMAIN}`;
const IMMUTABLE = "public, max-age=31536000, immutable";
const HIGH = "data/score/tiles/high/usa_high.pmtiles";
const LOW = "data/score/tiles/low/usa_low.pmtiles";
const TRIBAL = "data/tribal/tiles/usa.pmtiles";

interface Archive {
  path: string;
  tree: string;
  minZoom: number;
  maxZoom: number;
  bytes: Uint8Array;
  reader: PMTiles;
  /** Tile ids written, in order. */
  ids: number[];
}

/** A fake MVT body: opaque protobuf-like bytes, distinct per tile unless `shared`. */
function tileBody(seed: string, id: number, shared: boolean): Uint8Array {
  return new TextEncoder().encode(shared ? `\x1a\x05${seed} same` : `\x1a\x05${seed} tile ${id}`);
}

async function makeArchive(path: string, tree: string, minZoom: number, maxZoom: number, seed: string) {
  const ids: number[] = [];
  // about 40 tiles per zoom (all of the smallest zooms), spread so that each zoom has
  // gaps, runs of equal tiles and, with a small root, leaf directories
  for (let z = minZoom; z <= maxZoom; z++) {
    const n = 2 ** z;
    const step = Math.max(1, Math.floor((n * n) / 40));
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        if ((x * 7 + y * 3) % step === 0) ids.push(zxyToTileId(z, x, y));
      }
    }
  }
  ids.sort((a, b) => a - b);
  const sink = memoryByteSink();
  await writePmtiles(
    ids.map((id, i) => ({ tileId: id, data: gzipBytes(tileBody(seed, id, i % 5 === 1 || i % 5 === 2)) })),
    sink,
    {
      minZoom,
      maxZoom,
      bounds: [-125, 24, -66, 50],
      center: [-96, 37, minZoom],
      metadata: { name: "blocks", format: "pbf", vector_layers: [{ id: "blocks", fields: {} }] },
      maxRootBytes: 256,
    },
  );
  await sink.close();
  const bytes = sink.bytes();
  const source: Source = {
    getKey: () => path,
    async getBytes(offset, length) {
      const end = Math.min(bytes.byteLength, offset + length);
      return { data: new Uint8Array(bytes.subarray(offset, end)).buffer as ArrayBuffer };
    },
  };
  const gunzip = async (buf: ArrayBuffer, c: Compression) =>
    c === Compression.Gzip ? (new Uint8Array(gunzipSync(new Uint8Array(buf))).buffer as ArrayBuffer) : buf;
  const reader = new PMTiles(source, undefined, gunzip);
  return { path, tree, minZoom, maxZoom, bytes, reader, ids } satisfies Archive;
}

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** Tile trees from PMTiles archives over HTTP, against one store kind. */
export function tileSuite(kind: StoreKind): void {
  describe(`tile trees from PMTiles (${kind.name} store)`, () => {
    let dispose: () => Promise<void>;
    let e: RunningEdge;
    let store: Store;
    let archives: Archive[];
    const legacyTile = new TextEncoder().encode("\x1a\x03old stored tile");
    const get = (host: string, path: string, headers: Record<string, string> = {}, method = "GET") =>
      request(e.port, { host, path, headers, method });

    before(async () => {
      const opened = await kind.open();
      dispose = opened.dispose;
      store = opened.store;
      archives = [
        await makeArchive(HIGH, "data/score/tiles/high", 5, 8, "high"),
        await makeArchive(LOW, "data/score/tiles/low", 0, 5, "low"),
        await makeArchive(TRIBAL, "data/tribal/tiles", 0, 6, "tribal"),
      ];
      const files: Record<string, Uint8Array | string> = { "api/openapi.json": "{}" };
      const roles: Record<string, string> = {};
      for (const a of archives) files[a.path] = a.bytes;
      roles[HIGH] = "tiles-detail";
      roles[LOW] = "tiles-overview";
      roles[TRIBAL] = "tiles-tribal";
      const types: Record<string, string> = { "api/openapi.json": "application/json" };
      for (const a of archives) types[a.path] = "application/vnd.pmtiles";
      await publishVersion(store, "2.0", files, types, roles);
      // a build from before the archives took over: its .pbf objects are listed and stored
      await publishVersion(
        store,
        "1.0",
        { "data/score/tiles/high/5/1/2.pbf": legacyTile, "api/openapi.json": "{}" },
        {
          "data/score/tiles/high/5/1/2.pbf": "application/x-protobuf",
          "api/openapi.json": "application/json",
        },
      );
      const site = await putSite(store, { "index.html": "<!doctype html><title>x</title>" });
      await putDistribution(store, {
        id: "dst_T",
        site,
        version: "2.0",
        offers: [
          { version: "2.0", status: "current" },
          { version: "1.0", status: "previous" },
        ],
      });
      await putGeneration(store, "production", 1, "dst_T", null);
      e = await startEdge(store);
    });
    after(async () => {
      await e.close();
      await dispose();
    });

    test("every tile of every tileset equals the reference reader's, on the data host", async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const jobs = archives.flatMap((a) => a.ids.map((id) => ({ a, id })));
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const { a, id } = jobs[next++]!;
          const [z, x, y] = tileIdToZxy(id);
          const where = `${a.tree}/${z}/${x}/${y}`;
          const want = await a.reader.getZxy(z, x, y);
          assert.ok(want, `reader has ${where}`);
          const r = await request(e.port, {
            host: DATA,
            path: `/data-versions/2.0/${where}.pbf`,
            headers: { "accept-encoding": "gzip, br" },
            agent,
          });
          assert.equal(r.status, 200, where);
          assert.deepEqual(new Uint8Array(r.body), new Uint8Array(want.data), where);
          assert.notEqual(r.body[0], 0x1f, "served raw, not gzipped");
          assert.equal(r.headers["content-type"], "application/x-protobuf");
          assert.equal(r.headers["content-encoding"], undefined);
          assert.equal(r.headers["cache-control"], IMMUTABLE);
          assert.equal(r.headers["access-control-allow-origin"], "*");
          assert.equal(r.headers.etag, `"${sha(`${sha(a.bytes)}:${id}`)}"`);
        }
      };
      try {
        await Promise.all(Array.from({ length: 8 }, worker));
      } finally {
        agent.destroy();
      }
      assert.ok(jobs.length > 200, `checked ${jobs.length} tiles`);
    });

    test("the channel domain serves the same tiles", async () => {
      const a = archives[0]!;
      const id = a.ids[a.ids.length - 1]!;
      const [z, x, y] = tileIdToZxy(id);
      const r = await get(DOMAIN, `/data-versions/2.0/${a.tree}/${z}/${x}/${y}.pbf`);
      assert.equal(r.status, 200);
      assert.equal(r.headers["x-cejst-distribution"], "dst_T");
      const want = await a.reader.getZxy(z, x, y);
      assert.deepEqual(new Uint8Array(r.body), new Uint8Array(want?.data ?? new ArrayBuffer(0)));
    });

    test("tiles that share bytes in a run still get their own ETag", async () => {
      const a = archives[1]!;
      const [z1, x1, y1] = tileIdToZxy(a.ids[1]!);
      const [z2, x2, y2] = tileIdToZxy(a.ids[2]!);
      const r1 = await get(DATA, `/data-versions/2.0/${a.tree}/${z1}/${x1}/${y1}.pbf`);
      const r2 = await get(DATA, `/data-versions/2.0/${a.tree}/${z2}/${x2}/${y2}.pbf`);
      assert.deepEqual(r1.body, r2.body);
      assert.notEqual(r1.headers.etag, r2.headers.etag);
    });

    test("conditional requests, HEAD and ranges", async () => {
      const a = archives[2]!;
      const [z, x, y] = tileIdToZxy(a.ids[7]!);
      const path = `/data-versions/2.0/${a.tree}/${z}/${x}/${y}.pbf`;
      const full = await get(DATA, path);
      const etag = String(full.headers.etag);
      const again = await get(DATA, path, { "if-none-match": etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.byteLength, 0);
      assert.equal(again.headers.etag, etag);
      const stale = await get(DATA, path, { "if-none-match": `"${"0".repeat(64)}"` });
      assert.equal(stale.status, 200);
      const head = await get(DATA, path, {}, "HEAD");
      assert.equal(head.status, 200);
      assert.equal(head.body.byteLength, 0);
      assert.equal(head.headers["content-length"], String(full.body.byteLength));
      assert.equal(head.headers.etag, etag);
      const part = await get(DATA, path, { range: "bytes=1-3", "if-range": etag });
      assert.equal(part.status, 206);
      assert.deepEqual(part.body, full.body.subarray(1, 4));
    });

    test("404 for a tile the archive lacks, a zoom outside its range, or a non-canonical path", async () => {
      const high = archives[0]!;
      const have = new Set(high.ids);
      let absent: string | undefined;
      // zoom 7 is sparse (only the first two zooms are complete)
      for (let x = 0; x < 128 && absent === undefined; x++) {
        for (let y = 0; y < 128; y++) {
          if (!have.has(zxyToTileId(7, x, y))) {
            absent = `7/${x}/${y}`;
            break;
          }
        }
      }
      assert.ok(absent !== undefined);
      const [z0, x0, y0] = tileIdToZxy(high.ids[0]!);
      const paths = [
        `/data-versions/2.0/${high.tree}/${absent}.pbf`,
        `/data-versions/2.0/${high.tree}/4/0/0.pbf`, // below min zoom
        `/data-versions/2.0/${high.tree}/9/0/0.pbf`, // above max zoom
        `/data-versions/2.0/${high.tree}/5/32/0.pbf`, // x outside the zoom
        `/data-versions/2.0/${high.tree}/0${z0}/${x0}/${y0}.pbf`, // leading zero
        `/data-versions/2.0/${high.tree}/${z0}/${x0}/${y0}.mvt`,
        `/data-versions/2.0/${high.tree}/99999999999/0/0.pbf`,
        `/data-versions/2.1/${high.tree}/${z0}/${x0}/${y0}.pbf`, // unknown version
      ];
      for (const p of paths) {
        const r = await get(DATA, p);
        assert.equal(r.status, 404, p);
        assert.equal(r.headers["cache-control"], "no-store", p);
      }
      const ok = await get(DATA, `/data-versions/2.0/${high.tree}/${z0}/${x0}/${y0}.pbf`);
      assert.equal(ok.status, 200);
    });

    test("a build that still stores .pbf objects serves the stored object", async () => {
      const r = await get(DATA, "/data-versions/1.0/data/score/tiles/high/5/1/2.pbf");
      assert.equal(r.status, 200);
      assert.deepEqual(new Uint8Array(r.body), legacyTile);
      assert.equal(r.headers.etag, `"${sha(legacyTile)}"`);
      assert.equal(r.headers["content-type"], "application/x-protobuf");
      // without archives and without the object: 404, never an error
      const missing = await get(DATA, "/data-versions/1.0/data/score/tiles/high/5/1/3.pbf");
      assert.equal(missing.status, 404);
    });

    test("verify --channel checks a sample of every tile tree against the archive", async () => {
      const http = httpEdgeFetch(`http://127.0.0.1:${e.port}`);
      try {
        const asked: string[] = [];
        const watching: EdgeFetch = async (req) => {
          asked.push(req.path);
          return http(req);
        };
        const clean = await verifyChannel(store, "production", { fetch: watching, domains: [DOMAIN] });
        const tiles = asked.filter((p) => p.endsWith(".pbf"));
        for (const a of archives) {
          const n = tiles.filter((p) => p.startsWith(`/data-versions/2.0/${a.tree}/`)).length;
          assert.equal(n, Math.min(24, a.ids.length), `${a.tree} sampled`);
        }
        assert.deepEqual(
          clean.record.failures.filter((f) => f.path.endsWith(".pbf") || f.path.includes("tile archives")),
          [],
        );
        // the same manifest gives the same sample
        const again: string[] = [];
        const broken = tiles[5] ?? "";
        const faulty: EdgeFetch = async (req) => {
          again.push(req.path);
          const r = await http(req);
          return req.path === broken ? { ...r, sha256: "0".repeat(64) } : r;
        };
        const bad = await verifyChannel(store, "production", { fetch: faulty, domains: [DOMAIN] });
        assert.deepEqual(
          again.filter((p) => p.endsWith(".pbf")),
          tiles,
        );
        assert.equal(bad.ok, false);
        assert.ok(
          bad.record.failures.some((f) => f.path === broken && f.problem.startsWith("sha256")),
          JSON.stringify(bad.record.failures),
        );
      } finally {
        http.close();
      }
    });
  });
}
