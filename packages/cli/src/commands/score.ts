import { resolve } from "node:path";
import { type ComputeScoreTable, runScore } from "@cejst/etl";
import type { MethodologyVersion } from "@cejst/methodology";
import * as methodology from "@cejst/methodology";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString, requireString } from "../errors.ts";

const VERSIONS: readonly MethodologyVersion[] = ["1.0", "2.0"];

export const scoreCommand: Command = {
  name: "score",
  summary: "Score a dataset folder with methodology 1.0 or 2.0: <out>/score/{csv,parquet,traces}",
  help: [
    "Usage: cejst score --data <dir> --methodology <1.0|2.0> [--v1-results <csv>] --out <dir>",
    "",
    "Reads a dataset folder in the original pipeline's layout (dataset/<name>/usa.csv,",
    "census/csv/us.csv, census/geojson/us.json), joins the sources on the tract list, computes",
    "the touching-neighbour graph and scores every tract. Writes into <out>/score/:",
    "  csv/full/usa.csv       the score table (original column names, True/False, pandas floats)",
    "  parquet/usa.parquet    the same table as Parquet",
    "  traces/usa.jsonl       one decision trace per tract (JSON lines, with its GEOID)",
    "Output is written to a temporary folder and renamed into place: a failing run leaves none.",
    "",
    "Options:",
    "  --data <dir>            dataset folder (1.0 reads census_decennial_2010, 2.0 census_decennial_2020)",
    "  --methodology <v>       1.0 or 2.0",
    "  --v1-results <csv>      2.0 only: 1.0 results for grandfathering (the 4-column results file",
    "                          or a 1.0 usa.csv); tracts it lacks count as not disadvantaged in 1.0",
    "  --out <dir>             output folder",
    "  --json                  progress as NDJSON on stderr, result as JSON on stdout",
    "",
    "Exit codes: 101 a file the score needs is missing; 102 a file is invalid (the message names",
    "file, line and column); 2 bad flags.",
  ].join("\n"),
  options: {
    data: { type: "string" },
    methodology: { type: "string" },
    "v1-results": { type: "string" },
    out: { type: "string" },
  },
  async run(args, ctx) {
    const dataDir = resolve(ctx.cwd, requireString(args, "data"));
    const version = requireString(args, "methodology");
    if (!VERSIONS.includes(version as MethodologyVersion))
      throw new UsageError(`--methodology must be 1.0 or 2.0 (got ${version})`);
    const outDir = resolve(ctx.cwd, requireString(args, "out"));
    const v1 = optionalString(args, "v1-results");
    if (v1 !== undefined && version !== "2.0")
      throw new UsageError(`--v1-results applies to methodology 2.0 only (got --methodology ${version})`);
    if (v1 === undefined && version === "2.0")
      ctx.err("cejst: no --v1-results: no tract is grandfathered from 1.0\n");
    const compute = (methodology as { computeScoreTable?: ComputeScoreTable }).computeScoreTable;
    if (compute === undefined)
      throw new Error("@cejst/methodology has no computeScoreTable (got an older build)");
    const summary = await runScore({
      dataDir,
      version: version as MethodologyVersion,
      outDir,
      ...(v1 === undefined ? {} : { v1ResultsPath: resolve(ctx.cwd, v1) }),
      progress: ctx.progress,
    });
    if (summary.tractsWithoutGeometry > 0)
      ctx.err(
        `cejst: ${summary.tractsWithoutGeometry} tracts have no polygon in census/geojson/us.json: scored without neighbours\n`,
      );
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", ...summary })}\n`);
    else
      ctx.out(
        [
          `methodology ${summary.version}: ${summary.tracts} tracts, ${summary.columns} columns, ${summary.disadvantaged ?? "?"} disadvantaged`,
          summary.files.csv,
          summary.files.parquet,
          summary.files.traces,
          "",
        ].join("\n"),
      );
  },
};
