import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { compareKeys } from "./keys.ts";

/** One data file of a version (rollout.md §1.4). Unknown fields are kept and hashed. */
export interface ManifestFile {
  path: string;
  /** Bare lowercase hex. */
  sha256: string;
  bytes: number;
  contentType: string;
  [field: string]: unknown;
}

/** The freeze a build was made from. */
export interface ManifestFreezeRef {
  label: string;
  seq: number;
  /** `sha256:` of the freeze record's canonical JSON. */
  record: string;
}

/** A manifest's `content` without `files`: what the build stage supplies. */
export interface ManifestContentFields {
  label: string;
  methodology?: string;
  synthetic?: boolean;
  code?: { commit: string; lockfile: string };
  /** `null` for a `--dev` build, which `publish` refuses. */
  freeze?: ManifestFreezeRef | null;
  inputs?: { set: string; items: { name: string; source: string; sha256: string; bytes: number }[] };
  toolchain?: Record<string, string>;
  dependsOn?: { version: string; manifest: string; files: { path: string; sha256: string }[] }[];
  [field: string]: unknown;
}

/** What a version is: depends only on the freeze and the code, so a rebuild gives the same digest. */
export interface ManifestContent extends ManifestContentFields {
  files: ManifestFile[];
}

/** Per-run facts, outside the digest. */
export interface ManifestPublication {
  version: string;
  publishedAt: string;
  from?: string;
  buildRun?: { id: string; startedAt?: string; finishedAt?: string };
}

/** `data-versions/<id>/manifest.json`; also `<build>/manifest.json` without `publication`. */
export interface ReleaseManifest {
  schema: "cejst.manifest/1";
  content: ManifestContent;
  publication?: ManifestPublication;
}

/** Marks an abandoned version id (rollout.md §2.5 `abandon`). */
export interface Tombstone {
  schema: "cejst.tombstone/1";
  version: string;
  reason: string;
  at: string;
}

/** `sha256:` of the canonical JSON of a manifest's `content`: the identity of the bytes. */
export function manifestDigest(manifest: Pick<ReleaseManifest, "content">): string {
  return sha256Digest(canonicalJson(manifest.content));
}

/** Version id grammar (rollout.md §1.2). */
export const VERSION_ID = /^(beta|(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?)(-rc\.[1-9][0-9]*)?$/;

/** The label part of a version id (`2.0-rc.1` → `2.0`), or `undefined` if malformed. */
export function labelOf(version: string): string | undefined {
  const m = VERSION_ID.exec(version);
  return m ? m[1] : undefined;
}

/** True for a candidate id (`-rc.N`). */
export function isCandidateId(version: string): boolean {
  return VERSION_ID.test(version) && version.includes("-rc.");
}

/** Why a file path is not allowed in a manifest, or `undefined` if it is fine. */
export function manifestPathProblem(path: string): string | undefined {
  if (path.length === 0) return "is empty";
  if (path.normalize("NFC") !== path) return "is not in Unicode NFC";
  if (Buffer.byteLength(path, "utf8") > 512) return "is longer than 512 bytes";
  if (path.startsWith("/")) return "starts with /";
  if (path.includes("\\") || path.includes("\0")) return "contains a backslash or NUL";
  if (path.split("/").some((s) => s === "" || s === "." || s === ".."))
    return "has an empty, . or .. segment";
  return undefined;
}

/**
 * Parses and checks a manifest (or a tombstone) read from `where`. Checks the shape the
 * release code relies on; unknown fields are kept.
 */
export function parseManifest(text: string, where: string): ReleaseManifest | Tombstone {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new Error(`manifest ${where} is not JSON (got ${(cause as Error).message})`);
  }
  const v = value as { schema?: unknown; content?: ManifestContent } | null;
  if (v?.schema === "cejst.tombstone/1") return value as Tombstone;
  if (v?.schema !== "cejst.manifest/1") {
    throw new Error(`manifest ${where} schema is not cejst.manifest/1 (got ${JSON.stringify(v?.schema)})`);
  }
  const c = v.content;
  if (typeof c !== "object" || c === null)
    throw new Error(`manifest ${where} content is missing (got ${String(c)})`);
  if (typeof c.label !== "string")
    throw new Error(`manifest ${where} content.label is not a string (got ${String(c.label)})`);
  if (!Array.isArray(c.files))
    throw new Error(`manifest ${where} content.files is not a list (got ${typeof c.files})`);
  const seen = new Set<string>();
  let prev: string | undefined;
  for (const [i, f] of c.files.entries()) {
    const at = `${where} content.files[${i}]`;
    if (typeof f?.path !== "string")
      throw new Error(`manifest ${at}.path is not a string (got ${String(f?.path)})`);
    const problem = manifestPathProblem(f.path);
    if (problem !== undefined)
      throw new Error(`manifest ${at}.path ${problem} (got ${JSON.stringify(f.path)})`);
    if (typeof f.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw new Error(`manifest ${at}.sha256 is not 64 lowercase hex (got ${String(f.sha256)})`);
    }
    if (!Number.isSafeInteger(f.bytes) || f.bytes < 0)
      throw new Error(`manifest ${at}.bytes is not a size (got ${String(f.bytes)})`);
    if (typeof f.contentType !== "string")
      throw new Error(`manifest ${at}.contentType is not a string (got ${String(f.contentType)})`);
    if (prev !== undefined && compareKeys(prev, f.path) >= 0) {
      throw new Error(`manifest ${at}.path is not in bytewise order after ${prev} (got ${f.path})`);
    }
    const folded = f.path.toLowerCase();
    if (seen.has(folded))
      throw new Error(`manifest ${at}.path collides case-insensitively with another (got ${f.path})`);
    seen.add(folded);
    prev = f.path;
  }
  return value as ReleaseManifest;
}

/** True when a parsed manifest document is a tombstone. */
export function isTombstone(m: ReleaseManifest | Tombstone): m is Tombstone {
  return m.schema === "cejst.tombstone/1";
}

const TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  geojson: "application/geo+json",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  parquet: "application/vnd.apache.parquet",
  pmtiles: "application/vnd.pmtiles",
  pbf: "application/x-protobuf",
  mvt: "application/vnd.mapbox-vector-tile",
  shp: "application/octet-stream",
  dbf: "application/octet-stream",
  shx: "application/octet-stream",
  prj: "text/plain; charset=utf-8",
  cpg: "text/plain; charset=utf-8",
  png: "image/png",
  svg: "image/svg+xml",
};

/** The content type recorded for a build file, from its extension. */
export function contentTypeFor(path: string): string {
  if (path === "SHA256SUMS" || path.endsWith("/SHA256SUMS")) return "text/plain; charset=utf-8";
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return TYPES[ext] ?? "application/octet-stream";
}
