/**
 * Our PMTiles archives as a browser map reads them: MapLibre GL (from node_modules) with the
 * pmtiles protocol, in headless Chromium with software WebGL, fetching the archives over
 * loopback with HTTP range requests. The test reads back pixels: the centre of a disadvantaged
 * tract has the disadvantaged fill colour, the centre of a tract that is not has the other
 * fill, at a high zoom (z11, high tileset) and at a low zoom (z5, low tileset).
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Feature } from "geojson";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildTileArchive } from "../src/index.ts";

const CHROMIUM = "/usr/bin/chromium";
/** The page's globals, as seen from the functions evaluated in it (this package has no DOM types). */
declare const window: {
  ready?: boolean;
  mapErrors: string[];
  centrePixel(lon: number, lat: number, zoom: number): Promise<Rgb>;
};
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
const modules = fileURLToPath(new URL("../../../node_modules/", import.meta.url));

/** The identified fill of the web app (apps/web/src/map/style.ts) and a grey for the rest. */
const IDENTIFIED: Rgb = [0x00, 0x50, 0xd8];
const NOT_IDENTIFIED: Rgb = [0xd9, 0xd9, 0xd9];
const BACKGROUND: Rgb = [0xff, 0xff, 0xff];
type Rgb = [number, number, number];

/** A 4 × 3 grid of tract-sized squares (0.05°) near Baltimore; every third one identified. */
const TRACTS = Array.from({ length: 12 }, (_, i) => {
  const lon = -76.7 + (i % 4) * 0.05;
  const lat = 39.25 + Math.floor(i / 4) * 0.05;
  return { geoid: `24510${String(100100 + i).padStart(6, "0")}`, lon, lat, identified: i % 3 === 0 };
});

/** Two dissolved buckets as in the low tileset: mostly identified (1.0) and mostly not (0.2). */
const BUCKETS = [
  { lon: -84, lat: 35, score: 1 },
  { lon: -78, lat: 35, score: 0.2 },
];

function square(lon: number, lat: number, half: number): Feature["geometry"] {
  return {
    type: "Polygon",
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  };
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head>
<body><div id="map"></div>
<script src="/pmtiles/pmtiles.js"></script>
<script type="module">
import * as maplibregl from "/maplibre/maplibre-gl.mjs";
maplibregl.setWorkerUrl("/maplibre/maplibre-gl-worker.mjs");
maplibregl.addProtocol("pmtiles", new pmtiles.Protocol().tile);
const origin = location.origin;
const map = new maplibregl.Map({
  container: "map",
  attributionControl: false,
  fadeDuration: 0,
  canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
  center: [-76.65, 39.3],
  zoom: 11,
  style: {
    version: 8,
    sources: {
      high: { type: "vector", url: "pmtiles://" + origin + "/usa_high.pmtiles" },
      low: { type: "vector", url: "pmtiles://" + origin + "/usa_low.pmtiles" },
    },
    layers: [
      { id: "bg", type: "background", paint: { "background-color": "rgb(${BACKGROUND.join(",")})" } },
      { id: "low", type: "fill", source: "low", "source-layer": "blocks", maxzoom: 6,
        filter: [">", ["get", "SCORE"], 0.6], paint: { "fill-color": "rgb(${IDENTIFIED.join(",")})", "fill-antialias": false } },
      { id: "low-rest", type: "fill", source: "low", "source-layer": "blocks", maxzoom: 6,
        filter: ["<=", ["get", "SCORE"], 0.6], paint: { "fill-color": "rgb(${NOT_IDENTIFIED.join(",")})", "fill-antialias": false } },
      { id: "high", type: "fill", source: "high", "source-layer": "blocks", minzoom: 6,
        filter: ["==", ["get", "SN_C"], true], paint: { "fill-color": "rgb(${IDENTIFIED.join(",")})", "fill-antialias": false } },
      { id: "high-rest", type: "fill", source: "high", "source-layer": "blocks", minzoom: 6,
        filter: ["==", ["get", "SN_C"], false], paint: { "fill-color": "rgb(${NOT_IDENTIFIED.join(",")})", "fill-antialias": false } },
    ],
  },
});
map.on("error", (e) => { window.mapErrors.push(String(e.error?.message ?? e.error)); });
window.mapErrors = [];
window.map = map;
/** Jumps to a place, waits until every tile is drawn, and reads the pixel at the canvas centre. */
window.centrePixel = (lon, lat, zoom) => new Promise((resolve) => {
  map.jumpTo({ center: [lon, lat], zoom });
  map.once("idle", () => {
    const canvas = map.getCanvas();
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    const px = new Uint8Array(4);
    gl.readPixels(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    resolve([px[0], px[1], px[2]]);
  });
  map.triggerRepaint();
});
map.once("load", () => { window.ready = true; });
</script></body></html>`;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".css": "text/css",
  ".pmtiles": "application/vnd.pmtiles",
};

let dir = "";
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let base = "";

/** Static files with single byte ranges, which the pmtiles reader needs. */
function serve(files: (path: string) => string | undefined): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/") {
        res.writeHead(200, { "content-type": TYPES[".html"] });
        res.end(PAGE);
        return;
      }
      const path = files(url.pathname);
      const info = path === undefined ? undefined : await stat(path).catch(() => undefined);
      if (path === undefined || info === undefined || !info.isFile()) {
        res.writeHead(404);
        res.end();
        return;
      }
      const type = TYPES[extname(path)] ?? "application/octet-stream";
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (!range) {
        res.writeHead(200, { "content-type": type, "content-length": info.size, "accept-ranges": "bytes" });
        res.end(await readFile(path));
        return;
      }
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : info.size - 1, info.size - 1);
      const length = Math.max(0, end - start + 1);
      const buffer = Buffer.alloc(length);
      const handle = await open(path, "r");
      try {
        await handle.read(buffer, 0, length, start);
      } finally {
        await handle.close();
      }
      res.writeHead(206, {
        "content-type": type,
        "content-length": length,
        "content-range": `bytes ${start}-${end}/${info.size}`,
      });
      res.end(buffer);
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
}

before(
  async () => {
    if (skip) return;
    dir = await mkdtemp(join(tmpdir(), "cejst-render-"));
    await buildTileArchive({
      features: TRACTS.map((t) => ({
        type: "Feature",
        properties: { GEOID10: t.geoid, SN_C: t.identified, SN_GRAND: false },
        geometry: square(t.lon, t.lat, 0.025),
      })),
      layer: "blocks",
      minZoom: 5,
      maxZoom: 11,
      sink: join(dir, "usa_high.pmtiles"),
    });
    await buildTileArchive({
      features: BUCKETS.map((b) => ({
        type: "Feature",
        properties: { SCORE: b.score },
        geometry: square(b.lon, b.lat, 1.5),
      })),
      layer: "blocks",
      minZoom: 0,
      maxZoom: 7,
      sink: join(dir, "usa_low.pmtiles"),
    });
    server = serve((p) => {
      const clean = normalize(p);
      if (clean.startsWith("/maplibre/"))
        return join(modules, "maplibre-gl/dist", clean.slice("/maplibre/".length));
      if (clean === "/pmtiles/pmtiles.js") return join(modules, "pmtiles/dist/pmtiles.js");
      if (clean === "/usa_high.pmtiles" || clean === "/usa_low.pmtiles") return join(dir, clean.slice(1));
      return undefined;
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--enable-unsafe-swiftshader",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 400, height: 300 }, deviceScaleFactor: 1 });
    await page.goto(base);
    await page.waitForFunction(() => window.ready === true, null, {
      timeout: 60_000,
    });
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function centrePixel(lon: number, lat: number, zoom: number): Promise<Rgb> {
  assert.ok(page);
  return page.evaluate(([x, y, z]) => window.centrePixel(x, y, z), [lon, lat, zoom] as const);
}

function assertColour(actual: Rgb, expected: Rgb, what: string): void {
  const off = actual.some((v, i) => Math.abs(v - (expected[i] as number)) > 3);
  assert.ok(!off, `${what}: expected rgb(${expected.join(",")}), got rgb(${actual.join(",")})`);
}

test("high zoom (z11): identified tracts have the identified fill, the others do not", {
  skip,
  timeout: 120_000,
}, async () => {
  const identified = TRACTS.filter((t) => t.identified);
  const others = TRACTS.filter((t) => !t.identified);
  for (const t of [identified[0]!, identified[1]!, others[0]!, others[1]!]) {
    const pixel = await centrePixel(t.lon, t.lat, 11);
    assertColour(pixel, t.identified ? IDENTIFIED : NOT_IDENTIFIED, `tract ${t.geoid} at z11`);
  }
  // Off the grid there is no tract: the background shows, so the fills above came from the tiles.
  assertColour(await centrePixel(-76.2, 39.0, 11), BACKGROUND, "outside every tract");
  const errors = await page?.evaluate(() => window.mapErrors);
  assert.deepEqual(errors, []);
});

test("high zoom (z8, simplified tiles): the tract centres keep their fills", {
  skip,
  timeout: 120_000,
}, async () => {
  const a = TRACTS.find((t) => t.identified)!;
  const b = TRACTS.find((t) => !t.identified)!;
  assertColour(await centrePixel(a.lon, a.lat, 8), IDENTIFIED, `tract ${a.geoid} at z8`);
  assertColour(await centrePixel(b.lon, b.lat, 8), NOT_IDENTIFIED, `tract ${b.geoid} at z8`);
});

test("low zoom (z5): the mostly identified bucket is filled as identified, the other is not", {
  skip,
  timeout: 120_000,
}, async () => {
  for (const b of BUCKETS) {
    const pixel = await centrePixel(b.lon, b.lat, 5);
    assertColour(pixel, b.score > 0.6 ? IDENTIFIED : NOT_IDENTIFIED, `bucket SCORE ${b.score} at z5`);
  }
  assertColour(await centrePixel(-90, 45, 5), BACKGROUND, "outside every bucket");
});
