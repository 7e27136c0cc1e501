/**
 * Publishes a synthetic build (BENCH_FILES files of BENCH_KB kB each; default 500 × 64 kB)
 * to a fresh fs store, verifies it, then rolls a channel back and forth, and prints one JSON
 * line: seconds for manifest, publish, verify and a rollback, files and MB/s.
 *
 * Run: npx tsx packages/release/bench/publish.bench.ts
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBuildManifest } from "../src/build-manifest.ts";
import { releaseChannel, rollbackChannel } from "../src/channels.ts";
import { FsStore } from "../src/fs-store.ts";
import { publish } from "../src/publish.ts";
import { verifyVersion } from "../src/verify.ts";

const files = Number(process.env.BENCH_FILES ?? 500);
const kb = Number(process.env.BENCH_KB ?? 64);
const root = await mkdtemp(join(tmpdir(), "cejst-bench-publish-"));
const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
try {
  const build = join(root, "build");
  for (let i = 0; i < files; i++) {
    const dir = join(build, "data", String(i % 20));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `f${i}.bin`), randomBytes(kb * 1024));
  }
  let t = process.hrtime.bigint();
  await createBuildManifest(build, { label: "1.0" });
  const manifestS = seconds(t);
  const store = new FsStore(join(root, "store"));
  t = process.hrtime.bigint();
  await publish(store, { version: "1.0-rc.1", buildDir: build, allowUnfrozen: true });
  const publishS = seconds(t);
  t = process.hrtime.bigint();
  const v = await verifyVersion(store, "1.0-rc.1");
  const verifyS = seconds(t);
  const enc = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
  const actor = { name: "bench" };
  const force = { requireVerification: false, requiredApprovals: 0 };
  // Release refuses candidate ids, so the channel serves the same bytes published as 1.0.
  await publish(store, { version: "1.0", buildDir: build, allowUnfrozen: true });
  for (const id of ["dst_A", "dst_B"]) {
    await store.putIfAbsent(`distributions/${id}/config.staging.json`, enc({}), {});
    await store.putIfAbsent(`distributions/${id}/config.production.json`, enc({}), {});
    await store.putIfAbsent(
      `distributions/${id}/record.json`,
      enc({ id, site: "s", data: { version: "1.0", manifest: v.digest }, offers: [] }),
      {},
    );
  }
  await releaseChannel(store, { channel: "production", distribution: "dst_A", actor, ...force });
  await releaseChannel(store, { channel: "production", distribution: "dst_B", actor, ...force });
  t = process.hrtime.bigint();
  await rollbackChannel(store, { channel: "production", actor, reason: "bench" });
  const rollbackS = seconds(t);
  const mb = (files * kb) / 1024;
  console.log(
    JSON.stringify({
      files,
      mb,
      manifestS,
      publishS,
      publishMBps: mb / publishS,
      verifyS,
      verifyMBps: mb / verifyS,
      rollbackS,
      ok: v.ok,
    }),
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
