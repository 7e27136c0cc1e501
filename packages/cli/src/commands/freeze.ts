import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createFreeze, LifecyclePrecondition, recordRefusal } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, optionalString, requireString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

const LABEL = /^(beta|(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?)$/;

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync("git", ["-C", cwd, ...args], { encoding: "utf8" });
  return { ok: r.status === 0, out: (r.stdout ?? "").trimEnd() };
}

export const freezeCommand: Command = {
  name: "freeze",
  summary: "Record a code freeze for a label: commit, lockfile, input set and toolchain (write-once)",
  help: [
    "Usage: cejst freeze --label L --inputs sha256:<set> [--supersede N --reason R]",
    '                    [--as "Name <email>"] [--store URL] [--json]',
    "",
    "Writes freezes/<L>/<seq+1>.json if absent: the git commit of the working tree (which must",
    "be clean), the sha256 of its package-lock.json, the input set (from `cejst inputs",
    "snapshot`) and the Node version. The latest freeze of a label is the one in force: builds,",
    "publishes and approvals check against it, so superseding a freeze invalidates every",
    "candidate built from an earlier one.",
    "",
    "Options:",
    "  --label L        beta or MAJOR.MINOR[.PATCH]",
    "  --inputs SET     input set digest, sha256:<64 hex>",
    "  --supersede N    the seq of the freeze in force, when one exists (with --reason)",
    "  --reason R       why the freeze is superseded",
    "",
    "Exit codes: 0 frozen; 111 PRECONDITION (dirty tree, not a git work tree, unknown input",
    "set, label already public, --supersede not naming the latest seq); 109 CONFLICT (another",
    "freeze took the seq first); 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    label: { type: "string" },
    inputs: { type: "string" },
    supersede: { type: "string" },
    reason: { type: "string" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const label = requireString(args, "label");
    if (!LABEL.test(label))
      throw new UsageError(`--label must be beta or MAJOR.MINOR[.PATCH] (got ${label})`);
    const inputs = requireString(args, "inputs");
    const supersede = optionalInt(args, "supersede");
    const reason = optionalString(args, "reason");
    const { store } = storeFromArgs(args, ctx);
    const actor = actorFromArgs(args, ctx);
    const command = `cejst freeze --label ${label}`;
    const refuse = async (message: string): Promise<never> => {
      throw await recordRefusal(store, new LifecyclePrecondition(message), {
        subject: { label },
        actor,
        command,
      });
    };
    const top = git(ctx.cwd, ["rev-parse", "--show-toplevel"]);
    if (!top.ok) return refuse(`${ctx.cwd} is not a git work tree; a freeze names a commit`);
    const commit = git(ctx.cwd, ["rev-parse", "HEAD"]);
    if (!commit.ok || !/^[0-9a-f]{40}$/.test(commit.out))
      return refuse(`the work tree has no commit yet (got ${commit.out || "nothing"})`);
    const dirty = git(ctx.cwd, ["status", "--porcelain", "--untracked-files=no"]);
    if (!dirty.ok || dirty.out !== "") {
      const files = dirty.out
        .split("\n")
        .slice(0, 5)
        .map((l) => l.slice(3));
      return refuse(`the work tree has uncommitted changes; commit them first (got ${files.join(", ")})`);
    }
    const lockfile = await lockfileDigest(top.out);
    if (lockfile === undefined) return refuse(`${join(top.out, "package-lock.json")} is missing`);
    const { record, digest } = await createFreeze(store, {
      label,
      commit: commit.out,
      lockfile,
      inputs,
      toolchain: { node: process.versions.node },
      actor,
      command,
      ...(supersede === undefined ? {} : { supersedes: supersede }),
      ...(reason === undefined ? {} : { reason }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", freeze: record, digest })}\n`);
    else
      ctx.out(
        `freeze ${label} seq ${record.seq} ${digest}: commit ${record.commit}, inputs ${record.inputs}\n`,
      );
  },
};

async function lockfileDigest(root: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(join(root, "package-lock.json"));
    return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  } catch {
    return undefined;
  }
}
