import type { Source } from "pmtiles";

/** A pmtiles `Source` over bytes in memory, so writer tests need no files. */
export function bytesSource(bytes: Uint8Array, key = "memory"): Source {
  return {
    getKey: () => key,
    async getBytes(offset, length) {
      const copy = new Uint8Array(Math.max(0, Math.min(length, bytes.length - offset)));
      copy.set(bytes.subarray(offset, offset + copy.length));
      return { data: copy.buffer };
    },
  };
}
