import type { ManifestFile } from "../data/release.ts";
import {
  clampPage,
  DEFAULT_SORT,
  isRangeFilter,
  parseShard,
  rowMatcher,
  type ShardEntry,
  type Sort,
  sortRows,
  type TableFilter,
  type TableRow,
} from "./table-model.ts";

/** What the table needs of a release; `Release` of `src/data/release.ts` satisfies it. */
export interface TableRelease {
  id: string;
  synthetic: boolean;
  files: readonly ManifestFile[];
  url(path: string): string;
  role(role: string): ManifestFile | undefined;
}

/** GET and parse a JSON document. */
export type JsonFetcher = (url: string) => Promise<unknown>;

/** One page of the table and what the view says about it. */
export interface TablePage {
  rows: TableRow[];
  total: number;
  page: number;
  pages: number;
  /** Every matching row, when they had to be loaded anyway (any filter or sort beyond state). */
  matched?: TableRow[];
}

/**
 * The release's tract table (artifacts.md §4.4), loaded shard by shard on demand: the natural
 * order (tract id) needs only the shards that a page spans, since the index gives each shard's
 * row count; any other filter or sort loads the shards it covers (one state, or all).
 */
export class TractTable {
  private readonly release: TableRelease;
  private readonly fetchJson: JsonFetcher;
  private indexP: Promise<ShardEntry[]> | undefined;
  private readonly shards = new Map<string, Promise<TableRow[]>>();

  constructor(release: TableRelease, fetchJson: JsonFetcher) {
    this.release = release;
    this.fetchJson = fetchJson;
  }

  /** Whether the release publishes a tract table at all. */
  get available(): boolean {
    return this.release.role("tract-table-index") !== undefined;
  }

  /** The shard index, sorted by state code. */
  index(): Promise<ShardEntry[]> {
    if (!this.indexP) {
      const file = this.release.role("tract-table-index");
      if (!file)
        return Promise.reject(
          new Error(`release ${this.release.id} has no tract-table-index file (got none)`),
        );
      this.indexP = this.fetchJson(this.release.url(file.path)).then((raw) => {
        const shards = (raw as { shards?: unknown }).shards;
        if (!Array.isArray(shards))
          throw new Error(
            `tract table index ${file.path} field shards is not an array (got ${typeof shards})`,
          );
        return (shards as ShardEntry[])
          .map((s, i) => {
            if (typeof s?.state !== "string" || typeof s.tracts !== "number")
              throw new Error(
                `tract table index ${file.path} shard ${i + 1} field state or tracts is invalid (got ${JSON.stringify(s)})`,
              );
            return s;
          })
          .sort((a, b) => (a.state < b.state ? -1 : 1));
      });
      this.indexP.catch(() => {
        this.indexP = undefined;
      });
    }
    return this.indexP;
  }

  /** One state's rows, loaded once; the file is found by role and state in the manifest. */
  shard(entry: ShardEntry): Promise<TableRow[]> {
    let p = this.shards.get(entry.state);
    if (!p) {
      const file = this.release.files.find(
        (f) => f.role === "tract-table" && (f as ManifestFile & { state?: string }).state === entry.state,
      );
      if (!file)
        return Promise.reject(
          new Error(`release ${this.release.id} has no tract-table file for state ${entry.state} (got none)`),
        );
      p = this.fetchJson(this.release.url(file.path)).then((raw) => parseShard(file.path, raw, entry));
      p.catch(() => this.shards.delete(entry.state));
      this.shards.set(entry.state, p);
    }
    return p;
  }

  /** Rows of the given shards, in order, reporting each finished shard. */
  async rowsOf(entries: readonly ShardEntry[], onProgress?: (done: number, total: number) => void) {
    let done = 0;
    const parts = await Promise.all(
      entries.map((e) =>
        this.shard(e).then((rows) => {
          onProgress?.(++done, entries.length);
          return rows;
        }),
      ),
    );
    return parts.flat();
  }

  private async entriesFor(f: TableFilter): Promise<ShardEntry[]> {
    const all = await this.index();
    return f.state ? all.filter((e) => e.state === f.state) : all;
  }

  /** Every row matching `f`, sorted. */
  async matching(
    f: TableFilter,
    sort: Sort,
    onProgress?: (done: number, total: number) => void,
  ): Promise<TableRow[]> {
    const rows = await this.rowsOf(await this.entriesFor(f), onProgress);
    const match = rowMatcher(f);
    const out = rows.filter(match);
    return sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir ? out : sortRows(out, sort);
  }

  /** One page of the rows matching `f` in `sort` order. */
  async page(
    f: TableFilter,
    sort: Sort,
    page: number,
    size: number,
    onProgress?: (done: number, total: number) => void,
  ): Promise<TablePage> {
    const natural = sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir;
    if (natural && isRangeFilter(f)) {
      const entries = await this.entriesFor(f);
      const total = entries.reduce((a, e) => a + e.tracts, 0);
      const c = clampPage(page, total, size);
      const from = (c.page - 1) * size;
      const to = from + size;
      const spanned: ShardEntry[] = [];
      let start = 0;
      let skip = 0;
      for (const e of entries) {
        const end = start + e.tracts;
        if (end > from && start < to) {
          if (spanned.length === 0) skip = from - start;
          spanned.push(e);
        }
        start = end;
      }
      const rows = (await this.rowsOf(spanned, onProgress)).slice(skip, skip + size);
      return { rows, total, ...c };
    }
    const matched = await this.matching(f, sort, onProgress);
    const c = clampPage(page, matched.length, size);
    return { rows: matched.slice((c.page - 1) * size, c.page * size), total: matched.length, ...c, matched };
  }
}
