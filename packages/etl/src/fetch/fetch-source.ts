import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CejstError,
  ChecksumMismatch,
  InputMissingError,
  noProgress,
  type ProgressSink,
} from "@cejst/schema";
import type { DatasetId } from "../datasets/types.ts";
import { mirroredUrl, type SourceFile, type SourceItem } from "./sources-config.ts";

/** Where and how `fetchSource` downloads. */
export interface FetchOptions {
  /** Cache folder: verified files live at `<cacheDir>/sha256/<hex>`. */
  cacheDir: string;
  /** Base URL that replaces the origin of every remote URL (a local mirror). */
  mirror?: string;
  onProgress?: ProgressSink;
  /** Further attempts after a network error, a 5xx, 408 or 429 (default 4). */
  retries?: number;
  /** First wait before retrying, doubled each time (default 500 ms, capped at 30 s). */
  retryDelayMs?: number;
  /** A response that sends nothing for this long is abandoned and retried (default 60 s). */
  idleTimeoutMs?: number;
}

/** One verified file in the cache. */
export interface FetchedFile {
  /** The name the adapter sees. */
  file: string;
  /** Where it was (or would have been) fetched from, after mirror rewriting. */
  url: string;
  sha256: string;
  bytes: number;
  /** `<cacheDir>/sha256/<hex>`. */
  path: string;
  /** True when a verified cached copy was used and nothing was fetched. */
  cached: boolean;
}

/** Every file of one source, verified, in the order the configuration lists them. */
export interface FetchedSource {
  name: DatasetId;
  files: FetchedFile[];
}

/**
 * Fetches every file of one source into the content-addressed cache and verifies it.
 * See `fetchFile` for the guarantees.
 */
export async function fetchSource(item: SourceItem, options: FetchOptions): Promise<FetchedSource> {
  const files: FetchedFile[] = [];
  for (const f of item.files) files.push(await fetchFile(f, options));
  return { name: item.name, files };
}

/**
 * Fetches one pinned file into `<cacheDir>/sha256/<hex>`:
 * - a cached copy is re-hashed and reused without touching the network; one that no
 *   longer matches is deleted and fetched again, never used;
 * - bytes go to `<cacheDir>/partial/<hex>` and are renamed into place only once their
 *   sha256 matches, so the cache never holds an unverified file;
 * - an interrupted download resumes from the partial file with an HTTP `Range` request;
 * - network errors, stalls, 5xx, 408 and 429 are retried with exponential backoff, a
 *   bounded number of times (`InputMissingError` after the last); other 4xx fail at once;
 * - a mismatching download is deleted and fails with `ChecksumMismatch`.
 * TLS certificates are verified (Node's defaults, never relaxed).
 */
export async function fetchFile(f: SourceFile, options: FetchOptions): Promise<FetchedFile> {
  const progress = options.onProgress ?? noProgress;
  const url = mirroredUrl(f.url, options.mirror);
  const final = join(options.cacheDir, "sha256", f.sha256);
  const partial = join(options.cacheDir, "partial", f.sha256);
  const done = (bytes: number, cached: boolean): FetchedFile => ({
    file: f.file,
    url,
    sha256: f.sha256,
    bytes,
    path: final,
    cached,
  });

  const existing = await sizeOf(final);
  if (existing !== undefined) {
    progress({ stage: "verify", done: 0, total: existing, unit: "bytes", detail: f.file });
    if ((await sha256File(final)) === f.sha256) {
      progress({ stage: "verify", done: existing, total: existing, unit: "bytes", detail: f.file });
      return done(existing, true);
    }
    // A cached copy that no longer matches (disk fault, manual edit) is never served.
    await rm(final, { force: true });
  }

  await mkdir(join(options.cacheDir, "partial"), { recursive: true });
  await mkdir(join(options.cacheDir, "sha256"), { recursive: true });
  const retries = options.retries ?? 4;
  const baseDelay = options.retryDelayMs ?? 500;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const wait = Math.min(baseDelay * 2 ** (attempt - 1), 30_000);
      progress({
        stage: "retry",
        done: attempt,
        total: retries,
        unit: "attempts",
        detail: `${f.file}: ${(lastError as Error).message}; next try in ${wait} ms`,
      });
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      const actual = await download(url, f, partial, options, progress);
      if (actual !== f.sha256) {
        await rm(partial, { force: true });
        throw new ChecksumMismatch(`${url} (${f.file})`, f.sha256, actual);
      }
      const bytes = (await sizeOf(partial)) ?? 0;
      await rename(partial, final);
      return done(bytes, false);
    } catch (e) {
      if (!(e instanceof Retryable)) throw e;
      lastError = e;
    }
  }
  throw new InputMissingError(
    url,
    `could not be fetched after ${retries + 1} attempts (${(lastError as Error).message})`,
    { cause: lastError },
  );
}

/**
 * Makes the cached file visible under the name its adapter looks for, as
 * `<cacheDir>/named/<hex>/<file>`: a hard link where the file system allows, else a copy.
 */
export async function namedCopy(fetched: FetchedFile, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, "named", fetched.sha256);
  const path = join(dir, fetched.file);
  // Always made afresh: an old link may share the inode of a cached copy that was since
  // found damaged and replaced.
  await mkdir(dir, { recursive: true });
  await rm(path, { force: true });
  try {
    await link(fetched.path, path);
  } catch {
    const tmp = `${path}.${process.pid}.tmp`;
    await copyFile(fetched.path, tmp);
    await rename(tmp, path);
  }
  return path;
}

/** A failure worth another attempt (network, stall, 5xx, short body). */
class Retryable extends Error {}

/**
 * One attempt: appends to the partial file, resuming from its length, and resolves to the
 * sha256 of the whole partial file once it holds the whole body (hashed as it arrives, so
 * the file is not read again).
 */
async function download(
  url: string,
  f: SourceFile,
  partial: string,
  options: FetchOptions,
  progress: ProgressSink,
): Promise<string> {
  let offset = (await sizeOf(partial)) ?? 0;
  if (f.bytes !== undefined && offset > f.bytes) {
    await rm(partial, { force: true });
    offset = 0;
  }
  if (f.bytes !== undefined && offset === f.bytes && offset > 0) return sha256File(partial);

  const source = url.startsWith("file:")
    ? await openLocal(url, offset)
    : await openRemote(url, offset, options.idleTimeoutMs ?? 60_000);
  if (source.complete) return sha256File(partial);
  if (source.start !== offset) {
    offset = source.start; // the server ignored Range: start over
    await rm(partial, { force: true });
  }
  const total = source.total ?? f.bytes;
  const hash = createHash("sha256");
  if (offset > 0) for await (const c of createReadStream(partial)) hash.update(c as Buffer);
  const handle = await open(partial, offset === 0 ? "w" : "a");
  let received = offset;
  const started = performance.now();
  let lastReport = 0;
  // Network chunks are small (~64 KiB); writing them in 1 MiB batches saves system calls.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const batch = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await handle.write(batch);
  };
  try {
    for await (const chunk of source.body) {
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= 1 << 20) await flush();
      received += chunk.byteLength;
      if (f.bytes !== undefined && received > f.bytes) {
        await handle.close().catch(() => {});
        const actual = hash.digest("hex");
        await rm(partial, { force: true });
        throw new ChecksumMismatch(
          `${url} (${f.file}, longer than the ${f.bytes} bytes pinned)`,
          f.sha256,
          actual,
        );
      }
      const now = performance.now();
      if (now - lastReport >= 200) {
        lastReport = now;
        progress(rateEvent(f.file, received, offset, total, now - started));
      }
    }
    await flush();
  } catch (e) {
    if (e instanceof CejstError) throw e;
    // What arrived is kept for the next attempt to resume from.
    await flush().catch(() => {});
    throw new Retryable(`transfer interrupted after ${received} bytes: ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    await handle.close().catch(() => {});
  }
  progress(rateEvent(f.file, received, offset, total, performance.now() - started));
  const expected = total ?? received;
  if (received < expected) throw new Retryable(`transfer ended after ${received} of ${expected} bytes`);
  return hash.digest("hex");
}

function rateEvent(file: string, received: number, offset: number, total: number | undefined, ms: number) {
  const rate = ms > 0 ? ((received - offset) / 1e6 / (ms / 1000)).toFixed(1) : "–";
  return { stage: "download", done: received, total, unit: "bytes", detail: `${file} ${rate} MB/s` };
}

interface OpenedBody {
  /** Offset of the first byte the body carries. */
  start: number;
  /** Length of the whole file, when the server says. */
  total?: number;
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The partial file is already whole (416 to a Range from its end). */
  complete?: boolean;
}

async function openLocal(url: string, offset: number): Promise<OpenedBody> {
  const path = fileURLToPath(url);
  const size = await sizeOf(path);
  if (size === undefined) throw new InputMissingError(path, "does not exist");
  if (offset === size) return { start: offset, total: size, body: [], complete: true };
  // A partial copy longer than the file cannot be a prefix of it: start over.
  const start = offset > size ? 0 : offset;
  return { start, total: size, body: createReadStream(path, { start }) };
}

async function openRemote(url: string, offset: number, idleMs: number): Promise<OpenedBody> {
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(new Error(`no data for ${idleMs} ms`)), idleMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new Error(`no data for ${idleMs} ms`)), idleMs);
  };
  let res: Response;
  try {
    res = await fetch(url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      signal: abort.signal,
      redirect: "follow",
    });
  } catch (e) {
    clearTimeout(timer);
    const cause = (e as Error & { cause?: Error }).cause;
    throw new Retryable(`${(e as Error).message}${cause ? ` (${cause.message})` : ""}`, { cause: e });
  }
  const fail = (e: Error) => {
    clearTimeout(timer);
    abort.abort();
    throw e;
  };
  if (res.status === 416 && offset > 0) {
    const total = Number(/\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1]);
    if (total === offset) {
      clearTimeout(timer);
      await res.body?.cancel();
      return { start: offset, total, body: [], complete: true };
    }
    return fail(new Retryable(`HTTP 416 for a resume from byte ${offset}; starting over`));
  }
  if (res.status >= 500 || res.status === 408 || res.status === 429)
    return fail(new Retryable(`HTTP ${res.status} ${res.statusText}`));
  if (res.status !== 200 && res.status !== 206)
    return fail(new InputMissingError(url, `HTTP ${res.status} ${res.statusText}`));
  let start = 0;
  let total: number | undefined;
  if (res.status === 206) {
    const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
    if (!m || Number(m[1]) !== offset)
      return fail(
        new Retryable(`HTTP 206 with an unexpected Content-Range (got ${res.headers.get("content-range")})`),
      );
    start = offset;
    if (m[2] !== "*") total = Number(m[2]);
  } else {
    const len = res.headers.get("content-length");
    // A compressed transfer's length is not the file's.
    if (len !== null && res.headers.get("content-encoding") === null) total = Number(len);
  }
  const stream = res.body;
  if (stream === null) return fail(new Retryable("response has no body"));
  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        touch();
        yield chunk;
      }
    } finally {
      clearTimeout(timer);
    }
  }
  return total === undefined ? { start, body: body() } : { start, total, body: body() };
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Lowercase hex sha256 of a file, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
