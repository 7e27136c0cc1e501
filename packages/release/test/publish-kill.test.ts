import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { FsStore } from "../src/fs-store.ts";
import { isTombstone, manifestDigest } from "../src/manifest.ts";
import { publish, readManifest } from "../src/publish.ts";
import { verifyVersion } from "../src/verify.ts";
import { freezeLabel, makeBuild } from "./builds.ts";

const child = join(dirname(fileURLToPath(import.meta.url)), "publish-child.ts");
const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

test("G2 with real processes: SIGKILL at different points never leaves a visible partial version", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-kill-"));
  temps.push(root);
  const store = new FsStore(root);
  const build = await makeBuild("1.0", await freezeLabel(store, "1.0"), "kill", 60);
  temps.push(build.dir);
  // Process start-up dominates on a busy machine, so the seed count stays small here; the
  // deterministic crash-after-k-writes test in publish-contract.ts covers every point.
  const seeds = 5;
  const outcomes: string[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const version = `1.0-rc.${seed + 1}`;
    const proc = spawn(process.execPath, ["--import", "tsx", child, root, version, build.dir], {
      stdio: "ignore",
    });
    const exited = new Promise<void>((ok) => proc.once("exit", () => ok()));
    // Wait (bounded) until the claim exists, then kill after a seed-dependent number of files.
    let stored = 0;
    for (let i = 0; i < 2000 && stored < seed * 12 + 1; i++) {
      await new Promise((r) => setTimeout(r, 10));
      stored = 0;
      for await (const _ of store.list(`data-versions/${version}/`)) stored++;
      if (stored === 0 && (await store.head(`control/claims/${version}.json`)) !== undefined && seed === 0)
        break;
    }
    proc.kill("SIGKILL");
    await exited;
    const m = await readManifest(store, version);
    if (m === undefined) {
      outcomes.push(`${seed}:absent after ${stored} objects`);
      assert.equal((await verifyVersion(store, version).catch((e: Error) => e)) instanceof Error, true);
      const r = await publish(store, { version, buildDir: build.dir, resume: true });
      assert.equal(r.digest, build.digest);
    } else {
      outcomes.push(`${seed}:committed`);
      assert.ok(!isTombstone(m));
      assert.equal(manifestDigest(m), build.digest);
    }
    const v = await verifyVersion(store, version);
    assert.equal(v.ok, true, `seed ${seed}: ${JSON.stringify(v.failures)}`);
  }
  assert.ok(
    outcomes.some((o) => o.includes("absent")),
    `no kill landed before the commit: ${outcomes.join(", ")}`,
  );
});
