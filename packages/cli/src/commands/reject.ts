import { approve } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const rejectCommand: Command = {
  name: "reject",
  summary: "Reject a committed version's bytes for good (a veto on its manifest digest)",
  help: [
    'Usage: cejst reject V --report D --reason R --as "Name <email>" [--store URL] [--json]',
    "",
    'Writes approvals/<manifest hex>/apr_<ULID>.json with decision "rejected", the report',
    "digest D you read and your reason. The digest can then never be approved or released under",
    "any id, and deploy-site refuses it unless --allow-rejected.",
    "",
    "Exit codes: 0 rejected; 111 PRECONDITION (V not committed, report unknown or about other",
    "bytes, already rejected); 106 a store failure; 2 bad flags or no identity.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    report: { type: "string" },
    reason: { type: "string" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const version = args.positionals[0];
    if (version === undefined) throw new UsageError("reject needs a version id (got nothing)");
    const report = requireString(args, "report");
    const reason = requireString(args, "reason");
    if (args.values.as === undefined && ctx.env.CEJST_ACTOR === undefined)
      throw new UsageError('reject needs an identity: --as "Name <email>" or CEJST_ACTOR');
    const { store } = storeFromArgs(args, ctx);
    const { record } = await approve(store, {
      version,
      report,
      decision: "rejected",
      approver: actorFromArgs(args, ctx),
      comment: reason,
      command: `cejst reject ${version}`,
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", rejection: record })}\n`);
    else ctx.out(`rejected ${version} ${record.manifest} as ${record.id}\n`);
  },
};
