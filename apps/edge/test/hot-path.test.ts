/**
 * What makes the hot paths cheap, checked by counting store calls: concurrent requests
 * share lookups of the next generation (and still see one stored before they arrived),
 * data-host requests for public versions skip the lookup, and compressed or small bodies
 * are not read again.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryStore, type Store } from "@cejst/release";
import { EdgeHandler, StateKeeper } from "../src/index.ts";
import { buildWorld, DOMAIN, DOMAINS } from "./helpers/fixture.ts";
import { putGeneration } from "./helpers/world.ts";

const DATA = `data.${DOMAIN}`;
const TILES = "/data-versions/2.0/data/score/tiles/high.pmtiles";

/** A store that counts heads of generation keys and gets per key, and can hold heads. */
function counting(inner: Store) {
  const counts = { genHeads: 0, gets: new Map<string, number>() };
  let hold: Promise<void> | undefined;
  const store: Store = {
    putIfAbsent: (k, b, m) => inner.putIfAbsent(k, b, m),
    list: (p, o) => inner.list(p, o),
    deleteProbe: (k) => inner.deleteProbe(k),
    async head(key) {
      if (key.startsWith("control/channels/")) counts.genHeads++;
      // the answer is what the store holds when the call is made, delivered later
      const answer = await inner.head(key);
      if (hold !== undefined) await hold;
      return answer;
    },
    get(key, range) {
      counts.gets.set(key, (counts.gets.get(key) ?? 0) + 1);
      return inner.get(key, range);
    },
  };
  return {
    store,
    counts,
    holdHeads() {
      let release!: () => void;
      hold = new Promise((r) => {
        release = r;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

async function setup() {
  const inner = new MemoryStore();
  await buildWorld(inner);
  const c = counting(inner);
  const keeper = new StateKeeper(c.store, DOMAINS, () => undefined, { listMs: 0 });
  await keeper.refresh();
  const handler = new EdgeHandler(c.store, keeper, DOMAINS, () => undefined);
  return { inner, keeper, handler, ...c };
}

const get = (host: string, target: string, headers: Record<string, string> = {}) => ({
  method: "GET",
  host,
  target,
  headers,
});

describe("edge hot paths", () => {
  test("concurrent requests share generation lookups, and each sees a generation stored before it", async () => {
    const w = await setup();
    const release = w.holdHeads();
    // the first lookup is in flight (and will find nothing) when generation 3 is stored
    const early = w.handler.handle(get(DOMAIN, "/"));
    await new Promise((r) => setImmediate(r));
    await putGeneration(w.inner, "production", 3, "dst_A", { gen: 2, distribution: "dst_B" });
    const late = Array.from({ length: 20 }, () => w.handler.handle(get(DOMAIN, "/")));
    release();
    const early0 = await early;
    const lates = await Promise.all(late);
    assert.equal(early0.headers["x-cejst-distribution"], "dst_B");
    for (const r of lates) assert.equal(r.headers["x-cejst-distribution"], "dst_A");
    // one lookup in flight, one queued for all twenty, plus the walk that found generation 3
    assert.ok(w.counts.genHeads <= 4, `generation lookups: ${w.counts.genHeads}`);
    assert.equal(w.keeper.state.channels.get("production")?.gen, 3);
  });

  test("data-host requests for a public version skip the lookup; other data-host paths do not", async () => {
    const w = await setup();
    for (let i = 0; i < 5; i++) {
      const r = await w.handler.handle(get(DATA, TILES, { range: "bytes=0-99" }));
      assert.equal(r.status, 206);
    }
    assert.equal(w.counts.genHeads, 0);
    // an unreleased version and versions.json still look for a new generation first
    assert.equal((await w.handler.handle(get(DATA, "/data-versions/2.1-rc.1/manifest.json"))).status, 404);
    assert.equal(w.counts.genHeads, 1);
    await w.handler.handle(get(DATA, "/versions.json"));
    assert.equal(w.counts.genHeads, 2);
    // and a version released meanwhile shows on the next request
    await putGeneration(w.inner, "production", 3, "dst_C", { gen: 2, distribution: "dst_B" });
    assert.equal((await w.handler.handle(get(DATA, "/data-versions/2.1-rc.1/manifest.json"))).status, 200);
  });

  test("a compressed page is made once and served without reading the store again", async () => {
    const w = await setup();
    const key = (await w.handler.handle(get(DOMAIN, "/"))).headers.etag;
    assert.ok(typeof key === "string");
    const pageKeys = () => [...w.counts.gets.entries()].filter(([k]) => k.endsWith("/index.html"));
    for (const enc of ["br", "br", "gzip", "gzip", "identity", "identity"]) {
      const r = await w.handler.handle(get(DOMAIN, "/", { "accept-encoding": enc }));
      assert.equal(r.status, 200);
      assert.equal(r.headers["content-encoding"], enc === "identity" ? undefined : enc);
    }
    const reads = pageKeys();
    assert.equal(reads.length, 1);
    assert.equal(reads[0]?.[1], 1, "index.html was read from the store more than once");
  });
});
