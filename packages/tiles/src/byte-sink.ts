import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Where an archive's bytes go, in order. `close` commits them; `abort` discards them after a
 * failure, so no half-written archive looks finished.
 */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A sink that writes to `<path>.<random>.tmp` beside the target and renames it over `path` on
 * close, so readers see either the old file or the complete new one.
 */
export function fileByteSink(path: string): ByteSink {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  // Batching small chunks into ~1 MiB writes keeps the syscall count low for many small tiles.
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    handle ??= await open(temp, "wx");
    const batch = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await handle.write(batch, 0, batch.length);
  };
  return {
    async write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 1 << 20) await flush();
    },
    async close() {
      handle ??= await open(temp, "wx");
      await flush();
      await handle.sync();
      await handle.close();
      await rename(temp, path);
    },
    async abort() {
      pending = [];
      pendingBytes = 0;
      await handle?.close().catch(() => {});
      await rm(temp, { force: true });
    },
  };
}

/** A sink that keeps the bytes in memory; `bytes()` returns them once closed. */
export function memoryByteSink(): ByteSink & { bytes(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  let closed = false;
  return {
    async write(chunk) {
      if (closed) throw new Error("memory sink is closed (got a write after close)");
      chunks.push(chunk);
    },
    async close() {
      closed = true;
    },
    async abort() {
      chunks.length = 0;
      closed = true;
    },
    bytes() {
      if (!closed) throw new Error("memory sink is still open (got bytes() before close)");
      // A fresh Uint8Array rather than Buffer.concat, whose result may share Node's pool buffer.
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
      return out;
    },
  };
}
