import assert from "node:assert/strict";
import { test } from "node:test";
import { freezeLabel, inputSet, makeBuild } from "../test/builds.ts";
import { approve, listApprovals, ulid } from "./approve.ts";
import { readAudit } from "./audit-log.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { createFreeze } from "./freeze.ts";
import { MemoryStore } from "./memory-store.ts";
import { publish } from "./publish.ts";
import type { Store } from "./store.ts";

const alice = { name: "Alice", email: "alice@example.org" };
const bob = { name: "Bob", email: "bob@example.org" };

/** Writes a report bundle about `candidate` into the store, as `compare` would. */
async function putReport(
  store: Store,
  candidate: string,
  gates: { id: string; passed: boolean }[],
): Promise<string> {
  const index = {
    schema: "cejst.report-bundle/1",
    baseline: null,
    candidate: { version: "x", manifest: candidate },
    files: [],
    n: gates.length,
  };
  const digest = sha256Digest(canonicalJson(index));
  const hex = digest.slice(7);
  const enc = new TextEncoder();
  await store.putIfAbsent(`reports/${hex}/bundle.json`, enc.encode(JSON.stringify(index)), {});
  await store.putIfAbsent(
    `reports/${hex}/report.json`,
    enc.encode(JSON.stringify({ schema: "cejst.report/1", gates })),
    {},
  );
  return digest;
}

async function published(store: Store, label = "2.0", variant = "a") {
  const freeze = await freezeLabel(store, label);
  const build = await makeBuild(label, freeze, variant);
  await publish(store, { version: `${label}-rc.1`, buildDir: build.dir });
  return build.digest;
}

test("approve binds the manifest and report digests and counts valid approvals", async () => {
  const store = new MemoryStore();
  const digest = await published(store);
  const report = await putReport(store, digest, [{ id: "tracts.complete", passed: true }]);
  const a = await approve(store, { version: "2.0-rc.1", report, decision: "approved", approver: alice });
  assert.equal(a.record.manifest, digest);
  assert.equal(a.record.report.digest, report);
  assert.match(a.record.id, /^apr_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(a.valid, 1);
  // A 12-character prefix works too, for a second approver.
  const b = await approve(store, {
    version: "2.0-rc.1",
    report: report.slice(7, 19),
    decision: "approved",
    approver: bob,
  });
  assert.equal(b.valid, 2);
  assert.equal((await listApprovals(store, digest)).length, 2);
  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(event.event);
  assert.deepEqual(events.slice(-2), ["approval.approved", "approval.approved"]);
});

test("approve refuses: repeat approver, report about other bytes, unknown report, failing gates unless waived", async () => {
  const store = new MemoryStore();
  const digest = await published(store);
  const good = await putReport(store, digest, [
    { id: "a", passed: true },
    { id: "tiles.coverage", passed: false },
  ]);
  await assert.rejects(
    approve(store, { version: "2.0-rc.1", report: good, decision: "approved", approver: alice }),
    {
      code: "GATE_FAILED",
      message: /tiles\.coverage/,
    },
  );
  const ok = await approve(store, {
    version: "2.0-rc.1",
    report: good,
    decision: "approved",
    approver: alice,
    waive: { "tiles.coverage": "Guam tiles are rebuilt upstream" },
  });
  assert.deepEqual(ok.record.gates, {
    passed: 1,
    failed: 1,
    waived: [{ gate: "tiles.coverage", reason: "Guam tiles are rebuilt upstream" }],
  });
  await assert.rejects(
    approve(store, {
      version: "2.0-rc.1",
      report: good,
      decision: "approved",
      approver: alice,
      waive: { "tiles.coverage": "x" },
    }),
    /already approved/,
  );
  const other = await putReport(store, `sha256:${"e".repeat(64)}`, []);
  await assert.rejects(
    approve(store, { version: "2.0-rc.1", report: other, decision: "approved", approver: bob }),
    /not 2\.0-rc\.1/,
  );
  await assert.rejects(
    approve(store, { version: "2.0-rc.1", report: "f".repeat(12), decision: "approved", approver: bob }),
    /no report/,
  );
  await assert.rejects(
    approve(store, { version: "9.9-rc.1", report: good, decision: "approved", approver: bob }),
    /not committed/,
  );
});

test("a rejection vetoes the digest forever", async () => {
  const store = new MemoryStore();
  const digest = await published(store);
  const report = await putReport(store, digest, []);
  await approve(store, {
    version: "2.0-rc.1",
    report,
    decision: "rejected",
    approver: bob,
    comment: "wrong tiles",
  });
  await assert.rejects(
    approve(store, { version: "2.0-rc.1", report, decision: "approved", approver: alice }),
    /rejected/,
  );
});

test("a superseded freeze makes approval impossible", async () => {
  const store = new MemoryStore();
  const digest = await published(store);
  const report = await putReport(store, digest, []);
  await createFreeze(store, {
    label: "2.0",
    commit: "d".repeat(40),
    lockfile: "sha256:x",
    inputs: await inputSet(store),
    toolchain: {},
    actor: alice,
    supersedes: 1,
    reason: "bug fix",
  });
  await assert.rejects(
    approve(store, { version: "2.0-rc.1", report, decision: "approved", approver: alice }),
    /superseded/,
  );
});

test("ulid: 26 Crockford characters, time-ordered", () => {
  const a = ulid(new Date(1_700_000_000_000));
  const b = ulid(new Date(1_700_000_000_001));
  assert.match(a, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.ok(a.slice(0, 10) < b.slice(0, 10));
});
