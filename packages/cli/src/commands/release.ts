import { releaseChannel } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const releaseCommand: Command = {
  name: "release",
  summary: "Point a channel at a distribution: one compare-and-swap of the next generation",
  help: [
    "Usage: cejst release DIST [--channel production] [--expect-gen N] [--reason R] --yes",
    "                     [--required-approvals N] [--no-verification-check] [--store URL]",
    "",
    "Reads the channel's latest generation n, checks that DIST exists, is not bound to a",
    "candidate id and is not already live; that its data version has the required approvals",
    "and no rejection, that every offered version is public or approved, that an approval's",
    "report compared against the live version, that the freeze is still in force and that",
    "DIST passed a verification in the last 24 h. Then it writes",
    "control/channels/<channel>/<n+1>.json if absent: the atomic switch.",
    "",
    "Exit codes: 0 switched; 105 NOT_APPROVED; 109 CONFLICT (the channel moved; nothing",
    "changed); 111 PRECONDITION (named in the message); 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    channel: { type: "string" },
    "expect-gen": { type: "string" },
    reason: { type: "string" },
    yes: { type: "boolean" },
    as: { type: "string" },
    "required-approvals": { type: "string" },
    "no-verification-check": { type: "boolean" },
  },
  async run(args, ctx) {
    const distribution = args.positionals[0];
    if (distribution === undefined) throw new UsageError("release needs a distribution id (got nothing)");
    if (args.values.yes !== true)
      throw new UsageError("release changes what users see; pass --yes to confirm");
    const { store } = storeFromArgs(args, ctx);
    const expectGen = optionalInt(args, "expect-gen");
    const required = optionalInt(args, "required-approvals");
    const reason = optionalString(args, "reason");
    const gen = await releaseChannel(store, {
      channel: optionalString(args, "channel") ?? "production",
      distribution,
      actor: actorFromArgs(args, ctx),
      requireVerification: args.values["no-verification-check"] !== true,
      command: `cejst release ${distribution}`,
      ...(expectGen === undefined ? {} : { expectGen }),
      ...(required === undefined ? {} : { requiredApprovals: required }),
      ...(reason === undefined ? {} : { reason }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", generation: gen })}\n`);
    else
      ctx.out(
        `${gen.channel} generation ${gen.gen}: ${gen.distribution} serving ${gen.data.version} ${gen.data.manifest}\n`,
      );
  },
};
