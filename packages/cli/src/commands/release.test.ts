import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  approve,
  canonicalJson,
  createBuildManifest,
  FsStore,
  publish,
  readChannel,
  type Store,
} from "@cejst/release";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});
const enc = new TextEncoder();
const put = (s: Store, k: string, v: unknown) => s.putIfAbsent(k, enc.encode(JSON.stringify(v)), {});

async function approvedVersion(
  store: Store,
  label: string,
  baseline: { version: string; manifest: string } | null,
) {
  const build = await mkdtemp(join(tmpdir(), "cejst-cli-rel-build-"));
  temps.push(build);
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
  const hex = (await import("node:crypto")).createHash("sha256").update(canonicalJson(index)).digest("hex");
  await put(store, `reports/${hex}/bundle.json`, index);
  await approve(store, { version: label, report: hex, decision: "approved", approver: { name: "A" } });
  return { version: label, manifest: digest };
}

async function dist(store: Store, id: string, data: { version: string; manifest: string }) {
  await put(store, `distributions/${id}/config.staging.json`, {});
  await put(store, `distributions/${id}/config.production.json`, {});
  await put(store, `distributions/${id}/record.json`, {
    schema: "cejst.distribution/1",
    id,
    site: "sha256:0",
    data,
    offers: [{ ...data, status: "current" }],
    configs: { staging: "sha256:s", production: "sha256:p" },
  });
}

test("cejst release and rollback switch the channel; --yes is required; a never-live target is 105", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-cli-rel-"));
  temps.push(root);
  const store = new FsStore(root);
  const v1 = await approvedVersion(store, "1.0", null);
  const v2 = await approvedVersion(store, "2.0", v1);
  await dist(store, "dst_A", v1);
  await dist(store, "dst_B", v2);
  const err: string[] = [];
  const out: string[] = [];
  const fx = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    isTTY: false,
    cwd: root,
    env: { CEJST_STORE: root },
  };
  assert.equal(await runCli(["release", "dst_A"], fx), 2);
  assert.equal(await runCli(["release", "dst_A", "--yes"], fx), 111);
  assert.match(err.at(-1)!, /PRECONDITION: .*verification/);
  assert.equal(await runCli(["release", "dst_A", "--yes", "--no-verification-check"], fx), 0, err.join(""));
  assert.equal(
    await runCli(["release", "dst_B", "--yes", "--no-verification-check", "--expect-gen", "1"], fx),
    0,
    err.join(""),
  );
  assert.equal(await runCli(["rollback", "--reason", "bad", "--yes", "--to", "dst_C"], fx), 105);
  assert.equal(await runCli(["rollback", "--reason", "bad", "--yes"], fx), 0, err.join(""));
  assert.match(out.at(-1)!, /generation 3: rolled back to dst_A/);
  assert.deepEqual(
    (await readChannel(store, "production")).history.map((g) => g.distribution),
    ["dst_A", "dst_B", "dst_A"],
  );
});
