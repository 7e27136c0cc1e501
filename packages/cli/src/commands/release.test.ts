import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  approve,
  canonicalJson,
  createBuildManifest,
  deploySite,
  FsStore,
  publish,
  readChannel,
  type Store,
} from "@cejst/release";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});
const temp = async (prefix: string) => {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
const enc = new TextEncoder();
const actor = { name: "Op" };

async function approvedVersion(
  store: Store,
  label: string,
  baseline: { version: string; manifest: string } | null,
) {
  const build = await temp("cejst-cli-rel-build-");
  await mkdir(join(build, "data"));
  await writeFile(join(build, "data", "a.csv"), `v\n${label}\n`);
  await createBuildManifest(build, { label });
  const { digest } = await publish(store, { version: label, buildDir: build, allowUnfrozen: true });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline,
    candidate: { version: label, manifest: digest },
    files: [],
  };
  const hex = createHash("sha256").update(canonicalJson(index)).digest("hex");
  await store.putIfAbsent(`reports/${hex}/bundle.json`, enc.encode(JSON.stringify(index)), {});
  await approve(store, { version: label, report: hex, decision: "approved", approver: { name: "A" } });
  return { version: label, manifest: digest };
}

test("cejst release and rollback switch the channel; --yes is required; a never-live target is 105", async () => {
  const root = await temp("cejst-cli-rel-");
  const store = new FsStore(root);
  const site = await temp("cejst-cli-rel-site-");
  await writeFile(join(site, "index.html"), "<p>hi</p>\n");
  const v1 = await approvedVersion(store, "1.0", null);
  await approvedVersion(store, "2.0", v1);
  const deploy = async (dataVersion: string, offers: { version: string; status: "previous" }[]) =>
    (await deploySite(store, { dataVersion, siteDir: site, stagingBase: "staging.localhost", offers, actor }))
      .record.id;
  const dA = await deploy("1.0", []);
  const dB = await deploy("2.0", [{ version: "1.0", status: "previous" }]);
  const { out, err, fx } = recordEffects(root, { CEJST_STORE: root });
  assert.equal(await runCli(["release", dA], fx), 2);
  assert.equal(await runCli(["release", dA, "--yes"], fx), 111);
  assert.match(err.at(-1)!, /PRECONDITION: .*verification/);
  // Skipping the pre-switch check is explicit and leaves verification: null in the generation.
  assert.equal(await runCli(["release", dA, "--yes", "--no-verification-check"], fx), 0, err.join(""));
  assert.equal((await readChannel(store, "production")).head?.verification, null);
  assert.equal(await runCli(["verify", dB], fx), 0, out.join(""));
  assert.equal(await runCli(["release", dB, "--yes", "--expect-gen", "0"], fx), 109);
  assert.equal(await runCli(["release", dB, "--yes", "--expect-gen", "1"], fx), 0, err.join(""));
  assert.match(out.at(-1)!, /^verified production generation 2/);
  assert.equal(await runCli(["rollback", "--reason", "bad", "--yes", "--to", "dst_C"], fx), 105);
  assert.equal(await runCli(["rollback", "--reason", "bad", "--yes"], fx), 0, err.join(""));
  assert.match(out.join(""), /generation 3: rolled back to dst_\w+/);
  assert.match(out.at(-1)!, /^verified production generation 3/);
  assert.deepEqual(
    (await readChannel(store, "production")).history.map((g) => g.distribution),
    [dA, dB, dA],
  );
});
