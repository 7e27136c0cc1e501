import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { StoreError } from "@cejst/schema";
import { collectBytes, type FileByteSource, isFileSource } from "./bytes.ts";
import { assertValidKey } from "./keys.ts";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";

/** How to reach one bucket of an S3-compatible service. */
export interface S3StoreConfig {
  bucket: string;
  /** E.g. `http://127.0.0.1:7480`; omitted means AWS itself. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Folder inside the bucket that every key is placed under (no trailing `/`). */
  prefix?: string;
  /** Bodies above this size use multipart upload (default 64 MiB). */
  multipartThreshold?: number;
  /** Part size for multipart uploads (default 16 MiB; S3 needs at least 5 MiB). */
  partSize?: number;
  /** Parts of one multipart upload sent at once (default 4). */
  partConcurrency?: number;
  /**
   * Connections kept open to the server (keep-alive), shared by every request of this
   * store (default 64): a publish's parallel PUTs then reuse sockets instead of dialling.
   */
  maxSockets?: number;
  /** How many times a `409 ConditionalRequestConflict` is retried (default 8). */
  conflictRetries?: number;
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

const META_SHA = "cejst-sha256";

/**
 * The S3 `Store` (rollout.md §3.0). Create-if-absent is `PutObject` with
 * `If-None-Match: *`: 200 is created, 412 is exists. A 409 (another conditional write to
 * the same key in flight) is retried with backoff until it resolves. Path-style addressing,
 * so any S3-compatible server works without wildcard DNS. `CopyObject` is never used.
 */
export class S3Store implements Store {
  readonly bucket: string;
  readonly #client: S3Client;
  /** The same connections, without the SDK's retries: for bodies streamed from files. */
  readonly #once: S3Client;
  readonly #buffers: BufferPool;
  readonly #prefix: string;
  readonly #multipartThreshold: number;
  readonly #partSize: number;
  readonly #partConcurrency: number;
  readonly #conflictRetries: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(config: S3StoreConfig) {
    this.bucket = config.bucket;
    this.#prefix = config.prefix ? `${config.prefix.replace(/\/+$/, "")}/` : "";
    this.#multipartThreshold = config.multipartThreshold ?? 64 * 1024 * 1024;
    this.#partSize = config.partSize ?? 16 * 1024 * 1024;
    this.#partConcurrency = Math.max(1, config.partConcurrency ?? 4);
    this.#conflictRetries = config.conflictRetries ?? 8;
    this.#sleep = config.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const agents = {
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: config.maxSockets ?? 64 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: config.maxSockets ?? 64 }),
    };
    const client: S3ClientConfig = {
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      region: config.region ?? "us-east-1",
      forcePathStyle: true,
      ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
      // Checksums are sent explicitly (sha256); the SDK's default CRC trailers use
      // aws-chunked uploads that older S3-compatible servers reject.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: agents,
    };
    this.#client = new S3Client({ ...client, maxAttempts: 3 });
    this.#once = new S3Client({ ...client, maxAttempts: 1 });
    // Two uploads' worth of parts: enough to keep the parts of large objects flowing.
    this.#buffers = new BufferPool(this.#partSize, 2 * this.#partConcurrency);
  }

  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    assertValidKey(key);
    if (isFileSource(body)) return this.#putFile(key, body, meta);
    const bytes = await collectBytes(body);
    // A single PUT carries the digest in the signature and as ChecksumSHA256, so the server
    // rejects a body that does not match it: a caller that already hashed the body (publish
    // does, to check the build) need not pay for a second pass.
    const given = meta.sha256 !== undefined && /^[0-9a-f]{64}$/.test(meta.sha256);
    const single = bytes.byteLength <= this.#multipartThreshold;
    const hex = given && single ? (meta.sha256 ?? "") : createHash("sha256").update(bytes).digest("hex");
    if (meta.sha256 !== undefined && meta.sha256 !== hex) throw differs(key, meta.sha256, hex);
    const common = this.#common(key, meta, hex);
    if (!single) {
      const read: PartReader = async (at, length) => bytes.subarray(at, at + length);
      return this.#multipart(key, bytes.byteLength, read, undefined, common);
    }
    return this.#conditional(key, () => this.#client.send(putObject(common, bytes, bytes.byteLength, hex)));
  }

  /**
   * Sends a local file without reading it whole: a single PUT streams it (the server checks
   * it against the sha256 in the signature), a multipart upload reads each part into a
   * reused buffer. A stream cannot be replayed by the SDK's own retries, so these requests
   * go through a client that does not retry, and a transient failure is retried here with a
   * fresh stream.
   */
  async #putFile(key: string, src: FileByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    const size = (await stat(src.path)).size;
    if (size !== src.byteLength) {
      throw new Error(`file ${src.path} for ${key} is not ${src.byteLength} bytes long (got ${size})`);
    }
    const given = meta.sha256 !== undefined && /^[0-9a-f]{64}$/.test(meta.sha256);
    if (meta.sha256 !== undefined && !given) {
      throw new Error(`sha256 given for ${key} is not 64 hex digits (got ${meta.sha256})`);
    }
    const hex = given ? (meta.sha256 ?? "") : await hashFile(src.path);
    const common = this.#common(key, meta, hex);
    if (size > this.#multipartThreshold) {
      const fh = await open(src.path, "r");
      try {
        const read: PartReader = async (at, length, into) => {
          let done = 0;
          while (done < length) {
            const { bytesRead } = await fh.read(into, done, length - done, at + done);
            if (bytesRead === 0)
              throw new Error(`file ${src.path} for ${key} ended early (got ${at + done} bytes)`);
            done += bytesRead;
          }
          return into.subarray(0, length);
        };
        return await this.#multipart(key, size, read, given ? hex : undefined, common);
      } finally {
        await fh.close();
      }
    }
    const body = () =>
      size === 0
        ? new Uint8Array()
        : createReadStream(src.path, { start: 0, end: size - 1, highWaterMark: STREAM_CHUNK });
    return this.#conditional(
      key,
      () => this.#once.send(putObject(common, body(), size, hex)),
      TRANSIENT_RETRIES,
    );
  }

  #common(key: string, meta: PutMeta, hex: string): Common {
    return {
      Bucket: this.bucket,
      Key: this.#prefix + key,
      ...(meta.contentType === undefined ? {} : { ContentType: meta.contentType }),
      ...(meta.cacheControl === undefined ? {} : { CacheControl: meta.cacheControl }),
      Metadata: { [META_SHA]: hex },
    };
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    assertValidKey(key);
    try {
      const res = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.#prefix + key,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end ?? ""}` }),
        }),
      );
      const body = res.Body === undefined ? new Uint8Array() : await res.Body.transformToByteArray();
      const info = toInfo(key, res);
      if (range === undefined) return { ...info, body };
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.ContentRange ?? "");
      const start = m ? Number(m[1]) : range.start;
      const end = m ? Number(m[2]) : range.start + body.byteLength - 1;
      if (m?.[3] !== undefined && m[3] !== "*") info.size = Number(m[3]);
      return { ...info, body, range: { start, end } };
    } catch (e) {
      if (status(e) === 404) return undefined;
      if (status(e) === 416) {
        throw new Error(`range start of ${key} is outside the object (got ${range?.start})`, { cause: e });
      }
      throw new StoreError(`s3 get of ${key} failed: ${describe(e)}`, { cause: e });
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const res = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.#prefix + key }),
      );
      return toInfo(key, res);
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw new StoreError(`s3 head of ${key} failed: ${describe(e)}`, { cause: e });
    }
  }

  async *list(prefix: string, opts: { startAfter?: string } = {}): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let res: ListObjectsV2CommandOutput;
      try {
        res = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.#prefix + prefix,
            ...(token === undefined && opts.startAfter !== undefined
              ? { StartAfter: this.#prefix + opts.startAfter }
              : {}),
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        );
      } catch (e) {
        throw new StoreError(`s3 list of ${prefix} failed: ${describe(e)}`, { cause: e });
      }
      for (const c of res.Contents ?? []) {
        if (c.Key === undefined) continue;
        const info: ObjectInfo = {
          key: c.Key.slice(this.#prefix.length),
          size: c.Size ?? 0,
          etag: c.ETag ?? "",
        };
        if (c.LastModified !== undefined) info.lastModified = c.LastModified;
        yield info;
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async deleteProbe(key: `control/probe/${string}`): Promise<void> {
    assertValidKey(key);
    if (!key.startsWith("control/probe/")) throw new Error(`only probe keys may be deleted (got ${key})`);
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.#prefix + key }));
    } catch (e) {
      throw new StoreError(`s3 delete of ${key} failed: ${describe(e)}`, { cause: e });
    }
  }

  /** Releases the client's sockets. */
  close(): void {
    this.#client.destroy();
    this.#once.destroy();
  }

  async #conditional(
    key: string,
    send: () => Promise<unknown>,
    transientRetries = 0,
  ): Promise<"created" | "exists"> {
    let transient = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return "created";
      } catch (e) {
        const code = status(e);
        if (code === 412) return "exists";
        // A lost connection or a 5xx: the put may or may not have landed; sent again, it
        // either creates the object or finds it (412), and the caller reads back "exists".
        if ((code === undefined || code >= 500) && transient < transientRetries) {
          transient++;
          await this.#sleep(100 * 2 ** transient);
          continue;
        }
        if (code === 409 && attempt < this.#conflictRetries) {
          // Another conditional write to this key is in flight; it will settle as 200 or 412.
          await this.#sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random()));
          continue;
        }
        throw new StoreError(`s3 put of ${key} failed: ${describe(e)}`, { cause: e });
      }
    }
  }

  /**
   * Uploads `size` bytes in parts of `partSize`, `partConcurrency` at a time, each signed
   * with its own sha256. Parts are read in order, so the whole object's sha256 is computed
   * on the way when `verifyHex` is given, and compared before the upload is completed: a
   * source that differs from it never becomes an object.
   */
  async #multipart(
    key: string,
    size: number,
    read: PartReader,
    verifyHex: string | undefined,
    common: Common,
  ): Promise<"created" | "exists"> {
    // A quick look first: a resumed publish should not re-upload a large object it already has.
    if ((await this.head(key)) !== undefined) return "exists";
    let uploadId: string | undefined;
    try {
      const created = await this.#client.send(
        new CreateMultipartUploadCommand({ ...common, ChecksumAlgorithm: "SHA256" }),
      );
      uploadId = created.UploadId;
      const count = Math.ceil(size / this.#partSize);
      const parts: { PartNumber: number; ETag?: string; ChecksumSHA256?: string }[] = new Array(count);
      const whole = verifyHex === undefined ? undefined : createHash("sha256");
      // Parts go up a few at a time: one stream per part leaves the server's other cores idle.
      const inFlight = new Set<Promise<void>>();
      let failed: unknown;
      for (let n = 1; n <= count && failed === undefined; n++) {
        while (inFlight.size >= this.#partConcurrency) await Promise.race(inFlight);
        if (failed !== undefined) break;
        const at = (n - 1) * this.#partSize;
        const length = Math.min(this.#partSize, size - at);
        const buffer = await this.#buffers.acquire();
        let part: Uint8Array;
        try {
          part = await read(at, length, buffer);
        } catch (e) {
          this.#buffers.release(buffer);
          throw e;
        }
        whole?.update(part);
        const partDigest = createHash("sha256").update(part).digest();
        const sum = partDigest.toString("base64");
        const task: Promise<void> = this.#client
          .send(
            withPayloadHash(
              new UploadPartCommand({
                Bucket: common.Bucket,
                Key: common.Key,
                UploadId: uploadId,
                PartNumber: n,
                Body: part,
                ContentLength: part.byteLength,
                ChecksumSHA256: sum,
              }),
              partDigest.toString("hex"),
            ),
          )
          .then((res) => {
            parts[n - 1] = {
              PartNumber: n,
              ...(res.ETag === undefined ? {} : { ETag: res.ETag }),
              ChecksumSHA256: sum,
            };
          })
          .catch((e: unknown) => {
            failed ??= e;
          })
          .finally(() => {
            inFlight.delete(task);
            this.#buffers.release(buffer);
          });
        inFlight.add(task);
      }
      await Promise.all(inFlight);
      if (failed !== undefined) throw failed;
      const got = whole?.digest("hex");
      if (verifyHex !== undefined && got !== verifyHex) throw differs(key, verifyHex, got ?? "");
      const result = await this.#conditional(key, () =>
        this.#client.send(
          new CompleteMultipartUploadCommand({
            Bucket: common.Bucket,
            Key: common.Key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
            IfNoneMatch: "*",
          }),
        ),
      );
      if (result === "created") uploadId = undefined;
      return result;
    } finally {
      if (uploadId !== undefined) {
        await this.#client
          .send(
            new AbortMultipartUploadCommand({ Bucket: common.Bucket, Key: common.Key, UploadId: uploadId }),
          )
          .catch(() => {});
      }
    }
  }
}

/** The fields every put of one object sends. */
interface Common {
  Bucket: string;
  Key: string;
  ContentType?: string;
  CacheControl?: string;
  Metadata: Record<string, string>;
}

/**
 * Reads `length` bytes at `at` of a body being uploaded in parts, into `into` (a buffer of
 * the part size that is reused once the part is sent) or as a view of bytes already held.
 */
type PartReader = (at: number, length: number, into: Buffer) => Promise<Uint8Array>;

/** Retries of a streamed put after a lost connection or a 5xx (each with a fresh stream). */
const TRANSIENT_RETRIES = 2;
/** Read size for streamed bodies; see `fileSource`. */
const STREAM_CHUNK = 256 * 1024;

function putObject(common: Common, body: PutObjectCommandInput["Body"], length: number, hex: string) {
  return withPayloadHash(
    new PutObjectCommand({
      ...common,
      Body: body,
      ContentLength: length,
      ChecksumSHA256: Buffer.from(hex, "hex").toString("base64"),
      IfNoneMatch: "*",
    }),
    hex,
  );
}

function differs(key: string, given: string, body: string): Error {
  return new Error(`sha256 of the body for ${key} differs from the one given (got ${given}, body ${body})`);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Part-sized buffers shared by every multipart upload of a store, at most `limit` of them:
 * reused buffers cost no fresh pages (which cost more than the copy itself here), and the
 * limit bounds memory however many large objects go up at once.
 */
class BufferPool {
  readonly #size: number;
  readonly #limit: number;
  readonly #free: Buffer[] = [];
  readonly #waiting: ((b: Buffer) => void)[] = [];
  #made = 0;

  constructor(size: number, limit: number) {
    this.#size = size;
    this.#limit = limit;
  }

  acquire(): Promise<Buffer> {
    const free = this.#free.pop();
    if (free !== undefined) return Promise.resolve(free);
    if (this.#made < this.#limit) {
      this.#made++;
      return Promise.resolve(Buffer.allocUnsafeSlow(this.#size));
    }
    return new Promise((ok) => this.#waiting.push(ok));
  }

  release(b: Buffer): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next(b);
    else this.#free.push(b);
  }
}

/**
 * Hands the signer the body's sha256, which the store has just computed, as
 * `x-amz-content-sha256`. Over plain HTTP SigV4 signs the payload, and the signer would
 * otherwise hash every body a second time; given the header, it uses it as is.
 */
function withPayloadHash<C extends { middlewareStack: { add: (...a: never[]) => void } }>(
  command: C,
  hex: string,
): C {
  const add = command.middlewareStack.add as unknown as (
    mw: (
      next: (args: { request: unknown }) => Promise<unknown>,
    ) => (args: { request: unknown }) => Promise<unknown>,
    opts: { step: "build"; name: string },
  ) => void;
  add.call(
    command.middlewareStack,
    (next) => (args) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers !== undefined) req.headers["x-amz-content-sha256"] = hex;
      return next(args);
    },
    { step: "build", name: "cejstPayloadHash" },
  );
  return command;
}

function toInfo(
  key: string,
  res: {
    ContentLength?: number;
    ETag?: string;
    LastModified?: Date;
    ContentType?: string;
    CacheControl?: string;
    Metadata?: Record<string, string>;
  },
): ObjectInfo {
  const info: ObjectInfo = { key, size: res.ContentLength ?? 0, etag: res.ETag ?? "" };
  if (res.LastModified !== undefined) info.lastModified = res.LastModified;
  if (res.ContentType !== undefined) info.contentType = res.ContentType;
  if (res.CacheControl !== undefined) info.cacheControl = res.CacheControl;
  const sha = res.Metadata?.[META_SHA];
  if (sha !== undefined) info.sha256 = sha;
  return info;
}

function status(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const meta = (e as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return meta?.httpStatusCode;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message} (status ${status(e) ?? "none"})`;
  return String(e);
}
