import { resolve } from "node:path";
import { isCandidateId, LifecyclePrecondition, promote, publish, VERSION_ID } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString, requireString } from "../errors.ts";
import { actorFromArgs, checkStore, STORE_OPTION, storeFromArgs } from "./store.ts";

export const publishCommand: Command = {
  name: "publish",
  summary: "Publish a build folder as a write-once data version in the store",
  help: [
    'Usage: cejst publish --version V (--build DIR | --from V2) [--store URL] [--resume] [--yes] [--as "Name <email>"]',
    "",
    "Claims control/claims/V.json, uploads every file of DIR (listed in DIR/manifest.json) to",
    "data-versions/V/ by create-if-absent with its sha256, then SHA256SUMS, then manifest.json,",
    "which is the commit point: until it exists the version is invisible. Nothing is ever",
    "overwritten. After a crash, rerun with --resume: objects already stored with the same",
    "hash are accepted. V is beta or MAJOR.MINOR[.PATCH], optionally -rc.N (a candidate).",
    "",
    "Options:",
    "  --version V        version id; its label part must equal the build's label",
    "  --build DIR        build folder with manifest.json (from `cejst build`)",
    "  --from V2          promote a committed, approved candidate: stream and re-hash each of",
    "                     its objects into V, keep its manifest content (same digest, so its",
    "                     approvals carry over) and record `from` in the publication",
    "  --resume           continue a claim of the same build (same manifest digest)",
    "  --yes              needed to publish a final id (no -rc.N): a rejection would burn it",
    "  --allow-unfrozen   publish a build whose manifest names no freeze (local trials)",
    "  --concurrency N    parallel uploads (default 32)",
    '  --as "Name <email>" who publishes (default $CEJST_ACTOR, else the OS user)',
    "  --store URL        default $CEJST_STORE, else ./.cejst-store",
    "",
    "The store's create-if-absent is probed first (as `cejst store check`); a store that fails",
    "is refused before anything is uploaded.",
    "",
    "Exit codes: 0 published (or already committed by a concurrent run of the same build);",
    "104 the id is committed, abandoned or claimed by another build; 109 CONFLICT: claimed by",
    "another run (use --resume); 106 a store failure; 102 a build file differs from its manifest",
    "or a stored object differs; 105 --from names a version that is not approved; 111",
    "PRECONDITION (label mismatch, freeze not in force, final id without --yes, --from not",
    "committed or rejected); 2 malformed id or flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    version: { type: "string" },
    build: { type: "string" },
    from: { type: "string" },
    resume: { type: "boolean" },
    yes: { type: "boolean" },
    "allow-unfrozen": { type: "boolean" },
    concurrency: { type: "string" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const version = requireString(args, "version");
    const from = optionalString(args, "from");
    const buildArg = optionalString(args, "build");
    if ((from === undefined) === (buildArg === undefined))
      throw new UsageError("publish needs exactly one of --build DIR and --from V2");
    const { store } = storeFromArgs(args, ctx);
    if (!VERSION_ID.test(version)) {
      throw new UsageError(
        `--version is malformed; expected beta or MAJOR.MINOR[.PATCH][-rc.N] (got ${version})`,
      );
    }
    if (!isCandidateId(version) && args.values.yes !== true) {
      throw new LifecyclePrecondition(
        `publishing the final id ${version} needs --yes (a rejection would burn the id; publish ${version}-rc.N to iterate)`,
      );
    }
    const concurrency = optionalInt(args, "concurrency");
    // A store without working create-if-absent could let a publish overwrite; refuse before any upload.
    await checkStore(store);
    const common = {
      version,
      resume: args.values.resume === true,
      allowUnfrozen: args.values["allow-unfrozen"] === true,
      actor: actorFromArgs(args, ctx),
      progress: ctx.progress,
      ...(concurrency === undefined ? {} : { concurrency }),
    };
    const r =
      from !== undefined
        ? await promote(store, {
            ...common,
            from,
            command: `cejst publish --version ${version} --from ${from}`,
          })
        : await publish(store, {
            ...common,
            buildDir: resolve(ctx.cwd, buildArg ?? "."),
            command: `cejst publish --version ${version}`,
          });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", ...r })}\n`);
    else
      ctx.out(
        `published ${r.version} ${r.digest}: ${r.files} files, ${r.bytes} bytes` +
          `${r.committedByThisRun ? "" : " (already committed by a concurrent run of the same build)"}\n`,
      );
  },
};
