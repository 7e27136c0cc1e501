import assert from "node:assert/strict";
import { test } from "node:test";
import { type EdgeRequest, resolve } from "./resolve.ts";
import type { DistributionInfo, EdgeDomains, EdgeState, FileEntry, SiteFile, VersionInfo } from "./types.ts";

const H = (c: string) => c.repeat(64);
const inline = (text: string, c: string) => ({ body: new TextEncoder().encode(text), sha256: H(c) });
const file = (c: string, bytes = 10): FileEntry => ({ sha256: H(c), bytes });

function version(id: string): VersionInfo {
  return {
    id,
    files: new Map([
      ["tiles/high.pmtiles", file("1")],
      ["api/tracts/01001.json", file("2")],
    ]),
    manifest: inline("{}", "3"),
  };
}

function dist(id: string, v: string, stagingHost: string): DistributionInfo {
  const files = new Map<string, SiteFile>([
    ["index.html", { ...file("4"), immutable: false }],
    ["404.html", { ...file("5"), immutable: false }],
    ["assets/app-1.js", { ...file("6"), immutable: true }],
  ]);
  return {
    id,
    site: { hex: H("7"), files, notFound: "404.html" },
    version: v,
    offers: [{ version: v }],
    configs: { staging: inline("staging", "8"), production: inline("production", "9") },
    stagingHost,
    stagingAuth: null,
  };
}

const DOMAINS: EdgeDomains = {
  channels: { production: ["example.org"] },
  stagingBase: "staging.example.org",
  dataHost: "data.example.org",
};
const STAGE = `${"s".repeat(26)}.staging.example.org`;

const STATE: EdgeState = {
  channels: new Map([["production", { channel: "production", gen: 7, distribution: "dst_A" }]]),
  distributions: new Map([
    ["dst_A", dist("dst_A", "1.0", "a.staging.example.org")],
    ["dst_C", dist("dst_C", "2.0-rc.1", STAGE)],
  ]),
  stagingHosts: new Map([
    ["a.staging.example.org", "dst_A"],
    [STAGE, "dst_C"],
  ]),
  versions: new Map([
    ["1.0", version("1.0")],
    ["2.0-rc.1", version("2.0-rc.1")],
  ]),
  publicVersions: new Map([["1.0", { version: "1.0", firstPublic: { channel: "production", gen: 1 } }]]),
  assets: new Map([["assets/app-1.js", { ...file("6"), immutable: true }]]),
  versionsJson: inline("[]", "a"),
  refreshedAt: 0,
};

const req = (host: string, target: string, method = "GET"): EdgeRequest => ({
  method,
  host,
  target,
  headers: {},
});

test("a channel domain resolves to its latest generation's distribution", () => {
  const o = resolve(STATE, DOMAINS, req("Example.org:443", "/"));
  assert.equal(o.kind, "serve");
  assert.deepEqual(o.scope, { kind: "channel", channel: "production", gen: 7, distribution: "dst_A" });
  assert.ok(
    o.kind === "serve" && o.body.kind === "object" && o.body.key === `site-builds/${H("7")}/index.html`,
  );
  assert.ok(o.kind === "serve" && o.cache === "no-cache");
});

test("config.json picks the variant by host kind", () => {
  const prod = resolve(STATE, DOMAINS, req("example.org", "/config.json"));
  const stage = resolve(STATE, DOMAINS, req("a.staging.example.org", "/config.json"));
  assert.ok(prod.kind === "serve" && prod.body.kind === "inline");
  assert.equal(new TextDecoder().decode(prod.body.object.body), "production");
  assert.ok(stage.kind === "serve" && stage.body.kind === "inline");
  assert.equal(new TextDecoder().decode(stage.body.object.body), "staging");
});

test("data files map to their version folder; unreleased versions only on their own staging host", () => {
  const o = resolve(STATE, DOMAINS, req("data.example.org", "/data-versions/1.0/tiles/high.pmtiles"));
  assert.ok(o.kind === "serve" && o.body.kind === "object");
  assert.equal(o.body.key, "data-versions/1.0/tiles/high.pmtiles");
  assert.equal(o.body.contentType, "application/vnd.pmtiles");
  assert.equal(o.cache, "immutable");
  assert.equal(
    resolve(STATE, DOMAINS, req("data.example.org", "/data-versions/2.0-rc.1/tiles/high.pmtiles")).kind,
    "not-found",
  );
  assert.equal(
    resolve(STATE, DOMAINS, req(STAGE, "/data-versions/2.0-rc.1/tiles/high.pmtiles")).kind,
    "serve",
  );
  const other = resolve(
    STATE,
    DOMAINS,
    req("a.staging.example.org", "/data-versions/2.0-rc.1/tiles/high.pmtiles"),
  );
  assert.ok(other.kind === "serve" && other.status === 404, "another distribution answers with its 404 page");
});

test("a tract address resolves to its county shard", () => {
  const o = resolve(
    STATE,
    DOMAINS,
    req("data.example.org", "/data-versions/1.0/api/tracts/01001020100.json"),
  );
  assert.ok(o.kind === "serve" && o.body.kind === "tract");
  assert.equal(o.body.shardKey, "data-versions/1.0/api/tracts/01001.json");
  assert.equal(o.body.geoid, "01001020100");
  const noShard = resolve(
    STATE,
    DOMAINS,
    req("data.example.org", "/data-versions/1.0/api/tracts/02001020100.json"),
  );
  assert.equal(noShard.kind, "not-found");
});

test("unknown hosts and labels share one outcome with an unknown scope", () => {
  for (const host of ["nope.org", "x.staging.example.org", "", "bad host"]) {
    assert.deepEqual(resolve(STATE, DOMAINS, req(host, "/")), {
      kind: "not-found",
      scope: { kind: "unknown" },
    });
  }
  assert.deepEqual(resolve(STATE, DOMAINS, req("nope.org", "/", "DELETE")).scope, { kind: "unknown" });
});

test("methods, preflight and bad targets", () => {
  assert.equal(resolve(STATE, DOMAINS, req("example.org", "/", "POST")).kind, "method-not-allowed");
  assert.equal(resolve(STATE, DOMAINS, req("data.example.org", "/", "OPTIONS")).kind, "preflight");
  assert.equal(resolve(STATE, DOMAINS, req("example.org", "/%2e%2e/x")).kind, "bad-request");
  assert.equal(resolve(STATE, DOMAINS, req("example.org", "/", "HEAD")).kind, "serve");
});

test("hashed assets come from the shared folder; site 404 page otherwise", () => {
  const a = resolve(STATE, DOMAINS, req("example.org", "/assets/app-1.js"));
  assert.ok(a.kind === "serve" && a.body.kind === "object" && a.body.key === "site-assets/assets/app-1.js");
  assert.ok(a.kind === "serve" && a.cache === "immutable");
  const missing = resolve(STATE, DOMAINS, req("example.org", "/nope"));
  assert.ok(missing.kind === "serve" && missing.status === 404 && missing.cache === "no-store");
});

test("staging robots.txt disallows everything", () => {
  const o = resolve(STATE, DOMAINS, req(STAGE, "/robots.txt"));
  assert.ok(o.kind === "serve" && o.body.kind === "inline");
  assert.equal(new TextDecoder().decode(o.body.object.body), "User-agent: *\nDisallow: /\n");
});
