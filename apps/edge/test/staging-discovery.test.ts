/**
 * A staging address works from the first request after `deploy-site` commits it, even when
 * the edge never lists the store on a timer; made-up staging names cost at most one
 * listing a second.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { MemoryStore, type Store } from "@cejst/release";
import { type RunningEdge, startEdge } from "./helpers/edge.ts";
import { buildWorld, DOMAIN, type World } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";
import { putDistribution } from "./helpers/world.ts";

/** Counts the store's listings, to see what unknown host names cost. */
class CountingStore extends MemoryStore {
  lists = 0;
  override list(prefix: string) {
    if (prefix === "distributions/") this.lists++;
    return super.list(prefix);
  }
}

let store: CountingStore;
let world: World;
let e: RunningEdge;
before(async () => {
  store = new CountingStore();
  world = await buildWorld(store as Store);
  e = await startEdge(store, { listMs: 0 });
});
after(() => e.close());

const get = (host: string) => request(e.port, { host, path: "/", headers: {}, method: "GET" });

test("a distribution deployed after the edge started is served on its first request", async () => {
  const host = `${"n".repeat(26)}.staging.${DOMAIN}`;
  await putDistribution(store, {
    id: "dst_N",
    site: world.sites.A as string,
    version: "1.0",
    stagingHost: host,
  });
  const r = await get(host);
  assert.equal(r.status, 200);
  assert.equal(r.headers["x-cejst-distribution"], "dst_N");
});

test("unknown staging names list the store at most once a second", async () => {
  const before = store.lists;
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => get(`${String(i).padStart(26, "z")}.staging.${DOMAIN}`)),
  );
  for (const r of replies) assert.equal(r.status, 404);
  assert.ok(store.lists - before <= 1, `listed ${store.lists - before} times for 20 unknown names`);
});
