import { rmSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createBuildManifest } from "../src/build-manifest.ts";
import { createFreeze } from "../src/freeze.ts";
import type { ManifestFreezeRef } from "../src/manifest.ts";
import type { Store } from "../src/store.ts";

// Build folders live until the test process ends; tests may read them after publishing.
const made: string[] = [];
process.once("exit", () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Writes freeze 1 of `label` into the store and returns the reference a build carries. */
export async function freezeLabel(store: Store, label: string): Promise<ManifestFreezeRef> {
  const { record, digest } = await createFreeze(store, {
    label,
    commit: "a".repeat(40),
    lockfile: `sha256:${"b".repeat(64)}`,
    inputs: `sha256:${"c".repeat(64)}`,
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
  const dir = await mkdtemp(join(tmpdir(), "cejst-release-build-"));
  made.push(dir);
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
