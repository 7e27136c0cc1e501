import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { BufferedTextWriter } from "./buffered-text-writer.ts";

test("small strings, a string larger than the buffer and multi-byte text arrive in order", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-buffered-"));
  try {
    const path = join(dir, "out.txt");
    const w = await BufferedTextWriter.open(path, 64);
    const parts = [
      "a,b\n",
      "é€😀\n",
      "x".repeat(200),
      "\n",
      ...Array.from({ length: 100 }, (_, i) => `${i}\n`),
    ];
    for (const p of parts) {
      const pending = w.write(p);
      if (pending) await pending;
    }
    await w.close();
    assert.equal(await readFile(path, "utf8"), parts.join(""));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a buffer below 16 bytes is refused", async () => {
  await assert.rejects(BufferedTextWriter.open("/nonexistent/x", 8), /at least 16 bytes \(got 8\)/);
});

test("writeAscii copies ASCII text byte for byte, mixed with write, across flushes", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-buffered-"));
  try {
    const path = join(dir, "out.txt");
    const w = await BufferedTextWriter.open(path, 32);
    const parts = ["0.25,True,\n", "é,", "x".repeat(100), "\n", "1e-05,4781.0\n"];
    for (const [i, p] of parts.entries()) {
      const pending = i === 1 ? w.write(p) : w.writeAscii(p);
      if (pending) await pending;
    }
    await w.close();
    assert.equal(await readFile(path, "utf8"), parts.join(""));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
