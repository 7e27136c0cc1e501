/**
 * A minimal in-memory `Store` for the edge's tests, counting reads so tests can assert
 * which objects a request touched. `tamper` simulates an outside writer.
 */
import { createHash } from "node:crypto";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "@cejst/release";

async function collect(body: ByteSource): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  for await (const p of body()) parts.push(p);
  return Buffer.concat(parts);
}

export class TestMemoryStore implements Store {
  readonly objects = new Map<string, { body: Uint8Array; meta: PutMeta }>();
  gets = 0;
  heads = 0;

  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    if (this.objects.has(key)) return "exists";
    const bytes = (await collect(body)).slice();
    if (this.objects.has(key)) return "exists";
    this.objects.set(key, { body: bytes, meta });
    return "created";
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    this.gets++;
    const o = this.objects.get(key);
    if (o === undefined) return undefined;
    const info = this.#info(key, o.body);
    if (range === undefined) return { ...info, body: o.body.slice() };
    const end = Math.min(range.end ?? o.body.byteLength - 1, o.body.byteLength - 1);
    return { ...info, body: o.body.slice(range.start, end + 1), range: { start: range.start, end } };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.heads++;
    const o = this.objects.get(key);
    return o === undefined ? undefined : this.#info(key, o.body);
  }

  async *list(prefix: string, opts: { startAfter?: string } = {}): AsyncIterable<ObjectInfo> {
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(prefix) && (opts.startAfter === undefined || k > opts.startAfter))
      .sort();
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o !== undefined) yield this.#info(k, o.body);
    }
  }

  async deleteProbe(key: `control/probe/${string}`): Promise<void> {
    this.objects.delete(key);
  }

  /** Replaces or removes an object behind the store's back. */
  tamper(key: string, body: Uint8Array | undefined): void {
    if (body === undefined) this.objects.delete(key);
    else this.objects.set(key, { body, meta: {} });
  }

  #info(key: string, body: Uint8Array): ObjectInfo {
    const sha256 = createHash("sha256").update(body).digest("hex");
    return { key, size: body.byteLength, etag: `"${sha256}"`, sha256 };
  }
}
