import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHost, parseTarget } from "./request-target.ts";

test("segments are decoded after splitting, so %2f stays inside a segment and is refused", () => {
  assert.deepEqual(parseTarget("/data-versions/2.0/a%20b.csv?x=1")?.segments, [
    "data-versions",
    "2.0",
    "a b.csv",
  ]);
  assert.equal(parseTarget("/data-versions%2f2.0"), undefined);
  assert.equal(parseTarget("/a%5cb"), undefined);
});

test("dot segments, plain or encoded, are refused", () => {
  for (const t of ["/..", "/a/../b", "/a/%2e%2e/b", "/a/%2E%2E", "/./a", "/a/%2e/b"]) {
    assert.equal(parseTarget(t), undefined, t);
  }
});

test("NUL, control characters, backslashes, bad escapes and empty inner segments are refused", () => {
  for (const t of [
    "/a%00b",
    "/a\u0000b",
    "/a\\b",
    "/%",
    "/%zz",
    "/a//b",
    "//a",
    "",
    "a/b",
    `/${"a".repeat(5000)}`,
  ]) {
    assert.equal(parseTarget(t), undefined, JSON.stringify(t));
  }
});

test("root, trailing slash, query and absolute form", () => {
  assert.deepEqual(parseTarget("/")?.segments, []);
  assert.deepEqual(parseTarget("/explore/")?.segments, ["explore", ""]);
  assert.equal(parseTarget("/x?token=abc")?.query.get("token"), "abc");
  assert.deepEqual(parseTarget("http://example.org/a/b")?.segments, ["a", "b"]);
  assert.deepEqual(parseTarget("http://example.org")?.segments, []);
});

test("hosts are lowercased without port or trailing dot; junk is refused", () => {
  assert.equal(parseHost("Example.ORG:8080"), "example.org");
  assert.equal(parseHost("example.org."), "example.org");
  assert.equal(parseHost("[::1]:80"), "[::1]");
  for (const h of [undefined, "", "exa mple.org", "a..b", "x:abc", "-x.org", "a/b"]) {
    assert.equal(parseHost(h), undefined, String(h));
  }
});
