/**
 * Runs `create`, during which the first `new Worker(url, …)` for this `url` returns `worker`
 * instead of starting another. MapLibre creates its pool's workers synchronously with
 * `new Worker(url, { type: "module" })` and offers no way to pass one in, so the constructor is
 * swapped for the length of that call only. A MapLibre worker says nothing until it is asked, so
 * no message is lost by handing it over after it started. When `create` asks for no such worker,
 * `worker` is terminated, so none is left running unused.
 */
export function handOverWorker(worker: Worker, url: string, create: () => void): void {
  const Native = globalThis.Worker;
  let handed = false;
  const Handing = function HandingWorker(asked: string | URL, options?: WorkerOptions): Worker {
    if (!handed && String(asked) === url) {
      handed = true;
      return worker;
    }
    return new Native(asked, options);
  } as unknown as typeof Worker;
  globalThis.Worker = Handing;
  try {
    create();
  } finally {
    globalThis.Worker = Native;
    if (!handed) worker.terminate();
  }
}
