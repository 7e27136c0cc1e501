import assert from "node:assert/strict";
import { test } from "node:test";
import { manifestDigest } from "@cejst/release";
import { canonicalJson, contentDigest } from "./digest.ts";

test("the release id equals the release tooling's manifest digest", async () => {
  const content = {
    label: "2.0",
    synthetic: true,
    files: [{ path: "a é.csv", sha256: "00", bytes: 12, contentType: "text/csv" }],
    release: { counts: { tracts: 3 }, notes: { en: "n.md" } },
    z: [1.5, null, "x"],
  };
  assert.equal(await contentDigest(content), manifestDigest({ content } as never));
  assert.equal(canonicalJson({ b: 1, a: [true, { d: 0, c: "é" }] }), '{"a":[true,{"c":"é","d":0}],"b":1}');
});
