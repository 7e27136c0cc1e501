import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { handOverWorker } from "./worker-handover.ts";

/**
 * MapLibre's worker script: a same-origin file (CSP, web.md §1.6), passed to `setWorkerUrl`
 * because the bundler cannot find it on its own (dependencies.md, MapLibre pitfalls).
 */
export const MAP_WORKER_URL: string = workerUrl;

let early: Worker | undefined;

/**
 * Starts MapLibre's worker before MapLibre's own code has loaded. The worker's script is about
 * half a megabyte to fetch, parse and run on its own thread; started here, at boot, that happens
 * while the main thread fetches the config and evaluates MapLibre, instead of after. This module
 * holds only the worker's URL, so the shell can load it at once.
 */
export function startMapWorker(): void {
  if (early || typeof Worker !== "function") return;
  try {
    early = new Worker(MAP_WORKER_URL, { type: "module" });
  } catch {
    // MapLibre creates its own later and reports what goes wrong then.
    early = undefined;
  }
}

/**
 * Runs `create` (which makes MapLibre start its worker pool, e.g. `prewarm()`) so that the pool's
 * first worker is the one `startMapWorker` started; without one, `create` runs as is.
 */
export function withEarlyMapWorker(create: () => void): void {
  const worker = early;
  early = undefined;
  if (worker) handOverWorker(worker, MAP_WORKER_URL, create);
  else create();
}
