import { readFile } from "node:fs/promises";

/**
 * A file's bytes as a plain `Uint8Array` over the buffer `readFile` filled, not a copy of it:
 * copying a large source file into a fresh array costs seconds per 100 MB on a machine where
 * new pages are slow to fault in, and buys nothing.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
