import { createEdgeServer, type EdgeLogEntry, startAdminServer } from "@cejst/edge";
import { openStore } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command, CommandContext } from "../command.ts";
import { optionalInt, optionalString } from "../errors.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "Run the edge server (CDN and DNS stand-in) over a store until interrupted",
  help: [
    "Usage: cejst serve --store <url> --domain <host> [--domain <host> …] [--port 8080]",
    "                   [--data-host <host>] [--staging-base <host>] [--channel production]",
    "                   [--bind 127.0.0.1] [--admin-port N] [--poll-ms 0] [--access-log] [--json]",
    "",
    "Routes by Host header (rollout.md §1.11): the --domain hosts serve the distribution the",
    "channel's latest generation names; <label>.<staging base> serves that distribution's",
    "staging variant; --data-host serves public versions under /data-versions/ with CORS.",
    "Anything else gets one generic 404. A new generation applies to the next request.",
    "",
    "Options:",
    "  --store <url>          the store: a directory path, file:// or s3://bucket[/prefix]?endpoint=…",
    "  --domain <host>        a public host of the channel (repeatable; required)",
    "  --channel <name>       channel the domains follow (default production)",
    "  --staging-base <host>  staging hosts are <label>.<host> (default staging.<first domain>)",
    "  --data-host <host>     public data host (default none)",
    "  --port <n>             listening port (default 8080; 0 picks a free one)",
    "  --bind <addr>          listening address (default 127.0.0.1)",
    "  --admin-port <n>       loopback admin listener: GET /_cejst/state, POST /_cejst/refresh",
    "  --poll-ms <n>          look for new generations every n ms instead of on every request",
    "  --access-log           one line per request on stderr (off by default: it costs every",
    "                         request a timing and a write)",
    "  --json                 log lines (and the access log) as one JSON object per line",
    "",
    "Stops on SIGINT or SIGTERM after in-flight requests finish.",
  ].join("\n"),
  options: {
    store: { type: "string" },
    domain: { type: "string", multiple: true },
    channel: { type: "string" },
    "staging-base": { type: "string" },
    "data-host": { type: "string" },
    port: { type: "string" },
    bind: { type: "string" },
    "admin-port": { type: "string" },
    "poll-ms": { type: "string" },
    "access-log": { type: "boolean" },
  },
  async run(args, ctx) {
    const storeUrl = optionalString(args, "store");
    if (storeUrl === undefined || storeUrl === "") throw new UsageError("--store is required");
    const raw = args.values.domain;
    const domains = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .filter((d): d is string => typeof d === "string" && d !== "")
      .map((d) => d.toLowerCase());
    if (domains.length === 0) throw new UsageError("--domain is required");
    const channel = optionalString(args, "channel") ?? "production";
    const stagingBase = (optionalString(args, "staging-base") ?? `staging.${domains[0]}`).toLowerCase();
    const dataHost = optionalString(args, "data-host")?.toLowerCase();
    const port = optionalInt(args, "port") ?? 8080;
    const adminPort = optionalInt(args, "admin-port");
    const pollMs = optionalInt(args, "poll-ms") ?? 0;
    const bind = optionalString(args, "bind") ?? "127.0.0.1";

    const store = openStore(storeUrl, { cwd: ctx.cwd });
    const edge = createEdgeServer({
      store,
      domains: {
        channels: { [channel]: domains },
        stagingBase,
        ...(dataHost === undefined ? {} : { dataHost }),
      },
      logger: logger(ctx),
      accessLog: args.values["access-log"] === true,
      pollMs,
    });
    let bound: number;
    try {
      bound = await edge.listen(port, bind);
    } catch (e) {
      throw new UsageError(`cannot listen on ${bind}:${port} (${(e as Error).message})`);
    }
    const admin = adminPort === undefined ? undefined : await startAdminServer(edge, adminPort);
    const url = `http://${bind.includes(":") ? `[${bind}]` : bind}:${bound}`;
    if (ctx.json) {
      ctx.out(
        `${JSON.stringify({ type: "listening", url, port: bound, adminPort: admin?.port ?? null, channel, domains, dataHost: dataHost ?? null })}\n`,
      );
    } else {
      ctx.out(
        `edge listening on ${url} (${channel}: ${domains.join(", ")}${dataHost ? `; data: ${dataHost}` : ""})\n`,
      );
      if (admin) ctx.out(`admin on http://127.0.0.1:${admin.port}/_cejst/state\n`);
    }
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    ctx.err("edge: shutting down\n");
    await admin?.close();
    await edge.close(5_000);
  },
};

function logger(ctx: CommandContext): (entry: EdgeLogEntry) => void {
  return (entry) => {
    if (ctx.json) {
      ctx.err(`${JSON.stringify(entry)}\n`);
      return;
    }
    if (entry.type === "access") {
      const dist = entry.distribution === undefined ? "" : ` ${String(entry.distribution)}`;
      ctx.err(
        `${String(entry.method)} ${String(entry.host)}${String(entry.path)} ${String(entry.status)} ${Number(entry.ms).toFixed(1)}ms${dist}\n`,
      );
    } else {
      const { type, ...rest } = entry;
      ctx.err(`edge ${type}: ${JSON.stringify(rest)}\n`);
    }
  };
}
