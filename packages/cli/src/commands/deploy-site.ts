import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { deploySite } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const deploySiteCommand: Command = {
  name: "deploy-site",
  summary: "Create a distribution: a site build bound to a data version, with a random staging address",
  help: [
    "Usage: cejst deploy-site --data-version V --site DIR [--offer V2=previous|archived … | --offer none]",
    "                         [--site-settings FILE] [--name NAME] [--staging-base HOST]",
    "                         [--allow-rejected] [--reveal] [--store URL]",
    "",
    "Uploads the site build (files under the prefixes of DIR/cejst-site.json `immutablePrefixes`",
    "to the shared site-assets/, the rest to site-builds/<site hex>/, then site-manifest.json),",
    "writes distributions/<dst id>/config.staging.json and config.production.json (web.md §1.2;",
    "they differ only in site.environment and the bound version's status) and then record.json,",
    "the commit point. Without --offer and --site-settings, both are carried over from the",
    "distribution live on production; `--offer none` offers no other version. The staging host is <26 random base32>.<staging base>;",
    "when CI is set it is printed masked unless --reveal is given.",
    "",
    "Options:",
    "  --staging-base HOST  default $CEJST_STAGING_BASE; required",
    "  --site-settings FILE JSON merged into config.json (site.name, contact, geocoder, …)",
    "",
    "Exit codes: 0 created; 110 VERIFY_FAILED (a hashed asset exists with other bytes);",
    "111 PRECONDITION (unknown or rejected version, offered version not public or approved,",
    "required data missing, reserved path in the site) or a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    "data-version": { type: "string" },
    site: { type: "string" },
    offer: { type: "string", multiple: true },
    "site-settings": { type: "string" },
    name: { type: "string" },
    "staging-base": { type: "string" },
    "allow-rejected": { type: "boolean" },
    reveal: { type: "boolean" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const dataVersion = requireString(args, "data-version");
    const siteDir = resolve(ctx.cwd, requireString(args, "site"));
    const stagingBase = optionalString(args, "staging-base") ?? ctx.env.CEJST_STAGING_BASE;
    if (!stagingBase)
      throw new UsageError("deploy-site needs a staging base: --staging-base HOST or CEJST_STAGING_BASE");
    const raw = args.values.offer;
    const none = Array.isArray(raw) && raw.some((o) => o === "none");
    if (none && raw.length > 1)
      throw new UsageError(`--offer none cannot be combined with other offers (got ${raw.join(", ")})`);
    const offers = none
      ? []
      : Array.isArray(raw)
        ? raw.map((o) => {
            const m = /^([^=]+)=(previous|archived)$/.exec(String(o));
            if (!m) throw new UsageError(`--offer must be V=previous or V=archived (got ${String(o)})`);
            return { version: m[1]!, status: m[2] as "previous" | "archived" };
          })
        : undefined;
    const settingsFile = optionalString(args, "site-settings");
    let settings: Record<string, unknown> | undefined;
    if (settingsFile !== undefined) {
      try {
        settings = JSON.parse(await readFile(resolve(ctx.cwd, settingsFile), "utf8")) as Record<
          string,
          unknown
        >;
      } catch (cause) {
        throw new UsageError(
          `--site-settings ${settingsFile} is not readable JSON (got ${(cause as Error).message})`,
        );
      }
    }
    const name = optionalString(args, "name");
    const { store } = storeFromArgs(args, ctx);
    const r = await deploySite(store, {
      dataVersion,
      siteDir,
      stagingBase,
      actor: actorFromArgs(args, ctx),
      allowRejected: args.values["allow-rejected"] === true,
      progress: ctx.progress,
      ...(offers === undefined ? {} : { offers }),
      ...(settings === undefined ? {} : { settings }),
      ...(name === undefined ? {} : { name }),
    });
    const mask = ctx.env.CI !== undefined && ctx.env.CI !== "" && args.values.reveal !== true;
    const url = mask ? `https://****.${stagingBase}/` : r.stagingUrl;
    if (ctx.json)
      ctx.out(
        `${JSON.stringify({ type: "result", distribution: r.record.id, site: r.siteDigest, staging: url })}\n`,
      );
    else ctx.out(`distribution ${r.record.id}\nstaging ${url}\n`);
  },
};
