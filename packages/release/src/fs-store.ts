import { createHash, randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { link, lstat, mkdir, open, readdir, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import { StoreError } from "@cejst/schema";
import { clampRange, sha256Hex } from "./bytes.ts";
import { assertValidKey, compareKeys } from "./keys.ts";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";

const TMP = ".cejst-tmp";

/**
 * The filesystem `Store` (rollout.md §3.0): one file per key under `root`.
 *
 * Create-if-absent is `link(tmp, target)`, which fails with `EEXIST` instead of replacing,
 * unlike `rename`. The body is written and fsynced in `<root>/.cejst-tmp/` first (same
 * filesystem, outside the key space), so a crash never leaves a half-written key. No
 * metadata is kept: content types and hashes come from manifests.
 */
export class FsStore implements Store {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    assertValidKey(key);
    const target = this.#path(key);
    if (await exists(target)) return "exists";
    const tmpDir = join(this.root, TMP);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${randomBytes(12).toString("hex")}`);
    try {
      const sha256 = await writeSynced(tmp, body);
      if (meta.sha256 !== undefined && meta.sha256 !== sha256) {
        throw new Error(
          `sha256 of the body for ${key} differs from the one given (got ${meta.sha256}, body ${sha256})`,
        );
      }
      const parent = dirname(target);
      try {
        await mkdir(parent, { recursive: true });
      } catch (cause) {
        throw new StoreError(`cannot create the folder for ${key} in ${this.root}`, { cause });
      }
      try {
        await link(tmp, target);
      } catch (cause) {
        if (errno(cause) === "EEXIST") return "exists";
        throw new StoreError(`cannot create ${key} in ${this.root}`, { cause });
      }
      await fsyncDir(parent);
      return "created";
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    assertValidKey(key);
    let fh: FileHandle;
    try {
      fh = await open(this.#path(key), "r");
    } catch (cause) {
      if (isAbsent(cause)) return undefined;
      throw new StoreError(`cannot read ${key} from ${this.root}`, { cause });
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) return undefined;
      const info = infoOf(key, st);
      if (range === undefined) {
        // Read into one buffer of the known size: copying a whole file into a fresh array
        // costs seconds per 100 MB here (new pages are faulted in), for nothing.
        const body = new Uint8Array(st.size);
        let at = 0;
        while (at < body.byteLength) {
          const { bytesRead } = await fh.read(body, at, body.byteLength - at, at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return { ...info, body: at === body.byteLength ? body : body.subarray(0, at) };
      }
      const r = clampRange(key, st.size, range);
      const body = new Uint8Array(r.end - r.start + 1);
      let at = 0;
      while (at < body.byteLength) {
        const { bytesRead } = await fh.read(body, at, body.byteLength - at, r.start + at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return { ...info, body: body.subarray(0, at), range: r };
    } finally {
      await fh.close();
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const st = await stat(this.#path(key));
      return st.isFile() ? infoOf(key, st) : undefined;
    } catch (cause) {
      if (isAbsent(cause)) return undefined;
      throw new StoreError(`cannot stat ${key} in ${this.root}`, { cause });
    }
  }

  async *list(prefix: string, opts: { startAfter?: string } = {}): AsyncIterable<ObjectInfo> {
    // Walk only the deepest folder the prefix names; the rest of the prefix filters names.
    const cut = prefix.lastIndexOf("/");
    const base = cut === -1 ? "" : prefix.slice(0, cut + 1);
    const found: string[] = [];
    await walk(this.root, base, found);
    const keys = found
      .filter((k) => k.startsWith(prefix))
      .filter((k) => opts.startAfter === undefined || compareKeys(k, opts.startAfter) > 0)
      .sort(compareKeys);
    for (const key of keys) {
      const info = await this.head(key);
      if (info !== undefined) yield info;
    }
  }

  async deleteProbe(key: `control/probe/${string}`): Promise<void> {
    assertValidKey(key);
    if (!key.startsWith("control/probe/")) throw new Error(`only probe keys may be deleted (got ${key})`);
    await unlink(this.#path(key)).catch((cause) => {
      if (!isAbsent(cause)) throw new StoreError(`cannot delete ${key} in ${this.root}`, { cause });
    });
    // Remove the probe's now-empty folders, stopping at control/probe itself.
    const stop = this.#path("control/probe");
    for (let dir = dirname(this.#path(key)); dir.startsWith(stop + sep); dir = dirname(dir)) {
      if (
        !(await rmdir(dir).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
  }

  /** Removes temp files older than `maxAgeMs` left by crashed writers; returns how many. */
  async cleanTmp(maxAgeMs: number, now: Date = new Date()): Promise<number> {
    const dir = join(this.root, TMP);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (cause) {
      if (isAbsent(cause)) return 0;
      throw cause;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const st = await lstat(path).catch(() => undefined);
      if (st !== undefined && now.getTime() - st.mtimeMs > maxAgeMs) {
        await unlink(path).catch(() => {});
        removed++;
      }
    }
    return removed;
  }

  #path(key: string): string {
    return join(this.root, ...key.split("/"));
  }
}

async function writeSynced(path: string, body: ByteSource): Promise<string> {
  const hash = createHash("sha256");
  const fh = await open(path, "wx", 0o644);
  try {
    const write = async (chunk: Uint8Array) => {
      hash.update(chunk);
      let at = 0;
      while (at < chunk.byteLength) {
        const { bytesWritten } = await fh.write(chunk, at, chunk.byteLength - at);
        at += bytesWritten;
      }
    };
    if (body instanceof Uint8Array) await write(body);
    else for await (const chunk of body()) await write(chunk);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } catch (cause) {
    // Some filesystems refuse fsync on a directory (EINVAL); the link itself has happened.
    if (errno(cause) !== "EINVAL") throw cause;
  } finally {
    await fh.close();
  }
}

async function walk(root: string, rel: string, into: string[]): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(join(root, ...rel.split("/").filter(Boolean)), { withFileTypes: true });
  } catch (cause) {
    if (isAbsent(cause) || errno(cause) === "ENOTDIR") return;
    throw new StoreError(`cannot list ${rel || "/"} in ${root}`, { cause });
  }
  for (const e of entries) {
    if (rel === "" && e.name === TMP) continue;
    const key = `${rel}${e.name}`;
    if (e.isDirectory()) await walk(root, `${key}/`, into);
    else if (e.isFile()) into.push(key);
  }
}

function infoOf(key: string, st: { size: number; ino: number; mtimeMs: number; mtime: Date }): ObjectInfo {
  // Files are never rewritten in place, so inode, size and mtime make a strong validator.
  const etag = `"${sha256Hex(`${st.ino}:${st.size}:${st.mtimeMs}`).slice(0, 32)}"`;
  return { key, size: st.size, etag, lastModified: st.mtime };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (cause) {
    if (isAbsent(cause)) return false;
    throw cause;
  }
}

function errno(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

function isAbsent(e: unknown): boolean {
  const code = errno(e);
  return code === "ENOENT" || code === "ENOTDIR";
}
