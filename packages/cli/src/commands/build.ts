import { resolve } from "node:path";
import { buildArtifacts } from "@cejst/artifacts";
import type { MethodologyVersion } from "@cejst/methodology";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString, requireString } from "../errors.ts";

const VERSIONS: readonly MethodologyVersion[] = ["1.0", "2.0"];

export const buildCommand: Command = {
  name: "build",
  summary: "Build a release folder from a score: downloads, tables, search, tract JSON, tiles, manifest",
  help: [
    "Usage: cejst build --score <dir> --data <dir> --methodology <1.0|2.0> --out <dir>",
    "                   [--label <V>] [--documents <dir>] [--tribal <path>] [--tile-dirs <dir>]",
    "                   [--synthetic] [--json]",
    "",
    "Reads <score>/score/csv/full/usa.csv and <score>/score/traces/usa.jsonl (from `cejst score`)",
    "and <data>/census/geojson/us.json (tract polygons; county names from",
    "<data>/census/csv/counties.csv or the ACS median income dataset), and writes the release",
    "layout of artifacts.md into <out>: data/score/{csv,downloadable,search,tiles}/…,",
    "data/tribal/{geographic_data/usa.json,tiles/…} when tribal areas are given,",
    "api/{openapi.json,search,tracts}/…, SHA256SUMS and manifest.json. Each tileset is stored",
    "as .pmtiles and .mbtiles (plus metadata.json) from one tile set; the {z}/{x}/{y}.pbf URLs",
    "are answered by the edge from the PMTiles archive, so the release holds no .pbf files.",
    "Everything is written into a temporary folder renamed into place at the end; the same",
    "inputs give the same bytes.",
    "",
    "Options:",
    "  --score <dir>        folder written by `cejst score`",
    "  --data <dir>         dataset folder (census/geojson/us.json, county names)",
    "  --methodology <v>    1.0 or 2.0",
    "  --out <dir>          output folder; must not exist",
    "  --label <V>          version label used in file names (default: the methodology)",
    "  --documents <dir>    operator-supplied files for downloadable/ (PDFs, readme-version-<V>.md)",
    "  --tribal <path>      tribal areas: a GeoJSON file, a folder of the BIA layers as GeoJSON",
    "                       (LAR, TSA, AIAN supplemental, Alaska Native Villages), or a data",
    "                       folder with tribal/geographic_data/usa.json (default: that file in",
    "                       <data>, if present; without tribal areas data/tribal/ is not built)",
    "  --tile-dirs <dir>    also write every tileset as plain {z}/{x}/{y}.pbf files (raw MVT, the",
    "                       same tiles as the archives) under <dir>, at the release's paths",
    "                       (<dir>/data/score/tiles/high/…); not part of the release or its",
    "                       manifest; must not exist",
    "  --synthetic          mark the manifest content as synthetic sample data",
    "  --json               progress as NDJSON on stderr, result as JSON on stdout",
    "",
    "Exit codes: 101 an input is missing; 102 an input is invalid (file, line and column named);",
    "106 <out> or <tile-dirs> already exists; 2 bad flags.",
  ].join("\n"),
  options: {
    score: { type: "string" },
    data: { type: "string" },
    methodology: { type: "string" },
    out: { type: "string" },
    label: { type: "string" },
    documents: { type: "string" },
    tribal: { type: "string" },
    "tile-dirs": { type: "string" },
    synthetic: { type: "boolean" },
  },
  async run(args, ctx) {
    const scoreDir = resolve(ctx.cwd, requireString(args, "score"));
    const dataDir = resolve(ctx.cwd, requireString(args, "data"));
    const version = requireString(args, "methodology");
    if (!VERSIONS.includes(version as MethodologyVersion))
      throw new UsageError(`--methodology must be 1.0 or 2.0 (got ${version})`);
    const outDir = resolve(ctx.cwd, requireString(args, "out"));
    const label = optionalString(args, "label");
    if (label !== undefined && !/^[0-9A-Za-z][0-9A-Za-z.-]*$/.test(label))
      throw new UsageError(`--label must be a version label such as 2.0 (got ${label})`);
    const documents = optionalString(args, "documents");
    const tribal = optionalString(args, "tribal");
    const tileDirs = optionalString(args, "tile-dirs");
    const result = await buildArtifacts({
      scoreDir,
      dataDir,
      methodology: version as MethodologyVersion,
      outDir,
      ...(label === undefined ? {} : { label }),
      ...(documents === undefined ? {} : { documentsDir: resolve(ctx.cwd, documents) }),
      ...(tribal === undefined ? {} : { tribal: resolve(ctx.cwd, tribal) }),
      ...(tileDirs === undefined ? {} : { tileDirs: resolve(ctx.cwd, tileDirs) }),
      synthetic: args.values.synthetic === true,
      progress: ctx.progress,
    });
    for (const w of result.warnings) ctx.err(`cejst: warning: ${w}\n`);
    for (const g of result.gaps) ctx.err(`cejst: not built: ${g}\n`);
    if (ctx.json) {
      const { files, ...rest } = result;
      ctx.out(`${JSON.stringify({ type: "result", ...rest, files: files.length })}\n`);
    } else {
      ctx.out(
        `${result.outDir}: ${result.files.length} files, ${result.counts.tracts} tracts (${result.counts.mappedTracts} drawn, ${result.counts.identifiedTracts} identified)\n`,
      );
    }
  },
};
