import { type FileHandle, open } from "node:fs/promises";

/** Default buffer: large enough that a national table needs a few hundred writes. */
const DEFAULT_BUFFER_BYTES = 1 << 20;

/**
 * A file written from many small strings. Strings are encoded straight into one reused
 * buffer that goes to disk when full, so a large file costs neither a joined copy of every
 * chunk nor a write per line. `write` returns a promise only when it had to flush; callers
 * await it then (`const p = w.write(s); if (p) await p;`) and keep the loop synchronous
 * otherwise.
 */
export class BufferedTextWriter {
  readonly #file: FileHandle;
  readonly #buffer: Buffer;
  #used = 0;

  private constructor(file: FileHandle, bytes: number) {
    this.#file = file;
    this.#buffer = Buffer.allocUnsafe(bytes);
  }

  /** Creates (or truncates) `path` for writing. */
  static async open(path: string, bufferBytes = DEFAULT_BUFFER_BYTES): Promise<BufferedTextWriter> {
    if (!Number.isInteger(bufferBytes) || bufferBytes < 16)
      throw new Error(`buffer size must be an integer of at least 16 bytes (got ${bufferBytes})`);
    return new BufferedTextWriter(await open(path, "w"), bufferBytes);
  }

  /** Appends `text` as UTF-8; returns a promise when the buffer had to go to disk first. */
  write(text: string): Promise<void> | undefined {
    // A UTF-16 unit never needs more than 3 UTF-8 bytes, so this bound guarantees the
    // encoded text fits (Buffer.write would otherwise truncate silently).
    if (this.#used + text.length * 3 <= this.#buffer.length) {
      this.#used += this.#buffer.write(text, this.#used);
      return undefined;
    }
    return this.#writeSlow(text);
  }

  /**
   * Like `write` for text known to be pure ASCII (every UTF-16 unit below 0x80), which is
   * copied byte for byte instead of being UTF-8 encoded. Other text would be corrupted.
   */
  writeAscii(text: string): Promise<void> | undefined {
    if (this.#used + text.length <= this.#buffer.length) {
      this.#used += this.#buffer.write(text, this.#used, "latin1");
      return undefined;
    }
    return this.#writeSlow(text);
  }

  async #writeSlow(text: string): Promise<void> {
    await this.flush();
    if (text.length * 3 <= this.#buffer.length) this.#used = this.#buffer.write(text, 0);
    else await writeAll(this.#file, Buffer.from(text, "utf8"));
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    if (this.#used === 0) return;
    const used = this.#used;
    this.#used = 0;
    await writeAll(this.#file, this.#buffer.subarray(0, used));
  }

  /** Flushes and closes the file (closes it even when the flush fails). */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.#file.close();
    }
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
