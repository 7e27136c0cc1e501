import {
  claimKey,
  type DistributionRecord,
  isTombstone,
  latestVerification,
  listApprovals,
  listChannels,
  manifestDigest,
  type PublishClaim,
  publicOffers,
  readChannel,
  readDistribution,
  readManifest,
} from "@cejst/release";
import type { Command } from "../command.ts";
import { STORE_OPTION, storeFromArgs } from "./store.ts";
import { masker } from "./verify.ts";

interface VersionStatus {
  version: string;
  state: "publishing" | "committed" | "abandoned";
  digest: string;
  files?: number;
  publishedAt?: string;
  approvals?: number;
  rejected?: boolean;
  public?: boolean;
}

interface DistributionStatus {
  id: string;
  name: string | null;
  version: string;
  manifest: string;
  state: "live" | "standby" | "staging";
  stagingHost: string | null;
  verification: { id: string; result: string; at: string } | null;
  createdAt: string | null;
}

interface ChannelStatus {
  channel: string;
  gen: number;
  distribution: string;
  version: string;
  action: string;
  at: string;
  previous: { gen: number; distribution: string } | null;
  verification: { id: string; result: string; at: string } | null;
  invalid: { key: string; problem: string }[];
}

interface FreezeStatus {
  label: string;
  seq: number;
  commit: string;
  inputs: string;
  at: string;
}

export const statusCommand: Command = {
  name: "status",
  summary: "Show versions, freezes, distributions and channels in the store",
  help: [
    "Usage: cejst status [--store URL] [--json] [--reveal]",
    "",
    "Versions: every claimed id with its state (publishing, committed, abandoned), manifest",
    "digest, approvals, rejection and whether it is public. Freezes: the one in force per",
    "label. Distributions: id, bound version, state (live, standby, staging), staging address",
    "(masked when CI is set, unless --reveal) and the newest verification. Channels: the",
    "generation in force, its distribution and version, when it switched, the previous",
    "generation and the newest channel verification.",
    "",
    "Warnings (stderr): versions claimed but not committed (resume with cejst publish",
    "--resume), generations that do not chain (ignored by the edge), distributions never",
    "verified or whose newest verification failed.",
    "",
    "Exit codes: 0 ok; 106 store failure; 2 bad flags.",
  ].join("\n"),
  options: { ...STORE_OPTION, reveal: { type: "boolean" } },
  async run(args, ctx) {
    const { store, url } = storeFromArgs(args, ctx);
    const mask = masker(args, ctx);
    const publicSet = await publicOffers(store);

    const versions: VersionStatus[] = [];
    for await (const info of store.list("control/claims/")) {
      const version = info.key.slice("control/claims/".length, -".json".length);
      const claimObj = await store.get(claimKey(version));
      const claim = claimObj && (JSON.parse(new TextDecoder().decode(claimObj.body)) as PublishClaim);
      const m = await readManifest(store, version);
      if (m === undefined) versions.push({ version, state: "publishing", digest: claim?.content ?? "?" });
      else if (isTombstone(m)) versions.push({ version, state: "abandoned", digest: claim?.content ?? "?" });
      else {
        const digest = manifestDigest(m);
        const decisions = await listApprovals(store, digest);
        const v: VersionStatus = {
          version,
          state: "committed",
          digest,
          files: m.content.files.length,
          approvals: decisions.filter((a) => a.decision === "approved").length,
          rejected: decisions.some((a) => a.decision === "rejected"),
          public: publicSet.has(version),
        };
        if (m.publication?.publishedAt) v.publishedAt = m.publication.publishedAt;
        versions.push(v);
      }
    }

    const freezes: FreezeStatus[] = [];
    const lastFreeze = new Map<string, string>();
    for await (const info of store.list("freezes/")) lastFreeze.set(info.key.split("/")[1] ?? "", info.key);
    for (const key of lastFreeze.values()) {
      const obj = await store.get(key);
      if (obj === undefined) continue;
      const f = JSON.parse(new TextDecoder().decode(obj.body)) as FreezeStatus;
      freezes.push({ label: f.label, seq: f.seq, commit: f.commit, inputs: f.inputs, at: f.at });
    }

    const channels: ChannelStatus[] = [];
    const everNamed = new Set<string>();
    const liveNow = new Set<string>();
    for (const name of await listChannels(store)) {
      const state = await readChannel(store, name);
      for (const g of state.history) everNamed.add(g.distribution);
      const head = state.head;
      if (head === undefined) continue;
      liveNow.add(head.distribution);
      const v = await latestVerification(store, name);
      channels.push({
        channel: name,
        gen: head.gen,
        distribution: head.distribution,
        version: head.data.version,
        action: head.action,
        at: head.at,
        previous: head.previous,
        verification: v === undefined ? null : { id: v.id, result: v.result, at: v.at },
        invalid: state.invalid,
      });
    }

    const distributions: DistributionStatus[] = [];
    for await (const info of store.list("distributions/")) {
      const m = /^distributions\/([^/]+)\/record\.json$/.exec(info.key);
      if (m?.[1] === undefined) continue;
      let rec: DistributionRecord | undefined;
      try {
        rec = await readDistribution(store, m[1]);
      } catch {
        rec = undefined;
      }
      if (rec === undefined) continue;
      const v = await latestVerification(store, rec.id);
      distributions.push({
        id: rec.id,
        name: rec.name ?? null,
        version: rec.data.version,
        manifest: rec.data.manifest,
        state: liveNow.has(rec.id) ? "live" : everNamed.has(rec.id) ? "standby" : "staging",
        stagingHost: rec.stagingHost === undefined ? null : mask(rec.stagingHost),
        verification: v === undefined ? null : { id: v.id, result: v.result, at: v.at },
        createdAt: typeof rec.createdAt === "string" ? rec.createdAt : null,
      });
    }

    const warnings = [
      ...versions
        .filter((v) => v.state === "publishing")
        .map(
          (v) => `version ${v.version} is claimed but not committed; resume it with cejst publish --resume`,
        ),
      ...channels.flatMap((c) =>
        c.invalid.map((i) => `channel ${c.channel}: ${i.key} ${i.problem}; the edge ignores it`),
      ),
      ...distributions
        .filter((d) => d.state !== "standby" && d.verification?.result !== "passed")
        .map(
          (d) =>
            `distribution ${d.id} ${d.verification === null ? "was never verified" : "failed its newest verification"}; run cejst verify ${d.id}`,
        ),
    ];

    if (ctx.json) {
      ctx.out(
        `${JSON.stringify({ type: "result", store: url, versions, freezes, distributions, channels, warnings })}\n`,
      );
      return;
    }
    const lines: string[] = [`store ${url}`, "", "versions"];
    if (versions.length === 0) lines.push("  none");
    for (const v of versions) {
      const facts = [
        v.files === undefined ? "" : `${v.files} files`,
        v.approvals === undefined ? "" : `${v.approvals} approvals`,
        v.rejected ? "REJECTED" : "",
        v.public ? "public" : "",
        v.publishedAt ?? "",
      ].filter((x) => x !== "");
      lines.push(`  ${v.version.padEnd(12)} ${v.state.padEnd(10)} ${v.digest} ${facts.join(", ")}`.trimEnd());
    }
    lines.push("", "freezes in force");
    if (freezes.length === 0) lines.push("  none");
    for (const f of freezes)
      lines.push(
        `  ${f.label.padEnd(12)} seq ${f.seq} commit ${f.commit.slice(0, 12)} inputs ${f.inputs} ${f.at}`,
      );
    lines.push("", "distributions");
    if (distributions.length === 0) lines.push("  none");
    for (const d of distributions) {
      const ver = d.verification === null ? "not verified" : `${d.verification.result} ${d.verification.at}`;
      lines.push(
        `  ${d.id} ${d.state.padEnd(7)} ${d.version.padEnd(10)} https://${d.stagingHost ?? "?"}/ verification: ${ver}`,
      );
    }
    lines.push("", "channels");
    if (channels.length === 0) lines.push("  none");
    for (const c of channels) {
      const prev = c.previous === null ? "none" : `gen ${c.previous.gen} ${c.previous.distribution}`;
      const ver = c.verification === null ? "not verified" : `${c.verification.result} ${c.verification.at}`;
      lines.push(
        `  ${c.channel.padEnd(12)} gen ${c.gen} ${c.distribution} ${c.version} (${c.action} ${c.at}; previous ${prev}) verification: ${ver}`,
      );
    }
    ctx.out(`${lines.join("\n")}\n`);
    for (const w of warnings) ctx.err(`warning: ${w}\n`);
  },
};
