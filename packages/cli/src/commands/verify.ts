import { createEdgeServer } from "@cejst/edge";
import {
  type EdgeFetch,
  type EdgeVerifyResult,
  httpEdgeFetch,
  readChannel,
  readDistribution,
  type Store,
  VERSION_ID,
  VerifyFailed,
  verifyChannel,
  verifyDistribution,
  verifyVersion,
  verifyVersionServed,
} from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command, CommandArgs, CommandContext } from "../command.ts";
import { optionalInt, optionalString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

/** Flags of every command that reaches an edge: `verify`, `release`, `rollback`. */
export const EDGE_OPTIONS = {
  edge: { type: "string" },
  domain: { type: "string", multiple: true },
  "data-host": { type: "string" },
} as const;

/** A way to reach an edge for one command, and how to let go of it. */
export interface EdgeHandle {
  fetch: EdgeFetch;
  /** `--edge` URL, or `in-process` for an edge started over the same store. */
  where: string;
  close(): Promise<void>;
}

/** The domains a channel is checked through: `--domain`, else a placeholder the in-process edge answers for. */
export function channelDomains(args: CommandArgs, channel: string): string[] {
  const raw = args.values.domain;
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((d): d is string => typeof d === "string" && d !== "")
    .map((d) => d.toLowerCase());
  if (list.length > 0) return list;
  if (optionalString(args, "edge") !== undefined)
    throw new UsageError(`--edge needs the domains of channel ${channel}: --domain HOST (repeatable)`);
  return [`${channel}.edge.invalid`];
}

/**
 * The edge to verify through: `--edge URL` (requests carry the host names themselves), or,
 * without it, an edge started in this process on 127.0.0.1, port 0, over the same store.
 */
export async function openEdge(
  store: Store,
  args: CommandArgs,
  hosts: { channel: string; domains: string[]; stagingBase?: string },
): Promise<EdgeHandle> {
  const url = optionalString(args, "edge");
  if (url !== undefined) {
    let fetch: ReturnType<typeof httpEdgeFetch>;
    try {
      fetch = httpEdgeFetch(url);
    } catch (e) {
      throw new UsageError(`--edge ${(e as Error).message}`);
    }
    return {
      fetch,
      where: url,
      close: async () => fetch.close(),
    };
  }
  const dataHost = optionalString(args, "data-host")?.toLowerCase();
  const edge = createEdgeServer({
    store,
    domains: {
      channels: { [hosts.channel]: hosts.domains },
      ...(hosts.stagingBase === undefined ? {} : { stagingBase: hosts.stagingBase }),
      ...(dataHost === undefined ? {} : { dataHost }),
    },
    pollMs: 0,
    listMs: 0,
  });
  const port = await edge.listen(0, "127.0.0.1");
  const fetch = httpEdgeFetch(`http://127.0.0.1:${port}`);
  return {
    fetch,
    where: "in-process",
    close: async () => {
      fetch.close();
      await edge.close(1_000);
    },
  };
}

/** The staging base of a distribution: its staging host without the random label. */
export function stagingBaseOf(stagingHost: string | undefined): string | undefined {
  if (stagingHost === undefined || !stagingHost.includes(".")) return undefined;
  return stagingHost.slice(stagingHost.indexOf(".") + 1).toLowerCase();
}

/** Staging labels are secret-ish: masked in CI output unless `--reveal` (rollout.md §2.4). */
export function masker(args: CommandArgs, ctx: CommandContext): (text: string) => string {
  const mask = ctx.env.CI !== undefined && ctx.env.CI !== "" && args.values.reveal !== true;
  return (text) => (mask ? text.replace(/\b[a-z2-7]{26}\./g, "****.") : text);
}

/** Prints a verification and throws `VerifyFailed` when it failed. */
export function reportVerification(
  r: EdgeVerifyResult,
  what: string,
  args: CommandArgs,
  ctx: CommandContext,
): void {
  const mask = masker(args, ctx);
  const rec = r.record;
  if (ctx.json) ctx.out(`${mask(JSON.stringify({ type: "result", verification: rec }))}\n`);
  else {
    for (const f of rec.failures) ctx.out(mask(`FAIL ${f.host} ${f.path}: ${f.problem}\n`));
    ctx.out(
      mask(
        `${r.ok ? "ok" : "FAILED"} ${what} through ${rec.hosts.join(", ")}: ${rec.counts.files} files, ${rec.counts.bytes} bytes, ${rec.counts.requests} requests; ${rec.id}\n`,
      ),
    );
  }
  if (!r.ok) {
    throw new VerifyFailed(
      mask(
        `${what} failed ${rec.failures.length} checks (got ${rec.failures
          .slice(0, 5)
          .map((f) => `${f.path}: ${f.problem}`)
          .join("; ")})`,
      ),
    );
  }
}

export const verifyCommand: Command = {
  name: "verify",
  summary: "Verify a version in the store, or a distribution or channel through the edge",
  help: [
    "Usage: cejst verify V [--concurrency N] [--store URL] [--json]",
    "       cejst verify DIST | --distribution DIST [--edge URL] [--data-host HOST] [--reveal]",
    "       cejst verify CHANNEL | --channel C [--edge URL --domain HOST …] [--data-host HOST]",
    "",
    "V (a version id): reads data-versions/V/manifest.json and every file it lists from the",
    "store, checking size and sha256 (and the stored content type where the store keeps one),",
    "and lists the folder for keys the manifest does not name. Then fetches every file through",
    "the edge: on the public data host if V is public (--data-host with --edge), otherwise on",
    "the staging host of the newest distribution bound to V (skipped while there is none).",
    "",
    "DIST (dst_…): fetches, through the distribution's staging host, /config.json (byte-equal",
    "to the staging variant), every file of every version it offers and every site file, each",
    "with Accept-Encoding: identity, hashed as it streams: status, size, sha256, Content-Type,",
    "Cache-Control, ETag, X-Cejst-Distribution and the staging headers. Also: unreleased",
    "versions and version folders answer 404, and an unknown staging label gets the same 404",
    "as an unknown host. Writes verifications/<dst>/<ver id>.json and a verify.passed or",
    "verify.failed audit event; `cejst release` needs a recent pass.",
    "",
    "CHANNEL: the same checks through each domain of the channel, against the production",
    "variant, and every response must name the channel's latest generation and distribution.",
    "Writes verifications/<channel>/<ver id>.json.",
    "",
    "Options:",
    "  --edge URL        the edge to go through (requests carry the Host header themselves);",
    "                    default: an edge started in this process on 127.0.0.1 over the store",
    "  --domain HOST     a domain of the channel (repeatable; needed with --edge)",
    "  --data-host HOST  the edge's public data host: unreleased versions must be 404 there",
    "  --concurrency N   requests in flight (default 16); nothing is sampled",
    "  --reveal          print staging hosts unmasked when CI is set",
    "",
    "Exit codes: 0 every check passed; 110 VERIFY_FAILED (every failure is printed);",
    "111 PRECONDITION (unknown version, distribution or channel); 106 a store failure;",
    "2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    ...EDGE_OPTIONS,
    concurrency: { type: "string" },
    distribution: { type: "string" },
    channel: { type: "string" },
    reveal: { type: "boolean" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const positional = args.positionals[0];
    const distribution =
      optionalString(args, "distribution") ?? (positional?.startsWith("dst_") ? positional : undefined);
    const channel =
      optionalString(args, "channel") ??
      (positional !== undefined && distribution === undefined && !VERSION_ID.test(positional)
        ? positional
        : undefined);
    const concurrency = optionalInt(args, "concurrency");
    if (distribution === undefined && channel === undefined) {
      if (positional === undefined)
        throw new UsageError("verify needs a version id, a distribution id or a channel (got nothing)");
      return verifyStoredVersion(positional, concurrency, args, ctx);
    }
    const { store } = storeFromArgs(args, ctx);
    const actor = actorFromArgs(args, ctx);
    const dataHost = optionalString(args, "data-host")?.toLowerCase();
    const common = {
      actor,
      progress: ctx.progress,
      ...(dataHost === undefined ? {} : { dataHost }),
      ...(concurrency === undefined ? {} : { concurrency }),
    };
    if (distribution !== undefined) {
      const rec = await readDistribution(store, distribution);
      const edge = await openEdge(store, args, {
        channel: "production",
        domains: ["production.edge.invalid"],
        ...(stagingBaseOf(rec?.stagingHost) === undefined
          ? {}
          : { stagingBase: stagingBaseOf(rec?.stagingHost)! }),
      });
      let r: EdgeVerifyResult;
      try {
        r = await verifyDistribution(store, distribution, {
          ...common,
          fetch: edge.fetch,
          command: `cejst verify ${distribution}`,
        });
      } finally {
        await edge.close();
      }
      return reportVerification(r, distribution, args, ctx);
    }
    const name = channel!;
    const domains = channelDomains(args, name);
    const head = (await readChannel(store, name)).head;
    const rec = head === undefined ? undefined : await readDistribution(store, head.distribution);
    const base = stagingBaseOf(rec?.stagingHost);
    const edge = await openEdge(store, args, {
      channel: name,
      domains,
      ...(base === undefined ? {} : { stagingBase: base }),
    });
    let r: EdgeVerifyResult;
    try {
      r = await verifyChannel(store, name, {
        ...common,
        domains,
        fetch: edge.fetch,
        command: `cejst verify --channel ${name}`,
      });
    } finally {
      await edge.close();
    }
    return reportVerification(r, `channel ${name}`, args, ctx);
  },
};

async function verifyStoredVersion(
  version: string,
  concurrency: number | undefined,
  args: CommandArgs,
  ctx: CommandContext,
): Promise<void> {
  const { store } = storeFromArgs(args, ctx);
  const mask = masker(args, ctx);
  // The store check and the check through the edge read different things: run them at once.
  const storeCheck = verifyVersion(store, version, {
    progress: ctx.progress,
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  // an early failure of the edge half must not leave this rejection unobserved
  storeCheck.catch(() => undefined);
  // And as users get it: the public data host, or the staging host of the newest
  // distribution bound to it; skipped while no host serves the version.
  const edgeUrl = optionalString(args, "edge");
  const dataHost =
    optionalString(args, "data-host")?.toLowerCase() ??
    (edgeUrl === undefined ? "data.edge.invalid" : undefined);
  let newest: { id: string; stagingHost?: string } | undefined;
  for await (const info of store.list("distributions/")) {
    const id = /^distributions\/([^/]+)\/record\.json$/.exec(info.key)?.[1];
    const d = id === undefined ? undefined : await readDistribution(store, id).catch(() => undefined);
    if (d?.data.version === version && (newest === undefined || d.id > newest.id)) newest = d;
  }
  const base = stagingBaseOf(newest?.stagingHost);
  const edge = await openEdge(store, args, {
    channel: "production",
    domains: ["production.edge.invalid"],
    ...(base === undefined ? {} : { stagingBase: base }),
  });
  let served: Awaited<ReturnType<typeof verifyVersionServed>>;
  try {
    served = await verifyVersionServed(store, version, {
      fetch: edge.fetch,
      progress: ctx.progress,
      ...(dataHost === undefined ? {} : { dataHost }),
      ...(concurrency === undefined ? {} : { concurrency }),
    });
  } finally {
    await edge.close();
  }
  const r = await storeCheck;
  const ok = r.ok && served.failures.length === 0;
  if (ctx.json) ctx.out(`${mask(JSON.stringify({ type: "result", ...r, ok, served }))}\n`);
  else {
    for (const f of r.failures) ctx.out(`FAIL ${f.path}: ${f.problem}\n`);
    for (const s of r.strays) ctx.out(`STRAY ${s}: not listed in the manifest\n`);
    for (const f of served.failures) ctx.out(mask(`FAIL ${f.host} ${f.path}: ${f.problem}\n`));
    const through =
      served.host === undefined
        ? "not served by any host yet"
        : mask(`${served.files} served by ${served.host}`);
    ctx.out(
      `${ok ? "ok" : "FAILED"} ${version} ${r.digest}: ${r.files} files, ${r.bytes} bytes; ${through}\n`,
    );
  }
  if (!ok) {
    const paths = [...r.failures.map((f) => f.path), ...r.strays, ...served.failures.map((f) => f.path)];
    throw new VerifyFailed(
      mask(
        `version ${version} has ${r.failures.length + served.failures.length} failing checks and ${r.strays.length} stray keys (got ${paths.slice(0, 5).join(", ")})`,
      ),
    );
  }
}
