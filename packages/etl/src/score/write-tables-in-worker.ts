import { performance } from "node:perf_hooks";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ScoreColumn } from "@cejst/methodology";
import { writeScoreCsv } from "./write-score-csv.ts";
import { writeScoreParquet } from "./write-score-parquet.ts";

const WORKER_FLAG = "cejstScoreTablesWorker";

/** A score column in a form that moves to a worker without a copy. */
type PackedColumn =
  | { name: string; kind: "float" | "int"; values: Float64Array }
  | { name: string; kind: "bool"; values: Int8Array }
  | { name: string; kind: "text"; values: ReadonlyArray<string | number | boolean | null> };

interface Job {
  columns: PackedColumn[];
  csv: string;
  parquet: string;
}

type WorkerMessage =
  | { type: "done"; ms: { csv: number; parquet: number } }
  | { type: "error"; error: { name: string; message: string; code?: unknown } };

/** Milliseconds each file took in the worker. */
export interface TableWriteTimes {
  csv: number;
  parquet: number;
}

/**
 * Packs columns for the worker: numbers as `Float64Array` (`NaN` missing), booleans as
 * `Int8Array` (1, 0, -1 for null), text as it is (cloned). Returns the buffers to transfer.
 */
export function packScoreColumns(columns: readonly ScoreColumn[]): {
  packed: PackedColumn[];
  transfer: ArrayBuffer[];
} {
  const transfer: ArrayBuffer[] = [];
  const packed = columns.map((c): PackedColumn => {
    const n = c.values.length;
    if (c.kind === "float" || c.kind === "int") {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = c.values[i];
        values[i] = typeof v === "number" ? v : Number.NaN;
      }
      transfer.push(values.buffer);
      return { name: c.name, kind: c.kind, values };
    }
    if (c.kind === "bool") {
      const values = new Int8Array(n);
      for (let i = 0; i < n; i++) {
        const v = c.values[i];
        values[i] = v === null || v === undefined ? -1 : v ? 1 : 0;
      }
      transfer.push(values.buffer);
      return { name: c.name, kind: "bool", values };
    }
    return { name: c.name, kind: "text", values: c.values as ReadonlyArray<string | null> };
  });
  return { packed, transfer };
}

/** Back to `ScoreColumn`s: typed arrays serve as the value arrays, booleans are unpacked. */
function unpack(columns: readonly PackedColumn[]): ScoreColumn[] {
  return columns.map((c): ScoreColumn => {
    if (c.kind === "bool") {
      const values = new Array<boolean | null>(c.values.length).fill(null);
      for (let i = 0; i < c.values.length; i++) {
        const v = c.values[i];
        values[i] = v === 1 ? true : v === 0 ? false : null;
      }
      return { name: c.name, kind: "bool", values };
    }
    return { name: c.name, kind: c.kind, values: c.values as unknown as ScoreColumn["values"] };
  });
}

/** Writes the CSV, then the Parquet file, timing each. */
async function writeTables(job: Job): Promise<TableWriteTimes> {
  const columns = unpack(job.columns);
  let t = performance.now();
  await writeScoreCsv(job.csv, columns);
  const csv = performance.now() - t;
  t = performance.now();
  await writeScoreParquet(job.parquet, columns);
  return { csv, parquet: performance.now() - t };
}

/**
 * Writes `usa.csv` and `usa.parquet` of a score table in a worker thread, so the second
 * core formats the table while the caller writes the decision traces. The bytes are those
 * `writeScoreCsv` and `writeScoreParquet` write on the calling thread. The columns are
 * packed into typed arrays whose buffers move to the worker; `columns` may be dropped once
 * this returns its promise. Rejects with the worker's error (message kept).
 */
export function writeScoreTablesInWorker(
  columns: readonly ScoreColumn[],
  paths: { csv: string; parquet: string },
): Promise<TableWriteTimes> {
  const { packed, transfer } = packScoreColumns(columns);
  const job: Job = { columns: packed, ...paths };
  const worker = startWorker(job, transfer);
  return new Promise<TableWriteTimes>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: WorkerMessage) => {
      settled = true;
      if (m.type === "done") resolve(m.ms);
      else reject(Object.assign(new Error(m.error.message), { name: m.error.name, code: m.error.code }));
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`score table worker exited before finishing (got exit code ${code})`));
    });
  });
}

/** Loads this module in a worker; under tsx the worker registers the TypeScript loader first. */
function startWorker(job: Job, transfer: ArrayBuffer[]): Worker {
  const self = import.meta.url;
  const data = { [WORKER_FLAG]: job };
  if (!self.endsWith(".ts")) return new Worker(new URL(self), { workerData: data, transferList: transfer });
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`;
  return new Worker(code, { eval: true, workerData: data, transferList: transfer });
}

if (!isMainThread && parentPort !== null) {
  const job = (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] as Job | undefined;
  if (job !== undefined) {
    const port = parentPort;
    writeTables(job).then(
      (ms) => port.postMessage({ type: "done", ms } satisfies WorkerMessage),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        port.postMessage({
          type: "error",
          error: { name: err.name, message: err.message, code: (err as { code?: unknown }).code },
        } satisfies WorkerMessage);
      },
    );
  }
}
