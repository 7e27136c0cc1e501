import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { fetchSource, readSourcesConfig } from "@cejst/etl";
import { type InputToStore, snapshotInputs } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const inputsCommand: Command = {
  name: "inputs",
  summary: "Snapshot every configured upstream source into the store as an input set",
  help: [
    "Usage: cejst inputs snapshot --sources FILE [--cache DIR] [--mirror URL] [--store URL] [--json]",
    "",
    "Fetches every file of every source in FILE (the `cejst etl all` configuration: pinned",
    "sha256, resumable, retried, TLS verified) into the download cache, then stores each one",
    "at inputs/sha256/<hex> (create-if-absent; identical content is stored once) and writes",
    "inputs/sets/<hex>.json listing name, file, source URL, sha256 and size of every input.",
    "Prints the set digest that `cejst freeze --inputs` takes.",
    "",
    "Options:",
    "  --sources FILE  sources configuration (JSON)",
    "  --cache DIR     download cache (default ./.cejst-cache/sources)",
    "  --mirror URL    base URL replacing the origin of every source URL (a local mirror)",
    "",
    "Exit codes: 0 stored; 101 a source could not be fetched or read; 102 a download does not",
    "match its pinned sha256 (or the configuration is invalid, naming file and field);",
    "110 a stored input differs from its hash; 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    sources: { type: "string" },
    cache: { type: "string" },
    mirror: { type: "string" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    if (args.positionals[0] !== "snapshot")
      throw new UsageError(`inputs needs a subcommand: snapshot (got ${args.positionals[0] ?? "nothing"})`);
    const config = await readSourcesConfig(resolve(ctx.cwd, requireString(args, "sources")));
    const cacheDir = resolve(ctx.cwd, optionalString(args, "cache") ?? ".cejst-cache/sources");
    const mirror = optionalString(args, "mirror") ?? config.mirror;
    const { store } = storeFromArgs(args, ctx);
    const actor = actorFromArgs(args, ctx);
    const inputs: InputToStore[] = [];
    for (const item of config.sources) {
      const fetched = await fetchSource(item, {
        cacheDir,
        onProgress: ctx.progress,
        ...(mirror === undefined ? {} : { mirror }),
      });
      fetched.files.forEach((f, i) => {
        inputs.push({
          name: item.name,
          file: f.file,
          // The set names where the bytes come from, not the mirror that served them here.
          source: item.files[i]?.url ?? f.url,
          sha256: f.sha256,
          bytes: f.bytes,
          body: () => createReadStream(f.path),
        });
      });
    }
    const r = await snapshotInputs(store, inputs, {
      actor,
      command: "cejst inputs snapshot",
      progress: ctx.progress,
    });
    const bytes = r.record.items.reduce((n, i) => n + i.bytes, 0);
    if (ctx.json)
      ctx.out(
        `${JSON.stringify({ type: "result", inputs: r.digest, items: r.record.items.length, bytes, created: r.created })}\n`,
      );
    else
      ctx.out(
        `input set ${r.digest}: ${r.record.items.length} files, ${bytes} bytes (${r.created} newly stored)\n`,
      );
  },
};
