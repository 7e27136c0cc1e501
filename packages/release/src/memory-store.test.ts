import assert from "node:assert/strict";
import { test } from "node:test";
import { storeContract } from "../test/store-contract.ts";
import { MemoryStore } from "./memory-store.ts";
import type { Store } from "./store.ts";

storeContract("memory", async () => new MemoryStore(), { keepsMetadata: true });

test("memory: a wrong sha256 in the metadata is refused and nothing is stored", async () => {
  const store = new MemoryStore();
  await assert.rejects(store.putIfAbsent("x", new Uint8Array([1]), { sha256: "00".repeat(32) }), /sha256/);
  assert.equal(await store.head("x"), undefined);
});

test("memory: tamper replaces bytes behind the port's back", async () => {
  const store = new MemoryStore();
  await store.putIfAbsent("x", new Uint8Array([1]), {});
  store.tamper("x", new Uint8Array([2, 3]));
  assert.deepEqual((await store.get("x"))?.body, new Uint8Array([2, 3]));
  store.tamper("x", undefined);
  assert.equal(await store.head("x"), undefined);
});

test("the Store port has no method that can replace an object", () => {
  const store: Store = new MemoryStore();
  // @ts-expect-error: there is no put, only putIfAbsent
  const put = store.put;
  assert.equal(put, undefined);
  // @ts-expect-error: nor a general delete
  assert.equal(store.delete, undefined);
});
