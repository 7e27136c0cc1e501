import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { readAudit, verifyAuditChain } from "../src/audit-log.ts";
import { sha256Hex } from "../src/bytes.ts";
import { isTombstone, manifestDigest } from "../src/manifest.ts";
import { publish, readManifest } from "../src/publish.ts";
import type { Store } from "../src/store.ts";
import { verifyVersion } from "../src/verify.ts";
import { freezeLabel, makeBuild } from "./builds.ts";
import { FailingStore, InjectedCrash } from "./mocks/failing-store.ts";

async function snapshot(store: Store, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const info of store.list(prefix)) {
    const obj = await store.get(info.key);
    out.set(info.key, sha256Hex(obj!.body));
  }
  return out;
}

async function events(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const { event } of readAudit(store)) out.push(event.event);
  return out;
}

/** The release guarantees G1–G3 (rollout.md §3) against one store driver. */
export function publishContract(
  driver: string,
  open: () => Promise<Store>,
  opts: { skip?: string | false } = {},
): void {
  const t = (name: string, fn: () => Promise<void>) =>
    test(`${driver}: ${name}`, { skip: opts.skip ?? false }, fn);

  t(
    "publish stores every file and the manifest last; verify passes; audit records claim and commit",
    async () => {
      const store = await open();
      const freeze = await freezeLabel(store, "2.0");
      const build = await makeBuild("2.0", freeze);
      const r = await publish(store, { version: "2.0-rc.1", buildDir: build.dir });
      assert.equal(r.digest, build.digest);
      assert.equal(r.files, build.paths.length + 1);
      assert.equal(r.committedByThisRun, true);
      const m = await readManifest(store, "2.0-rc.1");
      assert.ok(m && !isTombstone(m));
      assert.equal(manifestDigest(m), build.digest);
      assert.equal(m.publication?.version, "2.0-rc.1");
      const v = await verifyVersion(store, "2.0-rc.1");
      assert.deepEqual(v.failures, []);
      assert.deepEqual(v.strays, []);
      assert.equal(v.ok, true);
      assert.deepEqual(await events(store), [
        "inputs.snapshot",
        "freeze.created",
        "publish.claimed",
        "publish.committed",
      ]);
      assert.equal(await verifyAuditChain(store), 4);
    },
  );

  t("G1: republishing a committed id is refused (same or other build) and no byte changes", async () => {
    const store = await open();
    const freeze = await freezeLabel(store, "2.0");
    const a = await makeBuild("2.0", freeze, "a");
    const b = await makeBuild("2.0", freeze, "b");
    await publish(store, { version: "2.0", buildDir: a.dir });
    const before = await snapshot(store, "data-versions/");
    for (const dir of [a.dir, b.dir]) {
      await assert.rejects(publish(store, { version: "2.0", buildDir: dir, resume: true }), {
        code: "RELEASE_EXISTS",
        message: /already published .*immutable/,
      });
    }
    assert.deepEqual(await snapshot(store, "data-versions/"), before);
    assert.deepEqual(await events(store), [
      "inputs.snapshot",
      "freeze.created",
      "publish.claimed",
      "publish.committed",
      "refused",
      "refused",
    ]);
  });

  t("G2: a publish that dies after k writes leaves no visible version, and a rerun completes", async () => {
    const base = await open();
    const freeze = await freezeLabel(base, "1.0");
    const build = await makeBuild("1.0", freeze, "k", 4);
    // claim + audit + 4 files + SHA256SUMS + manifest + audit = 9 writes; die before each of them.
    for (let k = 0; k <= 8; k++) {
      const version = `1.0-rc.${k + 1}`;
      const failing = new FailingStore(base, k);
      await assert.rejects(publish(failing, { version, buildDir: build.dir }), (e: unknown) => {
        if (e instanceof InjectedCrash) return true;
        throw e;
      });
      const visible = await readManifest(base, version);
      if (k < 8) {
        assert.equal(visible, undefined, `k=${k}: the manifest must not exist`);
        const r = await publish(base, { version, buildDir: build.dir, resume: true });
        assert.equal(r.digest, build.digest);
      } else {
        // Died between the commit and its audit event: committed as it is, and a rerun is refused.
        assert.ok(visible, `k=${k}: the manifest was written before the crash`);
        await assert.rejects(publish(base, { version, buildDir: build.dir, resume: true }), {
          code: "RELEASE_EXISTS",
        });
      }
      assert.equal((await verifyVersion(base, version)).ok, true, `k=${k}`);
    }
    assert.ok((await verifyAuditChain(base)) > 0);
  });

  t("G2: resuming with a different build, or without --resume, is refused before any upload", async () => {
    const store = await open();
    const freeze = await freezeLabel(store, "3.0");
    const a = await makeBuild("3.0", freeze, "a");
    const b = await makeBuild("3.0", freeze, "b");
    await assert.rejects(
      publish(new FailingStore(store, 3), { version: "3.0-rc.1", buildDir: a.dir }),
      InjectedCrash,
    );
    await assert.rejects(publish(store, { version: "3.0-rc.1", buildDir: a.dir }), {
      message: /^CONFLICT: .*--resume/,
    });
    await assert.rejects(publish(store, { version: "3.0-rc.1", buildDir: b.dir, resume: true }), {
      code: "RELEASE_EXISTS",
      message: /claimed by another build/,
    });
    await publish(store, { version: "3.0-rc.1", buildDir: a.dir, resume: true });
    assert.equal((await verifyVersion(store, "3.0-rc.1")).ok, true);
  });

  t("G3: 10 concurrent publishers of one id with different builds: exactly one wins", async () => {
    const store = await open();
    const freeze = await freezeLabel(store, "4.0");
    const builds = await Promise.all(
      Array.from({ length: 10 }, (_, i) => makeBuild("4.0", freeze, `w${i}`, 3)),
    );
    const results = await Promise.allSettled(
      builds.map((b) => publish(store, { version: "4.0-rc.1", buildDir: b.dir })),
    );
    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    assert.equal(
      winners.length,
      1,
      JSON.stringify(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))),
    );
    for (const r of results) {
      if (r.status === "rejected")
        assert.match(String((r.reason as Error).message), /^CONFLICT|claimed by another/);
    }
    const m = await readManifest(store, "4.0-rc.1");
    assert.ok(m && !isTombstone(m));
    assert.equal(manifestDigest(m), builds[winners[0]!]!.digest);
    assert.equal((await verifyVersion(store, "4.0-rc.1")).ok, true);
    const ev = await events(store);
    assert.equal(ev.filter((e) => e === "publish.committed").length, 1);
    assert.equal(ev.filter((e) => e === "refused").length, 9);
    assert.equal(await verifyAuditChain(store), ev.length);
  });

  t("G3: concurrent --resume runs of the same build all succeed and one commits", async () => {
    const store = await open();
    const freeze = await freezeLabel(store, "5.0");
    const build = await makeBuild("5.0", freeze, "same", 6);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        publish(store, { version: "5.0-rc.1", buildDir: build.dir, resume: true }),
      ),
    );
    assert.equal(results.filter((r) => r.committedByThisRun).length, 1);
    assert.ok(results.every((r) => r.digest === build.digest));
    assert.equal((await verifyVersion(store, "5.0-rc.1")).ok, true);
  });

  t("refusals: malformed id, label mismatch, dev build, stale freeze, build bytes changed", async () => {
    const store = await open();
    const freeze = await freezeLabel(store, "6.0");
    const good = await makeBuild("6.0", freeze);
    await assert.rejects(publish(store, { version: "6.0-rc.0", buildDir: good.dir }), { code: "USAGE" });
    await assert.rejects(publish(store, { version: "7.0-rc.1", buildDir: good.dir }), {
      message: /does not match the build's label/,
    });
    const dev = await makeBuild("6.0", null);
    await assert.rejects(publish(store, { version: "6.0-rc.1", buildDir: dev.dir }), {
      message: /--dev build/,
    });
    const unfrozen = await makeBuild("6.0", undefined);
    await assert.rejects(publish(store, { version: "6.0-rc.1", buildDir: unfrozen.dir }), {
      message: /names no freeze/,
    });
    await assert.rejects(publish(store, { version: "6.0-rc.1", buildDir: dev.dir, allowUnfrozen: true }), {
      message: /--dev build/,
    });
    await publish(store, { version: "6.0-rc.3", buildDir: unfrozen.dir, allowUnfrozen: true });
    await writeFile(join(good.dir, good.paths[1]!), "tampered");
    await assert.rejects(publish(store, { version: "6.0-rc.2", buildDir: good.dir }), {
      code: "CHECKSUM_MISMATCH",
    });
    await rm(good.dir, { recursive: true });
    assert.equal(await readManifest(store, "6.0-rc.1"), undefined);
    assert.equal(await readManifest(store, "6.0-rc.2"), undefined);
  });
}
