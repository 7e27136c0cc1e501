import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { noProgress, type ProgressSink, UsageError } from "@cejst/schema";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { DATASET_IDS, DATASETS, isDatasetId } from "./registry.ts";
import type { DatasetAdapter } from "./types.ts";

/** What `runEtl` needs: the ETL name, the raw inputs, and the output folder. */
export interface RunEtlOptions {
  dataset: string;
  /** Raw files, archives or folders (one or more). */
  sources: readonly string[];
  /** Output folder; files land under it in the original layout (`dataset/<name>/usa.csv`). */
  out: string;
  progress?: ProgressSink;
  /** Methodology version, for the adapters whose output depends on it (default "2.0"). */
  methodology?: "1.0" | "2.0";
}

/** The files `runEtl` wrote (absolute paths) and their sizes in bytes. */
export interface RunEtlResult {
  dataset: string;
  files: { path: string; bytes: number }[];
}

/**
 * Runs one source adapter end to end. Everything is read and transformed before anything is
 * written, and each file is written under a temporary name and renamed into place, so a
 * failing run leaves no output behind. Bad input fails with `InputSchemaError` (file, line,
 * column) or `InputMissingError`; an unknown name with `UsageError`.
 */
export async function runEtl(options: RunEtlOptions): Promise<RunEtlResult> {
  const progress = options.progress ?? noProgress;
  if (!isDatasetId(options.dataset))
    throw new UsageError(`unknown dataset "${options.dataset}" (one of: ${DATASET_IDS.join(", ")})`);
  if (options.sources.length === 0) throw new UsageError("at least one --source is required");
  const adapter: DatasetAdapter = DATASETS[options.dataset];
  const raw = await adapter.extract({
    sources: options.sources,
    out: options.out,
    progress,
    ...(options.methodology === undefined ? {} : { methodology: options.methodology }),
  });
  progress({ stage: "transform", done: 0, total: 1, unit: "datasets", detail: adapter.id });
  const files = adapter.transform(raw);
  progress({ stage: "transform", done: 1, total: 1, unit: "datasets", detail: adapter.id });
  const written: RunEtlResult["files"] = [];
  for (const [i, f] of files.entries()) {
    const path = join(options.out, f.path);
    const bytes =
      typeof f.data === "string" ? await writeText(path, f.data) : await writeChunks(path, f.data);
    written.push({ path, bytes });
    progress({ stage: "write", done: i + 1, total: files.length, unit: "files", detail: path });
  }
  return { dataset: adapter.id, files: written };
}

async function writeText(path: string, data: string): Promise<number> {
  await writeFileAtomic(path, data);
  return Buffer.byteLength(data);
}

/** `writeFileAtomic` for chunked data: a temporary file beside the target, renamed when complete. */
async function writeChunks(path: string, chunks: readonly string[]): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  let bytes = 0;
  try {
    const handle = await open(tmp, "w");
    try {
      // Batching small chunks keeps the number of write calls down.
      let batch: string[] = [];
      let size = 0;
      for (const c of chunks) {
        batch.push(c);
        size += c.length;
        if (size >= 1 << 22) {
          bytes += (await handle.write(batch.join(""))).bytesWritten;
          batch = [];
          size = 0;
        }
      }
      if (batch.length > 0) bytes += (await handle.write(batch.join(""))).bytesWritten;
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return bytes;
}
