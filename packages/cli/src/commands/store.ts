import { randomBytes } from "node:crypto";
import { hostname, userInfo } from "node:os";
import { type Actor, FsStore, openStore, type Store } from "@cejst/release";
import { StoreError, UsageError } from "@cejst/schema";
import type { Command, CommandArgs, CommandContext } from "../command.ts";
import { optionalString } from "../errors.ts";

/** The `--store` option every release command takes. */
export const STORE_OPTION = { store: { type: "string" } } as const;

/** The store of a release command: `--store`, else `CEJST_STORE`, else `./.cejst-store`. */
export function storeFromArgs(args: CommandArgs, ctx: CommandContext): { store: Store; url: string } {
  const url = optionalString(args, "store") ?? ctx.env.CEJST_STORE ?? "./.cejst-store";
  const id = ctx.env.AWS_ACCESS_KEY_ID;
  const secret = ctx.env.AWS_SECRET_ACCESS_KEY;
  const session = ctx.env.AWS_SESSION_TOKEN;
  const credentials =
    id && secret
      ? { accessKeyId: id, secretAccessKey: secret, ...(session ? { sessionToken: session } : {}) }
      : undefined;
  return { store: openStore(url, { cwd: ctx.cwd, ...(credentials ? { credentials } : {}) }), url };
}

/** Who is acting: `--as "Name <email>"`, else `CEJST_ACTOR`, plus the OS user and host. */
export function actorFromArgs(args: CommandArgs, ctx: CommandContext): Actor {
  const text = optionalString(args, "as") ?? ctx.env.CEJST_ACTOR ?? userInfo().username;
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(text);
  const actor: Actor = m ? { name: m[1]!, email: m[2]! } : { name: text.trim() };
  if (actor.name === "")
    throw new UsageError(`--as needs a name, as "Name <email>" (got ${JSON.stringify(text)})`);
  actor.osUser = userInfo().username;
  actor.host = hostname();
  return actor;
}

const enc = new TextEncoder();

/** Probes 1–3 of rollout.md §2.5 `store check`; throws `StoreError` naming the failed probe. */
export async function checkStore(store: Store): Promise<string[]> {
  const base = `control/probe/${randomBytes(8).toString("hex")}` as const;
  const done: string[] = [];
  const k1 = `${base}/single` as const;
  if ((await store.putIfAbsent(k1, enc.encode("first"), {})) !== "created")
    throw new StoreError(`store check probe 1 failed: a new key was not created (${k1})`);
  if ((await store.putIfAbsent(k1, enc.encode("second"), {})) !== "exists")
    throw new StoreError(
      "store check probe 1 failed: the store replaced an existing key (no working create-if-absent)",
    );
  const back = await store.get(k1);
  if (new TextDecoder().decode(back?.body) !== "first")
    throw new StoreError("store check probe 1 failed: the first bytes were not kept");
  done.push("create-if-absent");
  const k2 = `${base}/race` as const;
  const bodies = Array.from({ length: 16 }, (_, i) => enc.encode(`writer-${i}`));
  const results = await Promise.all(bodies.map((b) => store.putIfAbsent(k2, b, {})));
  const winners = results.flatMap((r, i) => (r === "created" ? [i] : []));
  if (winners.length !== 1)
    throw new StoreError(
      `store check probe 2 failed: ${winners.length} of 16 concurrent creates succeeded (expected 1)`,
    );
  const raced = await store.get(k2);
  if (new TextDecoder().decode(raced?.body) !== `writer-${winners[0]}`)
    throw new StoreError("store check probe 2 failed: the stored bytes are not the winner's");
  done.push("16 concurrent creates, one winner");
  const listed: string[] = [];
  for await (const info of store.list(`${base}/`)) listed.push(info.key);
  if (listed.join(",") !== `${k2},${k1}`)
    throw new StoreError(
      `store check probe 3 failed: list-after-write gave ${listed.join(",") || "nothing"}`,
    );
  done.push("read and list after write");
  await store.deleteProbe(k1);
  await store.deleteProbe(k2);
  return done;
}

export const storeCommand: Command = {
  name: "store",
  summary: "Check that the release store has working create-if-absent (`cejst store check`)",
  help: [
    "Usage: cejst store check [--store URL] [--clean-tmp] [--json]",
    "",
    "Probes the store under control/probe/<random>/: create-if-absent (a second put must not",
    "replace the first), 16 concurrent creates of one key (exactly one wins, its bytes stay),",
    "read and list after write; then deletes the probe keys.",
    "",
    "Options:",
    "  --store URL    a folder, file:///path or s3://bucket[/prefix]?endpoint=…&region=…",
    "                 (default: $CEJST_STORE, else ./.cejst-store). S3 credentials come from",
    "                 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.",
    "  --clean-tmp    fs stores: also remove temp files older than a day left by crashed writers",
    "",
    "Exit codes: 0 the store works; 106 a probe failed (named); 2 bad flags or URL.",
  ].join("\n"),
  options: { ...STORE_OPTION, "clean-tmp": { type: "boolean" } },
  async run(args, ctx) {
    if (args.positionals[0] !== "check")
      throw new UsageError(`store needs a subcommand: check (got ${args.positionals[0] ?? "nothing"})`);
    const { store, url } = storeFromArgs(args, ctx);
    const probes = await checkStore(store);
    let cleaned = 0;
    if (args.values["clean-tmp"] === true && store instanceof FsStore)
      cleaned = await store.cleanTmp(86_400_000);
    if (ctx.json)
      ctx.out(`${JSON.stringify({ type: "result", store: url, ok: true, probes, cleanedTmp: cleaned })}\n`);
    else
      ctx.out(`store ${url}: ok (${probes.join("; ")})${cleaned ? `; removed ${cleaned} temp files` : ""}\n`);
  },
};
