import { noProgress, type ProgressSink } from "@cejst/schema";
import { DATASET_IDS } from "../datasets/registry.ts";
import { type RunEtlResult, runEtl } from "../datasets/run-etl.ts";
import type { DatasetId } from "../datasets/types.ts";
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
}

/** One dataset of `runEtlAll`: the verified raw files and what the adapter wrote. */
export interface EtlAllDataset {
  name: DatasetId;
  fetched: FetchedFile[];
  outputs: RunEtlResult["files"];
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
 * `cejst etl all`: fetches and verifies every configured source (see `fetchFile`), then runs
 * each adapter on its files, `census` first. The first failure stops the run with its typed
 * error; adapters write through a temporary file and a rename, so the failing dataset has
 * no partial output.
 */
export async function runEtlAll(options: EtlAllOptions): Promise<EtlAllResult> {
  const progress = options.progress ?? noProgress;
  const mirror = options.mirror ?? options.config.mirror;
  const order = etlOrder(options.config.sources);
  const fetched = new Map<DatasetId, FetchedFile[]>();
  for (const [i, item] of order.entries()) {
    progress({ stage: "fetch", done: i, total: order.length, unit: "sources", detail: item.name });
    const got = await fetchSource(item, {
      cacheDir: options.cacheDir,
      ...(mirror === undefined ? {} : { mirror }),
      onProgress: progress,
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    });
    fetched.set(item.name, got.files);
  }
  progress({ stage: "fetch", done: order.length, total: order.length, unit: "sources" });
  const datasets: EtlAllDataset[] = [];
  for (const [i, item] of order.entries()) {
    progress({ stage: "etl", done: i, total: order.length, unit: "datasets", detail: item.name });
    const files = fetched.get(item.name) ?? [];
    const sources: string[] = [];
    for (const f of files) sources.push(await namedCopy(f, options.cacheDir));
    const result = await runEtl({
      dataset: item.name,
      sources,
      out: options.out,
      progress,
      ...(options.methodology === undefined ? {} : { methodology: options.methodology }),
    });
    datasets.push({ name: item.name, fetched: files, outputs: result.files });
  }
  progress({ stage: "etl", done: order.length, total: order.length, unit: "datasets" });
  const configured = new Set(order.map((s) => s.name));
  return { datasets, notConfigured: DATASET_IDS.filter((id) => !configured.has(id)) };
}
