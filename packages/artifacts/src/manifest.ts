import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createBuildManifest } from "@cejst/release";

/** One file entry of the manifest (rollout.md §1.4, fields of artifacts.md §1.6). */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
  role?: string;
  kind?: string;
  state?: string;
  language?: string;
}

const TYPES: [RegExp, string][] = [
  [/(^|\/)SHA256SUMS$/, "text/plain; charset=utf-8"],
  [/\.pbf$/, "application/x-protobuf"],
  [/\.pmtiles$/, "application/vnd.pmtiles"],
  [
    /(^|\/)data\/score\/geojson\/usa-(high|low)\.json$|(^|\/)data\/tribal\/geographic_data\/usa\.json$/,
    "application/geo+json",
  ],
  [/\.json$/, "application/json"],
  [/\.csv$/, "text/csv; charset=utf-8"],
  [/\.xlsx$/, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  [/\.zip$/, "application/zip"],
  [/\.parquet$/, "application/vnd.apache.parquet"],
  [/\.md$/, "text/markdown; charset=utf-8"],
  [/\.pdf$/, "application/pdf"],
  [/\.pptx$/, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
];

/** The `contentType` of a release file (artifacts.md §1.6). */
export function contentTypeOf(path: string): string {
  for (const [re, type] of TYPES) if (re.test(path)) return type;
  return "application/octet-stream";
}

/** The `role` (and `kind`, `state`, `language`) of a release file, if it has one (artifacts.md §1.6). */
export function roleOf(
  path: string,
  label: string,
): Pick<ManifestFile, "role" | "kind" | "state" | "language"> {
  const fixed: Record<string, string> = {
    "data/score/tiles/high/usa_high.pmtiles": "tiles-detail",
    "data/score/tiles/low/usa_low.pmtiles": "tiles-overview",
    "data/tribal/tiles/usa.pmtiles": "tiles-tribal",
    "api/search/tracts.json": "search-tracts",
    "api/search/names.json": "search-names",
    "api/table/index.json": "tract-table-index",
    "api/openapi.json": "openapi",
  };
  const role = fixed[path];
  if (role) return { role };
  const table = /^api\/table\/(\d{2})\.json$/.exec(path);
  if (table) return { role: "tract-table", state: table[1] as string };
  if (path === `data/score/downloadable/readme-version-${label}.md`)
    return { role: "release-notes", language: "en" };
  const notes = /^release-notes\/([a-z]{2})\.md$/.exec(path);
  if (notes) return { role: "release-notes", language: notes[1] as string };
  const d = "data/score/downloadable/";
  const kinds: Record<string, string> = {
    [`${d}${label}-communities.csv`]: "communities-csv",
    [`${d}${label}-communities.xlsx`]: "communities-xlsx",
    [`${d}${label}-communities.parquet`]: "communities-parquet",
    [`${d}${label}-codebook.csv`]: "codebook",
    [`${d}${label}-communities-csv.zip`]: "communities-csv-zip",
    [`${d}${label}-communities-xls.zip`]: "communities-xls-zip",
    [`${d}${label}-data-documentation.zip`]: "data-documentation-zip",
    [`${d}${label}-shapefile-codebook.zip`]: "shapefile-codebook-zip",
    [`${d}cejst-technical-support-document.pdf`]: "technical-support-document",
    "data/score/csv/full/usa.csv": "full-score-csv",
    "data/score/csv/full/usa_score.parquet": "full-score-parquet",
    "data/score/csv/full/usa_counties.parquet": "counties-parquet",
    "data/score/csv/tiles/usa.parquet": "tile-table-parquet",
    SHA256SUMS: "checksums",
  };
  const kind = kinds[path];
  if (kind) return { role: "download", kind };
  if (path.startsWith(d)) {
    const name = path.slice(d.length);
    const k = /instructions/i.test(name)
      ? "instructions"
      : /communities-list/i.test(name)
        ? "communities-list"
        : "document";
    return { role: "download", kind: k };
  }
  return {};
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(root, full)));
    else out.push(relative(root, full).split(sep).join("/"));
  }
  return out;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** What the build knows about the content, besides its files. */
export interface ManifestContent {
  label: string;
  methodology: string;
  synthetic: boolean;
  counts: { tracts: number; mappedTracts: number; identifiedTracts: number };
  /** Earlier labels this release is compared with (`api/changes/<label>.json`). */
  comparisons?: string[];
}

/**
 * Writes `SHA256SUMS` and `manifest.json` for a build folder through the release package's
 * `createBuildManifest` (sorted files, sha256, sizes, no times), adding the fields of
 * artifacts.md §1.6: each file's `contentType` (GeoJSON included) and `role`/`kind`/`state`/
 * `language`/`from`, and `content.release` (notes, comparisons, counts).
 */
export async function writeBuildManifest(root: string, content: ManifestContent): Promise<ManifestFile[]> {
  const paths = (await listFiles(root))
    .filter((p) => p !== "manifest.json" && p !== "SHA256SUMS")
    .sort(byteOrder);
  const fileFields: Record<string, Record<string, unknown>> = {};
  for (const path of paths) {
    const changes = /^api\/changes\/(.+)\.json$/.exec(path);
    fileFields[path] = {
      contentType: contentTypeOf(path),
      ...(changes ? { role: "changes", from: changes[1] } : roleOf(path, content.label)),
    };
  }
  const comparisons = content.comparisons ?? [];
  const notes = `data/score/downloadable/readme-version-${content.label}.md`;
  const { manifest } = await createBuildManifest(
    root,
    {
      label: content.label,
      methodology: content.methodology,
      synthetic: content.synthetic,
      release: {
        notes: paths.includes(notes) ? { en: notes } : {},
        comparisons: comparisons.map((c) => ({ with: c, path: `api/changes/${c}.json` })),
        counts: content.counts,
      },
    },
    { fileFields },
  );
  return manifest.content.files as ManifestFile[];
}
