import { readAudit, verifyAuditChain } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString } from "../errors.ts";
import { STORE_OPTION, storeFromArgs } from "./store.ts";

export const logCommand: Command = {
  name: "log",
  summary: "Print the store's audit log (hash-chained), optionally verifying the chain",
  help: [
    "Usage: cejst log [--since T] [--subject X] [--verify] [--store URL] [--json]",
    "",
    "Prints audit/<seq>.json events in order: seq, time, event, result, subject, actor.",
    "",
    "Options:",
    "  --since T      only events at or after T (RFC 3339, e.g. 2024-12-01)",
    "  --subject X    only events whose subject mentions X (a version, channel, …)",
    "  --verify       walk the hash chain first; fail at the first gap or broken link",
    "",
    "Exit codes: 0 ok; 110 VERIFY_FAILED (broken chain); 106 store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    since: { type: "string" },
    subject: { type: "string" },
    verify: { type: "boolean" },
  },
  async run(args, ctx) {
    const { store } = storeFromArgs(args, ctx);
    const sinceText = optionalString(args, "since");
    const since = sinceText === undefined ? undefined : Date.parse(sinceText);
    if (since !== undefined && Number.isNaN(since))
      throw new UsageError(`--since is not a date (got ${sinceText})`);
    const subject = optionalString(args, "subject");
    if (args.values.verify === true) {
      const n = await verifyAuditChain(store);
      ctx.err(`audit chain ok: ${n} events\n`);
    }
    for await (const { event } of readAudit(store)) {
      if (since !== undefined && Date.parse(event.at) < since) continue;
      if (subject !== undefined && !Object.values(event.subject).map(String).includes(subject)) continue;
      if (ctx.json) ctx.out(`${JSON.stringify({ type: "event", ...event })}\n`);
      else {
        const subj = Object.entries(event.subject)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(" ");
        const who = event.actor ? ` by ${event.actor.name}` : "";
        const why = event.reason ? ` — ${event.reason}` : "";
        ctx.out(
          `${String(event.seq).padStart(6)} ${event.at} ${event.event} ${event.exit} ${subj}${who}${why}\n`,
        );
      }
    }
  },
};
