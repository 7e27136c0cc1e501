import { abandon } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const abandonCommand: Command = {
  name: "abandon",
  summary: "Tombstone a version id that was claimed but never committed",
  help: [
    "Usage: cejst abandon V --reason R --yes [--store URL] [--json]",
    "",
    "Puts a tombstone at data-versions/V/manifest.json if absent. The id is then permanently",
    "unusable and every reader treats it as absent. A committed version cannot be abandoned:",
    "reject it instead.",
    "",
    "Exit codes: 0 abandoned; 109 CONFLICT (the publisher committed first); 111 PRECONDITION",
    "(V is committed, already abandoned, or was never claimed); 106 a store failure; 2 bad",
    "flags or no --yes.",
  ].join("\n"),
  options: { ...STORE_OPTION, reason: { type: "string" }, yes: { type: "boolean" }, as: { type: "string" } },
  async run(args, ctx) {
    const version = args.positionals[0];
    if (version === undefined) throw new UsageError("abandon needs a version id (got nothing)");
    const reason = requireString(args, "reason");
    if (args.values.yes !== true)
      throw new UsageError(`abandon burns the id ${version} for good; pass --yes to confirm`);
    const { store } = storeFromArgs(args, ctx);
    const tomb = await abandon(store, {
      version,
      reason,
      actor: actorFromArgs(args, ctx),
      command: `cejst abandon ${version}`,
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", tombstone: tomb })}\n`);
    else ctx.out(`abandoned ${version}: ${reason}\n`);
  },
};
