import assert from "node:assert/strict";
import { test } from "node:test";
import { freezeLabel, makeBuild } from "../test/builds.ts";
import { approve } from "./approve.ts";
import { readAudit } from "./audit-log.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { type DistributionRecord, readChannel, releaseChannel, rollbackChannel } from "./channels.ts";
import { MemoryStore } from "./memory-store.ts";
import { publish } from "./publish.ts";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";

const actor = { name: "Rel Easer", email: "rel@example.org" };
const enc = new TextEncoder();
const put = (store: Store, key: string, value: unknown) =>
  store.putIfAbsent(key, enc.encode(JSON.stringify(value)), {});

async function version(
  store: MemoryStore,
  label: string,
  baseline: { version: string; manifest: string } | null,
) {
  const build = await makeBuild(label, await freezeLabel(store, label), label);
  await publish(store, { version: label, buildDir: build.dir });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline,
    candidate: { version: label, manifest: build.digest },
    files: [],
  };
  const report = sha256Digest(canonicalJson(index));
  await put(store, `reports/${report.slice(7)}/bundle.json`, index);
  await approve(store, {
    version: label,
    report,
    decision: "approved",
    approver: { name: "Approver", email: "a@example.org" },
  });
  return { version: label, manifest: build.digest };
}

let nextId = 0;
async function distribution(
  store: Store,
  data: { version: string; manifest: string },
  offers = [data],
  verified = true,
) {
  const id = `dst_${String(++nextId).padStart(26, "0")}`;
  const rec: DistributionRecord = {
    schema: "cejst.distribution/1",
    id,
    site: `sha256:${"5".repeat(64)}`,
    data,
    offers: offers.map((o, i) => ({ ...o, status: i === 0 ? "current" : "previous" })),
    configs: { staging: "sha256:s", production: "sha256:p" },
  };
  await put(store, `distributions/${id}/config.staging.json`, {});
  await put(store, `distributions/${id}/config.production.json`, {});
  await put(store, `distributions/${id}/record.json`, rec);
  if (verified)
    await put(store, `verifications/${id}/ver_1.json`, {
      schema: "cejst.verification/1",
      id: "ver_1",
      target: { kind: "distribution", distribution: id },
      result: "passed",
      passed: true,
      at: new Date().toISOString(),
    });
  return id;
}

async function world() {
  const store = new MemoryStore();
  const v1 = await version(store, "1.0", null);
  const v2 = await version(store, "2.0", v1);
  const d1 = await distribution(store, v1);
  const d2 = await distribution(store, v2, [v2, v1]);
  return { store, v1, v2, d1, d2 };
}

test("release, release, rollback: generations chain and the audit log records each switch", async () => {
  const { store, d1, d2 } = await world();
  const g1 = await releaseChannel(store, { channel: "production", distribution: d1, actor });
  assert.equal(g1.gen, 1);
  assert.equal(g1.previous, null);
  const g2 = await releaseChannel(store, { channel: "production", distribution: d2, actor, expectGen: 1 });
  assert.deepEqual(g2.previous, { gen: 1, distribution: d1 });
  const g3 = await rollbackChannel(store, { channel: "production", actor, reason: "wrong tiles in Guam" });
  assert.equal(g3.distribution, d1);
  assert.equal(g3.action, "rollback");
  const state = await readChannel(store, "production");
  assert.deepEqual(
    state.history.map((g) => g.distribution),
    [d1, d2, d1],
  );
  assert.deepEqual(state.invalid, []);
  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(event.event);
  assert.deepEqual(events.slice(-3), ["release.committed", "release.committed", "rollback.committed"]);
});

test("release refuses: no approval (NOT_APPROVED), candidate id, no fresh verification, already live", async () => {
  const { store, v1, d1 } = await world();
  const build = await makeBuild("3.0", await freezeLabel(store, "3.0"), "x");
  const r3 = await publish(store, { version: "3.0", buildDir: build.dir });
  const unapproved = await distribution(store, { version: "3.0", manifest: r3.digest });
  await assert.rejects(releaseChannel(store, { channel: "production", distribution: unapproved, actor }), {
    code: "NOT_APPROVED",
  });
  const rc = await publish(store, { version: "3.0-rc.1", buildDir: build.dir });
  const cand = await distribution(store, { version: "3.0-rc.1", manifest: rc.digest });
  await assert.rejects(
    releaseChannel(store, { channel: "production", distribution: cand, actor }),
    /candidate id/,
  );
  const unverified = await distribution(store, v1, [v1], false);
  await assert.rejects(
    releaseChannel(store, { channel: "production", distribution: unverified, actor }),
    /verification/,
  );
  await releaseChannel(store, { channel: "production", distribution: d1, actor });
  await assert.rejects(
    releaseChannel(store, { channel: "production", distribution: d1, actor }),
    /already live/,
  );
  assert.equal((await readChannel(store, "production")).head?.gen, 1);
});

test("CAS: two releases from the same generation, one wins, the other is CONFLICT, one new generation", async () => {
  const { store, v1, v2, d1, d2 } = await world();
  const d2b = await distribution(store, v2, [v2, v1]);
  await releaseChannel(store, { channel: "production", distribution: d1, actor });
  const results = await Promise.allSettled([
    releaseChannel(store, { channel: "production", distribution: d2, actor, expectGen: 1 }),
    releaseChannel(store, { channel: "production", distribution: d2b, actor, expectGen: 1 }),
  ]);
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  assert.match(String(lost.reason.message), /^CONFLICT/);
  assert.equal((await readChannel(store, "production")).history.length, 2);
});

test("an invalid generation written behind the port's back is ignored and reported", async () => {
  const { store, d1, d2 } = await world();
  await releaseChannel(store, { channel: "production", distribution: d1, actor });
  store.tamper(
    "control/channels/production/0000000002.json",
    enc.encode(
      JSON.stringify({
        schema: "cejst.generation/1",
        channel: "production",
        gen: 2,
        distribution: d2,
        previous: { gen: 1, distribution: "dst_other" },
      }),
    ),
  );
  const state = await readChannel(store, "production");
  assert.equal(state.head?.gen, 1);
  assert.equal(state.invalid.length, 1);
  assert.match(state.invalid[0]!.problem, /does not chain/);
});

/** Counts writes and records which keys were read. */
class Recording implements Store {
  writes: string[] = [];
  reads: string[] = [];
  readonly inner: Store;
  constructor(inner: Store) {
    this.inner = inner;
  }
  putIfAbsent(key: string, body: ByteSource, meta: PutMeta) {
    this.writes.push(key);
    return this.inner.putIfAbsent(key, body, meta);
  }
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    this.reads.push(key);
    return this.inner.get(key, range);
  }
  head(key: string): Promise<ObjectInfo | undefined> {
    this.reads.push(key);
    return this.inner.head(key);
  }
  list(prefix: string, opts?: { startAfter?: string }) {
    return this.inner.list(prefix, opts);
  }
  deleteProbe(key: `control/probe/${string}`) {
    return this.inner.deleteProbe(key);
  }
}

test("G6: a rollback is one generation write plus its audit event, and reads no data file", async () => {
  const { store, d1, d2 } = await world();
  await releaseChannel(store, { channel: "production", distribution: d1, actor });
  await releaseChannel(store, { channel: "production", distribution: d2, actor });
  const rec = new Recording(store);
  await rollbackChannel(rec, { channel: "production", actor, reason: "test" });
  assert.equal(rec.writes.length, 2);
  assert.match(rec.writes[0]!, /^control\/channels\/production\/0000000003\.json$/);
  assert.match(rec.writes[1]!, /^audit\//);
  const dataReads = rec.reads.filter((k) => k.startsWith("data-versions/") && !k.endsWith("/manifest.json"));
  assert.deepEqual(dataReads, []);
});

test("rollback refuses a never-live target (NOT_APPROVED) and a target missing its config, leaving the channel as it was", async () => {
  const { store, d1, d2 } = await world();
  await releaseChannel(store, { channel: "production", distribution: d1, actor });
  await releaseChannel(store, { channel: "production", distribution: d2, actor });
  await assert.rejects(
    rollbackChannel(store, { channel: "production", actor, reason: "x", to: "dst_never" }),
    { code: "NOT_APPROVED" },
  );
  store.tamper(`distributions/${d1}/config.production.json`, undefined);
  await assert.rejects(
    rollbackChannel(store, { channel: "production", actor, reason: "x" }),
    /missing config\.production\.json/,
  );
  assert.equal((await readChannel(store, "production")).head?.distribution, d2);
});
