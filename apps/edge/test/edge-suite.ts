/**
 * The edge over real HTTP on 127.0.0.1, against one store kind: routing by host, the
 * response classes of rollout.md §1.11, ranges and conditionals, staging protection,
 * the public data host, tract documents from shards, and hostile input. Run by
 * edge.test.ts (fs and memory stores) and s3.test.ts (a Ceph RGW on loopback).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Store } from "@cejst/release";
import { type RunningEdge, type StoreKind, startEdge } from "./helpers/edge.ts";
import {
  BASIC_C,
  buildWorld,
  DOMAIN,
  fileBytes,
  STAGING_A,
  STAGING_B,
  STAGING_C,
  TOKEN_B,
  type World,
} from "./helpers/fixture.ts";
import { type Reply, raw, request } from "./helpers/http.ts";
import { putDistribution, putGeneration, putSite, sha256 } from "./helpers/world.ts";

const DATA = `data.${DOMAIN}`;
const TILES = "data/score/tiles/high.pmtiles";
const CSV = "data/score/csv/full/usa.csv";
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The HTTP behaviour of rollout.md §1.11, against one store kind. */
export function edgeSuite(kind: StoreKind): void {
  describe(`edge over HTTP (${kind.name} store)`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let world: World;
    let e: RunningEdge;
    const get = (
      host: string,
      path: string,
      headers: Record<string, string> = {},
      method = "GET",
    ): Promise<Reply> => request(e.port, { host, path, headers, method });

    before(async () => {
      ({ store, dispose } = await kind.open());
      world = await buildWorld(store);
      e = await startEdge(store, { headersTimeoutMs: 400, requestTimeoutMs: 1000, maxHeaderBytes: 4096 });
    });
    after(async () => {
      await e.close();
      await dispose();
    });

    test("production domain serves the distribution of the latest generation", async () => {
      for (const host of [DOMAIN, `www.${DOMAIN}`, `${DOMAIN.toUpperCase()}:8080`]) {
        const r = await get(host, "/");
        assert.equal(r.status, 200);
        assert.equal(r.headers["x-cejst-distribution"], "dst_B");
        assert.equal(r.headers["x-cejst-generation"], "2");
        assert.match(r.body.toString(), /content="dst_B"/);
        assert.equal(r.headers["content-type"], "text/html; charset=utf-8");
        assert.equal(r.headers["cache-control"], "no-cache");
        assert.equal(r.headers.etag, `"${sha256(r.body)}"`);
      }
    });

    test("site security headers on site hosts", async () => {
      const r = await get(DOMAIN, "/");
      assert.equal(r.headers["x-content-type-options"], "nosniff");
      assert.equal(r.headers["x-frame-options"], "DENY");
      assert.equal(r.headers["referrer-policy"], "strict-origin-when-cross-origin");
      const csp = String(r.headers["content-security-policy"]);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    });

    test("/config.json is the production variant on the domain, staging variant on the staging host", async () => {
      const prod = await get(DOMAIN, "/config.json");
      assert.equal(prod.status, 200);
      assert.equal(prod.headers["cache-control"], "no-cache");
      assert.equal(prod.headers["content-type"], "application/json");
      const pc = JSON.parse(prod.body.toString());
      assert.equal(pc.site.environment, "production");
      assert.equal(pc.data.defaultVersion, "2.0");
      assert.equal(prod.headers.etag, `"${sha256(prod.body)}"`);
      const stg = await get(STAGING_A, "/config.json");
      assert.equal(JSON.parse(stg.body.toString()).site.environment, "staging");
      assert.equal(stg.headers["x-cejst-distribution"], "dst_A");
    });

    test("version files: immutable cache, sha256 ETag, manifest content type, ranges", async () => {
      const r = await get(DOMAIN, `/data-versions/2.0/${TILES}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, fileBytes(world, "2.0", TILES));
      assert.equal(r.headers["content-type"], "application/vnd.pmtiles");
      assert.equal(r.headers["cache-control"], IMMUTABLE);
      assert.equal(r.headers["accept-ranges"], "bytes");
      assert.equal(r.headers.etag, `"${sha256(fileBytes(world, "2.0", TILES))}"`);
      assert.equal(r.headers["content-encoding"], undefined);
      const types: Record<string, string> = {
        [CSV]: "text/csv; charset=utf-8",
        "data/score/downloadable/communities.xlsx":
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "data/score/downloadable/communities.zip": "application/zip",
        "data/score/parquet/usa.parquet": "application/vnd.apache.parquet",
        "api/openapi.json": "application/json",
      };
      for (const [path, type] of Object.entries(types)) {
        const t = await get(DOMAIN, `/data-versions/1.0/${path}`, { "accept-encoding": "identity" });
        assert.equal(t.status, 200, path);
        assert.equal(t.headers["content-type"], type, path);
        assert.deepEqual(t.body, fileBytes(world, "1.0", path));
      }
    });

    test("manifest.json of a committed version is served, immutable", async () => {
      const r = await get(DATA, "/data-versions/1.0/manifest.json");
      assert.equal(r.status, 200);
      assert.equal(r.headers["cache-control"], IMMUTABLE);
      assert.equal(JSON.parse(r.body.toString()).schema, "cejst.manifest/1");
      assert.equal(r.headers.etag, `"${sha256(r.body)}"`);
    });

    test("single Range gives 206 with Content-Range; suffix and open ranges work", async () => {
      const full = fileBytes(world, "2.0", TILES);
      const cases: [string, number, number][] = [
        ["bytes=0-126", 0, 126],
        ["bytes=1000-", 1000, full.length - 1],
        ["bytes=-500", full.length - 500, full.length - 1],
        ["bytes=100-99999999999", 100, full.length - 1],
      ];
      for (const [range, start, end] of cases) {
        const r = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { range });
        assert.equal(r.status, 206, range);
        assert.equal(r.headers["content-range"], `bytes ${start}-${end}/${full.length}`);
        assert.equal(r.headers["content-length"], String(end - start + 1));
        assert.deepEqual(r.body, full.subarray(start, end + 1));
      }
    });

    test("unsatisfiable Range gives 416; malformed, multi-range and huge headers give 200", async () => {
      const size = fileBytes(world, "2.0", TILES).length;
      for (const range of [
        `bytes=${size}-`,
        `bytes=${size + 10}-${size + 20}`,
        "bytes=-0",
        "bytes=99999999999999999999-",
      ]) {
        const r = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { range });
        assert.equal(r.status, 416, range);
        assert.equal(r.headers["content-range"], `bytes */${size}`);
        assert.equal(r.headers["cache-control"], "no-store");
      }
      for (const range of [
        "bytes=0-1,5-6",
        "items=0-1",
        "bytes=abc",
        "bytes=5-1",
        `bytes=${"1".repeat(300)}-`,
      ]) {
        const r = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { range });
        assert.equal(r.status, 200, range);
        assert.equal(r.body.length, size);
      }
    });

    test("If-None-Match gives 304; If-Range with a stale tag gives the whole file", async () => {
      const etag = `"${sha256(fileBytes(world, "2.0", TILES))}"`;
      const r = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { "if-none-match": etag });
      assert.equal(r.status, 304);
      assert.equal(r.body.length, 0);
      assert.equal(r.headers.etag, etag);
      assert.equal(r.headers["cache-control"], IMMUTABLE);
      const any = await get(DOMAIN, "/config.json", {
        "if-none-match": `"nope", W/${(await get(DOMAIN, "/config.json")).headers.etag}`,
      });
      assert.equal(any.status, 304);
      const ok = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { range: "bytes=0-9", "if-range": etag });
      assert.equal(ok.status, 206);
      const stale = await get(DOMAIN, `/data-versions/2.0/${TILES}`, {
        range: "bytes=0-9",
        "if-range": `"${"0".repeat(64)}"`,
      });
      assert.equal(stale.status, 200);
      assert.equal(stale.body.length, fileBytes(world, "2.0", TILES).length);
    });

    test("HEAD has the GET headers and no body", async () => {
      const g = await get(DOMAIN, `/data-versions/2.0/${TILES}`);
      const h = await get(DOMAIN, `/data-versions/2.0/${TILES}`, {}, "HEAD");
      assert.equal(h.status, 200);
      assert.equal(h.body.length, 0);
      for (const k of ["etag", "content-type", "content-length", "cache-control", "x-cejst-distribution"]) {
        assert.equal(h.headers[k], g.headers[k], k);
      }
      const hr = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { range: "bytes=0-9" }, "HEAD");
      assert.equal(hr.status, 206);
      assert.equal(hr.headers["content-length"], "10");
    });

    test("text is compressed when accepted; identity and tiles are not", async () => {
      const plain = fileBytes(world, "1.0", CSV);
      const br = await get(DATA, `/data-versions/1.0/${CSV}`, { "accept-encoding": "gzip, br" });
      assert.equal(br.headers["content-encoding"], "br");
      assert.equal(br.headers.vary, "Accept-Encoding");
      assert.deepEqual(brotliDecompressSync(br.body), plain);
      assert.notEqual(br.headers.etag, `"${sha256(plain)}"`);
      const gz = await get(DATA, `/data-versions/1.0/${CSV}`, { "accept-encoding": "gzip;q=1, br;q=0" });
      assert.equal(gz.headers["content-encoding"], "gzip");
      assert.deepEqual(gunzipSync(gz.body), plain);
      const id = await get(DATA, `/data-versions/1.0/${CSV}`, { "accept-encoding": "identity" });
      assert.equal(id.headers["content-encoding"], undefined);
      assert.deepEqual(id.body, plain);
      const again = await get(DATA, `/data-versions/1.0/${CSV}`, {
        "if-none-match": String(br.headers.etag),
      });
      assert.equal(again.status, 304);
      const tiles = await get(DOMAIN, `/data-versions/2.0/${TILES}`, { "accept-encoding": "gzip, br" });
      assert.equal(tiles.headers["content-encoding"], undefined);
      const html = await get(DOMAIN, "/", { "accept-encoding": "gzip" });
      assert.equal(html.headers["content-encoding"], "gzip");
      assert.match(gunzipSync(html.body).toString(), /dst_B/);
    });

    test("hashed assets: shared by every distribution, immutable", async () => {
      const manifest = JSON.parse(
        Buffer.from(
          (await store.get(`site-builds/${world.sites.A}/site-manifest.json`))?.body ?? [],
        ).toString(),
      );
      const asset = manifest.content.files.find((f: { path: string }) =>
        f.path.startsWith("assets/app-"),
      ).path;
      const r = await get(DOMAIN, `/${asset}`);
      assert.equal(r.status, 200, "distribution B serves distribution A's hashed asset");
      assert.equal(r.headers["cache-control"], IMMUTABLE);
      assert.equal(r.headers["content-type"], "text/javascript; charset=utf-8");
      assert.match(r.body.toString(), /dst_A/);
      const css = await get(DOMAIN, "/assets/shared-00000000.css");
      assert.equal(css.headers["content-type"], "text/css; charset=utf-8");
    });

    test("directories: /x/ serves x/index.html; /x redirects to /x/", async () => {
      const r = await get(DOMAIN, "/explore/");
      assert.equal(r.status, 200);
      assert.match(r.body.toString(), /explore dst_B/);
      const redirect = await get(DOMAIN, "/explore?lang=es");
      assert.equal(redirect.status, 308);
      assert.equal(redirect.headers.location, "/explore/?lang=es");
      const bare = await get(DOMAIN, "/explore");
      assert.equal(bare.headers.location, "/explore/");
    });

    test("site 404 page with status 404 and no-store", async () => {
      const r = await get(DOMAIN, "/no/such/page");
      assert.equal(r.status, 404);
      assert.equal(r.headers["cache-control"], "no-store");
      assert.match(r.body.toString(), /not found dst_B/);
      assert.equal(r.headers["x-cejst-distribution"], "dst_B");
    });

    test("unknown hosts and unknown staging labels get byte-identical 404s", async () => {
      const replies = await Promise.all([
        get("unknown.example", "/"),
        get("other.test", "/config.json"),
        get(`${"z".repeat(26)}.staging.${DOMAIN}`, "/"),
        get(STAGING_B, "/"),
        get("", "/"),
      ]);
      const shape = (r: Reply) => {
        const { date: _d, connection: _c, "keep-alive": _k, ...rest } = r.headers;
        return { status: r.status, headers: rest, body: r.body.toString("hex") };
      };
      for (const r of replies) assert.deepEqual(shape(r), shape(replies[0] as Reply));
      assert.equal(replies[0]?.status, 404);
      assert.equal(replies[0]?.headers["cache-control"], "no-store");
      assert.equal(replies[0]?.headers["x-cejst-distribution"], undefined);
    });

    test("staging host: noindex, no-referrer, robots.txt disallows all", async () => {
      const r = await get(STAGING_A, "/");
      assert.equal(r.status, 200);
      assert.equal(r.headers["x-robots-tag"], "noindex, nofollow");
      assert.equal(r.headers["referrer-policy"], "no-referrer");
      assert.equal(r.headers["x-cejst-generation"], undefined);
      const robots = await get(STAGING_A, "/robots.txt");
      assert.equal(robots.body.toString(), "User-agent: *\nDisallow: /\n");
      const prodRobots = await get(DOMAIN, "/robots.txt");
      assert.equal(prodRobots.body.toString(), "User-agent: *\nAllow: /\n");
    });

    test("staging token: ?token= sets a cookie and redirects; the cookie grants access; wrong token is 404", async () => {
      const r = await get(STAGING_B, `/explore/?token=${TOKEN_B}&lang=es`);
      assert.equal(r.status, 303);
      assert.equal(r.headers.location, "/explore/?lang=es");
      const cookie = String(r.headers["set-cookie"]).split(";")[0] ?? "";
      assert.match(String(r.headers["set-cookie"]), /HttpOnly/);
      const page = await get(STAGING_B, "/explore/", { cookie });
      assert.equal(page.status, 200);
      assert.match(page.body.toString(), /explore dst_B/);
      assert.equal(page.headers["x-cejst-distribution"], "dst_B");
      const wrong = await get(STAGING_B, "/?token=nope");
      assert.equal(wrong.status, 404);
      assert.equal(wrong.headers["x-cejst-distribution"], undefined);
      const badCookie = await get(STAGING_B, "/", { cookie: "cejst_staging=nope" });
      assert.equal(badCookie.status, 404);
    });

    test("staging basic auth (scrypt): 401 without, 200 with the password", async () => {
      const none = await get(STAGING_C, "/");
      assert.equal(none.status, 401);
      assert.match(String(none.headers["www-authenticate"]), /^Basic/);
      const wrong = Buffer.from(`${BASIC_C.user}:wrong`).toString("base64");
      assert.equal((await get(STAGING_C, "/", { authorization: `Basic ${wrong}` })).status, 401);
      const right = Buffer.from(`${BASIC_C.user}:${BASIC_C.password}`).toString("base64");
      const ok = await get(STAGING_C, "/", { authorization: `Basic ${right}` });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers["x-cejst-distribution"], "dst_C");
    });

    test("unreleased candidate: served on its staging host only", async () => {
      const auth = {
        authorization: `Basic ${Buffer.from(`${BASIC_C.user}:${BASIC_C.password}`).toString("base64")}`,
      };
      const path = "/data-versions/2.1-rc.1/manifest.json";
      assert.equal((await get(STAGING_C, path, auth)).status, 200);
      assert.equal((await get(DOMAIN, path)).status, 404);
      assert.equal((await get(DATA, path)).status, 404);
      assert.equal((await get(STAGING_A, path)).status, 404, "another staging host does not serve it");
    });

    test("tombstoned and absent versions, and unlisted paths, are 404", async () => {
      for (const path of [
        "/data-versions/3.0/manifest.json",
        "/data-versions/9.9/manifest.json",
        "/data-versions/1.0/not-listed.csv",
        "/data-versions/1.0/",
        "/data-versions/",
      ]) {
        const r = await get(DATA, path);
        assert.equal(r.status, 404, path);
        assert.equal(r.headers["cache-control"], "no-store");
      }
    });

    test("data host: public versions only, CORS, versions.json, nothing else", async () => {
      const r = await get(DATA, `/data-versions/1.0/${TILES}`, {
        origin: "https://elsewhere.example",
        range: "bytes=0-3",
      });
      assert.equal(r.status, 206);
      assert.equal(r.headers["access-control-allow-origin"], "*");
      assert.match(String(r.headers["access-control-expose-headers"]), /Content-Range/);
      assert.match(String(r.headers["access-control-expose-headers"]), /ETag/);
      assert.equal(r.headers["x-cejst-distribution"], undefined);
      assert.equal(r.headers["content-security-policy"], undefined);
      const pre = await get(
        DATA,
        `/data-versions/1.0/${TILES}`,
        { origin: "https://x.example", "access-control-request-headers": "range" },
        "OPTIONS",
      );
      assert.equal(pre.status, 204);
      assert.match(String(pre.headers["access-control-allow-headers"]), /Range/);
      assert.match(String(pre.headers["access-control-allow-methods"]), /HEAD/);
      const versions = await get(DATA, "/versions.json");
      assert.equal(versions.headers["cache-control"], "public, max-age=60");
      const list = JSON.parse(versions.body.toString()).versions.map((v: { version: string }) => v.version);
      assert.deepEqual(list, ["1.0", "2.0"]);
      const v1 = JSON.parse(versions.body.toString()).versions[0];
      assert.deepEqual(v1.firstPublic, { channel: "production", gen: 1 });
      for (const path of ["/", "/config.json", "/index.html", "/assets/shared-00000000.css"]) {
        assert.equal((await get(DATA, path)).status, 404, path);
      }
    });

    test("tract document is cut out of its county shard, with its own ETag", async () => {
      const r = await get(DATA, "/data-versions/2.0/api/tracts/01001020200.json");
      assert.equal(r.status, 200);
      const doc = JSON.parse(r.body.toString());
      assert.deepEqual(doc, { geoid: "01001020200", version: "2.0", disadvantaged: false });
      assert.equal(r.headers.etag, `"${sha256(r.body)}"`);
      assert.equal(r.headers["content-type"], "application/json");
      assert.equal(r.headers["cache-control"], IMMUTABLE);
      const other = await get(DATA, "/data-versions/2.0/api/tracts/01001020100.json");
      assert.notEqual(other.headers.etag, r.headers.etag);
      assert.equal((await get(DATA, "/data-versions/2.0/api/tracts/01001999999.json")).status, 404);
      assert.equal((await get(DATA, "/data-versions/2.0/api/tracts/02001020100.json")).status, 404);
      const shard = await get(DATA, "/data-versions/2.0/api/tracts/01001.json");
      assert.equal(shard.status, 200, "the shard itself is a listed file");
      const cached = await get(DATA, "/data-versions/2.0/api/tracts/01001020200.json", {
        "if-none-match": String(r.headers.etag),
      });
      assert.equal(cached.status, 304);
    });

    test("methods other than GET and HEAD get 405", async () => {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const r = await get(DOMAIN, "/", {}, method);
        assert.equal(r.status, 405, method);
        assert.equal(r.headers.allow, "GET, HEAD");
      }
      assert.equal((await get(DOMAIN, "/", {}, "OPTIONS")).status, 405);
      assert.equal((await get(DATA, "/versions.json", {}, "DELETE")).status, 405);
    });

    test("path traversal and encoded tricks never reach another key", async () => {
      const targets = [
        "/../distributions/dst_A/record.json",
        "/data-versions/1.0/../../control/channels/production/0000000001.json",
        "/data-versions/1.0/%2e%2e/%2e%2e/distributions/dst_A/record.json",
        "/data-versions/1.0/%2E%2E%2Fmanifest.json",
        "/data-versions%2f1.0%2fmanifest.json",
        "/data-versions/1.0%2fmanifest.json",
        "/data-versions/1.0/data%5cscore%5ccsv%5cfull%5cusa.csv",
        "/data-versions/1.0/data\\score\\csv\\full\\usa.csv",
        "/data-versions/1.0/manifest.json%00.csv",
        "/data-versions//1.0/manifest.json",
        "/%",
        "/%zz",
        "/distributions/dst_A/record.json",
        "/control/channels/production/0000000001.json",
        "/site-builds/x/site-manifest.json",
        "/./config.json",
      ];
      for (const path of targets) {
        const r = await raw(e.port, `GET ${path} HTTP/1.1\r\nHost: ${DATA}\r\nConnection: close\r\n\r\n`);
        const status = Number(r.slice(9, 12));
        assert.ok(status === 400 || status === 404, `${path} → ${status}`);
        assert.doesNotMatch(r, /cejst\.(distribution|generation|manifest)/, path);
      }
      const nul = await raw(
        e.port,
        Buffer.from(`GET /config.json\0 HTTP/1.1\r\nHost: ${DOMAIN}\r\n\r\n`, "latin1"),
      );
      assert.match(nul, /^HTTP\/1\.1 400/);
    });

    test("oversized request head gets 431", async () => {
      const r = await raw(e.port, `GET / HTTP/1.1\r\nHost: ${DOMAIN}\r\nX-Big: ${"a".repeat(8000)}\r\n\r\n`);
      assert.match(r, /^HTTP\/1\.1 431/);
    });

    test("a client that never finishes its headers is cut off with 408", async () => {
      const r = await raw(e.port, `GET / HTTP/1.1\r\nHost: ${DOMAIN}\r\n`, { timeoutMs: 5000 });
      assert.match(r, /^HTTP\/1\.1 408/);
    });

    test("one JSON access log entry per request, staging hosts masked", async () => {
      const before = e.logs.length;
      await get(DOMAIN, "/config.json");
      await get(STAGING_A, "/?q=secret");
      await new Promise((r) => setTimeout(r, 50));
      const lines = e.logs.slice(before).filter((l) => l.type === "access");
      assert.equal(lines.length, 2);
      assert.equal(lines[0]?.status, 200);
      assert.equal(lines[0]?.distribution, "dst_B");
      assert.equal(lines[0]?.gen, 2);
      assert.equal(lines[0]?.path, "/config.json");
      assert.equal(lines[1]?.host, "<staging>");
      assert.equal(lines[1]?.path, "/");
      assert.doesNotMatch(JSON.stringify(lines), /a{26}|secret/);
    });

    test("a new generation takes effect for the next request; a broken chain is ignored", async () => {
      const r0 = await get(DOMAIN, "/");
      assert.equal(r0.headers["x-cejst-distribution"], "dst_B");
      await putGeneration(store, "production", 3, "dst_A", { gen: 2, distribution: "dst_B" });
      const r1 = await get(DOMAIN, "/");
      assert.equal(r1.headers["x-cejst-distribution"], "dst_A");
      assert.equal(r1.headers["x-cejst-generation"], "3");
      assert.match(r1.body.toString(), /dst_A/);
      // names the wrong previous distribution: ignored, production stays at 3
      await putGeneration(store, "production", 4, "dst_B", { gen: 3, distribution: "dst_C" });
      const r2 = await get(DOMAIN, "/");
      assert.equal(r2.headers["x-cejst-generation"], "3");
      assert.ok(e.logs.some((l) => l.msg === "generation ignored"));
      // the public set only grows: 2.0 stays public after rolling back to A
      assert.equal((await get(DATA, `/data-versions/2.0/${TILES}`, { range: "bytes=0-0" })).status, 206);
    });

    test("a new distribution's staging host is served from its first request", async () => {
      const host = `${"d".repeat(26)}.staging.${DOMAIN}`;
      const site = await putSite(store, { "index.html": "<!doctype html>dst_D" });
      await putDistribution(store, { id: "dst_D", site, version: "2.0", stagingHost: host });
      // Unknown staging names list the store at most once a second; earlier tests asked some.
      await new Promise((ok) => setTimeout(ok, 1100));
      const r = await get(host, "/");
      assert.equal(r.status, 200);
      assert.equal(r.headers["x-cejst-distribution"], "dst_D");
      await e.edge.refresh();
      assert.equal((await get(host, "/")).headers["x-cejst-distribution"], "dst_D");
    });
  });
}
