import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { createBuildManifest, createFreeze, FsStore, snapshotInputs } from "@cejst/release";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function temp(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** A store with freeze 1 of `label`, and a build of `fileCount` files frozen to it. */
async function setup(label: string, variant = "a", fileCount = 4, storeRoot?: string) {
  const root = storeRoot ?? (await temp("cejst-cli-store-"));
  const store = new FsStore(root);
  const { digest: inputs } = await snapshotInputs(store, []);
  const { record, digest } = await createFreeze(store, {
    label,
    commit: "a".repeat(40),
    lockfile: `sha256:${"b".repeat(64)}`,
    inputs,
    toolchain: { node: "20" },
    actor: { name: "t" },
  }).catch(async () => ({ record: { seq: 1 }, digest: "" }));
  const build = await temp("cejst-cli-build-");
  for (let i = 0; i < fileCount; i++) {
    const p = join(build, "data", `f${i}.csv`);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, `id,v\n${i},${variant}${"x".repeat(i * 1000)}\n`);
  }
  const { digest: buildDigest } = await createBuildManifest(build, {
    label,
    freeze: { label, seq: record.seq, record: digest },
  });
  return { root, store, build, buildDigest };
}

const recorder = recordEffects;

test("publish, verify, status and log work end to end on an fs store", async () => {
  const { root, build, buildDigest } = await setup("2.0");
  const r = recorder(root, { CEJST_STORE: root, CEJST_ACTOR: "R. Publisher <r@example.org>" });
  assert.equal(await runCli(["publish", "--version", "2.0-rc.1", "--build", build], r.fx), 0, r.err.join(""));
  assert.match(r.out.join(""), new RegExp(`published 2.0-rc.1 ${buildDigest}: 5 files`));
  assert.equal(await runCli(["verify", "2.0-rc.1"], r.fx), 0, r.err.join(""));
  assert.equal(await runCli(["status", "--json"], r.fx), 0);
  const status = JSON.parse(r.out.at(-1)!);
  assert.deepEqual(
    status.versions.map((v: { version: string; state: string }) => [v.version, v.state]),
    [["2.0-rc.1", "committed"]],
  );
  assert.equal(await runCli(["log", "--verify"], r.fx), 0, r.err.join(""));
  assert.match(r.out.join(""), /publish\.committed OK version=2\.0-rc\.1 by R\. Publisher/);
});

test("republishing is RELEASE_EXISTS (104); a final id needs --yes; a bad id is USAGE (2)", async () => {
  const { root, build } = await setup("2.0");
  const r = recorder(root, { CEJST_STORE: root });
  assert.equal(await runCli(["publish", "--version", "2.0-rc.1", "--build", build], r.fx), 0, r.err.join(""));
  assert.equal(await runCli(["publish", "--version", "2.0-rc.1", "--build", build, "--resume"], r.fx), 104);
  assert.match(r.err.join(""), /already published/);
  assert.notEqual(await runCli(["publish", "--version", "2.0", "--build", build], r.fx), 0);
  assert.match(r.err.at(-1)!, /needs --yes/);
  assert.equal(
    await runCli(["publish", "--version", "2.0", "--build", build, "--yes"], r.fx),
    0,
    r.err.join(""),
  );
  assert.equal(await runCli(["publish", "--version", "v2", "--build", build], r.fx), 2);
});

test("verify fails (non-zero) naming a corrupted file", async () => {
  const { root, build } = await setup("3.0");
  const r = recorder(root, { CEJST_STORE: root });
  assert.equal(await runCli(["publish", "--version", "3.0-rc.1", "--build", build], r.fx), 0, r.err.join(""));
  await writeFile(join(root, "data-versions", "3.0-rc.1", "data", "f1.csv"), "corrupt");
  assert.notEqual(await runCli(["verify", "3.0-rc.1"], r.fx), 0);
  assert.match(r.out.join(""), /FAIL data\/f1\.csv: size 7/);
  assert.match(r.err.join(""), /VERIFY_FAILED/);
});

test("store check passes on an fs store and leaves no probe keys", async () => {
  const root = await temp("cejst-cli-check-");
  const r = recorder(root);
  assert.equal(await runCli(["store", "check", "--store", root], r.fx), 0, r.err.join(""));
  assert.match(r.out.join(""), /ok \(create-if-absent; 16 concurrent creates, one winner/);
  assert.deepEqual(await readdir(join(root, "control", "probe")), []);
});
