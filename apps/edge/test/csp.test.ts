/**
 * The Content-Security-Policy follows each distribution's own config: a site whose
 * `config.json` names an address geocoder may call that origin and no other; every other
 * distribution keeps `connect-src 'self'`.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { MemoryStore } from "@cejst/release";
import { configConnectOrigins } from "../src/state/records.ts";
import { type RunningEdge, startEdge } from "./helpers/edge.ts";
import { buildWorld, DOMAIN, STAGING_A, type World } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";
import { putDistribution } from "./helpers/world.ts";

const STAGING_G = `${"g".repeat(26)}.staging.${DOMAIN}`;
const GEOCODER = "https://geocode.example.org:8443/search?q={query}&format=json";

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

test("configConnectOrigins: the geocoder's origin, nothing for absent, relative or non-http URLs", () => {
  assert.deepEqual(configConnectOrigins("c", enc({ geocoder: { url: GEOCODER } })), [
    "https://geocode.example.org:8443",
  ]);
  assert.deepEqual(configConnectOrigins("c", enc({})), []);
  assert.deepEqual(configConnectOrigins("c", enc({ geocoder: null })), []);
  assert.deepEqual(configConnectOrigins("c", enc({ geocoder: { url: "/geocode?q={query}" } })), []);
  assert.deepEqual(configConnectOrigins("c", enc({ geocoder: { url: "javascript:alert({query})" } })), []);
});

let e: RunningEdge;
let world: World;
before(async () => {
  const store = new MemoryStore();
  world = await buildWorld(store);
  await putDistribution(store, {
    id: "dst_G",
    site: world.sites.A as string,
    version: "1.0",
    stagingHost: STAGING_G,
    geocoder: GEOCODER,
  });
  e = await startEdge(store);
});
after(() => e.close());

const csp = async (host: string) =>
  String(
    (await request(e.port, { host, path: "/", headers: {}, method: "GET" })).headers[
      "content-security-policy"
    ],
  );

test("a distribution with a geocoder may connect to its origin only", async () => {
  const policy = await csp(STAGING_G);
  assert.match(policy, /connect-src 'self' https:\/\/geocode\.example\.org:8443(;|$)/);
  assert.match(policy, /script-src 'self'(;|$)/, "nothing else is widened");
});

test("distributions without a geocoder keep connect-src 'self'", async () => {
  for (const host of [DOMAIN, STAGING_A]) {
    const policy = await csp(host);
    assert.match(policy, /connect-src 'self'(;|$)/, host);
    assert.doesNotMatch(policy, /geocode\.example\.org/, host);
  }
});
