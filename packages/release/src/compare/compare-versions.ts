import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
  type ReportSide,
} from "./compute-report.ts";
import { renderReportHtml } from "./report-html.ts";
import { parseScoreTable } from "./score-table.ts";

/** Where the full score table sits inside a release. */
export const SCORE_TABLE_PATH = "data/score/csv/full/usa.csv";

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

async function loadSide(store: Store, version: string): Promise<ReportSide> {
  const manifest = await readManifest(store, version);
  if (manifest === undefined || isTombstone(manifest))
    throw new LifecyclePrecondition(`version ${version} is not committed (no manifest.json)`);
  const m = manifest as ReleaseManifest;
  const entry = m.content.files.find((f) => f.path === SCORE_TABLE_PATH);
  if (!entry) throw new LifecyclePrecondition(`version ${version} has no ${SCORE_TABLE_PATH}`);
  const obj = await store.get(versionKey(version, SCORE_TABLE_PATH));
  if (!obj) throw new VerifyFailed(`${version}/${SCORE_TABLE_PATH} is listed in the manifest but absent`);
  const actual = sha256Hex(obj.body);
  if (actual !== entry.sha256)
    throw new VerifyFailed(
      `${version}/${SCORE_TABLE_PATH} hashes to ${actual}, the manifest says ${entry.sha256}`,
    );
  return {
    version,
    manifestDigest: manifestDigest(m),
    content: m.content as unknown as ReportSide["content"],
    table: parseScoreTable(new TextDecoder().decode(obj.body), `${version}/${SCORE_TABLE_PATH}`),
  };
}

const csv = (header: string[], rows: string[][]) =>
  `${[header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n")}\n`;

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
  const base = baseId === null ? null : await loadSide(store, baseId);
  const cand = await loadSide(store, opts.cand);
  const config = opts.config ?? {};
  const report = computeReport(base, cand, config);
  const enc = new TextEncoder();
  const files: [string, Uint8Array][] = [
    [
      "report.json",
      enc.encode(
        `${JSON.stringify({ schema: report.schema, gates: report.gates, ...report.sections }, null, 1)}\n`,
      ),
    ],
    ["report.html", enc.encode(renderReportHtml(report))],
    [
      "deltas.csv",
      enc.encode(csv(["GEOID10_TRACT", "column", "baseline", "candidate"], report.lists.deltas)),
    ],
    [
      "tracts-added.csv",
      enc.encode(
        csv(
          ["GEOID10_TRACT"],
          report.lists.added.map((g) => [g]),
        ),
      ),
    ],
    [
      "tracts-removed.csv",
      enc.encode(
        csv(
          ["GEOID10_TRACT"],
          report.lists.removed.map((g) => [g]),
        ),
      ),
    ],
    [
      "tracts-grandfathered.csv",
      enc.encode(
        csv(
          ["GEOID10_TRACT"],
          report.lists.grandfathered.map((g) => [g]),
        ),
      ),
    ],
    [
      "tracts-adjacency-only.csv",
      enc.encode(
        csv(
          ["GEOID10_TRACT"],
          report.lists.adjacencyOnly.map((g) => [g]),
        ),
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
