import { Buffer, isAscii } from "node:buffer";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { type Actor, appendAudit } from "../audit-log.ts";
import { sha256Digest, sha256Hex } from "../bytes.ts";
import { canonicalJson } from "../canonical-json.ts";
import { readChannel } from "../channels.ts";
import { LifecyclePrecondition, VerifyFailed } from "../errors.ts";
import { isTombstone, manifestDigest, type ReleaseManifest } from "../manifest.ts";
import { readManifest, versionKey } from "../publish.ts";
import type { Store } from "../store.ts";
import {
  computeReport,
  REPORT_CODE_VERSION,
  type Report,
  type ReportConfig,
  type ReportExtras,
  type ReportSide,
} from "./compute-report.ts";
import { renderReportHtml } from "./report-html.ts";
import { parseScoreTable, type ScoreTable } from "./score-table.ts";
import { readSiteDir, readStoredSite } from "./site-references.ts";
import { defaultSpotChecks, type TractDocumentView } from "./spot-checks.ts";
import { readTileArchive, type TileArchiveReading } from "./tile-archives.ts";
import type { TileInputs } from "./tile-checks.ts";

/** Where the full score table sits inside a release. */
export const SCORE_TABLE_PATH = "data/score/csv/full/usa.csv";

/** The tile index (code → score column) of a release (artifacts.md §3.5). */
export const TILE_INDEX_PATH = "data/score/csv/tiles/tile_indexes.json";

/** Options of `compareVersions`. */
export interface CompareOptions {
  /** A version id, `none`, or `live` (the version the production channel serves). */
  base: string;
  cand: string;
  config?: ReportConfig;
  /** Local copy of the bundle; @defaultValue no local copy */
  outDir?: string;
  actor?: Actor;
  now?: () => Date;
  /** A local site build for R22. */
  siteDir?: string;
  /**
   * A deployed site build for R22, by digest (`sha256:<hex>`). With neither this nor
   * `siteDir`, R22 is not computed: the live site is never read, so the report's digest
   * does not depend on what the channels point at.
   */
  site?: string;
  progress?: ProgressSink;
}

/** What `compareVersions` produced. */
export interface CompareResult {
  digest: string;
  report: Report;
  baseVersion: string | null;
  files: { path: string; sha256: string; bytes: number }[];
  /** Bundle objects newly written (0 on a rerun: same digest, nothing new). */
  created: number;
}

type Files = ReleaseManifest["content"]["files"];

/**
 * A file of a committed version, checked against the manifest's sha256; undefined when the
 * manifest does not list it.
 */
async function versionFile(store: Store, version: string, files: Files, path: string) {
  const entry = files.find((f) => f.path === path);
  if (!entry) return undefined;
  const obj = await store.get(versionKey(version, path));
  if (!obj) throw new VerifyFailed(`${version}/${path} is listed in the manifest but absent`);
  const actual = sha256Hex(obj.body);
  if (actual !== entry.sha256)
    throw new VerifyFailed(`${version}/${path} hashes to ${actual}, the manifest says ${entry.sha256}`);
  return obj.body;
}

async function loadSide(store: Store, version: string): Promise<ReportSide> {
  const manifest = await readManifest(store, version);
  if (manifest === undefined || isTombstone(manifest))
    throw new LifecyclePrecondition(`version ${version} is not committed (no manifest.json)`);
  const m = manifest as ReleaseManifest;
  const body = await versionFile(store, version, m.content.files, SCORE_TABLE_PATH);
  if (!body) throw new LifecyclePrecondition(`version ${version} has no ${SCORE_TABLE_PATH}`);
  return {
    version,
    manifestDigest: manifestDigest(m),
    content: m.content as unknown as ReportSide["content"],
    table: parseScoreTable(decodeText(body), `${version}/${SCORE_TABLE_PATH}`),
  };
}

const decodeJson = (body: Uint8Array, where: string): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch (e) {
    throw new VerifyFailed(`${where} is not JSON (got ${(e as Error).message})`);
  }
};

/**
 * The tract documents of `geoids` (R20): `api/tracts/<GEOID>.json`, or the county shard
 * `api/tracts/<county>.json` that holds them keyed by GEOID.
 */
async function loadDocuments(
  store: Store,
  side: ReportSide,
  geoids: readonly string[],
): Promise<Map<string, TractDocumentView>> {
  const out = new Map<string, TractDocumentView>();
  const shards = new Map<string, Record<string, TractDocumentView> | null>();
  for (const geoid of geoids) {
    const own = await versionFile(
      store,
      side.version,
      side.content.files as Files,
      `api/tracts/${geoid}.json`,
    );
    if (own) {
      out.set(geoid, decodeJson(own, `${side.version}/api/tracts/${geoid}.json`) as TractDocumentView);
      continue;
    }
    const county = geoid.slice(0, 5);
    if (!shards.has(county)) {
      const path = `api/tracts/${county}.json`;
      const body = await versionFile(store, side.version, side.content.files as Files, path);
      shards.set(
        county,
        body ? (decodeJson(body, `${side.version}/${path}`) as Record<string, TractDocumentView>) : null,
      );
    }
    const doc = shards.get(county)?.[geoid];
    if (doc) out.set(geoid, doc);
  }
  return out;
}

/** The candidate's tile archives, drawn tracts and tile index (R23). */
async function loadTiles(
  store: Store,
  side: ReportSide,
  config: ReportConfig,
  progress: ProgressSink,
): Promise<TileInputs> {
  const files = side.content.files as Files;
  const archives: TileArchiveReading[] = [];
  const pm = files.filter((f) => f.path.endsWith(".pmtiles"));
  let done = 0;
  for (const f of pm) {
    const body = await versionFile(store, side.version, files, f.path);
    archives.push(
      await readTileArchive(f.path, body!, {
        selectableZoom: config.selectableZoom ?? 5,
        idProperty: "GEOID10",
      }),
    );
    progress({ stage: "compare-tiles", done: ++done, total: pm.length, unit: "archives", detail: f.path });
  }
  const detail =
    pm.find((f) => f.role === "tiles-detail")?.path ??
    pm.find((f) => f.path.endsWith("usa_high.pmtiles"))?.path ??
    null;
  let mapped: string[] | null = null;
  const search = files.find((f) => f.role === "search-tracts")?.path ?? "api/search/tracts.json";
  const searchBody = await versionFile(store, side.version, files, search);
  if (searchBody) {
    const idx = decodeJson(searchBody, `${side.version}/${search}`) as {
      columns?: string[];
      rows?: unknown[][];
    };
    const g = idx.columns?.indexOf("geoid") ?? -1;
    const mp = idx.columns?.indexOf("mapped") ?? -1;
    if (g === -1 || mp === -1 || !Array.isArray(idx.rows))
      throw new VerifyFailed(`${side.version}/${search} has no geoid and mapped columns`);
    mapped = idx.rows.filter((r) => r[mp] === true).map((r) => String(r[g]));
  }
  const indexBody = await versionFile(store, side.version, files, TILE_INDEX_PATH);
  const tileIndex = indexBody
    ? (decodeJson(indexBody, `${side.version}/${TILE_INDEX_PATH}`) as Record<string, string>)
    : null;
  return { archives, detail, mapped, tileIndex };
}

function spotCheckIds(config: ReportConfig, table: ScoreTable): string[] {
  return config.spotChecks ?? defaultSpotChecks(table);
}

const csvCell = (c: string) =>
  c.includes('"') || c.includes(",") || c.includes("\n") ? `"${c.replace(/"/g, '""')}"` : c;

/**
 * CSV bytes of `rows` under `header`. Built in chunks of about 1 MiB: `deltas.csv` of a
 * national comparison holds millions of cells, more text than one string may hold.
 */
function csv(header: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const chunks: Buffer[] = [];
  let part = `${header.map(csvCell).join(",")}\n`;
  for (const r of rows) {
    part += `${r.map(csvCell).join(",")}\n`;
    if (part.length >= 1 << 20) {
      chunks.push(Buffer.from(part, "utf8"));
      part = "";
    }
  }
  chunks.push(Buffer.from(part, "utf8"));
  return new Uint8Array(Buffer.concat(chunks));
}

/** The text of a CSV body: Latin-1 when it is ASCII (the same string, decoded far faster). */
function decodeText(body: Uint8Array): string {
  return isAscii(body)
    ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1")
    : new TextDecoder().decode(body);
}

/**
 * Computes the change report of `cand` against `base` from the store (every file read is
 * hash-checked), stores the bundle under `reports/<hex>/` (each object only if absent,
 * `bundle.json` last) and records `report.created` in the audit log. The report holds no
 * time or machine data, so a rerun yields the same digest and writes nothing new.
 */
export async function compareVersions(store: Store, opts: CompareOptions): Promise<CompareResult> {
  let baseId: string | null = opts.base === "none" ? null : opts.base;
  if (opts.base === "live") {
    const head = (await readChannel(store, "production")).head;
    baseId = head ? head.data.version : null;
  }
  const progress = opts.progress ?? noProgress;
  const tables = baseId === null ? 1 : 2;
  const tableRead = (done: number, version: string) =>
    progress({ stage: "compare-tables", done, total: tables, unit: "score tables", detail: version });
  const base = baseId === null ? null : await loadSide(store, baseId);
  if (base) tableRead(1, base.version);
  const cand = await loadSide(store, opts.cand);
  tableRead(tables, cand.version);
  const config = opts.config ?? {};
  const spot = spotCheckIds(config, cand.table);
  cand.documents = await loadDocuments(store, cand, spot);
  if (base) base.documents = await loadDocuments(store, base, spot);
  progress({ stage: "compare-documents", done: spot.length, total: spot.length, unit: "tracts" });
  cand.tiles = await loadTiles(store, cand, config, progress);
  const extras: ReportExtras = {};
  if (opts.siteDir !== undefined) extras.site = await readSiteDir(opts.siteDir);
  else if (opts.site !== undefined) extras.site = await readStoredSite(store, opts.site);
  else {
    extras.site = null;
    extras.siteMissingReason = "no site build given (--site DIR or --site sha256:<site digest>)";
  }
  progress({ stage: "compare-report", done: 0, total: 1, unit: "reports" });
  const report = computeReport(base, cand, config, extras);
  progress({ stage: "compare-report", done: 1, total: 1, unit: "reports" });
  const enc = new TextEncoder();
  const files: [string, Uint8Array][] = [
    [
      "report.json",
      enc.encode(
        `${JSON.stringify({ schema: report.schema, gates: report.gates, ...report.sections }, null, 1)}\n`,
      ),
    ],
    ["report.html", enc.encode(renderReportHtml(report))],
    ["deltas.csv", csv(["GEOID10_TRACT", "column", "baseline", "candidate"], report.lists.deltas)],
    [
      "tracts-added.csv",
      csv(
        ["GEOID10_TRACT"],
        report.lists.added.map((g) => [g]),
      ),
    ],
    [
      "tracts-removed.csv",
      csv(
        ["GEOID10_TRACT"],
        report.lists.removed.map((g) => [g]),
      ),
    ],
    [
      "tracts-grandfathered.csv",
      csv(
        ["GEOID10_TRACT"],
        report.lists.grandfathered.map((g) => [g]),
      ),
    ],
    [
      "tracts-adjacency-only.csv",
      csv(
        ["GEOID10_TRACT"],
        report.lists.adjacencyOnly.map((g) => [g]),
      ),
    ],
  ];
  const listed = files.map(([path, body]) => ({ path, sha256: sha256Hex(body), bytes: body.byteLength }));
  const bundle = {
    schema: "cejst.report-bundle/1",
    baseline: base ? { version: base.version, manifest: base.manifestDigest } : null,
    candidate: { version: cand.version, manifest: cand.manifestDigest },
    reportCode: REPORT_CODE_VERSION,
    config: sha256Digest(canonicalJson(config)),
    files: listed,
  };
  const bundleText = canonicalJson(bundle);
  const digest = sha256Digest(bundleText);
  const hex = digest.slice("sha256:".length);
  progress({ stage: "compare-bundle", done: 0, total: files.length + 1, unit: "files" });
  let created = 0;
  for (const [path, body] of [...files, ["bundle.json", enc.encode(bundleText)] as [string, Uint8Array]]) {
    const ct = path.endsWith(".html")
      ? "text/html; charset=utf-8"
      : path.endsWith(".csv")
        ? "text/csv; charset=utf-8"
        : "application/json";
    if (
      (await store.putIfAbsent(`reports/${hex}/${path}`, body, {
        contentType: ct,
        sha256: sha256Hex(body),
      })) === "created"
    )
      created++;
  }
  progress({ stage: "compare-bundle", done: files.length + 1, total: files.length + 1, unit: "files" });
  if (created > 0) {
    await appendAudit(
      store,
      {
        event: "report.created",
        result: "ok",
        exit: "OK",
        subject: { baseline: bundle.baseline, candidate: bundle.candidate },
        refs: { report: digest },
        ...(opts.actor ? { actor: opts.actor } : {}),
      },
      opts.now ? { now: opts.now } : {},
    );
  }
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true });
    for (const [path, body] of files) await writeFile(join(opts.outDir, path), body);
    await writeFile(join(opts.outDir, "bundle.json"), bundleText);
  }
  return { digest, report, baseVersion: baseId, files: listed, created };
}
