import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { ByteSource } from "./store.ts";

/**
 * A `ByteSource` that streams a local file and knows its path and length, so a store can
 * send it without holding it in memory (with a `Content-Length`, or in parts read straight
 * from the file). Called like any factory, it streams the file; stores that do not look
 * for `path` see an ordinary streaming source.
 */
export interface FileByteSource {
  (): AsyncIterable<Uint8Array>;
  readonly path: string;
  /** The length the caller expects; a file of another length is refused by the store. */
  readonly byteLength: number;
}

/**
 * Chunks of a quarter MiB: measured here, reading a 200 MB file whole costs ~1.4 s of CPU
 * (fresh pages for every byte) against ~0.2 s in chunks the allocator keeps reusing.
 */
const CHUNK = 256 * 1024;

/** A `FileByteSource` for `byteLength` bytes of the file at `path`. */
export function fileSource(path: string, byteLength: number): FileByteSource {
  const stream = () => createReadStream(path, { highWaterMark: CHUNK });
  return Object.assign(stream, { path, byteLength });
}

/** True when `source` is a `FileByteSource`. */
export function isFileSource(source: ByteSource): source is FileByteSource {
  return typeof source === "function" && typeof (source as Partial<FileByteSource>).path === "string";
}

/** Reads a `ByteSource` whole. A factory is called once per call here. */
export async function collectBytes(source: ByteSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of source()) {
    parts.push(part);
    size += part.byteLength;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Lowercase hex sha256 of some bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `sha256:<hex>` of some bytes. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** Resolves a range against an object size; throws when it cannot be satisfied. */
export function clampRange(
  key: string,
  size: number,
  range: { start: number; end?: number },
): { start: number; end: number } {
  const { start } = range;
  if (!Number.isInteger(start) || start < 0 || start >= size) {
    throw new Error(`range start of ${key} is outside the object (got ${start}, size ${size})`);
  }
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (!Number.isInteger(end) || end < start) {
    throw new Error(`range end of ${key} is before its start (got ${range.end})`);
  }
  return { start, end };
}
