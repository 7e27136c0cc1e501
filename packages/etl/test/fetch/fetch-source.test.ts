/**
 * `fetchFile` against a local HTTP server: verified downloads, checksum refusals, cache
 * hits without a request, resumption with `Range`, bounded retries and mirror rewriting.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, beforeEach, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { InputMissingError, type ProgressEvent } from "@cejst/schema";
import { fetchFile } from "../../src/fetch/fetch-source.ts";
import type { SourceFile } from "../../src/fetch/sources-config.ts";
import { type FileServer, startFileServer } from "./file-server.ts";

const scratch = mkdtempSync(join(tmpdir(), "cejst-fetch-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const freshCache = () => join(scratch, `cache-${++counter}`);

/** Bytes that differ at every offset, so a wrongly resumed file cannot hash right by accident. */
function payload(n: number, seed = 7): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

const BODY = payload(300_000);
const PIN: Omit<SourceFile, "url"> = {
  sha256: sha(BODY),
  bytes: BODY.length,
  file: "NRI_Table_CensusTracts.zip",
};
const FAST = { retryDelayMs: 1 };

let server: FileServer;
beforeEach(async () => {
  server = await startFileServer();
  server.files.set("/data/nri.zip", BODY);
});
afterEach(() => server.close());
const at = (path: string) => `${server.origin}${path}`;

const cacheFiles = (cache: string) =>
  existsSync(join(cache, "sha256")) ? readdirSync(join(cache, "sha256")) : [];
const partials = (cache: string) =>
  existsSync(join(cache, "partial")) ? readdirSync(join(cache, "partial")) : [];

describe("fetchFile", () => {
  test("downloads into <cache>/sha256/<hex> once the digest matches", async () => {
    const cache = freshCache();
    const got = await fetchFile({ ...PIN, url: at("/data/nri.zip") }, { cacheDir: cache, ...FAST });
    assert.equal(got.path, join(cache, "sha256", PIN.sha256));
    assert.equal(got.cached, false);
    assert.equal(got.bytes, BODY.length);
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
    assert.deepEqual(partials(cache), []);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.range, undefined);
  });

  test("a checksum mismatch fails with ChecksumMismatch and keeps nothing", async () => {
    const cache = freshCache();
    const wrong = { ...PIN, sha256: sha(payload(10)), url: at("/data/nri.zip") };
    await assert.rejects(fetchFile(wrong, { cacheDir: cache, ...FAST }), (e: Error & { code?: string }) => {
      assert.equal(e.code, "CHECKSUM_MISMATCH");
      assert.match(e.message, new RegExp(`expected sha256 ${wrong.sha256}, got ${PIN.sha256}`));
      return true;
    });
    assert.deepEqual(cacheFiles(cache), []);
    assert.deepEqual(partials(cache), []);
    assert.equal(server.requests.length, 1, "a mismatch is not retried");
  });

  test("a body longer than the pinned size is cut short and refused", async () => {
    const cache = freshCache();
    const short = { ...PIN, bytes: 1000, url: at("/data/nri.zip") };
    await assert.rejects(fetchFile(short, { cacheDir: cache, ...FAST }), /longer than the 1000 bytes pinned/);
    assert.deepEqual(cacheFiles(cache), []);
    assert.deepEqual(partials(cache), []);
  });

  test("a verified cached file is reused without any request", async () => {
    const cache = freshCache();
    const item = { ...PIN, url: at("/data/nri.zip") };
    await fetchFile(item, { cacheDir: cache, ...FAST });
    const before = server.requests.length;
    const again = await fetchFile(item, { cacheDir: cache, ...FAST });
    assert.equal(again.cached, true);
    assert.equal(server.requests.length, before);
  });

  test("a cached file that no longer matches is never used: it is fetched again", async () => {
    const cache = freshCache();
    const item = { ...PIN, url: at("/data/nri.zip") };
    const first = await fetchFile(item, { cacheDir: cache, ...FAST });
    const damaged = Buffer.from(BODY);
    damaged[5] = (damaged[5] ?? 0) ^ 1;
    writeFileSync(first.path, damaged);
    const again = await fetchFile(item, { cacheDir: cache, ...FAST });
    assert.equal(again.cached, false);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(new Uint8Array(readFileSync(again.path)), BODY);
  });

  test("resumes from a partial file with a Range request for the remaining bytes", async () => {
    const cache = freshCache();
    mkdirSync(join(cache, "partial"), { recursive: true });
    writeFileSync(join(cache, "partial", PIN.sha256), BODY.subarray(0, 123_456));
    const got = await fetchFile({ ...PIN, url: at("/data/nri.zip") }, { cacheDir: cache, ...FAST });
    assert.deepEqual(
      server.requests.map((r) => r.range),
      ["bytes=123456-"],
    );
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
  });

  test("a transfer cut off mid-way is retried from where it stopped", async () => {
    const cache = freshCache();
    server.faults.set("/data/nri.zip", [{ cutAfter: 100_000 }]);
    const got = await fetchFile({ ...PIN, url: at("/data/nri.zip") }, { cacheDir: cache, ...FAST });
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0]?.range, undefined);
    assert.equal(server.requests[1]?.range, "bytes=100000-");
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
  });

  test("a response that stops sending is abandoned after the idle timeout and resumed", async () => {
    const cache = freshCache();
    server.faults.set("/data/nri.zip", [{ stallAfter: 50_000 }]);
    const events: ProgressEvent[] = [];
    const got = await fetchFile(
      { ...PIN, url: at("/data/nri.zip") },
      { cacheDir: cache, retries: 1, retryDelayMs: 1, idleTimeoutMs: 300, onProgress: (e) => events.push(e) },
    );
    assert.equal(server.requests[1]?.range, "bytes=50000-");
    assert.match(events.find((e) => e.stage === "retry")?.detail ?? "", /no data for 300 ms/);
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
  });

  test("a server that ignores Range gets the file from the start", async () => {
    await server.close();
    server = await startFileServer({ ignoreRange: true });
    server.files.set("/data/nri.zip", BODY);
    const cache = freshCache();
    mkdirSync(join(cache, "partial"), { recursive: true });
    writeFileSync(join(cache, "partial", PIN.sha256), BODY.subarray(0, 5000));
    const got = await fetchFile({ ...PIN, url: at("/data/nri.zip") }, { cacheDir: cache, ...FAST });
    assert.equal(server.requests[0]?.range, "bytes=5000-");
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
  });

  test("two 503s are retried with backoff, then the download succeeds", async () => {
    const cache = freshCache();
    server.faults.set("/data/nri.zip", [{ status: 503 }, { status: 503 }]);
    const events: ProgressEvent[] = [];
    const got = await fetchFile(
      { ...PIN, url: at("/data/nri.zip") },
      { cacheDir: cache, retries: 3, retryDelayMs: 1, onProgress: (e) => events.push(e) },
    );
    assert.equal(server.requests.length, 3);
    const retries = events.filter((e) => e.stage === "retry");
    assert.deepEqual(
      retries.map((e) => e.done),
      [1, 2],
    );
    assert.match(retries[0]?.detail ?? "", /HTTP 503.*next try in 1 ms/);
    assert.match(retries[1]?.detail ?? "", /next try in 2 ms/);
    assert.ok(events.some((e) => e.stage === "download" && e.done === BODY.length && e.unit === "bytes"));
    assert.deepEqual(new Uint8Array(readFileSync(got.path)), BODY);
  });

  test("too many failures end in InputMissingError after a bounded number of attempts", async () => {
    const cache = freshCache();
    server.faults.set(
      "/data/nri.zip",
      Array.from({ length: 10 }, () => ({ status: 502 })),
    );
    await assert.rejects(
      fetchFile({ ...PIN, url: at("/data/nri.zip") }, { cacheDir: cache, retries: 2, retryDelayMs: 1 }),
      (e: Error) => {
        assert.ok(e instanceof InputMissingError);
        assert.match(e.message, /could not be fetched after 3 attempts \(HTTP 502/);
        return true;
      },
    );
    assert.equal(server.requests.length, 3);
    assert.deepEqual(cacheFiles(cache), []);
  });

  test("a refused connection is retried, then reported", async () => {
    // The replacement starts before the old server stops, so it cannot take the old port.
    const old = server;
    server = await startFileServer();
    await old.close();
    const origin = old.origin;
    await assert.rejects(
      fetchFile(
        { ...PIN, url: `${origin}/data/nri.zip` },
        { cacheDir: freshCache(), retries: 1, retryDelayMs: 1 },
      ),
      /could not be fetched after 2 attempts/,
    );
  });

  test("a 404 fails at once with InputMissingError", async () => {
    await assert.rejects(
      fetchFile({ ...PIN, url: at("/data/missing.zip") }, { cacheDir: freshCache(), ...FAST }),
      (e: Error) => e instanceof InputMissingError && /HTTP 404/.test(e.message),
    );
    assert.equal(server.requests.length, 1);
  });

  test("a mirror replaces the origin of the URL", async () => {
    server.files.set("/mirror/nri/Content/nri.zip", BODY);
    const got = await fetchFile(
      { ...PIN, url: "https://hazards.fema.invalid/nri/Content/nri.zip" },
      { cacheDir: freshCache(), mirror: `${server.origin}/mirror/`, ...FAST },
    );
    assert.equal(got.url, at("/mirror/nri/Content/nri.zip"));
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ["/mirror/nri/Content/nri.zip"],
    );
  });

  test("local files and local mirror folders are copied into the cache and verified", async () => {
    const dir = join(scratch, `local-${++counter}`);
    mkdirSync(join(dir, "nri/Content"), { recursive: true });
    writeFileSync(join(dir, "nri/Content/nri.zip"), BODY);
    const direct = await fetchFile(
      { ...PIN, url: pathToFileURL(join(dir, "nri/Content/nri.zip")).href },
      { cacheDir: freshCache() },
    );
    assert.deepEqual(new Uint8Array(readFileSync(direct.path)), BODY);
    const mirrored = await fetchFile(
      { ...PIN, url: "https://hazards.fema.invalid/nri/Content/nri.zip" },
      { cacheDir: freshCache(), mirror: `${pathToFileURL(dir).href}/` },
    );
    assert.deepEqual(new Uint8Array(readFileSync(mirrored.path)), BODY);
    assert.equal(server.requests.length, 0);
    await assert.rejects(
      fetchFile({ ...PIN, url: pathToFileURL(join(dir, "absent.zip")).href }, { cacheDir: freshCache() }),
      InputMissingError,
    );
  });
});
