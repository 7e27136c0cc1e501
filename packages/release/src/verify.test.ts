import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { freezeLabel } from "../test/builds.ts";
import { createBuildManifest } from "./build-manifest.ts";
import { FsStore } from "./fs-store.ts";
import { MemoryStore } from "./memory-store.ts";
import { publish, versionKey } from "./publish.ts";
import type { Store } from "./store.ts";
import { verifyVersion } from "./verify.ts";

// Objects above the 8 MiB read size are hashed range by range: this one spans three ranges
// and ends mid-range, so a wrong range boundary changes its hash.
const BIG = "data/score/csv/full/usa.csv";
const BIG_BYTES = 2 * 8 * 1024 * 1024 + 12_345;
const SMALL = "data/score/csv/tiles/usa.csv";

function bigBody(): Uint8Array {
  const body = new Uint8Array(BIG_BYTES);
  for (let i = 0; i < body.byteLength; i++) body[i] = (i * 7 + (i >>> 13)) & 0xff;
  return body;
}

const work = await mkdtemp(join(tmpdir(), "cejst-verify-"));
after(() => rm(work, { recursive: true, force: true }));

async function published(store: Store, version: string): Promise<void> {
  const dir = await mkdtemp(join(work, "build-"));
  for (const [path, body] of [
    [BIG, bigBody()],
    [SMALL, new TextEncoder().encode("GEOID10,SN_C\n01001020100,1\n")],
  ] as const) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), body);
  }
  const freeze = await freezeLabel(store, "2.0");
  await createBuildManifest(dir, { label: "2.0", methodology: "2.0", synthetic: true, freeze });
  await publish(store, { version, buildDir: dir });
}

test("verify hashes a large object range by range and passes an intact version (memory and fs)", async () => {
  for (const store of [new MemoryStore(), new FsStore(await mkdtemp(join(work, "store-")))]) {
    await published(store, "2.0-rc.1");
    const report = await verifyVersion(store, "2.0-rc.1");
    assert.deepEqual(report.failures, []);
    assert.equal(report.ok, true);
    assert.ok(report.bytes > BIG_BYTES);
  }
});

test("verify reports one changed byte in the last range of a large object", async () => {
  const store = new MemoryStore();
  await published(store, "2.0-rc.1");
  const body = bigBody();
  body[BIG_BYTES - 100] = (body[BIG_BYTES - 100]! + 1) & 0xff;
  store.tamper(versionKey("2.0-rc.1", BIG), body);
  const report = await verifyVersion(store, "2.0-rc.1");
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.failures.map((f) => [f.path, f.problem.split(" ")[0]]),
    [[BIG, "sha256"]],
  );
});

test("verify reports a large object cut short on disk (size and sha256) and a missing one", async () => {
  const root = await mkdtemp(join(work, "store-"));
  const store = new FsStore(root);
  await published(store, "2.0-rc.1");
  await truncate(join(root, ...versionKey("2.0-rc.1", BIG).split("/")), 9 * 1024 * 1024);
  await rm(join(root, ...versionKey("2.0-rc.1", SMALL).split("/")));
  const report = await verifyVersion(store, "2.0-rc.1");
  assert.deepEqual(
    report.failures.map((f) => [f.path, f.problem.split(" ")[0]]),
    [
      [BIG, "size"],
      [BIG, "sha256"],
      [SMALL, "missing"],
    ],
  );
  assert.match(report.failures[0]!.problem, new RegExp(`^size ${9 * 1024 * 1024}, manifest ${BIG_BYTES}$`));
});
