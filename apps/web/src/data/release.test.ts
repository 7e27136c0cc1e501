import assert from "node:assert/strict";
import { test } from "node:test";
import { contentDigest } from "./digest.ts";
import { Release } from "./release.ts";

test("a release's digest is computed on request, once, and equals the manifest content's", async () => {
  const content = { label: "2.0", methodology: "2.0", files: [{ path: "a.json", sha256: "x", bytes: 1 }] };
  const release = new Release("2.0", new URL("http://example.test/data-versions/2.0/"), content);
  assert.equal(release.digest, undefined, "no hashing before it is asked for");
  const first = release.computeDigest();
  assert.equal(release.computeDigest(), first, "the same promise on a second call");
  const d = await first;
  assert.equal(d, await contentDigest(content));
  assert.equal(release.digest, d);
  assert.match(d ?? "", /^sha256:[0-9a-f]{64}$/);
});
