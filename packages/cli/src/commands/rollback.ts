import { readDistribution, rollbackChannel, VerifyFailed, verifyChannel } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";
import { channelDomains, EDGE_OPTIONS, masker, openEdge, stagingBaseOf } from "./verify.ts";

export const rollbackCommand: Command = {
  name: "rollback",
  summary: "Point a channel back at a distribution it served before (one write, no approvals)",
  help: [
    "Usage: cejst rollback [--channel production] [--to DIST] --reason R [--expect-gen N] --yes",
    "                      [--edge URL --domain HOST …] [--store URL]",
    "",
    "Writes generation n+1 naming --to, or by default the distribution of the latest earlier",
    "generation that differs from the current one. Nothing is copied or rebuilt; only records",
    "are read. The target must have been live on the channel before. Approvals and a fresh",
    "verification are deliberately not required. After the switch the channel is verified",
    "through the edge (--edge, or one started in this process); a failure is reported",
    "(exit 110) but the rollback stays.",
    "",
    "Exit codes: 0 switched and verified; 110 switched but the verification failed; 105 the target was never live on this channel (use release);",
    "109 CONFLICT (the channel moved); 111 PRECONDITION (no earlier generation, target record or",
    "config missing); 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    ...EDGE_OPTIONS,
    reveal: { type: "boolean" },
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
    const channel = optionalString(args, "channel") ?? "production";
    const domains = channelDomains(args, channel);
    const { store } = storeFromArgs(args, ctx);
    const actor = actorFromArgs(args, ctx);
    const expectGen = optionalInt(args, "expect-gen");
    const to = optionalString(args, "to");
    const gen = await rollbackChannel(store, {
      channel,
      reason,
      actor,
      command: "cejst rollback",
      ...(to === undefined ? {} : { to }),
      ...(expectGen === undefined ? {} : { expectGen }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", generation: gen })}\n`);
    else
      ctx.out(
        `${gen.channel} generation ${gen.gen}: rolled back to ${gen.distribution} (${gen.data.version})\n`,
      );
    // The switch does not wait on this; it only reports what users now get.
    const rec = await readDistribution(store, gen.distribution);
    const base = stagingBaseOf(rec?.stagingHost);
    const edge = await openEdge(store, args, {
      channel,
      domains,
      ...(base === undefined ? {} : { stagingBase: base }),
    });
    const dataHost = optionalString(args, "data-host")?.toLowerCase();
    const r = await verifyChannel(store, channel, {
      fetch: edge.fetch,
      domains,
      actor,
      progress: ctx.progress,
      command: `cejst rollback (verify --channel ${channel})`,
      ...(dataHost === undefined ? {} : { dataHost }),
    }).finally(() => edge.close());
    const mask = masker(args, ctx);
    if (ctx.json) ctx.out(`${mask(JSON.stringify({ type: "verification", verification: r.record }))}\n`);
    else {
      for (const f of r.record.failures) ctx.out(mask(`FAIL ${f.host} ${f.path}: ${f.problem}\n`));
      ctx.out(
        `${r.ok ? "verified" : "verification FAILED"} ${channel} generation ${gen.gen}: ${r.record.id}\n`,
      );
    }
    if (!r.ok)
      throw new VerifyFailed(
        `${channel} generation ${gen.gen} (a rollback, which stays) failed ${r.record.failures.length} checks`,
      );
  },
};
