import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { FsStore, MemoryStore } from "@cejst/release";
import { rangeReader } from "./range-reader.ts";

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

test("ranges of a directory store come from held descriptors and match the bytes", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-range-reader-"));
  try {
    const store = new FsStore(root);
    // more objects than descriptors held, read concurrently: eviction must not close one in use
    const n = 80;
    for (let k = 0; k < n; k++) await store.putIfAbsent(`data-versions/1.0/f${k}.bin`, bytes(5000, k), {});
    const reader = rangeReader(store);
    const reads = [];
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < n; k++) {
        const start = (k * 97 + round * 13) % 4000;
        reads.push(
          reader.read(`data-versions/1.0/f${k}.bin`, start, start + 999).then((got) => {
            assert.deepEqual(Buffer.from(got), Buffer.from(bytes(5000, k).subarray(start, start + 1000)));
          }),
        );
      }
    }
    await Promise.all(reads);
    // past the end: fewer bytes, so the caller can tell the object is shorter than it expects
    assert.equal((await reader.read("data-versions/1.0/f0.bin", 4990, 5009)).byteLength, 10);
    reader.close();
    // after close the reader opens files again
    assert.equal((await reader.read("data-versions/1.0/f1.bin", 0, 9)).byteLength, 10);
    await assert.rejects(reader.read("data-versions/1.0/absent.bin", 0, 9), /ENOENT/);
    reader.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("other stores are read with ranged gets; a missing object is an error", async () => {
  const store = new MemoryStore();
  await store.putIfAbsent("data-versions/1.0/a.bin", bytes(100, 1), {});
  const reader = rangeReader(store);
  assert.deepEqual(
    Buffer.from(await reader.read("data-versions/1.0/a.bin", 10, 19)),
    Buffer.from(bytes(100, 1).subarray(10, 20)),
  );
  await assert.rejects(reader.read("data-versions/1.0/b.bin", 0, 9), /missing though its manifest lists it/);
});
