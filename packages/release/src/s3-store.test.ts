/**
 * The S3 upload path against a small fake S3 endpoint on loopback (the real-server tests
 * are in test/integration): every body arrives with a matching signed payload hash, and a
 * multipart upload sends its parts a few at a time, completes them in order, and aborts
 * when a part fails.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileSource } from "./bytes.ts";
import { S3Store } from "./s3-store.ts";

interface Fake {
  endpoint: string;
  puts: Map<string, Buffer>;
  parts: Map<number, Buffer>;
  completed: number[][];
  aborted: number;
  maxInFlight: number;
  hashMismatches: number;
  failPart?: number;
  close(): Promise<void>;
}

async function fakeS3(): Promise<Fake> {
  let inFlight = 0;
  const fake: Fake = {
    endpoint: "",
    puts: new Map(),
    parts: new Map(),
    completed: [],
    aborted: 0,
    maxInFlight: 0,
    hashMismatches: 0,
    close: async () => undefined,
  };
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((ok) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => ok(Buffer.concat(chunks)));
    });
  const xml = (res: ServerResponse, text: string) => {
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>${text}`);
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const key = url.pathname.split("/").slice(2).join("/");
    const bytes = await body(req);
    const signed = req.headers["x-amz-content-sha256"];
    if (bytes.length > 0 && signed !== createHash("sha256").update(bytes).digest("hex"))
      fake.hashMismatches++;
    if (req.method === "HEAD") {
      res.writeHead(404).end();
    } else if (req.method === "PUT" && url.searchParams.has("partNumber")) {
      const n = Number(url.searchParams.get("partNumber"));
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      // hold each part briefly, so parts sent together are seen together
      await new Promise((r) => setTimeout(r, 15));
      inFlight--;
      if (n === fake.failPart) {
        res.writeHead(400, { "content-type": "application/xml" });
        res.end("<Error><Code>InvalidPart</Code><Message>no</Message></Error>");
        return;
      }
      fake.parts.set(n, bytes);
      res.writeHead(200, { etag: `"p${n}"` }).end();
    } else if (req.method === "PUT") {
      fake.puts.set(key, bytes);
      res.writeHead(200, { etag: '"e"' }).end();
    } else if (req.method === "POST" && url.searchParams.has("uploads")) {
      xml(
        res,
        `<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>${key}</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>`,
      );
    } else if (req.method === "POST" && url.searchParams.has("uploadId")) {
      fake.completed.push(
        [...bytes.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1])),
      );
      xml(
        res,
        `<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>${key}</Key><ETag>"m"</ETag></CompleteMultipartUploadResult>`,
      );
    } else if (req.method === "DELETE" && url.searchParams.has("uploadId")) {
      fake.aborted++;
      res.writeHead(204).end();
    } else {
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((ok) => server.close(() => ok()));
  return fake;
}

const storeOn = (fake: Fake) =>
  new S3Store({
    bucket: "b",
    endpoint: fake.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    multipartThreshold: 4096,
    partSize: 1024,
    partConcurrency: 3,
  });

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

test("single puts and multipart parts carry the body's sha256 as the signed payload hash", async () => {
  const fake = await fakeS3();
  const store = storeOn(fake);
  try {
    assert.equal(await store.putIfAbsent("data-versions/1.0/small.bin", bytesOf(1000), {}), "created");
    assert.deepEqual(fake.puts.get("data-versions/1.0/small.bin"), Buffer.from(bytesOf(1000)));
    const big = bytesOf(10 * 1024 + 5);
    assert.equal(await store.putIfAbsent("data-versions/1.0/big.bin", big, {}), "created");
    assert.equal(fake.hashMismatches, 0);
    // eleven parts, sent at most three at a time but more than one at once, completed in order
    assert.deepEqual(fake.completed, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]);
    assert.ok(fake.maxInFlight >= 2 && fake.maxInFlight <= 3, `parts in flight at once: ${fake.maxInFlight}`);
    const joined = Buffer.concat([...fake.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b));
    assert.deepEqual(joined, Buffer.from(big));
  } finally {
    store.close();
    await fake.close();
  }
});

test("a failed part aborts the multipart upload and nothing is completed", async () => {
  const fake = await fakeS3();
  fake.failPart = 4;
  const store = storeOn(fake);
  try {
    await assert.rejects(
      store.putIfAbsent("data-versions/1.0/big.bin", bytesOf(8 * 1024), {}),
      /InvalidPart|no/,
    );
    assert.equal(fake.aborted, 1);
    assert.deepEqual(fake.completed, []);
  } finally {
    store.close();
    await fake.close();
  }
});

async function withFile(bytes: Uint8Array, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cejst-s3-file-"));
  try {
    const path = join(dir, "body.bin");
    await writeFile(path, bytes);
    await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const hexOf = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

test("a file source is streamed in one put, or read part by part, with the same hashes", async () => {
  const fake = await fakeS3();
  const store = storeOn(fake);
  try {
    const small = bytesOf(3000);
    await withFile(small, async (path) => {
      const r = await store.putIfAbsent("v/small.bin", fileSource(path, small.byteLength), {
        sha256: hexOf(small),
      });
      assert.equal(r, "created");
    });
    assert.deepEqual(fake.puts.get("v/small.bin"), Buffer.from(small));
    const big = bytesOf(10 * 1024 + 5);
    await withFile(big, async (path) => {
      // no sha256 given: the store hashes the file itself first
      assert.equal(await store.putIfAbsent("v/big.bin", fileSource(path, big.byteLength), {}), "created");
    });
    assert.equal(fake.hashMismatches, 0);
    assert.deepEqual(fake.completed, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]);
    const joined = Buffer.concat([...fake.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b));
    assert.deepEqual(joined, Buffer.from(big));
  } finally {
    store.close();
    await fake.close();
  }
});

test("a file that is not what the caller says is refused, and a multipart upload is aborted", async () => {
  const fake = await fakeS3();
  const store = storeOn(fake);
  try {
    const big = bytesOf(8 * 1024);
    const other = hexOf(bytesOf(8 * 1024 + 1));
    await withFile(big, async (path) => {
      await assert.rejects(
        store.putIfAbsent("v/big.bin", fileSource(path, big.byteLength), { sha256: other }),
        /sha256 of the body for v\/big.bin differs from the one given/,
      );
      await assert.rejects(
        store.putIfAbsent("v/short.bin", fileSource(path, big.byteLength + 1), {}),
        /is not 8193 bytes long \(got 8192\)/,
      );
    });
    assert.deepEqual(fake.completed, []);
    assert.equal(fake.aborted, 1);
    assert.equal(fake.puts.size, 0);
  } finally {
    store.close();
    await fake.close();
  }
});
