/**
 * A minimal directory-backed `Store` double, used until the release package's fs driver is
 * available: create-if-absent with `wx`, ranged reads through a file handle.
 */
import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "@cejst/release";

async function collect(body: ByteSource): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  for await (const p of body()) parts.push(p);
  return Buffer.concat(parts);
}

export class TestFsStore implements Store {
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  async putIfAbsent(key: string, body: ByteSource, _meta: PutMeta): Promise<"created" | "exists"> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, await collect(body), { flag: "wx" });
      return "created";
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return "exists";
      throw e;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    const path = join(this.root, key);
    try {
      if (range === undefined) {
        const body = new Uint8Array(await readFile(path));
        return {
          key,
          size: body.byteLength,
          etag: `"${createHash("sha256").update(body).digest("hex")}"`,
          body,
        };
      }
      const fh = await open(path, "r");
      try {
        const size = (await fh.stat()).size;
        const end = Math.min(range.end ?? size - 1, size - 1);
        const body = new Uint8Array(end - range.start + 1);
        await fh.read(body, 0, body.byteLength, range.start);
        return { key, size, etag: `"${size}"`, body, range: { start: range.start, end } };
      } finally {
        await fh.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const s = await stat(join(this.root, key));
      return { key, size: s.size, etag: `"${s.size}-${s.mtimeMs}"` };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  async *list(prefix: string, opts: { startAfter?: string } = {}): AsyncIterable<ObjectInfo> {
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const n of names) {
        const p = join(dir, n);
        if ((await stat(p)).isDirectory()) await walk(p);
        else keys.push(relative(this.root, p).split(sep).join("/"));
      }
    };
    await walk(this.root);
    for (const k of keys.filter((k) => k.startsWith(prefix)).sort()) {
      if (opts.startAfter !== undefined && k <= opts.startAfter) continue;
      const info = await this.head(k);
      if (info !== undefined) yield info;
    }
  }

  async deleteProbe(key: `control/probe/${string}`): Promise<void> {
    await unlink(join(this.root, key));
  }
}
