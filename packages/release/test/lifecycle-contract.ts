import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { approve, listApprovals } from "../src/approve.ts";
import { readAudit } from "../src/audit-log.ts";
import { sha256Digest, sha256Hex } from "../src/bytes.ts";
import { canonicalJson } from "../src/canonical-json.ts";
import { readChannel, releaseChannel } from "../src/channels.ts";
import { deploySite } from "../src/deploy-site.ts";
import type { EdgeReply } from "../src/edge-fetch.ts";
import { createFreeze } from "../src/freeze.ts";
import { snapshotInputs } from "../src/inputs-snapshot.ts";
import { isTombstone, manifestDigest } from "../src/manifest.ts";
import { promote } from "../src/promote.ts";
import { publish, readManifest } from "../src/publish.ts";
import type { Store } from "../src/store.ts";
import { latestVerification } from "../src/verification-record.ts";
import { verifyChannel, verifyDistribution } from "../src/verify-edge.ts";
import { freezeLabel, inputSet, makeBuild } from "./builds.ts";
import { storeEdge } from "./mocks/store-edge.ts";

const actor = { name: "Life Cycle", email: "lc@example.org" };
const enc = new TextEncoder();
const sites: string[] = [];
after(async () => {
  for (const s of sites) await rm(s, { recursive: true, force: true });
});

async function siteDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cejst-release-site-"));
  sites.push(dir);
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), "<!doctype html><p>x</p>\n");
  await writeFile(join(dir, "assets", "app-9f8e.js"), "export {};\n");
  return dir;
}

/** Publishes and approves `version` (label from the id) with a report against `baseline`. */
async function approved(
  store: Store,
  version: string,
  baseline: { version: string; manifest: string } | null,
) {
  const label = version.replace(/-rc\.\d+$/, "");
  const build = await makeBuild(label, await freezeLabel(store, label), version);
  const { digest } = await publish(store, { version, buildDir: build.dir });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline,
    candidate: { version, manifest: digest },
    files: [],
  };
  const report = sha256Digest(canonicalJson(index));
  await store.putIfAbsent(`reports/${report.slice(7)}/bundle.json`, enc.encode(JSON.stringify(index)), {});
  await approve(store, { version, report, decision: "approved", approver: actor });
  return { version, manifest: digest, build };
}

/**
 * The lifecycle commands against one store driver: verification records through an edge,
 * release requiring them, freeze compare-and-swap, promotion, input sets.
 */
export function lifecycleContract(driver: string, open: () => Promise<Store>): void {
  const t = (name: string, fn: () => Promise<void>) => test(`${driver}: ${name}`, fn);

  t(
    "verify a distribution through the edge: a passing record lets release go; the channel verifies after",
    async () => {
      const store = await open();
      const v1 = await approved(store, "1.0", null);
      const { record: d } = await deploySite(store, {
        dataVersion: "1.0",
        siteDir: await siteDir(),
        stagingBase: "staging.test",
        offers: [],
        actor,
      });
      const fetch = storeEdge(store, {
        stagingBase: "staging.test",
        channel: { name: "production", domains: ["example.test"] },
      });
      await assert.rejects(
        releaseChannel(store, { channel: "production", distribution: d.id, actor }),
        /none was recorded/,
      );
      const r = await verifyDistribution(store, d.id, { fetch, actor });
      assert.equal(r.ok, true, JSON.stringify(r.record.failures));
      // config, manifest, 5 data files + SHA256SUMS, 2 site files, the staging robots.txt
      assert.equal(r.record.counts.files, 11);
      const stored = await latestVerification(store, d.id);
      assert.deepEqual(stored, r.record, "the record read back is the one written");
      const g = await releaseChannel(store, { channel: "production", distribution: d.id, actor });
      assert.equal(g.verification, r.record.id);
      const c = await verifyChannel(store, "production", { fetch, actor, domains: ["example.test"] });
      assert.equal(c.ok, true, JSON.stringify(c.record.failures));
      assert.deepEqual(c.record.target, {
        kind: "channel",
        channel: "production",
        gen: 1,
        distribution: d.id,
      });
      assert.equal(c.record.edge.generation, 1);
      assert.equal((await latestVerification(store, "production"))?.id, c.record.id);
      const events: string[] = [];
      for await (const { event } of readAudit(store)) events.push(event.event);
      assert.deepEqual(events.slice(-4), ["refused", "verify.passed", "release.committed", "verify.passed"]);
      assert.ok(v1);
    },
  );

  t(
    "verify reports each edge fault by path, the first file's too, and a failed record refuses release",
    async () => {
      const store = await open();
      await approved(store, "1.0", null);
      await approved(store, "2.0-rc.1", null);
      const { record: d } = await deploySite(store, {
        dataVersion: "1.0",
        siteDir: await siteDir(),
        stagingBase: "staging.test",
        offers: [],
        actor,
      });
      const m = await readManifest(store, "1.0");
      assert.ok(m !== undefined && !isTombstone(m));
      const paths = m.content.files.map((f) => f.path);
      const first = `/data-versions/1.0/${paths[0]}`;
      const faults = (q: { path: string; host: string }, r: EdgeReply): EdgeReply => {
        if (q.path === first) return { ...r, sha256: "0".repeat(64) };
        if (q.path === `/data-versions/1.0/${paths[1]}`)
          return { ...r, headers: { ...r.headers, "content-type": "text/html" } };
        if (q.path === `/data-versions/1.0/${paths[2]}`)
          return { ...r, headers: { ...r.headers, "cache-control": "max-age=60" } };
        if (q.path === `/data-versions/1.0/${paths[3]}`) return { ...r, status: 404 };
        if (q.path === "/config.json") return { ...r, headers: { ...r.headers, "x-robots-tag": "all" } };
        // A candidate nobody released must never be served.
        if (q.path === "/data-versions/2.0-rc.1/manifest.json") return { ...r, status: 200 };
        return r;
      };
      const fetch = storeEdge(store, { stagingBase: "staging.test" }, faults);
      const r = await verifyDistribution(store, d.id, { fetch, actor });
      assert.equal(r.ok, false);
      const byPath = r.record.failures.map((f) => `${f.path} ${f.problem}`);
      assert.ok(
        byPath.some((p) => p.startsWith(`${first} sha256 0000`)),
        byPath.join("\n"),
      );
      assert.ok(byPath.some((p) => p.startsWith(`/data-versions/1.0/${paths[1]} Content-Type text/html`)));
      assert.ok(byPath.some((p) => p.startsWith(`/data-versions/1.0/${paths[2]} Cache-Control max-age=60`)));
      assert.ok(byPath.some((p) => p.startsWith(`/data-versions/1.0/${paths[3]} status 404`)));
      assert.ok(byPath.some((p) => p.startsWith("/config.json x-robots-tag all")));
      assert.ok(
        byPath.some((p) =>
          p.startsWith("/data-versions/2.0-rc.1/manifest.json status 200 for an unreleased"),
        ),
      );
      assert.equal(r.record.result, "failed");
      assert.equal(r.record.counts.failures, r.record.failures.length);
      await assert.rejects(
        releaseChannel(store, { channel: "production", distribution: d.id, actor }),
        /newest one .* failed/,
      );
      // A pass that is too old does not count either.
      const ok = await verifyDistribution(store, d.id, {
        fetch: storeEdge(store, { stagingBase: "staging.test" }),
        actor,
      });
      assert.equal(ok.ok, true, JSON.stringify(ok.record.failures));
      const later = () => new Date(Date.now() + 25 * 3_600_000);
      await assert.rejects(
        releaseChannel(store, { channel: "production", distribution: d.id, actor, now: later }),
        /older than 24 h/,
      );
      assert.equal((await readChannel(store, "production")).head, undefined);
    },
  );

  t(
    "verify --channel waits for a lagging edge to report the new generation, and fails one that never does",
    async () => {
      const store = await open();
      await approved(store, "1.0", null);
      const { record: d } = await deploySite(store, {
        dataVersion: "1.0",
        siteDir: await siteDir(),
        stagingBase: "staging.test",
        offers: [],
        actor,
      });
      await releaseChannel(store, {
        channel: "production",
        distribution: d.id,
        actor,
        requireVerification: false,
      });
      const hosts = {
        stagingBase: "staging.test",
        channel: { name: "production", domains: ["example.test"] },
      };
      let stale = 3;
      const lagging = storeEdge(store, hosts, (q, r) =>
        q.path === "/config.json" && stale-- > 0
          ? { ...r, headers: { ...r.headers, "x-cejst-generation": "0" } }
          : r,
      );
      const ok = await verifyChannel(store, "production", {
        fetch: lagging,
        actor,
        domains: ["example.test"],
      });
      assert.equal(ok.ok, true, JSON.stringify(ok.record.failures));
      assert.ok(stale < 0, "it asked again until the edge caught up");
      const stuck = storeEdge(store, hosts, (q, r) =>
        q.path === "/config.json" ? { ...r, headers: { ...r.headers, "x-cejst-generation": "0" } } : r,
      );
      const bad = await verifyChannel(store, "production", {
        fetch: stuck,
        actor,
        domains: ["example.test"],
        convergeTimeoutMs: 200,
      });
      assert.equal(bad.ok, false);
      assert.match(bad.record.failures[0]!.problem, /still reports generation 0 after 200 ms, not 1/);
    },
  );

  t("freeze: concurrent creators of the same seq, exactly one wins (CONFLICT for the rest)", async () => {
    const store = await open();
    const inputs = await inputSet(store);
    // All six read the label's freezes before any of them writes, so all six race for seq 1
    // whatever the scheduling: without this barrier a slow creator may list after the winner's
    // write and be refused earlier (PRECONDITION), and the put race would not be exercised.
    const racers = 6;
    let arrived = 0;
    let release!: () => void;
    const allListed = new Promise<void>((r) => {
      release = r;
    });
    const racing: Store = {
      putIfAbsent: (key, body, meta) => store.putIfAbsent(key, body, meta),
      get: (key, range) => store.get(key, range),
      head: (key) => store.head(key),
      deleteProbe: (key) => store.deleteProbe(key),
      list(prefix, opts) {
        if (!prefix.startsWith("freezes/7.0/")) return store.list(prefix, opts);
        return (async function* () {
          if (++arrived === racers) release();
          await allListed;
          yield* store.list(prefix, opts);
        })();
      },
    };
    const make = (i: number) =>
      createFreeze(racing, {
        label: "7.0",
        commit: String(i).repeat(40).slice(0, 40),
        lockfile: "sha256:l",
        inputs,
        toolchain: {},
        actor,
      });
    const results = await Promise.allSettled(Array.from({ length: racers }, (_, i) => make(i)));
    assert.equal(arrived, racers, "every creator listed the label's freezes");
    const won = results.filter((r) => r.status === "fulfilled");
    assert.equal(won.length, 1);
    for (const r of results)
      if (r.status === "rejected") assert.match(String((r.reason as Error).message), /^CONFLICT/);
    const keys: string[] = [];
    for await (const info of store.list("freezes/7.0/")) keys.push(info.key);
    assert.deepEqual(keys, ["freezes/7.0/000001.json"]);
    const second = await createFreeze(store, {
      label: "7.0",
      commit: "f".repeat(40),
      lockfile: "sha256:l",
      inputs,
      toolchain: {},
      actor,
      supersedes: 1,
      reason: "bug fix",
    });
    assert.equal(second.record.seq, 2);
    await assert.rejects(
      createFreeze(store, {
        label: "7.0",
        commit: "f".repeat(40),
        lockfile: "l",
        inputs,
        toolchain: {},
        actor,
        supersedes: 1,
        reason: "r",
      }),
      /freeze 2 of 7\.0 is in force/,
    );
  });

  t(
    "promote: same digest and bytes under the final id, approvals carry over, publication names the source",
    async () => {
      const store = await open();
      const rc = await approved(store, "8.0-rc.1", null);
      const r = await promote(store, { version: "8.0", from: "8.0-rc.1", actor });
      assert.equal(r.digest, rc.manifest);
      const m = await readManifest(store, "8.0");
      assert.ok(m !== undefined && !isTombstone(m));
      assert.equal(manifestDigest(m), rc.manifest);
      assert.equal(m.publication?.from, "8.0-rc.1");
      assert.equal(
        (await listApprovals(store, manifestDigest(m))).length,
        1,
        "the approval names the digest, not the id",
      );
      for (const f of m.content.files) {
        const a = await store.get(`data-versions/8.0/${f.path}`);
        assert.equal(sha256Hex(a!.body), f.sha256, f.path);
      }
      await assert.rejects(promote(store, { version: "8.0", from: "8.0-rc.1", actor }), {
        code: "RELEASE_EXISTS",
      });
      const source = await readManifest(store, "8.0-rc.1");
      assert.ok(source !== undefined && !isTombstone(source));
      const unapproved = await makeBuild("8.0", source.content.freeze, "other");
      await publish(store, { version: "8.0-rc.2", buildDir: unapproved.dir });
      await assert.rejects(
        promote(store, { version: "8.0.1", from: "8.0-rc.2", actor }),
        /does not match the label/,
      );
      await assert.rejects(promote(store, { version: "8.0-rc.3", from: "8.0-rc.2", actor }), {
        code: "NOT_APPROVED",
      });
    },
  );

  t("inputs snapshot: content stored once under its hash, the set digest is stable", async () => {
    const store = await open();
    const body = enc.encode("a,b\n1,2\n");
    const item = {
      name: "hud_housing",
      file: "h.csv",
      source: "https://example.org/h.csv",
      sha256: sha256Hex(body),
      bytes: body.byteLength,
      body,
    };
    const a = await snapshotInputs(store, [item, { ...item, name: "cdc_places" }]);
    const b = await snapshotInputs(store, [{ ...item, name: "cdc_places" }, item]);
    assert.equal(a.digest, b.digest, "order of the sources does not change the set");
    assert.equal(a.created, 1, "identical content is stored once");
    assert.equal(b.created, 0);
    assert.deepEqual(
      a.record.items.map((i) => i.name),
      ["cdc_places", "hud_housing"],
    );
    await assert.rejects(snapshotInputs(store, [{ ...item, sha256: "z" }]), /sha256 is not 64 lowercase hex/);
  });
}
