import { createHash } from "node:crypto";
import type { ByteSource } from "./store.ts";

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
