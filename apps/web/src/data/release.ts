import type { DecisionTrace } from "@cejst/methodology/explain";
import { contentDigest } from "./digest.ts";

/** One file of a release manifest. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  contentType?: string;
  role?: string;
  kind?: string;
  language?: string;
}

/** Published tile properties of one tract (missing values are absent or null). */
export type TileProps = Record<string, string | number | boolean | null | undefined>;

/** One tract document (`api/tracts/<county>.json`, keyed by GEOID; artifacts.md §4.3). */
export interface TractRecord {
  geoid: string;
  label: string;
  methodology: string;
  mapped: boolean;
  interiorPoint: { lat: number; lon: number };
  bbox: [number, number, number, number] | null;
  state: { fips: string; name: string; abbreviation?: string };
  county: { fips: string; name: string };
  tile: TileProps;
  trace: DecisionTrace | null;
}

/** The tract search index (artifacts.md §4.1). */
export interface TractIndex {
  ids: string[];
  rows: Map<
    string,
    { lat: number; lon: number; bbox: [number, number, number, number] | null; mapped: boolean }
  >;
}

/** The name index (`api/search/names.json`, artifacts.md §4.2). */
export interface NameIndex {
  states: { fips: string; name: string; abbreviation: string; bbox: Bbox | null }[];
  counties: { fips: string; name: string; state: string; bbox: Bbox | null }[];
  places: { geoid: string; name: string; state: string; bbox: Bbox | null }[];
}

/** `[west, south, east, north]` in degrees. */
export type Bbox = [number, number, number, number];

/** A comparison the release declares (`release.comparisons[]`). */
export interface ReleaseComparison {
  with: string;
  path: string;
}

/**
 * One published version, resolved from its manifest. This is the only module that builds data
 * URLs: everything else asks it for artifacts by role.
 */
export class Release {
  readonly id: string;
  readonly base: URL;
  readonly methodology: string;
  readonly synthetic: boolean;
  readonly files: ManifestFile[];
  private readonly byPath: Map<string, ManifestFile>;
  private readonly shards = new Map<string, Promise<Record<string, TractRecord>>>();
  /** When the version was published (ISO 8601), if the manifest says. */
  readonly publishedAt: string | undefined;
  /** Release notes by language (`{ en: path }`), from the manifest's release metadata. */
  readonly notes: Record<string, string>;
  /** Earlier versions this release carries change data for. */
  readonly comparisons: ReleaseComparison[];
  /** Published counts (`tracts`, `mappedTracts`, `identifiedTracts`), when given. */
  readonly counts: Record<string, number>;
  /** Localised one-paragraph summary, when the manifest gives one. */
  readonly summary: Record<string, string>;
  /**
   * `sha256:` of the manifest content (the release id the CLI prints), once `computeDigest()`
   * has settled and when Web Crypto is available.
   */
  digest: string | undefined;
  private readonly content: Record<string, unknown>;
  private digestStarted: Promise<string | undefined> | undefined;
  private index: Promise<TractIndex> | undefined;
  private nameIndex: Promise<NameIndex> | undefined;

  constructor(
    id: string,
    base: URL,
    content: Record<string, unknown>,
    publication?: Record<string, unknown>,
  ) {
    this.id = id;
    this.base = base;
    this.content = content;
    this.methodology = String(content.methodology ?? "");
    this.synthetic = content.synthetic === true;
    const meta = (
      typeof content.release === "object" && content.release !== null ? content.release : {}
    ) as Record<string, unknown>;
    const strings = (v: unknown): Record<string, string> =>
      typeof v === "object" && v !== null
        ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"))
        : typeof v === "string"
          ? { en: v }
          : {};
    this.notes = strings(meta.notes);
    this.summary = strings(meta.summary);
    this.comparisons = Array.isArray(meta.comparisons)
      ? (meta.comparisons as ReleaseComparison[]).filter((c) => typeof c?.with === "string")
      : [];
    this.counts = (typeof meta.counts === "object" && meta.counts !== null ? meta.counts : {}) as Record<
      string,
      number
    >;
    const date = meta.date ?? publication?.publishedAt;
    this.publishedAt = typeof date === "string" ? date : undefined;
    this.files = Array.isArray(content.files) ? (content.files as ManifestFile[]) : [];
    this.byPath = new Map(this.files.map((f) => [f.path, f]));
  }

  /**
   * Hashes the manifest content once and sets `digest`. The map does not need it, so the
   * explore page asks for it after its first render instead of the manifest load waiting for it.
   */
  computeDigest(): Promise<string | undefined> {
    if (!this.digestStarted) {
      this.digestStarted = contentDigest(this.content)
        .catch(() => undefined)
        .then((d) => {
          this.digest = d;
          return d;
        });
    }
    return this.digestStarted;
  }

  /** The absolute URL of a file of this version. */
  url(path: string): string {
    return new URL(path, this.base).href;
  }

  /** The first file with `role`, or undefined. */
  role(role: string): ManifestFile | undefined {
    return this.files.find((f) => f.role === role);
  }

  /** User-facing downloads: files with the `download` or `release-notes` role. */
  downloads(): ManifestFile[] {
    return this.files.filter((f) => f.role === "download" || f.role === "release-notes");
  }

  /** The tract document of `geoid`, from its county shard; undefined when no such tract. */
  async tract(geoid: string): Promise<TractRecord | undefined> {
    const county = geoid.slice(0, 5);
    const path = `api/tracts/${county}.json`;
    if (!this.byPath.has(path)) return undefined;
    let shard = this.shards.get(county);
    if (!shard) {
      shard = fetchJson(this.url(path)) as Promise<Record<string, TractRecord>>;
      shard.catch(() => this.shards.delete(county));
      this.shards.set(county, shard);
    }
    return (await shard)[geoid];
  }

  /** The name index (states, counties, places), loaded once on first use; undefined when absent. */
  names(): Promise<NameIndex | undefined> {
    const file = this.role("search-names");
    if (!file) return Promise.resolve(undefined);
    if (!this.nameIndex) {
      this.nameIndex = fetchJson(this.url(file.path)).then((raw) => {
        const r = raw as Partial<NameIndex>;
        return { states: r.states ?? [], counties: r.counties ?? [], places: r.places ?? [] };
      });
      this.nameIndex.catch(() => {
        this.nameIndex = undefined;
      });
    }
    return this.nameIndex;
  }

  /** The tract search index, loaded once on first use. */
  tractIndex(): Promise<TractIndex> {
    if (!this.index) {
      const file = this.role("search-tracts");
      if (!file) return Promise.reject(new Error(`release ${this.id} has no search-tracts file (got none)`));
      this.index = fetchJson(this.url(file.path)).then(parseTractIndex);
      this.index.catch(() => {
        this.index = undefined;
      });
    }
    return this.index;
  }
}

function parseTractIndex(raw: unknown): TractIndex {
  const { columns, rows } = raw as { columns: string[]; rows: unknown[][] };
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`tract search index column ${name} is missing (got ${columns.join(",")})`);
    return i;
  };
  const [g, la, lo, bb, m] = [col("geoid"), col("lat"), col("lon"), col("bbox"), col("mapped")];
  const out: TractIndex = { ids: [], rows: new Map() };
  for (const r of rows) {
    const id = String(r[g]);
    out.ids.push(id);
    out.rows.set(id, {
      lat: Number(r[la]),
      lon: Number(r[lo]),
      bbox: Array.isArray(r[bb]) ? (r[bb] as [number, number, number, number]) : null,
      mapped: r[m] === true,
    });
  }
  out.ids.sort();
  return out;
}

/** GET a JSON document; an HTTP error or bad JSON rejects with a message naming the URL. */
export async function fetchJson(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url} answered ${res.status} (got HTTP ${res.status})`);
  return res.json();
}

/** Fetches and checks a version's manifest: its label must equal the configured id (web.md §1.3). */
export async function loadRelease(id: string, base: URL): Promise<Release> {
  const raw = (await fetchJson(new URL("manifest.json", base).href)) as {
    content?: Record<string, unknown>;
    publication?: Record<string, unknown>;
  };
  const content = raw.content;
  if (!content || typeof content !== "object")
    throw new Error(`manifest of ${id} has no content (got ${typeof content})`);
  if (content.label !== id)
    throw new Error(
      `manifest label differs from the configured version ${id} (got ${String(content.label)})`,
    );
  return new Release(id, base, content, raw.publication);
}
