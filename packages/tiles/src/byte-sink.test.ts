import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileByteSink, memoryByteSink } from "./byte-sink.ts";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-tiles-sink-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("a file sink shows the target only once closed, with every byte in order", async () => {
  const path = join(dir, "a.bin");
  const sink = fileByteSink(path);
  await sink.write(Uint8Array.from([1, 2, 3]));
  // More than the batch size, so part of the data reaches the temporary file before close.
  await sink.write(new Uint8Array(1 << 20).fill(7));
  assert.equal(existsSync(path), false);
  await sink.write(Uint8Array.from([9]));
  await sink.close();
  const bytes = await readFile(path);
  assert.equal(bytes.length, 3 + (1 << 20) + 1);
  assert.deepEqual([...bytes.subarray(0, 4)], [1, 2, 3, 7]);
  assert.equal(bytes.at(-1), 9);
  assert.deepEqual(await readdir(dir), ["a.bin"]);
});

test("an aborted file sink leaves neither the target nor a temporary file", async () => {
  const sub = await mkdtemp(join(dir, "abort-"));
  const sink = fileByteSink(join(sub, "b.bin"));
  await sink.write(new Uint8Array((1 << 20) + 5));
  await sink.abort();
  assert.deepEqual(await readdir(sub), []);
});

test("a memory sink returns its bytes once closed and refuses writes after", async () => {
  const sink = memoryByteSink();
  await sink.write(Uint8Array.from([1, 2]));
  assert.throws(() => sink.bytes(), /still open/);
  await sink.write(Uint8Array.from([3]));
  await sink.close();
  assert.deepEqual([...sink.bytes()], [1, 2, 3]);
  await assert.rejects(sink.write(Uint8Array.from([4])), /closed/);
});
