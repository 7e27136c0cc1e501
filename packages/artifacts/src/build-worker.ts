import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ProgressEvent, ProgressSink } from "@cejst/schema";
import * as schemaErrors from "@cejst/schema";
import { type TilesetOptions, writeTileset } from "./tileset.ts";
import { type TribalAreas, writeTribalArtifacts } from "./tribal-areas.ts";

/** One piece of tile work: a tileset, or the tribal part of a release (GeoJSON and tileset). */
export type TilesetJob =
  | { kind: "tileset"; options: Omit<TilesetOptions, "progress"> }
  | {
      kind: "tribal";
      root: string;
      tribal: TribalAreas;
      labels?: { label: string; methodology: string };
      treeRoot?: string;
    };

type WorkerMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done" }
  | { type: "error"; error: SerializedError };

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  file?: string;
  line?: number;
  field?: string;
}

const WORKER_FLAG = "cejstTilesetJobs";

/** Runs tile jobs in order on the calling thread. */
export async function runTilesetJobs(jobs: readonly TilesetJob[], progress: ProgressSink): Promise<void> {
  for (const job of jobs) {
    if (job.kind === "tileset") await writeTileset({ ...job.options, progress });
    else
      await writeTribalArtifacts(job.root, job.tribal, {
        progress,
        ...(job.labels && { labels: job.labels }),
        ...(job.treeRoot !== undefined && { treeRoot: job.treeRoot }),
      });
  }
}

function serialize(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const extra = e as Error & { code?: unknown; file?: unknown; line?: unknown; field?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.stack !== undefined && { stack: e.stack }),
    ...(typeof extra.code === "string" && { code: extra.code }),
    ...(typeof extra.file === "string" && { file: extra.file }),
    ...(typeof extra.line === "number" && { line: extra.line }),
    ...(typeof extra.field === "string" && { field: extra.field }),
  };
}

/** The worker's error as the class it was thrown as, so callers (and CLI exit codes) see no difference. */
function revive(s: SerializedError): Error {
  const cls = (schemaErrors as Record<string, unknown>)[s.name];
  const proto =
    typeof cls === "function" && cls.prototype instanceof schemaErrors.CejstError
      ? (cls.prototype as object)
      : Error.prototype;
  const error = Object.create(proto) as Error;
  Object.defineProperty(error, "message", { value: s.message, writable: true, configurable: true });
  Object.assign(error, s);
  return error;
}

/** Loads this module in a worker; under tsx the worker registers the TypeScript loader first. */
function startWorker(jobs: readonly TilesetJob[]): Worker {
  const self = import.meta.url;
  const data = { [WORKER_FLAG]: jobs };
  if (!self.endsWith(".ts")) return new Worker(new URL(self), { workerData: data });
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

/**
 * Writes tilesets (and the tribal part) in a worker thread, so slicing, encoding and
 * compressing tiles use the second core while the caller writes the downloads. The jobs run
 * in order, each exactly as {@link writeTileset} runs it on the calling thread, so the bytes
 * are the same. Progress events are forwarded to `progress`. Rejects with the error the
 * worker threw, of the same class; `cancel` stops the worker.
 */
export function writeTilesetsInWorker(
  jobs: readonly TilesetJob[],
  progress: ProgressSink,
): { done: Promise<void>; cancel: () => Promise<void> } {
  const worker = startWorker(jobs);
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") progress(m.event);
      else if (m.type === "done") {
        settled = true;
        resolve();
      } else {
        settled = true;
        reject(revive(m.error));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`tile worker exited before finishing (got exit code ${code})`));
    });
  });
  return {
    done,
    cancel: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  const port = parentPort;
  const jobs = (workerData as Record<string, TilesetJob[]>)[WORKER_FLAG] as TilesetJob[];
  runTilesetJobs(jobs, (event) => port.postMessage({ type: "progress", event } satisfies WorkerMessage)).then(
    () => port.postMessage({ type: "done" } satisfies WorkerMessage),
    (e: unknown) => port.postMessage({ type: "error", error: serialize(e) } satisfies WorkerMessage),
  );
}
