import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createBuildManifest, hashFile, MANIFEST_NAME, SUMS_NAME } from "./build-manifest.ts";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

// Random bytes: a chunk read twice or skipped changes the hash (the expected one is computed
// from the same bytes, so the result does not depend on them).
const pattern = (n: number) => new Uint8Array(randomBytes(n));

test("hashFile reads files across its read chunks (empty, one byte, 4 MiB ± 1, 9 MiB)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cejst-hash-"));
  try {
    const sizes = [0, 1, 4 * 1024 * 1024 - 1, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 9 * 1024 * 1024 + 7];
    // Several at once, as the manifest does, so the shared read buffers are exercised.
    const results = await Promise.all(
      sizes.map(async (n, i) => {
        const bytes = pattern(n);
        const p = join(dir, `f${i}`);
        writeFileSync(p, bytes);
        return [await hashFile(p), { sha256: sha(bytes), bytes: n }] as const;
      }),
    );
    for (const [got, want] of results) assert.deepEqual(got, want);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("createBuildManifest lists every file in sorted order with its sha256, and writes SHA256SUMS", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cejst-manifest-"));
  try {
    const content: Record<string, Uint8Array> = {};
    for (const [i, p] of ["b.csv", "a/z.json", "a/b/c.txt", "tiles/t.pmtiles", "A.txt"].entries())
      content[p] = pattern(i === 3 ? 5 * 1024 * 1024 : 100 + i);
    for (const [p, b] of Object.entries(content)) {
      mkdirSync(join(dir, p, ".."), { recursive: true });
      writeFileSync(join(dir, p), b);
    }
    const { manifest } = await createBuildManifest(dir, { label: "9.9" });
    const listed = manifest.content.files.filter((f) => f.path !== SUMS_NAME);
    assert.deepEqual(
      listed.map((f) => [f.path, f.sha256, f.bytes]),
      Object.keys(content)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((p) => [p, sha(content[p] as Uint8Array), (content[p] as Uint8Array).byteLength]),
    );
    const sums = readFileSync(join(dir, SUMS_NAME), "utf8");
    assert.equal(sums, listed.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
    const written = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), "utf8"));
    assert.deepEqual(written.content.files, manifest.content.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
