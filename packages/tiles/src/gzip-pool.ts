import { Worker } from "node:worker_threads";
import { GZIP_OPTIONS } from "./encode.ts";

/** Gzips tiles on another thread, in the order they were given. */
export interface GzipPool {
  /** The gzipped bytes of `data`, exactly those of `gzipBytes(data)`. */
  gzip(data: Uint8Array): Promise<Uint8Array>;
  /** Sends the tiles queued so far without waiting for a full batch. */
  flush(): void;
  /** Stops the thread; pending results reject. */
  close(): Promise<void>;
}

/** Tiles per message: enough to make the message cost small beside the gzip work. */
const BATCH = 32;

/**
 * Starts a thread that gzips tiles with the same fflate call as {@link gzipBytes}, so the tile
 * encoder and the gzip use two cores. The thread loads fflate only (no TypeScript), so it
 * starts in milliseconds. Tiles are sent in batches; call `flush` before waiting on a tile
 * that may still be queued.
 */
export function startGzipPool(): GzipPool {
  const fflate = import.meta.resolve("fflate");
  const code = `
const { parentPort } = require("node:worker_threads");
import(${JSON.stringify(fflate)}).then(({ gzipSync }) => {
  const options = ${JSON.stringify(GZIP_OPTIONS)};
  parentPort.on("message", (batch) => {
    parentPort.postMessage(batch.map((data) => gzipSync(data, options)));
  });
});`;
  const worker = new Worker(code, { eval: true });
  const pending: Array<{ resolve: (d: Uint8Array) => void; reject: (e: Error) => void }> = [];
  let queued: Uint8Array[] = [];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.splice(0)) p.reject(failure);
  };
  worker.on("message", (results: Uint8Array[]) => {
    for (const r of results) pending.shift()?.resolve(r);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`gzip thread exited (got exit code ${code})`)));
  const flush = () => {
    if (queued.length === 0) return;
    worker.postMessage(queued);
    queued = [];
  };
  return {
    gzip(data) {
      if (failure !== undefined) return Promise.reject(failure);
      const result = new Promise<Uint8Array>((resolve, reject) => {
        pending.push({ resolve, reject });
      });
      // A tile abandoned after a failure must not surface as an unhandled rejection.
      result.catch(() => {});
      queued.push(data);
      if (queued.length >= BATCH) flush();
      return result;
    },
    flush,
    async close() {
      queued = [];
      await worker.terminate();
    },
  };
}
