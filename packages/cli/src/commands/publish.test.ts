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

/** A report bundle about `version`'s digest, stored so approve/reject can name it. */
async function report(store: FsStore, version: string, manifest: string): Promise<string> {
  const { canonicalJson } = await import("@cejst/release");
  const { createHash } = await import("node:crypto");
  const index = {
    schema: "cejst.report-bundle/1",
    baseline: null,
    candidate: { version, manifest },
    files: [],
  };
  const hex = createHash("sha256").update(canonicalJson(index)).digest("hex");
  await store.putIfAbsent(`reports/${hex}/bundle.json`, new TextEncoder().encode(JSON.stringify(index)), {});
  return hex;
}

test("publish --from promotes an approved candidate: same digest, same bytes; refusals before any write", async () => {
  const { root, store, build, buildDigest } = await setup("4.0");
  const r = recorder(root, { CEJST_STORE: root, CEJST_ACTOR: "P <p@example.org>" });
  assert.equal(await runCli(["publish", "--version", "4.0-rc.1", "--build", build], r.fx), 0, r.err.join(""));
  assert.equal(
    await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.1", "--build", build, "--yes"], r.fx),
    2,
  );
  assert.equal(await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.1", "--yes"], r.fx), 105);
  assert.match(r.err.at(-1)!, /NOT_APPROVED|not approved/);
  assert.equal(await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.9", "--yes"], r.fx), 111);
  const hex = await report(store, "4.0-rc.1", buildDigest);
  assert.equal(await runCli(["approve", "4.0-rc.1", "--report", hex, "--as", "A <a@example.org>"], r.fx), 0);
  assert.equal(await runCli(["publish", "--version", "5.0", "--from", "4.0-rc.1", "--yes"], r.fx), 111);
  assert.match(r.err.at(-1)!, /does not match the label 4\.0/);
  assert.equal(await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.1"], r.fx), 111);
  assert.match(r.err.at(-1)!, /needs --yes/);
  assert.equal(
    await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.1", "--yes"], r.fx),
    0,
    r.err.join(""),
  );
  assert.match(r.out.at(-1)!, new RegExp(`published 4\\.0 ${buildDigest}: 5 files`));
  const m = JSON.parse(new TextDecoder().decode((await store.get("data-versions/4.0/manifest.json"))?.body));
  assert.equal(m.publication.from, "4.0-rc.1");
  assert.equal(m.publication.version, "4.0");
  assert.equal(await runCli(["verify", "4.0"], r.fx), 0, r.out.join(""));
  // Promoting again is refused: the id is spent.
  assert.equal(await runCli(["publish", "--version", "4.0", "--from", "4.0-rc.1", "--yes"], r.fx), 104);
});

test("reject vetoes a digest for good; abandon tombstones a claimed id and refuses a committed one", async () => {
  const { root, store, build, buildDigest } = await setup("6.0");
  const r = recorder(root, { CEJST_STORE: root, CEJST_ACTOR: "Q <q@example.org>" });
  assert.equal(await runCli(["publish", "--version", "6.0-rc.1", "--build", build], r.fx), 0, r.err.join(""));
  const hex = await report(store, "6.0-rc.1", buildDigest);
  assert.equal(await runCli(["reject", "6.0-rc.1", "--report", hex], r.fx), 2, "no reason is USAGE");
  assert.equal(await runCli(["reject", "6.0-rc.9", "--report", hex, "--reason", "x"], r.fx), 111);
  assert.equal(
    await runCli(["reject", "6.0-rc.1", "--report", hex, "--reason", "wrong tiles"], r.fx),
    0,
    r.err.join(""),
  );
  assert.match(r.out.at(-1)!, /^rejected 6\.0-rc\.1 sha256:[0-9a-f]{64} as apr_/);
  assert.equal(await runCli(["approve", "6.0-rc.1", "--report", hex], r.fx), 111);
  assert.match(r.err.at(-1)!, /rejected/);
  assert.equal(await runCli(["publish", "--version", "6.0", "--from", "6.0-rc.1", "--yes"], r.fx), 111);

  assert.equal(await runCli(["abandon", "6.0-rc.1", "--reason", "x", "--yes"], r.fx), 111);
  assert.match(r.err.at(-1)!, /reject it instead/);
  // A claim with no manifest, as a crashed publish leaves it.
  await store.putIfAbsent("control/claims/6.0-rc.2.json", new TextEncoder().encode("{}"), {});
  assert.equal(
    await runCli(["abandon", "6.0-rc.2", "--reason", "inputs were wrong"], r.fx),
    2,
    "needs --yes",
  );
  assert.equal(await runCli(["abandon", "6.0-rc.2", "--reason", "inputs were wrong", "--yes"], r.fx), 0);
  assert.equal(await runCli(["abandon", "6.0-rc.2", "--reason", "again", "--yes"], r.fx), 111);
  assert.equal(await runCli(["abandon", "6.0-rc.3", "--reason", "never", "--yes"], r.fx), 111);
  assert.equal(await runCli(["publish", "--version", "6.0-rc.2", "--build", build], r.fx), 104);
  assert.match(r.err.at(-1)!, /abandoned; choose another id/);
  assert.equal(await runCli(["status", "--json"], r.fx), 0);
  const status = JSON.parse(r.out.at(-1)!);
  assert.deepEqual(
    status.versions.map((v: { version: string; state: string; rejected?: boolean }) => [
      v.version,
      v.state,
      v.rejected ?? null,
    ]),
    [
      ["6.0-rc.1", "committed", true],
      ["6.0-rc.2", "abandoned", null],
    ],
  );
});
