import assert from "node:assert/strict";
import { test } from "node:test";
import { FsStore } from "./fs-store.ts";
import { openStore, parseS3Url } from "./open-store.ts";
import { S3Store } from "./s3-store.ts";

test("a plain relative path opens an FsStore under cwd", () => {
  const s = openStore("./.cejst-store", { cwd: "/srv/x" });
  assert.ok(s instanceof FsStore);
  assert.equal(s.root, "/srv/x/.cejst-store");
});

test("a file:// URL opens an FsStore at that path", () => {
  const s = openStore("file:///var/lib/cejst", { cwd: "/" });
  assert.ok(s instanceof FsStore);
  assert.equal(s.root, "/var/lib/cejst");
});

test("an s3:// URL opens an S3Store with endpoint, region and prefix", () => {
  assert.deepEqual(
    parseS3Url("s3://my-bucket/some/prefix/?endpoint=http://127.0.0.1:7480&region=eu-west-1"),
    {
      bucket: "my-bucket",
      prefix: "some/prefix",
      endpoint: "http://127.0.0.1:7480",
      region: "eu-west-1",
    },
  );
  const s = openStore("s3://my-bucket?endpoint=http://127.0.0.1:7480", { cwd: "/" });
  assert.ok(s instanceof S3Store);
  (s as S3Store).close();
});

test("bad store URLs are usage errors naming the problem", () => {
  assert.throws(() => openStore("ftp://x/y", { cwd: "/" }), { code: "USAGE", message: /scheme/ });
  assert.throws(() => openStore("s3://B_ad?endpoint=x", { cwd: "/" }), { code: "USAGE", message: /bucket/ });
  assert.throws(() => openStore("s3://bucket?color=red", { cwd: "/" }), { code: "USAGE", message: /color/ });
});
