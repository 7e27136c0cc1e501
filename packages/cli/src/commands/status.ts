import { claimKey, isTombstone, manifestDigest, type PublishClaim, readManifest } from "@cejst/release";
import type { Command } from "../command.ts";
import { STORE_OPTION, storeFromArgs } from "./store.ts";

interface VersionStatus {
  version: string;
  state: "publishing" | "committed" | "abandoned";
  digest: string;
  files?: number;
  publishedAt?: string;
}

export const statusCommand: Command = {
  name: "status",
  summary: "Show the versions in the store and their state (publishing, committed, abandoned)",
  help: [
    "Usage: cejst status [--store URL] [--json]",
    "",
    "Lists every claimed version id with its state and manifest digest. A version that is",
    "claimed but has no manifest is `publishing`: invisible to readers, resumable with",
    "`cejst publish --resume`, and reported as a warning.",
    "",
    "Exit codes: 0 ok; 106 store failure; 2 bad flags.",
  ].join("\n"),
  options: { ...STORE_OPTION },
  async run(args, ctx) {
    const { store, url } = storeFromArgs(args, ctx);
    const versions: VersionStatus[] = [];
    for await (const info of store.list("control/claims/")) {
      const version = info.key.slice("control/claims/".length, -".json".length);
      const claimObj = await store.get(claimKey(version));
      const claim = claimObj && (JSON.parse(new TextDecoder().decode(claimObj.body)) as PublishClaim);
      const m = await readManifest(store, version);
      if (m === undefined) versions.push({ version, state: "publishing", digest: claim?.content ?? "?" });
      else if (isTombstone(m)) versions.push({ version, state: "abandoned", digest: claim?.content ?? "?" });
      else {
        const v: VersionStatus = {
          version,
          state: "committed",
          digest: manifestDigest(m),
          files: m.content.files.length,
        };
        if (m.publication?.publishedAt) v.publishedAt = m.publication.publishedAt;
        versions.push(v);
      }
    }
    const warnings = versions
      .filter((v) => v.state === "publishing")
      .map((v) => `version ${v.version} is claimed but not committed; resume it with cejst publish --resume`);
    if (ctx.json) {
      ctx.out(`${JSON.stringify({ type: "result", store: url, versions, warnings })}\n`);
      return;
    }
    ctx.out(`store ${url}\n`);
    if (versions.length === 0) ctx.out("no versions\n");
    for (const v of versions) {
      ctx.out(
        `${v.version.padEnd(12)} ${v.state.padEnd(10)} ${v.digest}${v.files === undefined ? "" : ` ${v.files} files`}${v.publishedAt ? ` ${v.publishedAt}` : ""}\n`,
      );
    }
    for (const w of warnings) ctx.err(`warning: ${w}\n`);
  },
};
