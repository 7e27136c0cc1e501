import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { createBuildManifest } from "../src/build-manifest.ts";
import { createFreeze } from "../src/freeze.ts";
import { snapshotInputs } from "../src/inputs-snapshot.ts";
import type { ManifestFreezeRef } from "../src/manifest.ts";
import type { Store } from "../src/store.ts";

// Every build of this process sits in one parent folder, removed when the file's tests end
// (and again on exit, for a process that ends without running the hooks). Tests may read
// a build after publishing it, so nothing is removed earlier.
let parent: string | undefined;
const cleanup = () => {
  if (parent !== undefined) rmSync(parent, { recursive: true, force: true });
  parent = undefined;
};
after(cleanup);
process.once("exit", cleanup);

function buildsFolder(): string {
  if (parent === undefined) {
    parent = mkdtempSync(join(tmpdir(), "cejst-release-builds-"));
    mkdirSync(parent, { recursive: true });
  }
  return parent;
}

/** An input set with one small input, so freezes can name a set that exists. */
export async function inputSet(store: Store): Promise<string> {
  const body = new TextEncoder().encode("GEOID10,x\n01001020100,1\n");
  const { createHash } = await import("node:crypto");
  const sha256 = createHash("sha256").update(body).digest("hex");
  const { digest } = await snapshotInputs(store, [
    {
      name: "census",
      file: "tracts.csv",
      source: "https://example.org/tracts.csv",
      sha256,
      bytes: body.byteLength,
      body,
    },
  ]);
  return digest;
}

/** Writes freeze 1 of `label` into the store and returns the reference a build carries. */
export async function freezeLabel(store: Store, label: string): Promise<ManifestFreezeRef> {
  const { record, digest } = await createFreeze(store, {
    label,
    commit: "a".repeat(40),
    lockfile: `sha256:${"b".repeat(64)}`,
    inputs: await inputSet(store),
    toolchain: { node: "20.19.2" },
    actor: { name: "Test Freezer" },
    now: () => new Date("2026-01-02T03:04:05.678Z"),
  });
  return { label, seq: record.seq, record: digest };
}

/**
 * A small build folder: a few data files whose bytes depend on `variant`, so two variants
 * have different digests. Returns the folder and its manifest digest.
 */
export async function makeBuild(
  label: string,
  freeze: ManifestFreezeRef | null | undefined,
  variant = "a",
  fileCount = 5,
): Promise<{ dir: string; digest: string; paths: string[] }> {
  const dir = await mkdtemp(join(buildsFolder(), "build-"));
  const paths: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const path = i === 0 ? `data/score/csv/full/usa.csv` : `data/score/tiles/${i}/file-${i}.json`;
    paths.push(path);
    const body =
      i === 0
        ? `GEOID10,score\n0100${variant},${i}\n`
        : JSON.stringify({ i, variant, pad: "x".repeat(i * 37) });
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), body);
  }
  const content = { label, methodology: label, synthetic: true, ...(freeze === undefined ? {} : { freeze }) };
  const { digest } = await createBuildManifest(dir, content);
  return { dir, digest, paths };
}
