/**
 * The edge's view of release state (rollout.md §1.11): an immutable snapshot built from
 * records in the store. A request resolves against exactly one snapshot, so a pointer
 * change between two reads of the same request cannot mix distributions.
 */

/** One file a manifest lists. `sha256` is bare hex. */
export interface FileEntry {
  sha256: string;
  bytes: number;
  contentType?: string;
}

/** A committed data version: its manifest's files and the manifest's own bytes. */
export interface VersionInfo {
  id: string;
  files: ReadonlyMap<string, FileEntry>;
  manifest: { body: Uint8Array; sha256: string };
  /** `sha256:` digest recorded by distributions that bind or offer it. */
  digest?: string;
  /**
   * Paths of the tile archives by manifest role (`tiles-detail`, `tiles-overview`,
   * `tiles-tribal`): the compatibility `{z}/{x}/{y}.pbf` trees are cut from these.
   */
  tileArchives?: ReadonlyMap<string, string>;
}

/** A file of a site build (`site-manifest.json`). */
export interface SiteFile extends FileEntry {
  immutable: boolean;
}

/** A committed site build. */
export interface SiteInfo {
  hex: string;
  files: ReadonlyMap<string, SiteFile>;
  /** Path of the 404 page inside the build, when it declares one. */
  notFound?: string;
}

/** How a staging host is protected. `null` means the random host name is the only secret. */
export type StagingAuth =
  | { scheme: "token"; sha256: string }
  | { scheme: "basic"; user: string; salt: string; hash: string; N: number; r: number; p: number };

/** A small object the edge keeps in memory and serves as is. */
export interface InlineObject {
  body: Uint8Array;
  sha256: string;
}

/** A committed distribution record, reduced to what routing needs. */
export interface DistributionInfo {
  id: string;
  site: SiteInfo;
  /** The bound data version. */
  version: string;
  offers: readonly { version: string; manifest?: string; status?: string }[];
  configs: { staging: InlineObject; production: InlineObject };
  /** Lowercased staging host, or undefined when the record has none. */
  stagingHost?: string;
  stagingAuth: StagingAuth | null;
  /**
   * Origins other than its own that the site's config tells it to call (the address
   * geocoder), so the Content-Security-Policy can allow exactly those and nothing else.
   */
  connectOrigins?: readonly string[];
}

/** The latest valid generation of one channel. */
export interface ChannelPointer {
  channel: string;
  gen: number;
  distribution: string;
}

/** A version made public by some generation, for `/versions.json`. */
export interface PublicVersion {
  version: string;
  manifest?: string;
  firstPublic: { channel: string; gen: number };
}

/** Host names the edge answers for. All lowercase, without a port. */
export interface EdgeDomains {
  /** Channel name to the domains attached to it, e.g. `{ production: ["example.org"] }`. */
  channels: Readonly<Record<string, readonly string[]>>;
  /** Staging hosts are `<label>.<stagingBase>`. */
  stagingBase?: string;
  /** The public data host (data-only mode, with CORS). */
  dataHost?: string;
}

/** Everything `resolve` needs, frozen for the duration of one request. */
export interface EdgeState {
  channels: ReadonlyMap<string, ChannelPointer>;
  distributions: ReadonlyMap<string, DistributionInfo>;
  /** Staging host to distribution id. */
  stagingHosts: ReadonlyMap<string, string>;
  /** Committed, non-tombstoned versions the edge may need. */
  versions: ReadonlyMap<string, VersionInfo>;
  /** Versions offered by any distribution any channel ever named (only grows). */
  publicVersions: ReadonlyMap<string, PublicVersion>;
  /** Hashed site assets of every committed site build, keyed by path. */
  assets: ReadonlyMap<string, SiteFile>;
  /** `/versions.json` of the public data host, rendered once per snapshot. */
  versionsJson: InlineObject;
  /** When the snapshot was last refreshed from a full listing (ms since epoch). */
  refreshedAt: number;
}
