import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import { lifecycleContract } from "../lifecycle-contract.ts";
import { publishContract } from "../publish-contract.ts";
import { storeContract } from "../store-contract.ts";
import { type Rgw, startRgw } from "./rgw.ts";

let rgw: Rgw;
before(async () => {
  rgw = await startRgw();
  process.stderr.write(`# RGW started in ${rgw.startupSeconds.toFixed(1)} s\n`);
});
after(async () => {
  await rgw?.stop();
});

storeContract("s3 (Ceph RGW)", () => rgw.newStore(), { keepsMetadata: true });
publishContract("s3 (Ceph RGW)", () => rgw.newStore());
lifecycleContract("s3 (Ceph RGW)", () => rgw.newStore());

test("s3 (Ceph RGW): multipart upload is create-if-absent too", async () => {
  const store = await rgw.newStore();
  // A store with a tiny threshold exercises the multipart path with small bodies.
  const { S3Store } = await import("../../src/s3-store.ts");
  const mp = new S3Store({
    bucket: store.bucket,
    endpoint: rgw.endpoint,
    credentials: rgw.credentials,
    multipartThreshold: 1024,
    partSize: 5 * 1024 * 1024,
  });
  try {
    const big = new Uint8Array(6 * 1024 * 1024).map((_, i) => i % 251);
    assert.equal(await mp.putIfAbsent("mp/x", big, {}), "created");
    assert.equal(await mp.putIfAbsent("mp/x", new Uint8Array(6 * 1024 * 1024), {}), "exists");
    const got = await mp.get("mp/x");
    assert.equal(got?.size, big.byteLength);
    assert.deepEqual(got?.body, big);
  } finally {
    mp.close();
  }
});

test("s3 (Ceph RGW): a body that does not match the sha256 given is refused and not stored", async () => {
  const store = await rgw.newStore();
  const body = new TextEncoder().encode("the real bytes\n");
  const wrong = createHash("sha256").update("other bytes\n").digest("hex");
  await assert.rejects(store.putIfAbsent("bad/x", body, { sha256: wrong }));
  assert.equal(await store.head("bad/x"), undefined);
  const right = createHash("sha256").update(body).digest("hex");
  assert.equal(await store.putIfAbsent("bad/x", body, { sha256: right }), "created");
  assert.equal((await store.head("bad/x"))?.sha256, right);
});

test("s3 (Ceph RGW): a file is streamed or sent in parts from reused buffers, and a wrong hash is refused", async () => {
  const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { fileSource } = await import("../../src/bytes.ts");
  const { S3Store } = await import("../../src/s3-store.ts");
  const store = await rgw.newStore();
  const mp = new S3Store({
    bucket: store.bucket,
    endpoint: rgw.endpoint,
    credentials: rgw.credentials,
    multipartThreshold: 6 * 1024 * 1024,
    partSize: 5 * 1024 * 1024,
  });
  const dir = await mkdtemp(join(tmpdir(), "cejst-rgw-file-"));
  try {
    const hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    const small = new Uint8Array(300_000).map((_, i) => (i * 13) % 251);
    const big = new Uint8Array(11 * 1024 * 1024 + 7).map((_, i) => (i * 7) % 253);
    await writeFile(join(dir, "small"), small);
    await writeFile(join(dir, "big"), big);
    const wrong = hex(new Uint8Array([1]));
    await assert.rejects(
      mp.putIfAbsent("f/small", fileSource(join(dir, "small"), small.length), { sha256: wrong }),
    );
    assert.equal(await mp.head("f/small"), undefined);
    await assert.rejects(
      mp.putIfAbsent("f/big", fileSource(join(dir, "big"), big.length), { sha256: wrong }),
    );
    assert.equal(await mp.head("f/big"), undefined);
    for (const [name, bytes] of [
      ["small", small],
      ["big", big],
    ] as const) {
      const src = fileSource(join(dir, name), bytes.length);
      assert.equal(await mp.putIfAbsent(`f/${name}`, src, { sha256: hex(bytes) }), "created");
      assert.equal(await mp.putIfAbsent(`f/${name}`, src, { sha256: hex(bytes) }), "exists");
      const got = await mp.get(`f/${name}`);
      assert.equal(got?.sha256, hex(bytes));
      assert.equal(hex(got?.body ?? new Uint8Array()), hex(bytes));
    }
  } finally {
    mp.close();
    await rm(dir, { recursive: true, force: true });
  }
});
