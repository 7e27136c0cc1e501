import { createHash } from "node:crypto";
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
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { StoreError } from "@cejst/schema";
import { collectBytes } from "./bytes.ts";
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
    this.#client = new S3Client({
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      region: config.region ?? "us-east-1",
      forcePathStyle: true,
      ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
      // Checksums are sent explicitly (sha256); the SDK's default CRC trailers use
      // aws-chunked uploads that older S3-compatible servers reject.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
      requestHandler: {
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets: config.maxSockets ?? 64 }),
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: config.maxSockets ?? 64 }),
      },
    });
  }

  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    assertValidKey(key);
    const bytes = await collectBytes(body);
    // A single PUT carries the digest in the signature and as ChecksumSHA256, so the server
    // rejects a body that does not match it: a caller that already hashed the body (publish
    // does, to check the build) need not pay for a second pass.
    const given = meta.sha256 !== undefined && bytes.byteLength <= this.#multipartThreshold;
    const digest =
      given && /^[0-9a-f]{64}$/.test(meta.sha256 ?? "")
        ? Buffer.from(meta.sha256 ?? "", "hex")
        : createHash("sha256").update(bytes).digest();
    const hex = digest.toString("hex");
    if (meta.sha256 !== undefined && meta.sha256 !== hex) {
      throw new Error(
        `sha256 of the body for ${key} differs from the one given (got ${meta.sha256}, body ${hex})`,
      );
    }
    const common = {
      Bucket: this.bucket,
      Key: this.#prefix + key,
      ...(meta.contentType === undefined ? {} : { ContentType: meta.contentType }),
      ...(meta.cacheControl === undefined ? {} : { CacheControl: meta.cacheControl }),
      Metadata: { [META_SHA]: hex },
    };
    if (bytes.byteLength > this.#multipartThreshold) return this.#multipart(key, bytes, common);
    const checksum = digest.toString("base64");
    const send = () =>
      this.#client.send(
        withPayloadHash(
          new PutObjectCommand({
            ...common,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ChecksumSHA256: checksum,
            IfNoneMatch: "*",
          }),
          hex,
        ),
      );
    return this.#conditional(key, send);
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
  }

  async #conditional(key: string, send: () => Promise<unknown>): Promise<"created" | "exists"> {
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return "created";
      } catch (e) {
        const code = status(e);
        if (code === 412) return "exists";
        if (code === 409 && attempt < this.#conflictRetries) {
          // Another conditional write to this key is in flight; it will settle as 200 or 412.
          await this.#sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random()));
          continue;
        }
        throw new StoreError(`s3 put of ${key} failed: ${describe(e)}`, { cause: e });
      }
    }
  }

  async #multipart(
    key: string,
    bytes: Uint8Array,
    common: {
      Bucket: string;
      Key: string;
      ContentType?: string;
      CacheControl?: string;
      Metadata: Record<string, string>;
    },
  ): Promise<"created" | "exists"> {
    // A quick look first: a resumed publish should not re-upload a large object it already has.
    if ((await this.head(key)) !== undefined) return "exists";
    let uploadId: string | undefined;
    try {
      const created = await this.#client.send(
        new CreateMultipartUploadCommand({ ...common, ChecksumAlgorithm: "SHA256" }),
      );
      uploadId = created.UploadId;
      const count = Math.ceil(bytes.byteLength / this.#partSize);
      const parts: { PartNumber: number; ETag?: string; ChecksumSHA256?: string }[] = new Array(count);
      // Parts go up a few at a time: one stream per part leaves the server's other cores idle.
      let next = 0;
      let failed: unknown;
      const sender = async () => {
        while (failed === undefined && next < count) {
          const n = ++next;
          const at = (n - 1) * this.#partSize;
          const part = bytes.subarray(at, Math.min(at + this.#partSize, bytes.byteLength));
          const partDigest = createHash("sha256").update(part).digest();
          const sum = partDigest.toString("base64");
          try {
            const res = await this.#client.send(
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
            );
            parts[n - 1] = {
              PartNumber: n,
              ...(res.ETag === undefined ? {} : { ETag: res.ETag }),
              ChecksumSHA256: sum,
            };
          } catch (e) {
            failed ??= e;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.#partConcurrency, count) }, sender));
      if (failed !== undefined) throw failed;
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
