import assert from "node:assert/strict";
import { test } from "node:test";
import type { Store } from "../src/store.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

async function keys(store: Store, prefix: string, startAfter?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const info of store.list(prefix, startAfter === undefined ? {} : { startAfter }))
    out.push(info.key);
  return out;
}

/**
 * The behaviour every `Store` driver must have (rollout.md §3.0), run against each driver.
 * `open` returns a fresh, empty store (or one with a fresh prefix folded into keys by `k`).
 */
export function storeContract(
  driver: string,
  open: () => Promise<Store>,
  opts: { keepsMetadata: boolean; k?: (key: string) => string; skip?: string | false } = {
    keepsMetadata: true,
  },
): void {
  const k = opts.k ?? ((key: string) => key);
  const t = (name: string, fn: () => Promise<void>) =>
    test(`${driver}: ${name}`, { skip: opts.skip ?? false }, fn);

  t("put-if-absent creates, then reports exists and keeps the first bytes", async () => {
    const store = await open();
    assert.equal(await store.putIfAbsent(k("a/b.txt"), enc.encode("first"), {}), "created");
    assert.equal(await store.putIfAbsent(k("a/b.txt"), enc.encode("second, longer"), {}), "exists");
    const got = await store.get(k("a/b.txt"));
    assert.equal(dec.decode(got?.body), "first");
    assert.equal(got?.size, 5);
  });

  t("get and head of an absent key are undefined", async () => {
    const store = await open();
    assert.equal(await store.get(k("nope/x")), undefined);
    assert.equal(await store.head(k("nope/x")), undefined);
  });

  t("streams a body from a factory", async () => {
    const store = await open();
    async function* parts() {
      yield enc.encode("ab");
      yield enc.encode("cd");
    }
    assert.equal(await store.putIfAbsent(k("s/x"), () => parts(), {}), "created");
    assert.equal(dec.decode((await store.get(k("s/x")))?.body), "abcd");
  });

  t("range reads return the inclusive slice and report it", async () => {
    const store = await open();
    await store.putIfAbsent(k("r/x"), enc.encode("0123456789"), {});
    const mid = await store.get(k("r/x"), { start: 2, end: 4 });
    assert.equal(dec.decode(mid?.body), "234");
    assert.deepEqual(mid?.range, { start: 2, end: 4 });
    assert.equal(mid?.size, 10);
    const tail = await store.get(k("r/x"), { start: 7 });
    assert.equal(dec.decode(tail?.body), "789");
  });

  t("the etag is stable and differs between different bytes", async () => {
    const store = await open();
    await store.putIfAbsent(k("e/1"), enc.encode("one"), {});
    await store.putIfAbsent(k("e/2"), enc.encode("two"), {});
    const a = await store.head(k("e/1"));
    const b = await store.head(k("e/1"));
    const c = await store.head(k("e/2"));
    assert.ok(a?.etag);
    assert.equal(a?.etag, b?.etag);
    assert.notEqual(a?.etag, c?.etag);
  });

  t("list is bytewise ordered, filtered by prefix, and honours startAfter", async () => {
    const store = await open();
    // "é" (U+00E9) sorts after "z" bytewise, and "\uFF21" after "\u{1F600}" in UTF-16 but not in UTF-8.
    const names = ["l/b", "l/a/2", "l/a/1", "l/z", "l/é", "l/\u{1F600}", "l/\uFF21", "lx/other"];
    for (const n of names) await store.putIfAbsent(k(n), enc.encode(n), {});
    const expected = ["l/a/1", "l/a/2", "l/b", "l/z", "l/é", "l/\uFF21", "l/\u{1F600}"].map(k);
    assert.deepEqual(await keys(store, k("l/")), expected);
    assert.deepEqual(await keys(store, k("l/"), k("l/b")), expected.slice(3));
    const sizes: number[] = [];
    for await (const info of store.list(k("l/a/"))) sizes.push(info.size);
    assert.deepEqual(sizes, [5, 5]);
  });

  t("concurrent put-if-absent with different bytes: exactly one is created, and its bytes stay", async () => {
    const store = await open();
    const bodies = Array.from({ length: 16 }, (_, i) => enc.encode(`writer ${i} `.repeat(i + 1)));
    const results = await Promise.all(bodies.map((b) => store.putIfAbsent(k("race/x"), b, {})));
    const winners = results.flatMap((r, i) => (r === "created" ? [i] : []));
    assert.equal(winners.length, 1, `results ${results.join(",")}`);
    const got = await store.get(k("race/x"));
    assert.deepEqual(got?.body, bodies[winners[0]!]);
  });

  t("probe keys can be deleted", async () => {
    const store = await open();
    const key = k("control/probe/p1/x") as `control/probe/${string}`;
    await store.putIfAbsent(key, enc.encode("p"), {});
    await store.deleteProbe(key);
    assert.equal(await store.head(key), undefined);
  });

  t("keys that could escape the root are refused", async () => {
    const store = await open();
    for (const bad of ["../x", "/abs", "a//b", "a/./b", ""]) {
      await assert.rejects(store.putIfAbsent(bad, enc.encode("x"), {}), /store key/);
    }
  });

  if (opts.keepsMetadata) {
    t("content type, cache control and sha256 are kept", async () => {
      const store = await open();
      const body = enc.encode("a,b\n1,2\n");
      const { createHash } = await import("node:crypto");
      const sha = createHash("sha256").update(body).digest("hex");
      await store.putIfAbsent(k("m/x.csv"), body, {
        contentType: "text/csv; charset=utf-8",
        cacheControl: "public, max-age=31536000, immutable",
        sha256: sha,
      });
      const info = await store.head(k("m/x.csv"));
      assert.equal(info?.contentType, "text/csv; charset=utf-8");
      assert.equal(info?.cacheControl, "public, max-age=31536000, immutable");
      assert.equal(info?.sha256, sha);
    });
  }
}
