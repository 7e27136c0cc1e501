import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { reviveWorkerError, type SerializedWorkerError, serializeWorkerError } from "@cejst/etl";
import type { ProgressEvent, ProgressSink } from "@cejst/schema";
import { writeCsvFiles } from "./csv-writer.ts";
import { type ParquetLabels, writeParquetFile } from "./parquet.ts";
import type { Cell, CellKind, TableColumn } from "./score-table.ts";
import { type TilesetOptions, writeTileset } from "./tileset.ts";
import { readTraceBytes, type TraceBytes } from "./tract-documents.ts";
import { type TribalAreas, writeTribalArtifacts } from "./tribal-areas.ts";

/**
 * Tables sent to a worker: each distinct values array once (tables share most columns), numbers
 * and booleans as typed arrays that move without copying, other columns cloned.
 */
export interface PackedTables {
  pool: PackedValues[];
  tables: Array<Array<{ name: string; kind: CellKind; values: number }>>;
}

type PackedValues =
  | { type: "f64"; data: Float64Array; nulls: Uint8Array }
  | { type: "bool"; data: Uint8Array }
  | { type: "cells"; data: Cell[] };

/**
 * One piece of work for a worker: a tileset, the tribal part of a release (GeoJSON and
 * tileset), CSV files of packed tables written in one pass, or a Parquet file of a packed table
 * (`table` indexes `PackedTables.tables`).
 */
export type TilesetJob =
  | { kind: "tileset"; options: Omit<TilesetOptions, "progress"> }
  | {
      kind: "tribal";
      root: string;
      tribal: TribalAreas;
      labels?: { label: string; methodology: string };
      treeRoot?: string;
    }
  | { kind: "csv"; files: Array<{ path: string; table: number; bom?: boolean }> }
  | { kind: "parquet"; path: string; table: number; labels: ParquetLabels; asInt64?: string[] };

/** Packs tables for {@link writeTilesetsInWorker}; returns the buffers to transfer with them. */
export function packTables(tables: ReadonlyArray<readonly TableColumn[]>): {
  packed: PackedTables;
  transfer: ArrayBuffer[];
} {
  const index = new Map<TableColumn["values"], number>();
  const pool: PackedValues[] = [];
  const transfer: ArrayBuffer[] = [];
  const packValues = (values: TableColumn["values"]): number => {
    const known = index.get(values);
    if (known !== undefined) return known;
    let numbers = true;
    let booleans = true;
    for (const v of values) {
      if (v === null) continue;
      if (typeof v !== "number") numbers = false;
      if (typeof v !== "boolean") booleans = false;
      if (!numbers && !booleans) break;
    }
    let packed: PackedValues;
    if (numbers) {
      const data = new Float64Array(values.length);
      const nulls = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === undefined) nulls[i] = 1;
        else data[i] = v as number;
      }
      packed = { type: "f64", data, nulls };
      transfer.push(data.buffer as ArrayBuffer, nulls.buffer as ArrayBuffer);
    } else if (booleans) {
      const data = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        data[i] = v === null || v === undefined ? 2 : v ? 1 : 0;
      }
      packed = { type: "bool", data };
      transfer.push(data.buffer as ArrayBuffer);
    } else packed = { type: "cells", data: values };
    pool.push(packed);
    index.set(values, pool.length - 1);
    return pool.length - 1;
  };
  const packed: PackedTables = {
    pool,
    tables: tables.map((t) => t.map((c) => ({ name: c.name, kind: c.kind, values: packValues(c.values) }))),
  };
  return { packed, transfer };
}

/** The tables of {@link packTables} as columns again, values equal to the originals. */
export function unpackTables(packed: PackedTables): TableColumn[][] {
  const pool = packed.pool.map((p): Cell[] => {
    if (p.type === "cells") return p.data;
    const out = new Array<Cell>(p.data.length);
    if (p.type === "f64")
      for (let i = 0; i < out.length; i++) out[i] = p.nulls[i] ? null : (p.data[i] as number);
    else for (let i = 0; i < out.length; i++) out[i] = p.data[i] === 2 ? null : p.data[i] === 1;
    return out;
  });
  return packed.tables.map((t) =>
    t.map((c) => ({ name: c.name, kind: c.kind, values: pool[c.values] as Cell[] })),
  );
}

type WorkerMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done" }
  | { type: "error"; error: SerializedWorkerError };

const WORKER_FLAG = "cejstTilesetJobs";
const TRACES_FLAG = "cejstTracesPath";

/** Runs jobs in order on the calling thread. */
export async function runTilesetJobs(
  jobs: readonly TilesetJob[],
  progress: ProgressSink,
  tables: readonly (readonly TableColumn[])[] = [],
): Promise<void> {
  const table = (i: number) => {
    const t = tables[i];
    if (t === undefined) throw new Error(`job names table ${i} (got ${tables.length} tables)`);
    return t;
  };
  for (const job of jobs) {
    if (job.kind === "tileset") await writeTileset({ ...job.options, progress });
    else if (job.kind === "csv")
      await writeCsvFiles(
        job.files.map((f) => ({ path: f.path, columns: table(f.table), bom: f.bom ?? false })),
      );
    else if (job.kind === "parquet")
      await writeParquetFile(job.path, table(job.table), job.labels, new Set(job.asInt64 ?? []));
    else
      await writeTribalArtifacts(job.root, job.tribal, {
        progress,
        ...(job.labels && { labels: job.labels }),
        ...(job.treeRoot !== undefined && { treeRoot: job.treeRoot }),
      });
  }
}

/**
 * The young generation of every build thread. The build allocates many short-lived strings,
 * arrays and boxed numbers; with the default few MiB most of them outlive a scavenge and are
 * copied into the old generation, which the collector then keeps marking.
 */
export const BUILD_YOUNG_GENERATION_MB = 192;

/** Loads this module in a worker; under tsx the worker registers the TypeScript loader first. */
function startWorker(workerData: Record<string, unknown>, transfer: ArrayBuffer[] = []): Worker {
  return startModuleWorker(import.meta.url, workerData, transfer);
}

/**
 * Starts a worker on the module at `self` (its `import.meta.url`) with `workerData`, moving
 * `transfer`, with the build's young generation. Under tsx the worker registers the
 * TypeScript loader first.
 */
export function startModuleWorker(
  self: string,
  workerData: Record<string, unknown>,
  transfer: ArrayBuffer[] = [],
): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: BUILD_YOUNG_GENERATION_MB };
  if (!self.endsWith(".ts"))
    return new Worker(new URL(self), { workerData, transferList: transfer, resourceLimits });
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`;
  return new Worker(code, { eval: true, workerData, transferList: transfer, resourceLimits });
}

/**
 * Runs jobs (tilesets, the tribal part, CSV and Parquet files) in a worker thread, so they use
 * the second core while the caller writes the rest. The jobs run in order, each exactly as on
 * the calling thread ({@link runTilesetJobs}), so the bytes are the same. `tables` are the
 * tables the CSV and Parquet jobs name, packed by {@link packTables} (its buffers move to the
 * worker). Progress events are forwarded to `progress`. Rejects with the error the worker
 * threw, of the same class; `cancel` stops the worker.
 */
export function writeTilesetsInWorker(
  jobs: readonly TilesetJob[],
  progress: ProgressSink,
  tables?: { packed: PackedTables; transfer: ArrayBuffer[] },
): { done: Promise<void>; cancel: () => Promise<void> } {
  const worker = startWorker({ [WORKER_FLAG]: jobs, tables: tables?.packed }, tables?.transfer);
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") progress(m.event);
      else if (m.type === "done") {
        settled = true;
        resolve();
      } else {
        settled = true;
        reject(reviveWorkerError(m.error));
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

type TracesMessage = { type: "done"; traces: TraceBytes } | { type: "error"; error: SerializedWorkerError };

/**
 * Reads the decision traces ({@link readTraceBytes}) in a worker thread, so parsing and
 * re-printing them uses the second core while the caller reads the other inputs. The bytes
 * come back without a copy. Rejects with the error the worker threw, of the same class.
 */
export function readTraceBytesInWorker(path: string): {
  done: Promise<TraceBytes>;
  cancel: () => Promise<void>;
} {
  const worker = startWorker({ [TRACES_FLAG]: path });
  const done = new Promise<TraceBytes>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: TracesMessage) => {
      settled = true;
      if (m.type === "done") resolve(m.traces);
      else reject(reviveWorkerError(m.error));
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`trace worker exited before finishing (got exit code ${code})`));
    });
  });
  return {
    done,
    cancel: async () => {
      await worker.terminate();
    },
  };
}

const flags = workerData as Record<string, unknown> | null;
if (!isMainThread && parentPort !== null && typeof flags?.[TRACES_FLAG] === "string") {
  const port = parentPort;
  readTraceBytes(flags[TRACES_FLAG]).then(
    (traces) => {
      // A fresh ArrayBuffer holding exactly the bytes, so nothing else rides along.
      const bytes = traces.bytes.byteOffset === 0 ? traces.bytes : traces.bytes.slice();
      const out: TraceBytes = { bytes, traces: traces.traces };
      port.postMessage({ type: "done", traces: out } satisfies TracesMessage, [bytes.buffer as ArrayBuffer]);
    },
    (e: unknown) =>
      port.postMessage({ type: "error", error: serializeWorkerError(e) } satisfies TracesMessage),
  );
}

if (!isMainThread && parentPort !== null && flags?.[WORKER_FLAG]) {
  const port = parentPort;
  const data = workerData as { [WORKER_FLAG]: TilesetJob[]; tables?: PackedTables };
  const tables = data.tables === undefined ? [] : unpackTables(data.tables);
  runTilesetJobs(
    data[WORKER_FLAG],
    (event) => port.postMessage({ type: "progress", event } satisfies WorkerMessage),
    tables,
  ).then(
    () => port.postMessage({ type: "done" } satisfies WorkerMessage),
    (e: unknown) =>
      port.postMessage({ type: "error", error: serializeWorkerError(e) } satisfies WorkerMessage),
  );
}
