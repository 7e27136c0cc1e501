import { copyFile, link, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { DATASET_IDS, DATASETS } from "../datasets/registry.ts";
import { type RunEtlResult, runEtl } from "../datasets/run-etl.ts";
import type { DatasetId } from "../datasets/types.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { type EtlJob, startEtlWorker } from "./etl-worker.ts";
import { type FetchedFile, fetchSource, namedCopy } from "./fetch-source.ts";
import type { SourceItem, SourcesConfig } from "./sources-config.ts";

/** What `runEtlAll` needs. */
export interface EtlAllOptions {
  config: SourcesConfig;
  /** Output folder: `<out>/dataset/<name>/usa.csv`, `<out>/census/…`. */
  out: string;
  /** Download cache (`<cacheDir>/sha256/<hex>`). */
  cacheDir: string;
  /** Overrides the configuration's `mirror`. */
  mirror?: string;
  progress?: ProgressSink;
  /** For adapters whose output depends on it (`census_acs`); the adapter's default otherwise. */
  methodology?: "1.0" | "2.0";
  retries?: number;
  retryDelayMs?: number;
  /**
   * The output folder of an earlier run (its `etl-all.json` record). A dataset whose pinned
   * files are the same and whose output does not depend on the methodology version (or was
   * made for the same version) is hard-linked (or copied) from there instead of fetched and run.
   */
  reuse?: string;
  /** Downloads in flight at once (default 3). */
  concurrency?: number;
  /**
   * Adapters run at once (default 1). With more, the datasets after `census` are shared out
   * between this thread and `jobs - 1` worker threads; a failure still stops the run, but an
   * adapter already running on another thread finishes first.
   */
  jobs?: number;
}

/** One dataset of `runEtlAll`: the verified raw files and what the adapter wrote. */
export interface EtlAllDataset {
  name: DatasetId;
  /** Empty when the output was reused. */
  fetched: FetchedFile[];
  outputs: RunEtlResult["files"];
  /** The folder the output was taken from, when it was reused rather than run. */
  reusedFrom?: string;
}

/** Everything `runEtlAll` did, in the order it ran the adapters. */
export interface EtlAllResult {
  datasets: EtlAllDataset[];
  /** Adapters the configuration has no source for (nothing was written for them). */
  notConfigured: DatasetId[];
}

/**
 * Datasets whose output other adapters read, and so run first: point sources
 * (`eamlis`, `us_army_fuds`) join to `census/geojson/us.json`.
 */
const RUN_FIRST: readonly DatasetId[] = ["census"];

/**
 * The adapters that read `ExtractContext.methodology`: their output differs between 1.0 and
 * 2.0 even from the same files, so `reuse` takes them only from a run of the same version.
 */
export const VERSIONED_DATASETS: readonly DatasetId[] = ["census_acs", "census_decennial"];

/** The record `runEtlAll` leaves in its output folder, read back by `reuse`. */
export const ETL_ALL_RECORD = "etl-all.json";

interface RecordEntry {
  name: DatasetId;
  methodology: "1.0" | "2.0";
  /** The pinned files, in configuration order. */
  files: { file: string; sha256: string }[];
  /** Output paths relative to the output folder, with their sizes. */
  outputs: { path: string; bytes: number }[];
}

interface EtlAllRecord {
  datasets: RecordEntry[];
}

/** The order adapters run in: `census` first, then the configuration's order. */
export function etlOrder(items: readonly SourceItem[]): SourceItem[] {
  const rank = (s: SourceItem) => {
    const i = RUN_FIRST.indexOf(s.name);
    return i === -1 ? RUN_FIRST.length : i;
  };
  return items
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

/**
 * `cejst etl all`: fetches and verifies every configured source (see `fetchFile`; a few at a
 * time), then runs each adapter on its files, `census` first. The first failure stops the
 * run with its typed error; adapters write through a temporary file and a rename, so the
 * failing dataset has no partial output. With `reuse`, datasets an earlier run already made
 * from the same pinned files are linked from it (see `EtlAllOptions.reuse`).
 */
export async function runEtlAll(options: EtlAllOptions): Promise<EtlAllResult> {
  const progress = options.progress ?? noProgress;
  const mirror = options.mirror ?? options.config.mirror;
  const version = options.methodology ?? "2.0";
  const order = etlOrder(options.config.sources);
  const reusable =
    options.reuse === undefined
      ? new Map<DatasetId, RecordEntry>()
      : await reusableEntries(options.reuse, order, version);

  const toFetch = order.filter((item) => !reusable.has(item.name));
  const fetched = new Map<DatasetId, FetchedFile[]>();
  let fetchedCount = 0;
  progress({ stage: "fetch", done: 0, total: toFetch.length, unit: "sources" });
  await inPool(toFetch, Math.max(1, options.concurrency ?? 3), async (item) => {
    const got = await fetchSource(item, {
      cacheDir: options.cacheDir,
      ...(mirror === undefined ? {} : { mirror }),
      onProgress: progress,
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    });
    fetched.set(item.name, got.files);
    progress({
      stage: "fetch",
      done: ++fetchedCount,
      total: toFetch.length,
      unit: "sources",
      detail: item.name,
    });
  });

  const done = new Array<{ dataset: EtlAllDataset; entry: RecordEntry } | undefined>(order.length);
  let finished = 0;
  /** Runs (or links) dataset `i`, with `run` doing the adapter's work on some thread. */
  const one = async (i: number, run: (job: EtlJob) => Promise<RunEtlResult>) => {
    const item = order[i] as SourceItem;
    progress({ stage: "etl", done: finished, total: order.length, unit: "datasets", detail: item.name });
    const pinned = item.files.map((f) => ({ file: f.file, sha256: f.sha256 }));
    const earlier = reusable.get(item.name);
    if (earlier !== undefined && options.reuse !== undefined) {
      const outputs = await linkOutputs(options.reuse, options.out, earlier.outputs);
      // Made from the same files by a version-independent adapter (or for this version), so
      // it is this version's output too: recorded as such, a full run's record is the same.
      done[i] = {
        dataset: { name: item.name, fetched: [], outputs, reusedFrom: options.reuse },
        entry: { ...earlier, methodology: version, files: pinned },
      };
    } else {
      const files = fetched.get(item.name) ?? [];
      const sources: string[] = [];
      for (const f of files) sources.push(await namedCopy(f, options.cacheDir));
      const result = await run({
        dataset: item.name,
        sources,
        out: options.out,
        ...(options.methodology === undefined ? {} : { methodology: options.methodology }),
      });
      done[i] = {
        dataset: { name: item.name, fetched: files, outputs: result.files },
        entry: {
          name: item.name,
          methodology: version,
          files: pinned,
          outputs: result.files.map((f) => ({ path: relative(options.out, f.path), bytes: f.bytes })),
        },
      };
    }
    finished++;
  };
  const here = (job: EtlJob) => runEtl({ ...job, progress });
  const first = order.filter((s) => RUN_FIRST.includes(s.name)).length;
  const rest = Array.from({ length: order.length - first }, (_, k) => first + k);
  const toRun = rest.filter((i) => !reusable.has((order[i] as SourceItem).name)).length;
  // Started before census runs, so the workers load their modules meanwhile.
  const workers = Array.from({ length: Math.max(0, Math.min((options.jobs ?? 1) - 1, toRun - 1)) }, () =>
    startEtlWorker(),
  );
  try {
    for (let i = 0; i < first; i++) await one(i, here);
    const lanes: ((job: EtlJob) => Promise<RunEtlResult>)[] = [
      here,
      ...workers.map((w) => (job: EtlJob) => w.run(job, progress)),
    ];
    await inLanes(rest, lanes, one);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  const datasets = done.map((d) => d?.dataset as EtlAllDataset);
  const record: EtlAllRecord = { datasets: done.map((d) => d?.entry as RecordEntry) };
  progress({ stage: "etl", done: order.length, total: order.length, unit: "datasets" });
  await writeFileAtomic(join(options.out, ETL_ALL_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  const configured = new Set(order.map((s) => s.name));
  return { datasets, notConfigured: DATASET_IDS.filter((id) => !configured.has(id)) };
}

/**
 * The datasets of `order` that the run recorded in `dir` made from the same pinned files, for
 * this version where it matters, with every output still there at its recorded size. When
 * `census` is configured but cannot be reused, nothing is: the adapters that join to tracts
 * read its output.
 */
async function reusableEntries(
  dir: string,
  order: readonly SourceItem[],
  version: "1.0" | "2.0",
): Promise<Map<DatasetId, RecordEntry>> {
  const found = new Map<DatasetId, RecordEntry>();
  let record: EtlAllRecord;
  try {
    record = JSON.parse(await readFile(join(dir, ETL_ALL_RECORD), "utf8")) as EtlAllRecord;
  } catch {
    return found;
  }
  const byName = new Map((record.datasets ?? []).map((d) => [d.name, d]));
  for (const item of order) {
    const d = byName.get(item.name);
    if (d === undefined || !Object.hasOwn(DATASETS, item.name)) continue;
    if (VERSIONED_DATASETS.includes(item.name) && d.methodology !== version) continue;
    const same =
      d.files.length === item.files.length &&
      item.files.every((f, k) => d.files[k]?.file === f.file && d.files[k]?.sha256 === f.sha256);
    if (!same) continue;
    let present = true;
    for (const o of d.outputs) {
      const size = await stat(join(dir, o.path)).then(
        (s) => s.size,
        () => -1,
      );
      if (size !== o.bytes) present = false;
    }
    if (present) found.set(item.name, d);
  }
  if (order.some((s) => RUN_FIRST.includes(s.name)) && RUN_FIRST.some((n) => !found.has(n))) found.clear();
  return found;
}

/** Each output of an earlier run, hard-linked (copied where links fail) into `out` via a rename. */
async function linkOutputs(
  from: string,
  out: string,
  outputs: readonly { path: string; bytes: number }[],
): Promise<RunEtlResult["files"]> {
  const written: RunEtlResult["files"] = [];
  for (const o of outputs) {
    const target = join(out, o.path);
    const tmp = `${target}.${process.pid}.tmp`;
    await mkdir(dirname(target), { recursive: true });
    await rm(tmp, { force: true });
    try {
      await link(join(from, o.path), tmp);
    } catch {
      await copyFile(join(from, o.path), tmp);
    }
    await rename(tmp, target);
    written.push({ path: target, bytes: o.bytes });
  }
  return written;
}

/**
 * Runs `work` on every item, each lane taking the next item when it is free; after the
 * first failure no lane takes another, and that failure is thrown once all have settled.
 */
async function inLanes<T, L>(
  items: readonly T[],
  lanes: readonly L[],
  work: (item: T, lane: L) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (l: L) => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item, l);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(lanes.map(lane));
  if (failure !== undefined) throw failure.error;
}

/** Runs `work` on every item, at most `limit` at once; the first failure is thrown once all settle. */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure.error;
}
