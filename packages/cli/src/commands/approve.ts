import { approve } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const approveCommand: Command = {
  name: "approve",
  summary: "Approve a committed version's exact bytes, bound to the report you read",
  help: [
    'Usage: cejst approve V --report D --as "Name <email>" [--comment C] [--waive GATE=reason …] [--store URL]',
    "",
    "Writes approvals/<manifest hex>/apr_<ULID>.json: the manifest digest of V, the report",
    "digest D (sha256:<hex> or a unique prefix of at least 12 hex characters), the gate counts,",
    "waivers with their reasons, the freeze, and who approved (name, email, OS user, host).",
    "Approvals follow the bytes: an approval of 2.0-rc.1 also covers 2.0 after promotion.",
    "",
    "Refused when V is not committed, the report is unknown or about other bytes, the digest",
    "was rejected, the freeze was superseded since the build, you already approved it, or a",
    "gate failed without --waive.",
    "",
    "Exit codes: 0 approved; 103 failing gates not waived; 111 PRECONDITION (named in the",
    "message); 106 a store failure; 2 bad flags or no identity.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    report: { type: "string" },
    as: { type: "string" },
    comment: { type: "string" },
    waive: { type: "string", multiple: true },
  },
  async run(args, ctx) {
    const version = args.positionals[0];
    if (version === undefined) throw new UsageError("approve needs a version id (got nothing)");
    const report = requireString(args, "report");
    if (optionalString(args, "as") === undefined && ctx.env.CEJST_ACTOR === undefined) {
      throw new UsageError('approve needs an identity: --as "Name <email>" or CEJST_ACTOR');
    }
    const waive: Record<string, string> = {};
    const raw = args.values.waive;
    for (const w of Array.isArray(raw) ? raw : []) {
      const text = String(w);
      const eq = text.indexOf("=");
      if (eq <= 0 || text.slice(eq + 1).trim() === "")
        throw new UsageError(`--waive needs GATE=reason (got ${text})`);
      waive[text.slice(0, eq)] = text.slice(eq + 1);
    }
    const { store } = storeFromArgs(args, ctx);
    const comment = optionalString(args, "comment");
    const { record, valid } = await approve(store, {
      version,
      report,
      decision: "approved",
      approver: actorFromArgs(args, ctx),
      waive,
      command: `cejst approve ${version}`,
      ...(comment === undefined ? {} : { comment }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", approval: record, validApprovals: valid })}\n`);
    else ctx.out(`approved ${version} ${record.manifest} as ${record.id} (${valid} valid approvals)\n`);
  },
};
