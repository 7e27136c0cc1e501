import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { canonicalJson, createBuildManifest, FsStore, listApprovals, publish } from "@cejst/release";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

test("approve via the CLI: needs an identity, then records the approval of the exact digest", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-cli-approve-"));
  const build = await mkdtemp(join(tmpdir(), "cejst-cli-approve-build-"));
  temps.push(root, build);
  await mkdir(join(build, "data"), { recursive: true });
  await writeFile(join(build, "data", "a.csv"), "id\n1\n");
  await createBuildManifest(build, { label: "1.0" });
  const store = new FsStore(root);
  const { digest } = await publish(store, { version: "1.0-rc.1", buildDir: build, allowUnfrozen: true });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline: null,
    candidate: { version: "1.0-rc.1", manifest: digest },
    files: [],
  };
  const hex = (await import("node:crypto")).createHash("sha256").update(canonicalJson(index)).digest("hex");
  const enc = new TextEncoder();
  await store.putIfAbsent(`reports/${hex}/bundle.json`, enc.encode(JSON.stringify(index)), {});
  await store.putIfAbsent(
    `reports/${hex}/report.json`,
    enc.encode(JSON.stringify({ gates: [{ id: "g", passed: true }] })),
    {},
  );
  const out: string[] = [];
  const err: string[] = [];
  const fx = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    isTTY: false,
    cwd: root,
    env: { CEJST_STORE: root },
  };
  assert.equal(await runCli(["approve", "1.0-rc.1", "--report", hex.slice(0, 12)], fx), 2);
  assert.match(err.join(""), /needs an identity/);
  assert.equal(
    await runCli(
      ["approve", "1.0-rc.1", "--report", `sha256:${hex}`, "--as", "R. Reviewer <r@example.org>"],
      fx,
    ),
    0,
    err.join(""),
  );
  assert.match(out.join(""), new RegExp(`approved 1\\.0-rc\\.1 ${digest} as apr_`));
  const approvals = await listApprovals(store, digest);
  assert.equal(approvals.length, 1);
  assert.equal(approvals[0]!.approver.email, "r@example.org");
  assert.equal(approvals[0]!.report.digest, `sha256:${hex}`);
});
