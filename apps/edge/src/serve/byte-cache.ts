/**
 * A least-recently-used cache of byte arrays bounded by total size. Entries are derived
 * from immutable objects (keyed by their sha256), so they never need invalidating.
 */
export class ByteCache {
  readonly #max: number;
  readonly #entries = new Map<string, Uint8Array>();
  #size = 0;

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  get(key: string): Uint8Array | undefined {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Uint8Array): void {
    if (value.byteLength > this.#max || this.#entries.has(key)) return;
    this.#entries.set(key, value);
    this.#size += value.byteLength;
    for (const [k, v] of this.#entries) {
      if (this.#size <= this.#max) break;
      this.#entries.delete(k);
      this.#size -= v.byteLength;
    }
  }
}
