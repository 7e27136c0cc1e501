import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { writeFileAtomic } from "@cejst/etl";

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

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
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
}

/**
 * Hashes every file under `root`, writes `SHA256SUMS` (every other file, `sha256sum -c`
 * format) and then `manifest.json` with the sorted file list and no times, so the same files
 * give the same manifest. This stands in for the release package's manifest builder and is
 * the one place to swap when that exists.
 */
export async function writeBuildManifest(root: string, content: ManifestContent): Promise<ManifestFile[]> {
  const paths = (await listFiles(root))
    .filter((p) => p !== "manifest.json" && p !== "SHA256SUMS")
    .sort(byteOrder);
  // Thousands of small shard files: hash several at once so the build waits on I/O less.
  const entries = new Array<ManifestFile>(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const path = paths[i] as string;
      const full = join(root, path);
      const bytes = (await stat(full)).size;
      const sha256 =
        bytes < 1 << 24
          ? createHash("sha256")
              .update(await readFile(full))
              .digest("hex")
          : await sha256File(full);
      entries[i] = { path, sha256, bytes, contentType: contentTypeOf(path), ...roleOf(path, content.label) };
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const sums = entries.map((e) => `${e.sha256}  ${e.path}\n`).join("");
  await writeFileAtomic(join(root, "SHA256SUMS"), sums);
  const sumsEntry: ManifestFile = {
    path: "SHA256SUMS",
    sha256: createHash("sha256").update(sums).digest("hex"),
    bytes: Buffer.byteLength(sums),
    contentType: contentTypeOf("SHA256SUMS"),
    ...roleOf("SHA256SUMS", content.label),
  };
  const files = [...entries, sumsEntry].sort((a, b) => byteOrder(a.path, b.path));
  const manifest = {
    schema: "cejst.manifest/1",
    content: {
      label: content.label,
      methodology: content.methodology,
      synthetic: content.synthetic,
      release: { counts: content.counts },
      files,
    },
  };
  await writeFileAtomic(join(root, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}
