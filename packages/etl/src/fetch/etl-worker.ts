import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ProgressEvent, ProgressSink } from "@cejst/schema";
import * as schemaErrors from "@cejst/schema";
import { type RunEtlOptions, type RunEtlResult, runEtl } from "../datasets/run-etl.ts";

const WORKER_FLAG = "cejstEtlWorker";

/** One adapter run for a worker: `runEtl`'s options without the progress sink. */
export type EtlJob = Omit<RunEtlOptions, "progress">;

type WorkerMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done"; result: RunEtlResult }
  | { type: "error"; error: SerializedWorkerError };

/** A worker thread that runs adapters one at a time, as `runEtl` does on the calling thread. */
export interface EtlWorker {
  run(job: EtlJob, progress: ProgressSink): Promise<RunEtlResult>;
  close(): Promise<void>;
}

/** An error as it crosses a thread boundary: its class name, message and the typed fields. */
export interface SerializedWorkerError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  file?: string;
  line?: number;
  field?: string;
}

/** Flattens an error thrown in a worker for `postMessage`, keeping the typed errors' fields. */
export function serializeWorkerError(e: unknown): SerializedWorkerError {
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

/**
 * The worker's error as the class it was thrown as (a `@cejst/schema` error class when it
 * names one), so callers and CLI exit codes see no difference from the calling thread.
 */
export function reviveWorkerError(s: SerializedWorkerError): Error {
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

/** Starts a worker on this module; under tsx the worker registers the TypeScript loader first. */
export function startEtlWorker(): EtlWorker {
  const self = import.meta.url;
  const data = { [WORKER_FLAG]: true };
  let worker: Worker;
  if (!self.endsWith(".ts")) worker = new Worker(new URL(self), { workerData: data });
  else {
    const api = import.meta.resolve("tsx/esm/api");
    const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`;
    worker = new Worker(code, { eval: true, workerData: data });
  }
  let pending:
    | { resolve: (r: RunEtlResult) => void; reject: (e: Error) => void; progress: ProgressSink }
    | undefined;
  let closed = false;
  const fail = (e: Error) => {
    const p = pending;
    pending = undefined;
    p?.reject(e);
  };
  worker.on("message", (m: WorkerMessage) => {
    if (m.type === "progress") pending?.progress(m.event);
    else if (m.type === "done") {
      const p = pending;
      pending = undefined;
      p?.resolve(m.result);
    } else fail(reviveWorkerError(m.error));
  });
  worker.on("error", (e) => fail(e));
  worker.on("exit", (code) => {
    if (!closed) fail(new Error(`etl worker exited before finishing its dataset (got exit code ${code})`));
  });
  return {
    run(job, progress) {
      if (pending) return Promise.reject(new Error("etl worker is busy (got a second job)"));
      return new Promise<RunEtlResult>((resolve, reject) => {
        pending = { resolve, reject, progress };
        worker.postMessage(job);
      });
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  const port = parentPort;
  port.on("message", (job: EtlJob) => {
    runEtl({
      ...job,
      progress: (event) => port.postMessage({ type: "progress", event } satisfies WorkerMessage),
    }).then(
      (result) => port.postMessage({ type: "done", result } satisfies WorkerMessage),
      (e: unknown) =>
        port.postMessage({ type: "error", error: serializeWorkerError(e) } satisfies WorkerMessage),
    );
  });
}
