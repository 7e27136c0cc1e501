/**
 * The edge over real HTTP on 127.0.0.1: the shared suite (edge-suite.ts) against the fs
 * and memory stores, then behaviours that need a store of their own: graceful shutdown,
 * releasing a candidate with the admin listener, large objects and stalled clients.
 */
import assert from "node:assert/strict";
import { get as httpGet } from "node:http";
import { connect } from "node:net";
import { describe, test } from "node:test";
import { MemoryStore, type Store } from "@cejst/release";
import { type EdgeLogEntry, startAdminServer } from "../src/index.ts";
import { edgeSuite } from "./edge-suite.ts";
import { STORE_KINDS, startEdge } from "./helpers/edge.ts";
import { buildWorld, DOMAIN, noise } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";
import { publishVersion, putDistribution, putGeneration, putSite, sha256 } from "./helpers/world.ts";

const DATA = `data.${DOMAIN}`;
const TILES = "data/score/tiles/high.pmtiles";

for (const kind of STORE_KINDS) edgeSuite(kind);

describe("graceful shutdown", () => {
  test("an in-flight request finishes, then new connections are refused", async () => {
    const inner = new MemoryStore();
    await buildWorld(inner);
    // Holds data reads until released, so the request is provably in flight during close.
    let entered!: () => void;
    const reading = new Promise<void>((r) => {
      entered = r;
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const store: Store = {
      putIfAbsent: (k, b, m) => inner.putIfAbsent(k, b, m),
      head: (k) => inner.head(k),
      list: (p, o) => inner.list(p, o),
      deleteProbe: (k) => inner.deleteProbe(k),
      async get(key, range) {
        if (key.endsWith(".pmtiles")) {
          entered();
          await gate;
        }
        return inner.get(key, range);
      },
    };
    const e = await startEdge(store);
    const inflight = request(e.port, { host: DOMAIN, path: `/data-versions/2.0/${TILES}` });
    await reading;
    const closing = e.edge.close(5000);
    release();
    const r = await inflight;
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 256 * 1024 + 7);
    await closing;
    await assert.rejects(request(e.port, { host: DOMAIN, path: "/" }));
  });
});

describe("release of a candidate, and the admin listener", () => {
  test("the candidate's manifest is 404 on public hosts before release and 200 right after", async () => {
    const store = new MemoryStore();
    await buildWorld(store);
    const e = await startEdge(store);
    const admin = await startAdminServer(e.edge);
    try {
      const path = "/data-versions/2.1-rc.1/manifest.json";
      assert.equal((await request(e.port, { host: DOMAIN, path })).status, 404);
      assert.equal((await request(e.port, { host: DATA, path })).status, 404);
      await putGeneration(store, "production", 3, "dst_C", { gen: 2, distribution: "dst_B" });
      // the very next request on the data host sees the new generation
      assert.equal((await request(e.port, { host: DATA, path })).status, 200);
      const refreshed = await request(admin.port, {
        host: "127.0.0.1",
        path: "/_cejst/refresh",
        method: "POST",
      });
      assert.equal(refreshed.status, 200);
      assert.deepEqual(JSON.parse(refreshed.body.toString()).channels.production, {
        gen: 3,
        distribution: "dst_C",
      });
      assert.equal((await request(e.port, { host: DOMAIN, path })).status, 200);
      assert.equal((await request(e.port, { host: DATA, path })).status, 200);
      const state = await request(admin.port, { host: "127.0.0.1", path: "/_cejst/state" });
      assert.equal(JSON.parse(state.body.toString()).channels.production.gen, 3);
      assert.equal(
        (await request(admin.port, { host: "127.0.0.1", path: "/_cejst/state", method: "DELETE" })).status,
        404,
      );
    } finally {
      await admin.close();
      await e.close();
    }
  });
});

describe("large objects", () => {
  test("bodies over 8 MiB are streamed in chunks, whole or ranged, and an aborted download is harmless", async () => {
    const store = new MemoryStore();
    await buildWorld(store);
    const big = noise(9 * 1024 * 1024 + 123, 77);
    await publishVersion(store, "4.0", { "data/big.zip": big });
    const site = await putSite(store, { "index.html": "<!doctype html>E" });
    const host = `${"e".repeat(26)}.staging.${DOMAIN}`;
    await putDistribution(store, { id: "dst_E", site, version: "4.0", stagingHost: host });
    const e = await startEdge(store);
    try {
      const whole = await request(e.port, { host, path: "/data-versions/4.0/data/big.zip" });
      assert.equal(whole.status, 200);
      assert.equal(whole.headers["content-length"], String(big.length));
      assert.equal(sha256(whole.body), sha256(big));
      const part = await request(e.port, {
        host,
        path: "/data-versions/4.0/data/big.zip",
        headers: { range: "bytes=5-" },
      });
      assert.equal(part.status, 206);
      assert.ok(part.body.equals(Buffer.from(big.subarray(5))));
      // a client that walks away after the first chunk
      await new Promise<void>((ok, fail) => {
        const req = httpGet(
          {
            host: "127.0.0.1",
            port: e.port,
            path: "/data-versions/4.0/data/big.zip",
            headers: { host },
            agent: false,
          },
          (res) => {
            res.once("data", () => {
              req.destroy();
              ok();
            });
          },
        );
        req.on("error", (err) =>
          (err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : fail(err),
        );
      });
      await new Promise((r) => setTimeout(r, 100));
      const cut = e.logs
        .filter((l) => l.type === "access" && l.path === "/data-versions/4.0/data/big.zip")
        .at(-1);
      assert.equal(cut?.completed, false, "the access log records the download as not completed");
      const after = await request(e.port, { host, path: "/config.json" });
      assert.equal(after.status, 200);
    } finally {
      await e.close();
    }
  });

  test("a client that stops reading is disconnected after the idle timeout", async () => {
    const store = new MemoryStore();
    await buildWorld(store);
    const big = noise(9 * 1024 * 1024, 78);
    await publishVersion(store, "4.0", { "data/big.zip": big });
    const site = await putSite(store, { "index.html": "<!doctype html>E" });
    const host = `${"e".repeat(26)}.staging.${DOMAIN}`;
    await putDistribution(store, { id: "dst_E", site, version: "4.0", stagingHost: host });
    const e = await startEdge(store, { idleTimeoutMs: 300 });
    const socket = connect(e.port, "127.0.0.1");
    try {
      socket.pause();
      socket.on("error", () => undefined);
      socket.write(`GET /data-versions/4.0/data/big.zip HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      let entry: EdgeLogEntry | undefined;
      for (let i = 0; i < 100 && entry === undefined; i++) {
        await new Promise((r) => setTimeout(r, 50));
        entry = e.logs.find((l) => l.type === "access" && l.path === "/data-versions/4.0/data/big.zip");
      }
      assert.ok(entry, "the stalled download was closed and logged within 5 s");
      assert.equal(entry.completed, false);
    } finally {
      socket.destroy();
      await e.close();
    }
  });
});

describe("integrity of distribution records", () => {
  test("a distribution whose record names other manifest bytes is ignored, and so is a generation naming it", async () => {
    const store = new MemoryStore();
    await buildWorld(store);
    const host = `${"f".repeat(26)}.staging.${DOMAIN}`;
    const site = await putSite(store, { "index.html": "<!doctype html>F" });
    await putDistribution(store, {
      id: "dst_F",
      site,
      version: "2.0",
      stagingHost: host,
      manifests: { "2.0": `sha256:${"1".repeat(64)}` },
    });
    await putGeneration(store, "production", 3, "dst_F", { gen: 2, distribution: "dst_B" });
    const e = await startEdge(store);
    try {
      assert.equal((await request(e.port, { host, path: "/" })).status, 404);
      const prod = await request(e.port, { host: DOMAIN, path: "/" });
      assert.equal(prod.headers["x-cejst-distribution"], "dst_B");
      assert.equal(prod.headers["x-cejst-generation"], "2");
      assert.ok(e.logs.some((l) => l.msg === "distribution ignored" && l.distribution === "dst_F"));
    } finally {
      await e.close();
    }
  });
});
