import {
  type EdgeVerifyResult,
  readDistribution,
  releaseChannel,
  rollbackChannel,
  VerifyFailed,
  verifyChannel,
} from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";
import { channelDomains, EDGE_OPTIONS, masker, openEdge, stagingBaseOf } from "./verify.ts";

export const releaseCommand: Command = {
  name: "release",
  summary: "Point a channel at a distribution: one compare-and-swap of the next generation",
  help: [
    "Usage: cejst release DIST [--channel production] [--expect-gen N] [--reason R] --yes",
    "                     [--required-approvals N] [--verify-max-age-hours H]",
    "                     [--no-verification-check] [--no-auto-rollback]",
    "                     [--edge URL --domain HOST …] [--data-host HOST] [--store URL]",
    "",
    "Reads the channel's latest generation n, checks that DIST exists, is not bound to a",
    "candidate id and is not already live; that its data version has the required approvals",
    "and no rejection, that every offered version is public or approved, that an approval's",
    "report compared against the live version, that the freeze is still in force and that",
    "the newest verification of DIST (`cejst verify DIST`) passed within the last 24 h. Then",
    "it writes control/channels/<channel>/<n+1>.json if absent: the atomic switch.",
    "",
    "After the switch it verifies the channel through the edge (--edge, or one started in",
    "this process over the store). If that fails, generation n+2 (auto-rollback) names",
    "generation n's distribution again, unless --no-auto-rollback, and the exit is 110.",
    "",
    "Options:",
    "  --no-verification-check  release without a recorded verification of DIST (recorded",
    "                           as verification: null in the generation)",
    "  --verify-max-age-hours H how old a passing verification may be (default 24)",
    "",
    "Exit codes: 0 switched and verified; 105 NOT_APPROVED; 109 CONFLICT (the channel moved;",
    "nothing changed); 110 VERIFY_FAILED after the switch (rolled back unless",
    "--no-auto-rollback); 111 PRECONDITION (named in the message, e.g. no fresh verification);",
    "106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    ...EDGE_OPTIONS,
    channel: { type: "string" },
    "expect-gen": { type: "string" },
    reason: { type: "string" },
    yes: { type: "boolean" },
    as: { type: "string" },
    "required-approvals": { type: "string" },
    "verify-max-age-hours": { type: "string" },
    "no-verification-check": { type: "boolean" },
    "no-auto-rollback": { type: "boolean" },
    reveal: { type: "boolean" },
  },
  async run(args, ctx) {
    const distribution = args.positionals[0];
    if (distribution === undefined) throw new UsageError("release needs a distribution id (got nothing)");
    if (args.values.yes !== true)
      throw new UsageError("release changes what users see; pass --yes to confirm");
    const channel = optionalString(args, "channel") ?? "production";
    const domains = channelDomains(args, channel);
    const { store } = storeFromArgs(args, ctx);
    const expectGen = optionalInt(args, "expect-gen");
    const required = optionalInt(args, "required-approvals");
    const maxAge = optionalInt(args, "verify-max-age-hours");
    const reason = optionalString(args, "reason");
    const actor = actorFromArgs(args, ctx);
    const gen = await releaseChannel(store, {
      channel,
      distribution,
      actor,
      requireVerification: args.values["no-verification-check"] !== true,
      command: `cejst release ${distribution} --channel ${channel}`,
      ...(expectGen === undefined ? {} : { expectGen }),
      ...(required === undefined ? {} : { requiredApprovals: required }),
      ...(maxAge === undefined ? {} : { verifyMaxAgeHours: maxAge }),
      ...(reason === undefined ? {} : { reason }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", generation: gen })}\n`);
    else
      ctx.out(
        `${gen.channel} generation ${gen.gen}: ${gen.distribution} serving ${gen.data.version} ${gen.data.manifest}\n`,
      );

    // The switch is committed; now check what users get, through the channel's domains.
    const rec = await readDistribution(store, gen.distribution);
    const base = stagingBaseOf(rec?.stagingHost);
    const edge = await openEdge(store, args, {
      channel,
      domains,
      ...(base === undefined ? {} : { stagingBase: base }),
    });
    const dataHost = optionalString(args, "data-host")?.toLowerCase();
    let r: EdgeVerifyResult;
    try {
      r = await verifyChannel(store, channel, {
        fetch: edge.fetch,
        domains,
        actor,
        progress: ctx.progress,
        command: `cejst release ${distribution} (verify --channel ${channel})`,
        ...(dataHost === undefined ? {} : { dataHost }),
      });
    } finally {
      await edge.close();
    }
    const mask = masker(args, ctx);
    if (ctx.json) ctx.out(`${mask(JSON.stringify({ type: "verification", verification: r.record }))}\n`);
    else {
      for (const f of r.record.failures) ctx.out(mask(`FAIL ${f.host} ${f.path}: ${f.problem}\n`));
      ctx.out(
        `${r.ok ? "verified" : "verification FAILED"} ${channel} generation ${gen.gen}: ${r.record.id}\n`,
      );
    }
    if (r.ok) return;
    let rolled = "";
    if (args.values["no-auto-rollback"] !== true && gen.previous !== null) {
      const back = await rollbackChannel(store, {
        channel,
        actor,
        auto: true,
        reason: `verification ${r.record.id} of generation ${gen.gen} failed`,
        expectGen: gen.gen,
        command: `cejst release ${distribution} (auto-rollback)`,
      });
      rolled = `; rolled back: generation ${back.gen} names ${back.distribution} again`;
      if (ctx.json) ctx.out(`${JSON.stringify({ type: "auto-rollback", generation: back })}\n`);
      else ctx.out(`auto-rollback: ${channel} generation ${back.gen}: ${back.distribution}\n`);
    }
    throw new VerifyFailed(
      `${channel} generation ${gen.gen} failed ${r.record.failures.length} checks after the switch${rolled} (got ${mask(
        r.record.failures
          .slice(0, 3)
          .map((f) => `${f.path}: ${f.problem}`)
          .join("; "),
      )})`,
    );
  },
};
