import { rollbackChannel } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const rollbackCommand: Command = {
  name: "rollback",
  summary: "Point a channel back at a distribution it served before (one write, no approvals)",
  help: [
    "Usage: cejst rollback [--channel production] [--to DIST] --reason R [--expect-gen N] --yes [--store URL]",
    "",
    "Writes generation n+1 naming --to, or by default the distribution of the latest earlier",
    "generation that differs from the current one. Nothing is copied or rebuilt; only records",
    "are read. The target must have been live on the channel before.",
    "",
    "Exit codes: 0 switched; 105 the target was never live on this channel (use release);",
    "109 CONFLICT (the channel moved); 111 PRECONDITION (no earlier generation, target record or",
    "config missing); 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    channel: { type: "string" },
    to: { type: "string" },
    reason: { type: "string" },
    "expect-gen": { type: "string" },
    yes: { type: "boolean" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const reason = requireString(args, "reason");
    if (args.values.yes !== true)
      throw new UsageError("rollback changes what users see; pass --yes to confirm");
    const { store } = storeFromArgs(args, ctx);
    const expectGen = optionalInt(args, "expect-gen");
    const to = optionalString(args, "to");
    const gen = await rollbackChannel(store, {
      channel: optionalString(args, "channel") ?? "production",
      reason,
      actor: actorFromArgs(args, ctx),
      command: "cejst rollback",
      ...(to === undefined ? {} : { to }),
      ...(expectGen === undefined ? {} : { expectGen }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", generation: gen })}\n`);
    else
      ctx.out(
        `${gen.channel} generation ${gen.gen}: rolled back to ${gen.distribution} (${gen.data.version})\n`,
      );
  },
};
