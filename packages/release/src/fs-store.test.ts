import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { storeContract } from "../test/store-contract.ts";
import { FsStore } from "./fs-store.ts";

const roots: string[] = [];
async function fresh(): Promise<FsStore> {
  const root = await mkdtemp(join(tmpdir(), "cejst-fs-store-"));
  roots.push(root);
  return new FsStore(root);
}
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

storeContract("fs", fresh, { keepsMetadata: false });

test("fs: temp files do not survive a put and are not listed", async () => {
  const store = await fresh();
  await store.putIfAbsent("a/x", new Uint8Array([1]), {});
  await store.putIfAbsent("a/x", new Uint8Array([2]), {});
  assert.deepEqual(await readdir(join(store.root, ".cejst-tmp")), []);
  const listed: string[] = [];
  for await (const i of store.list("")) listed.push(i.key);
  assert.deepEqual(listed, ["a/x"]);
});

test("fs: a wrong sha256 is refused and leaves no key", async () => {
  const store = await fresh();
  await assert.rejects(store.putIfAbsent("x", new Uint8Array([1]), { sha256: "0".repeat(64) }), /sha256/);
  assert.equal(await store.head("x"), undefined);
});

test("fs: a body factory that fails leaves no key and no temp file", async () => {
  const store = await fresh();
  async function* broken(): AsyncIterable<Uint8Array> {
    yield new Uint8Array([1, 2]);
    throw new Error("source went away");
  }
  await assert.rejects(
    store.putIfAbsent("y", () => broken(), {}),
    /source went away/,
  );
  assert.equal(await store.head("y"), undefined);
  assert.deepEqual(await readdir(join(store.root, ".cejst-tmp")), []);
});

test("fs: cleanTmp removes only old temp files", async () => {
  const store = await fresh();
  await store.putIfAbsent("z", new Uint8Array([1]), {});
  const old = join(store.root, ".cejst-tmp", "old");
  const young = join(store.root, ".cejst-tmp", "young");
  await writeFile(old, "x");
  await writeFile(young, "y");
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await utimes(old, twoDaysAgo, twoDaysAgo);
  assert.equal(await store.cleanTmp(86_400_000), 1);
  assert.deepEqual(await readdir(join(store.root, ".cejst-tmp")), ["young"]);
});

test("fs: deleting a probe removes its empty folders", async () => {
  const store = await fresh();
  await store.putIfAbsent("control/probe/abc/k", new Uint8Array([1]), {});
  await store.deleteProbe("control/probe/abc/k");
  assert.deepEqual(await readdir(join(store.root, "control", "probe")), []);
});
